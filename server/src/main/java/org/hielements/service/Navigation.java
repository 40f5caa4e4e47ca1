package org.hielements.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hielements.semantics.ContainerSymbol;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.FileSymbol;
import org.hielements.semantics.FunctionSymbol;
import org.hielements.semantics.ImportSymbol;
import org.hielements.semantics.LibrarySymbol;
import org.hielements.semantics.Location;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.Occurrence;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.semantics.Symbol;
import org.hielements.text.Position;
import org.hielements.text.Span;
import org.hielements.syntax.TokenKind;

/**
 * Definition, references and rename for elements, patterns, scopes, refs, languages, placeholders and their
 * {@code binds}, across the files joined by imports. References and rename search the whole workspace folder (every
 * {@code .hie} file, open ones with their unsaved text).
 */
final class Navigation {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Navigation() {}

    static List<DocLocation> definition(DocumentAnalysis a, Position p, DocumentStore store) {
        Optional<SourceFile> file = a.file();
        if (file.isEmpty()) return List.of();
        Optional<Occurrence> occ = a.model().index().at(file.get(), a.source().offset(p));
        if (occ.isEmpty()) return List.of();
        Symbol s = occ.get().symbol();
        if (s instanceof ImportSymbol is && is.target() instanceof FileSymbol f) s = f;
        if (s instanceof FileSymbol f) {
            return List.of(new DocLocation(store.uriOf(f.file().path()),
                    Range.of(f.file().source(), Span.at(0))));
        }
        Optional<Location> decl = s.declaration();
        return decl.map(d -> List.of(location(d.file(), d.nameSpan(), store))).orElse(List.of());
    }

    static DocLocation location(SourceFile file, Span span, DocumentStore store) {
        return new DocLocation(store.uriOf(file.path()), Range.of(file.source(), span));
    }

    /** The occurrence at the cursor in the workspace model (the same text as the document's current version). */
    static Optional<Occurrence> workspaceOccurrence(SemanticModel workspace, DocumentAnalysis a, Position p) {
        Optional<SourceFile> f = workspace.file(a.document().path());
        if (f.isEmpty()) return Optional.empty();
        int offset = f.get().source().offset(p);
        return workspace.index().at(f.get(), offset);
    }

    static List<DocLocation> references(SemanticModel workspace, DocumentAnalysis a, Position p,
            boolean includeDeclaration, DocumentStore store) {
        Optional<Occurrence> occ = workspaceOccurrence(workspace, a, p);
        if (occ.isEmpty()) return List.of();
        List<DocLocation> out = new ArrayList<>();
        for (Occurrence o : workspace.index().references(occ.get().symbol(), includeDeclaration)) {
            out.add(location(o.file(), o.span(), store));
        }
        return out;
    }

    /** What rename would edit at the cursor: the word's range, or empty when there is nothing renamable there. */
    static Optional<Range> prepareRename(DocumentAnalysis a, Position p) {
        Optional<SourceFile> file = a.file();
        if (file.isEmpty()) return Optional.empty();
        Optional<Occurrence> occ = a.model().index().at(file.get(), a.source().offset(p));
        if (occ.isEmpty() || !renamable(occ.get().symbol())) return Optional.empty();
        String text = text(occ.get());
        if (!text.equals(occ.get().symbol().name())) return Optional.empty();
        return Optional.of(Range.of(a.source(), occ.get().span()));
    }

    private static boolean renamable(Symbol s) {
        if (s instanceof LibrarySymbol || s instanceof FunctionSymbol || s instanceof FileSymbol) return false;
        if (s instanceof ImportSymbol is) return is.node().alias() != null;
        return s.declaration().isPresent();
    }

    private static String text(Occurrence o) {
        String t = o.file().source().text();
        return t.substring(Math.min(o.span().start(), t.length()), Math.min(o.span().end(), t.length()));
    }

    /** The edits renaming the symbol at the cursor, or an error a user understands. */
    static RenameOutcome rename(SemanticModel workspace, DocumentAnalysis a, Position p, String newName,
            DocumentStore store) {
        if (prepareRename(a, p).isEmpty()) return RenameOutcome.error("Nothing that can be renamed is here.");
        if (!IDENTIFIER.matcher(newName).matches()) {
            return RenameOutcome.error("'" + newName + "' is not a valid name.");
        }
        TokenKind k = TokenKind.keyword(newName);
        if (k != null && !k.isSoftKeyword()) return RenameOutcome.error("'" + newName + "' is a keyword.");
        Optional<Occurrence> occ = workspaceOccurrence(workspace, a, p);
        if (occ.isEmpty()) return RenameOutcome.error("Nothing that can be renamed is here.");
        Symbol s = occ.get().symbol();
        String old = s.name();
        if (old.equals(newName)) return new RenameOutcome(new WorkspaceChange(Map.of()), null);
        String clash = clash(s, newName);
        if (clash != null) return RenameOutcome.error(clash);
        Map<String, List<DocEdit>> edits = new LinkedHashMap<>();
        for (Occurrence o : workspace.index().occurrences(s)) {
            if (!text(o).equals(old)) continue;
            DocLocation loc = location(o.file(), o.span(), store);
            edits.computeIfAbsent(loc.uri(), u -> new ArrayList<>()).add(new DocEdit(loc.range(), newName));
        }
        return new RenameOutcome(new WorkspaceChange(edits), null);
    }

    private static String clash(Symbol s, String newName) {
        ContainerSymbol where = null;
        if (s instanceof MemberSymbol m) where = m.container();
        else if (s instanceof ElementSymbol e) where = e.parent();
        if (where != null && where.lookup(newName).isPresent()) {
            return "'" + newName + "' is already declared in " + where.qualifiedName() + ".";
        }
        return null;
    }
}
