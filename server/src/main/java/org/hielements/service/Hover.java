package org.hielements.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hielements.check.RunResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.FunctionKind;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Scope;
import org.hielements.library.Workspace;
import org.hielements.semantics.ContainerSymbol;
import org.hielements.semantics.ConnectionCheckSymbol;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.FileSymbol;
import org.hielements.semantics.FunctionSymbol;
import org.hielements.semantics.Implementation;
import org.hielements.semantics.ImportSymbol;
import org.hielements.semantics.LanguageSymbol;
import org.hielements.semantics.LibrarySymbol;
import org.hielements.semantics.Location;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.Occurrence;
import org.hielements.semantics.ParameterSymbol;
import org.hielements.semantics.PatternSymbol;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.semantics.Symbol;
import org.hielements.semantics.ValueNode;
import org.hielements.syntax.Ast;
import org.hielements.text.Position;
import org.hielements.text.SourceText;
import org.hielements.text.Span;
import org.hielements.syntax.Token;
import org.hielements.syntax.TokenKind;

/**
 * Hover (LSP.md): for a library function its signature, description and example; for a library its functions; for an
 * identifier what it resolves to and where it is declared, and for a scope or ref its value in the last check run
 * while that value is current (see {@link CheckRuns#valueOf}).
 */
final class Hover {
    /** How many paths of a scope are listed. */
    static final int PATHS_SHOWN = 5;

    private Hover() {}

    static Optional<HoverInfo> at(DocumentAnalysis a, Position position) {
        return at(a, position, null);
    }

    /** Hover at {@code position}; {@code runs} (nullable) gives the values of check runs. */
    static Optional<HoverInfo> at(DocumentAnalysis a, Position position, CheckRuns runs) {
        int offset = a.source().offset(position);
        SemanticModel model = a.model();
        Optional<SourceFile> file = a.file();
        LibraryRegistry registry = a.folder().registry();
        if (file.isPresent()) {
            Optional<Occurrence> occ = model.index().at(file.get(), offset);
            if (occ.isPresent()) {
                String md = describe(occ.get().symbol(), registry, a.folder().root());
                if (md != null && runs != null && occ.get().symbol() instanceof MemberSymbol m) {
                    ValueNode node = valueNode(model, file.get(), offset, m);
                    Optional<RunResult.Computed> value = node == null ? Optional.empty()
                            : runs.valueOf(a.folder().root(), node);
                    if (value.isPresent()) md = md + "\n" + valueLine(value.get(), a.folder().root()) + "\n";
                }
                if (md != null) return Optional.of(new HoverInfo(md, Range.of(a.source(), occ.get().span())));
            }
        }
        return byTokens(a, offset, registry);
    }

    /**
     * The value a scope or ref stands for where it is hovered: its own value outside patterns; a pattern member as
     * bound in the implementation of the element (or enclosing element) written around {@code offset}; null inside
     * the pattern itself (one value per implementation).
     */
    private static ValueNode valueNode(SemanticModel model, SourceFile file, int offset, MemberSymbol m) {
        if (!m.inPattern()) return new ValueNode.Declared(m);
        ContainerSymbol c = model.containerAt(file, offset).orElse(null);
        for (; c != null; c = c.parent()) {
            if (c instanceof ElementSymbol e && !e.inPattern()) {
                Optional<Implementation> impl = e.implementation(m.pattern());
                if (impl.isPresent()) return new ValueNode.Bound(impl.get(), m);
            }
        }
        return null;
    }

