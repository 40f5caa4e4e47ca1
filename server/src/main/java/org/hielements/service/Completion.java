package org.hielements.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hielements.library.FunctionDoc;
import org.hielements.library.FunctionKind;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryRegistry;
import org.hielements.semantics.ContainerSymbol;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.FileSymbol;
import org.hielements.semantics.ImportSymbol;
import org.hielements.semantics.Implementation;
import org.hielements.semantics.LanguageSymbol;
import org.hielements.semantics.LibrarySymbol;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.PatternSymbol;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.semantics.Symbol;
import org.hielements.service.CompletionEntry.Kind;
import org.hielements.syntax.Ast;
import org.hielements.syntax.Token;
import org.hielements.syntax.TokenKind;

/**
 * Completion (LSP.md): keywords fitting the position; library names after {@code import} and in expressions; after
 * {@code lib.} that library's functions (checks right after {@code check}, selectors elsewhere); names in scope in
 * arguments and after {@code a.}; pattern names after {@code implements}; placeholder paths after {@code binds};
 * languages inside {@code <...>}. Reads the tokens of the cursor's line, so it works in a file with syntax errors.
 */
final class Completion {
    static final List<String> TOP_KEYWORDS = List.of("element", "pattern", "template", "language", "import", "from");
    static final List<String> ELEMENT_KEYWORDS = List.of("scope", "ref", "check", "element", "uses",
            "connection_point");
    static final List<String> PATTERN_KEYWORDS = List.of("requires", "allows", "forbids");
    static final List<String> REQUIREMENT_KEYWORDS = List.of("scope", "check", "element", "connection", "ref",
            "implements", "language", "descendant");

    private final Cursor cursor;
    private final LibraryRegistry registry;
    private final SemanticModel model;
    private final SourceFile file;
    private final ContainerSymbol container;
    private final Map<String, CompletionEntry> out = new LinkedHashMap<>();

    private Completion(Cursor cursor) {
        this.cursor = cursor;
        this.registry = cursor.analysis.folder().registry();
        this.model = cursor.analysis.modelForTyping();
        this.file = model.file(cursor.analysis.document().path()).orElse(null);
        this.container = file == null ? null : Models.container(model, file, cursor.enclosing);
    }

    static List<CompletionEntry> at(DocumentAnalysis analysis, org.hielements.text.Position position) {
        Cursor cursor = Cursor.at(analysis, position);
        if (cursor.inCommentOrString) return List.of();
        Completion c = new Completion(cursor);
        c.run();
        return new ArrayList<>(c.out.values());
    }

    private void run() {
        List<Token> b = cursor.before;
        TokenKind last = cursor.fromEnd(0);
        TokenKind first = cursor.first();
        if (b.isEmpty()) {
            statementKeywords();
            return;
        }
        if (last == TokenKind.DOT) {
            afterDot();
            return;
        }
        switch (first) {
            case IMPORT -> {
                if (b.size() == 1) libraries();
                return;
            }
            case FROM -> {
                return;
            }
            case ELEMENT, PATTERN, TEMPLATE -> {
                if (cursor.has(TokenKind.IMPLEMENTS)) {
                    if (last == TokenKind.IMPLEMENTS || last == TokenKind.COMMA) patterns();
                } else if (first == TokenKind.ELEMENT && b.size() == 2 && last == TokenKind.IDENTIFIER) {
                    keyword("implements");
                }
                return;
            }
            case REQUIRES, ALLOWS, FORBIDS -> {
                requirement(b, last);
                return;
            }
            case LANGUAGE -> {
                return;
            }
            default -> {
            }
        }
        if (last == TokenKind.LANGLE) {
            languages();
            return;
        }
        if (last == TokenKind.BINDS) {
            placeholders();
            return;
        }
        if (last == TokenKind.USES) {
            names(false);
            return;
        }
        if (first == TokenKind.CHECK && b.size() == 1) {
            libraries();
            return;
        }
        if (last == TokenKind.EQUALS || last == TokenKind.LPAREN || last == TokenKind.COMMA
                || last == TokenKind.LBRACKET) {
            names(true);
            libraries();
            return;
        }
        if ((first == TokenKind.SCOPE || first == TokenKind.REF || first == TokenKind.CONNECTION_POINT)
                && !cursor.has(TokenKind.EQUALS) && !cursor.has(TokenKind.BINDS) && isName(last)
                && b.size() >= 2) {
            keyword("binds");
        }
    }

    // -------------------------------------------------------------------------------------------- contexts

    private void statementKeywords() {
        Object inner = cursor.innermost();
        if (inner == null) {
            for (String k : TOP_KEYWORDS) keyword(k);
            return;
        }
        if (inner instanceof Ast.Language) {
            keyword("connection_check");
            return;
        }
        for (String k : ELEMENT_KEYWORDS) keyword(k);
        if (cursor.inPattern()) {
            for (String k : PATTERN_KEYWORDS) keyword(k);
        }
    }

