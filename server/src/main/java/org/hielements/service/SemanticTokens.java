package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.hielements.library.LibraryRegistry;
import org.hielements.semantics.FunctionSymbol;
import org.hielements.semantics.LibrarySymbol;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.Occurrence;
import org.hielements.semantics.SourceFile;
import org.hielements.semantics.Symbol;
import org.hielements.syntax.Ast;
import org.hielements.text.Position;
import org.hielements.text.SourceText;
import org.hielements.text.Span;
import org.hielements.syntax.Token;

/**
 * Semantic tokens: keywords, declarations, library calls, placeholders (and strings, numbers, doc comments, type
 * names). Names are classified by what they resolve to, so a soft keyword used as a name is not a keyword.
 */
public final class SemanticTokens {
    /** The token types, in legend order. */
    public static final List<String> TYPES = List.of("keyword", "namespace", "function", "class", "interface",
            "variable", "parameter", "type", "string", "number", "comment", "method");
    /** The token modifiers, in legend order (bit i is modifier i). */
    public static final List<String> MODIFIERS = List.of("declaration", "defaultLibrary");

    static final int KEYWORD = 0, NAMESPACE = 1, FUNCTION = 2, CLASS = 3, INTERFACE = 4, VARIABLE = 5, PARAMETER = 6,
            TYPE = 7, STRING = 8, NUMBER = 9, COMMENT = 10, METHOD = 11;
    static final int DECLARATION = 1, DEFAULT_LIBRARY = 2;

    /** One token: where it is (a single line), its type index and modifier bits. */
    public record Token(int line, int character, int length, int type, int modifiers) {}

    private SemanticTokens() {}

    static List<Token> of(DocumentAnalysis a) {
        SourceText s = a.source();
        TreeMap<Integer, int[]> bySpan = new TreeMap<>();
        Optional<SourceFile> file = a.file();
        LibraryRegistry registry = a.folder().registry();
        if (file.isPresent()) {
            for (Occurrence o : a.model().index().occurrences(file.get())) {
                int[] t = classify(o, registry);
                if (t != null) bySpan.putIfAbsent(o.span().start(), new int[] {o.span().end(), t[0], t[1]});
            }
        }
        refTypes(a.ast().declarations(), bySpan);
        for (org.hielements.syntax.Token t : a.tokens()) {
            int type;
            if (t.kind().isKeyword()) type = KEYWORD;
            else if (t.kind().isString()) type = STRING;
            else if (t.kind() == org.hielements.syntax.TokenKind.NUMBER) type = NUMBER;
            else if (t.kind() == org.hielements.syntax.TokenKind.DOC_COMMENT) type = COMMENT;
            else continue;
            if (t.end() <= t.start()) continue;
            bySpan.putIfAbsent(t.start(), new int[] {t.end(), type, 0});
        }
        List<Token> out = new ArrayList<>();
        int covered = 0;
        for (var e : bySpan.entrySet()) {
            int start = e.getKey();
            int[] v = e.getValue();
            if (start < covered) continue;
            covered = v[0];
            split(s, new Span(start, v[0]), v[1], v[2], out);
        }
        return out;
    }

    private static int[] classify(Occurrence o, LibraryRegistry registry) {
        Symbol s = o.symbol();
        int mods = o.declaration() ? DECLARATION : 0;
        int type;
        switch (s.kind()) {
            case ELEMENT -> type = CLASS;
            case PATTERN -> type = INTERFACE;
            case SCOPE, REF -> type = ((MemberSymbol) s).isPlaceholder() ? PARAMETER : VARIABLE;
            case LANGUAGE -> type = TYPE;
            case CONNECTION_CHECK -> type = METHOD;
            case PARAMETER -> type = PARAMETER;
            case LIBRARY -> {
                type = NAMESPACE;
                if (registry.isBuiltin(((LibrarySymbol) s).name())) mods |= DEFAULT_LIBRARY;
            }
            case FUNCTION -> {
                type = FUNCTION;
                if (registry.isBuiltin(((FunctionSymbol) s).library().name())) mods |= DEFAULT_LIBRARY;
            }
            case IMPORT -> type = NAMESPACE;
            default -> {
                return null;
            }
        }
        return new int[] {type, mods};
    }

    private static void refTypes(List<?> nodes, TreeMap<Integer, int[]> bySpan) {
        for (Object o : nodes) {
            if (o instanceof Ast.Element e) refTypes(e.items(), bySpan);
            else if (o instanceof Ast.Pattern p) refTypes(p.items(), bySpan);
            else if (o instanceof Ast.Ref r && r.type() != null) {
                bySpan.putIfAbsent(r.type().span().start(), new int[] {r.type().span().end(), TYPE, 0});
            } else if (o instanceof Ast.Requirement r) {
                if (r.spec() instanceof Ast.ElementSpec es) refTypes(es.items(), bySpan);
                else if (r.spec() instanceof Ast.RefSpec rs) refTypes(List.of(rs.ref()), bySpan);
            }
        }
    }

    private static void split(SourceText s, Span span, int type, int mods, List<Token> out) {
        int start = span.start();
        while (start < span.end()) {
            Position p = s.position(start);
            int lineEnd = s.lineEnd(p.line());
            int end = Math.min(span.end(), Math.max(lineEnd, start));
            if (end > start) out.add(new Token(p.line(), p.character(), end - start, type, mods));
            if (p.line() + 1 >= s.lineCount()) break;
            start = Math.max(end, s.lineStart(p.line() + 1));
        }
    }

    /** The LSP wire form: five integers per token, line and start relative to the previous token. */
    public static List<Integer> encode(List<Token> tokens) {
        List<Integer> data = new ArrayList<>(tokens.size() * 5);
        int line = 0;
        int ch = 0;
        for (Token t : tokens) {
            int dl = t.line() - line;
            int dc = dl == 0 ? t.character() - ch : t.character();
            data.add(dl);
            data.add(dc);
            data.add(t.length());
            data.add(t.type());
            data.add(t.modifiers());
            line = t.line();
            ch = t.character();
        }
        return data;
    }
}