    /**
     * {@code Value: `Folder('src')` selected 2 files: `src/a.py`, `src/b.py`} for a scope (the first
     * {@link #PATHS_SHOWN} paths, relative to the workspace), {@code Value: `8080`} for another value,
     * {@code Value: failed: ...} for a value that could not be computed.
     */
    static String valueLine(RunResult.Computed c, Path root) {
        if (!c.ok()) return "Value: failed: " + c.error();
        if (!(c.value() instanceof Scope s)) return "Value: `" + c.value().display() + "`";
        StringBuilder sb = new StringBuilder("Value: `").append(s.display()).append("` selected ");
        List<String> paths = s.displayPaths(Workspace.of(root));
        if (paths.isEmpty()) return sb.append("no files").toString();
        sb.append(paths.size()).append(paths.size() == 1 ? " file: " : " files: ");
        for (int i = 0; i < Math.min(PATHS_SHOWN, paths.size()); i++) {
            if (i > 0) sb.append(", ");
            sb.append('`').append(paths.get(i)).append('`');
        }
        if (paths.size() > PATHS_SHOWN) sb.append(" and ").append(paths.size() - PATHS_SHOWN).append(" more");
        if (!s.resolved()) sb.append(" (not resolved by its library)");
        return sb.toString();
    }

    /** {@code lib.f} or {@code lib} read from the tokens, for a call the model did not resolve (broken code). */
    private static Optional<HoverInfo> byTokens(DocumentAnalysis a, int offset, LibraryRegistry registry) {
        java.util.List<Token> tokens = a.tokens();
        int i = indexAt(tokens, offset);
        if (i < 0) return Optional.empty();
        Token t = tokens.get(i);
        if (t.kind() != TokenKind.IDENTIFIER && !t.kind().isSoftKeyword()) return Optional.empty();
        if (i >= 2 && tokens.get(i - 1).kind() == TokenKind.DOT && tokens.get(i - 2).kind() == TokenKind.IDENTIFIER) {
            String lib = tokens.get(i - 2).text();
            Optional<LibraryDoc> doc = Models.functions(registry, lib);
            if (doc.isEmpty()) return Optional.empty();
            Optional<FunctionDoc> f = doc.get().function(t.text());
            return f.map(fd -> new HoverInfo(Markdown.function(lib, fd, doc.get().kindOf(t.text()).orElse(null)),
                    Range.of(a.source(), t.span())));
        }
        if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == TokenKind.DOT) {
            Optional<LibraryDoc> doc = Models.functions(registry, t.text());
            return doc.map(d -> new HoverInfo(Markdown.library(d, kindWord(registry, t.text())),
                    Range.of(a.source(), t.span())));
        }
        return Optional.empty();
    }

    static int indexAt(java.util.List<Token> tokens, int offset) {
        int lo = 0;
        int hi = tokens.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Token t = tokens.get(mid);
            if (t.end() < offset) lo = mid + 1;
            else if (t.start() > offset) hi = mid - 1;
            else {
                // prefer an identifier touching the offset
                if (t.kind() != TokenKind.IDENTIFIER && mid + 1 < tokens.size()
                        && tokens.get(mid + 1).start() == offset) {
                    return mid + 1;
                }
                return mid;
            }
        }
        return -1;
    }

    private static String kindWord(LibraryRegistry registry, String name) {
        return registry.isBuiltin(name) ? "built-in library" : "plugin library";
    }

    /** Markdown describing a symbol; null when there is nothing to say. */
    static String describe(Symbol s, LibraryRegistry registry, Path root) {
        if (s instanceof FunctionSymbol f) {
            Optional<FunctionDoc> doc = f.doc();
            if (doc.isEmpty()) {
                doc = Models.functions(registry, f.library().name()).flatMap(d -> d.function(f.name()));
            }
            FunctionKind kind = f.functionKind().orElse(null);
            if (doc.isPresent()) return Markdown.function(f.library().name(), doc.get(), kind);
            return Markdown.code("function " + f.qualifiedName()) + "\nNo documentation is known for this function.\n";
        }
        if (s instanceof LibrarySymbol l) {
            Optional<LibraryDoc> doc = l.doc().or(() -> Models.functions(registry, l.name()));
            if (doc.isPresent()) return Markdown.library(doc.get(), kindWord(registry, l.name()));
            if (!l.known()) {
                return Markdown.code("library " + l.name())
                        + "\nUnknown library: neither built in nor configured in `hielements.toml`.\n";
            }
            return Markdown.code("library " + l.name()) + "\nIts functions are not known yet.\n";
        }
        if (s instanceof ImportSymbol is) {
            String target = is.target() instanceof FileSymbol f ? "file `" + relative(root, f.file().path()) + "`"
                    : "library `" + is.target().name() + "`";
            return Markdown.code("import " + is.name()) + "\nImports " + target + ".\n";
        }
        StringBuilder sb = new StringBuilder();
        Optional<Location> decl = s.declaration();
        if (s instanceof FileSymbol f) {
            return Markdown.code("file " + relative(root, f.file().path()));
        }
        decl.ifPresent(d -> sb.append(Markdown.code(firstLine(d))));
        sb.append('\n').append(what(s));
        decl.ifPresent(d -> sb.append(", declared in `").append(relative(root, d.file().path())).append(":")
                .append(d.source().cliLine(d.nameSpan().start())).append('`'));
        sb.append('\n');
        Ast.DocComment doc = docOf(s);
        if (doc != null && !doc.text().isBlank()) sb.append('\n').append(doc.text()).append('\n');
        return sb.toString();
    }

    private static String what(Symbol s) {
        if (s instanceof ElementSymbol e) {
            return (e.inPattern() ? "element of pattern `" + e.pattern().name() + "`: " : "element ") + "`" + e.path()
                    + "`";
        }
        if (s instanceof PatternSymbol p) {
            return "pattern `" + p.name() + "` (" + p.placeholders().size() + " placeholder(s), "
                    + p.implementations().size() + " implementation(s))";
        }
        if (s instanceof MemberSymbol m) {
            String word = m.isScope() ? "scope" : "ref";
            if (m.isPlaceholder()) {
                return word + " placeholder `" + m.pattern().name() + "." + m.patternPath()
                        + "`: each implementing element binds it";
            }
            if (m.inPattern()) return word + " `" + m.pattern().name() + "." + m.patternPath() + "` of a pattern";
            return word + " `" + m.qualifiedName() + "`";
        }
        if (s instanceof LanguageSymbol l) return "language `" + l.name() + "`";
        if (s instanceof ConnectionCheckSymbol c) return "connection check `" + c.qualifiedName() + "`";
        if (s instanceof ParameterSymbol p) return "parameter `" + p.name() + "` of connection check `"
                + p.check().qualifiedName() + "`";
        return s.kind().name().toLowerCase(java.util.Locale.ROOT) + " `" + s.qualifiedName() + "`";
    }

    private static Ast.DocComment docOf(Symbol s) {
        if (s instanceof ElementSymbol e) return e.node().doc();
        if (s instanceof PatternSymbol p) return p.node().doc();
        if (s instanceof MemberSymbol m) return m.isScope() ? m.scopeNode().doc() : m.refNode().doc();
        if (s instanceof LanguageSymbol l) return l.node().doc();
        if (s instanceof ConnectionCheckSymbol c) return c.node().doc();
        return null;
    }

    /** The first line of a declaration, without a trailing '{' or ':'. */
    static String firstLine(Location d) {
        String text = d.source().text();
        Span span = d.span();
        int start = Math.max(0, Math.min(span.start(), text.length()));
        int end = Math.max(start, Math.min(span.end(), text.length()));
        int nl = SourceText.nextLineBreak(text, start);
        if (nl < end) end = nl;
        String s = text.substring(start, end).trim();
        if (s.endsWith("{") || s.endsWith(":")) s = s.substring(0, s.length() - 1).trim();
        return s;
    }

    static String relative(Path root, Path file) {
        Path f = file.toAbsolutePath().normalize();
        return f.startsWith(root) && !f.equals(root) ? root.relativize(f).toString() : f.toString();
    }
}