    private void requirement(List<Token> b, TokenKind last) {
        if (b.size() == 1 || (b.size() == 2 && last == TokenKind.DESCENDANT)) {
            for (String k : REQUIREMENT_KEYWORDS) {
                if (!(k.equals("descendant") && b.size() == 2)) keyword(k);
            }
            return;
        }
        if (last == TokenKind.IMPLEMENTS) {
            patterns();
        } else if (last == TokenKind.LANGUAGE || last == TokenKind.LANGLE
                || (last == TokenKind.COMMA && cursor.has(TokenKind.LANGUAGE))) {
            languages();
        } else if (last == TokenKind.CHECK) {
            libraries();
        } else if (last == TokenKind.TO || (last == TokenKind.CONNECTION)) {
            names(false);
        } else if (last == TokenKind.LPAREN || last == TokenKind.COMMA) {
            names(true);
            libraries();
        }
    }

    /** After {@code a.b.}: the functions of a library, or the members and children of what the path names. */
    private void afterDot() {
        List<String> path = pathBeforeDot();
        if (path.isEmpty()) return;
        TokenKind beforePath = cursor.fromEnd(path.size() * 2);
        if (beforePath == TokenKind.BINDS) {
            placeholders();
            return;
        }
        if (beforePath == TokenKind.IMPLEMENTS || (beforePath == TokenKind.COMMA && cursor.has(TokenKind.IMPLEMENTS)
                && cursor.first() == TokenKind.ELEMENT)) {
            importedPatterns(path);
            return;
        }
        if (path.size() == 1) {
            Optional<String> lib = Models.libraryName(model, file, container, path.get(0), registry);
            if (lib.isPresent()) {
                functions(lib.get(), usedAs(path.size()));
                return;
            }
        }
        if (model == null || file == null) return;
        Optional<Symbol> s = model.lookup(file, container, path.get(0), true);
        if (s.isEmpty()) {
            PatternSymbol p = model.visiblePatterns(file).get(path.get(0));
            if (p == null) return;
            s = Optional.of(p);
        }
        Symbol current = s.get();
        for (int i = 1; i < path.size() && current != null; i++) {
            current = member(current, path.get(i));
        }
        if (current != null) membersOf(current);
    }

    /** Whether a call completed after this path is the check itself ({@code check lib.}) or a selector. */
    private FunctionKind usedAs(int pathLength) {
        TokenKind k = cursor.fromEnd(pathLength * 2);
        if (k == TokenKind.CHECK) return FunctionKind.CHECK;
        if (k == TokenKind.COLON && cursor.first() == TokenKind.CONNECTION_CHECK) return FunctionKind.CHECK;
        return FunctionKind.SELECTOR;
    }

    /** The identifiers of {@code a.b.} just before the cursor's word, or empty. */
    private List<String> pathBeforeDot() {
        List<String> segs = new ArrayList<>();
        int i = 0;
        while (cursor.fromEnd(i) == TokenKind.DOT && isName(cursor.fromEnd(i + 1))) {
            segs.add(0, cursor.tokenFromEnd(i + 1).text());
            i += 2;
        }
        return segs;
    }

    private static boolean isName(TokenKind k) {
        return k != null && (k == TokenKind.IDENTIFIER || k.isSoftKeyword());
    }

    private Symbol member(Symbol s, String name) {
        if (s instanceof ContainerSymbol c) return c.lookup(name).orElse(null);
        if (s instanceof ImportSymbol is && is.target() instanceof FileSymbol f) {
            for (ContainerSymbol c : Models.topLevel(model, f.file())) {
                if (c.name().equals(name)) return c;
            }
        }
        return null;
    }

    private void membersOf(Symbol s) {
        if (s instanceof ContainerSymbol c) {
            for (ElementSymbol e : c.children()) symbol(e);
            for (MemberSymbol m : c.members()) symbol(m);
        } else if (s instanceof ImportSymbol is && is.target() instanceof FileSymbol f) {
            for (ContainerSymbol c : Models.topLevel(model, f.file())) symbol(c);
        }
    }

    // -------------------------------------------------------------------------------------------- proposals

    private void keyword(String k) {
        out.putIfAbsent(k, new CompletionEntry(k, Kind.KEYWORD, "keyword", null, null, "0" + k));
    }

    private void libraries() {
        for (String name : registry.names()) {
            LibraryDoc doc = Models.functions(registry, name).orElse(null);
            String description = doc == null ? null : doc.description();
            String detail = registry.isBuiltin(name) ? "built-in library" : "plugin library";
            out.putIfAbsent(name, new CompletionEntry(name, Kind.LIBRARY, detail,
                    description == null || description.isEmpty() ? null : description, null, "2" + name));
        }
        if (model != null && file != null) {
            for (Map.Entry<String, Symbol> e : model.visibleNames(file, null).entrySet()) {
                if (e.getValue() instanceof ImportSymbol is && is.target() instanceof LibrarySymbol l) {
                    out.putIfAbsent(e.getKey(), new CompletionEntry(e.getKey(), Kind.LIBRARY,
                            "import of library " + l.name(), null, null, "2" + e.getKey()));
                }
            }
        }
    }

    private void functions(String library, FunctionKind kind) {
        Optional<LibraryDoc> doc = Models.functions(registry, library);
        if (doc.isEmpty()) return;
        List<FunctionDoc> first = kind == FunctionKind.CHECK ? doc.get().checks() : doc.get().functions();
        for (FunctionDoc f : first) {
            out.putIfAbsent(f.name(), new CompletionEntry(f.name(), Kind.FUNCTION, library + "." + f.signature(),
                    Markdown.function(library, f, kind), f.name(), "1" + f.name()));
        }
    }

    private void names(boolean values) {
        if (model == null || file == null) return;
        for (Map.Entry<String, Symbol> e : model.visibleNames(file, container).entrySet()) {
            Symbol s = e.getValue();
            if (s instanceof LibrarySymbol || (s instanceof ImportSymbol is && is.isLibrary())) continue;
            if (s instanceof PatternSymbol && values) continue;
            add(e.getKey(), s);
        }
    }

    private void symbol(Symbol s) {
        add(s.name(), s);
    }

    private void add(String label, Symbol s) {
        Kind kind;
        String detail;
        if (s instanceof ElementSymbol e) {
            kind = Kind.ELEMENT;
            detail = "element " + e.path();
        } else if (s instanceof PatternSymbol p) {
            kind = Kind.PATTERN;
            detail = "pattern " + p.name();
        } else if (s instanceof MemberSymbol m) {
            kind = m.isPlaceholder() ? Kind.PLACEHOLDER : m.isScope() ? Kind.SCOPE : Kind.REF;
            detail = (m.isScope() ? "scope " : "ref ") + m.qualifiedName()
                    + (m.language() != null ? " <" + m.language() + ">" : "")
                    + (m.type() != null ? ": " + m.type() : "");
        } else if (s instanceof ImportSymbol is) {
            kind = Kind.FILE;
            detail = "import " + is.target().qualifiedName();
        } else if (s instanceof LanguageSymbol) {
            kind = Kind.LANGUAGE;
            detail = "language";
        } else {
            kind = Kind.REF;
            detail = s.kind().name().toLowerCase(java.util.Locale.ROOT);
        }
        out.putIfAbsent(label, new CompletionEntry(label, kind, detail, null, null, "1" + label));
    }

    private void patterns() {
        if (model == null || file == null) return;
        for (Map.Entry<String, PatternSymbol> e : model.visiblePatterns(file).entrySet()) {
            out.putIfAbsent(e.getKey(), new CompletionEntry(e.getKey(), Kind.PATTERN, "pattern " + e.getValue().name(),
                    null, null, "1" + e.getKey()));
        }
        for (Map.Entry<String, Symbol> e : model.visibleNames(file, null).entrySet()) {
            if (e.getValue() instanceof ImportSymbol is && is.target() instanceof FileSymbol) {
                out.putIfAbsent(e.getKey(), new CompletionEntry(e.getKey(), Kind.FILE,
                        "import " + is.target().qualifiedName(), null, null, "2" + e.getKey()));
            }
        }
    }

    private void importedPatterns(List<String> path) {
        if (model == null || file == null || path.size() != 1) return;
        Symbol s = model.visibleNames(file, null).get(path.get(0));
        if (s instanceof ImportSymbol is && is.target() instanceof FileSymbol f) {
            for (ContainerSymbol c : Models.topLevel(model, f.file())) {
                if (c instanceof PatternSymbol p) symbol(p);
            }
        }
    }

    private void languages() {
        if (model == null || file == null) return;
        for (Map.Entry<String, LanguageSymbol> e : model.visibleLanguages(file).entrySet()) {
            out.putIfAbsent(e.getKey(), new CompletionEntry(e.getKey(), Kind.LANGUAGE, "language", null, null,
                    "1" + e.getKey()));
        }
    }

    /** After {@code binds}: {@code P.path} of every placeholder of the patterns the enclosing elements implement. */
    private void placeholders() {
        if (model == null || file == null) return;
        Set<PatternSymbol> seen = new java.util.LinkedHashSet<>();
        for (ContainerSymbol c = container; c != null; c = c.parent()) {
            if (c instanceof ElementSymbol e) {
                for (Implementation i : e.implementations()) seen.add(i.pattern());
                if (e.implementations().isEmpty()) {
                    for (Ast.Name n : e.node().implemented()) {
                        PatternSymbol p = model.visiblePatterns(file).get(n.text());
                        if (p != null) seen.add(p);
                    }
                }
            }
        }
        int from = cursor.wordStart;
        int i = 0;
        while (cursor.fromEnd(i) == TokenKind.DOT && isName(cursor.fromEnd(i + 1))) {
            from = cursor.tokenFromEnd(i + 1).start();
            i += 2;
        }
        Range replace = Range.of(cursor.source, new org.hielements.text.Span(from, cursor.wordEnd));
        for (PatternSymbol p : seen) {
            for (MemberSymbol m : p.placeholders()) {
                String label = p.name() + "." + m.patternPath();
                out.putIfAbsent(label, new CompletionEntry(label, Kind.PLACEHOLDER,
                        (m.isScope() ? "scope" : "ref") + " placeholder of pattern " + p.name(), null, label,
                        "1" + label, new DocEdit(replace, label)));
            }
        }
    }
}
