package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hielements.library.FunctionDoc;
import org.hielements.library.LibraryDoc;
import org.hielements.library.ParameterDoc;
import org.hielements.semantics.ContainerSymbol;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.text.Position;
import org.hielements.syntax.Token;
import org.hielements.syntax.TokenKind;

/** Signature help inside {@code lib.f(...)}: the parameters, the one under the cursor highlighted. */
final class SignatureHelp {
    private static final int MAX_TOKENS_BACK = 400;

    private SignatureHelp() {}

    static Optional<SignatureInfo> at(DocumentAnalysis a, Position position) {
        int offset = a.source().offset(position);
        List<Token> tokens = a.tokens();
        int i = lastTokenBefore(tokens, offset);
        int depth = 0;
        int commas = 0;
        for (int n = 0; i >= 0 && n < MAX_TOKENS_BACK; i--, n++) {
            Token t = tokens.get(i);
            switch (t.kind()) {
                case RPAREN, RBRACKET -> depth++;
                case LBRACKET -> {
                    if (depth == 0) return Optional.empty();
                    depth--;
                }
                case COMMA -> {
                    if (depth == 0) commas++;
                }
                case LPAREN -> {
                    if (depth > 0) {
                        depth--;
                        break;
                    }
                    return call(a, tokens, i, commas);
                }
                case SCOPE, REF, CHECK, ELEMENT, PATTERN, TEMPLATE, USES, LANGUAGE, CONNECTION_CHECK, REQUIRES,
                        ALLOWS, FORBIDS, EOF, RBRACE, LBRACE -> {
                    return Optional.empty();
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }

    /** The last token that ends at or before {@code offset} (a '(' right before the cursor counts). */
    private static int lastTokenBefore(List<Token> tokens, int offset) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).end() <= offset && tokens.get(mid).kind() != TokenKind.EOF) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    private static Optional<SignatureInfo> call(DocumentAnalysis a, List<Token> tokens, int paren, int active) {
        if (paren < 3) return Optional.empty();
        Token fn = tokens.get(paren - 1);
        Token dot = tokens.get(paren - 2);
        Token lib = tokens.get(paren - 3);
        if (dot.kind() != TokenKind.DOT || !isName(fn) || !isName(lib)) return Optional.empty();
        SemanticModel model = a.modelForTyping(); // signature help pops up as '(' is typed
        Optional<SourceFile> file = model.file(a.document().path());
        ContainerSymbol container = file.map(f -> Models.container(model, f,
                Cursor.enclosing(a.ast(), a.source(), paren))).orElse(null);
        Optional<String> library = Models.libraryName(model, file.orElse(null), container, lib.text(),
                a.folder().registry());
        if (library.isEmpty()) return Optional.empty();
        Optional<LibraryDoc> doc = Models.functions(a.folder().registry(), library.get());
        Optional<FunctionDoc> f = doc.flatMap(d -> d.function(fn.text()));
        if (f.isEmpty() || !f.get().arityKnown()) return Optional.empty();
        FunctionDoc d = f.get();
        String label = lib.text() + "." + d.signature();
        List<SignatureInfo.Parameter> params = new ArrayList<>();
        for (ParameterDoc p : d.parameters()) {
            params.add(new SignatureInfo.Parameter(p.name() + ": " + p.type(), p.description().isEmpty() ? null
                    : p.description()));
        }
        String documentation = d.description().isEmpty() ? null : d.description();
        return Optional.of(new SignatureInfo(label, documentation, params, active));
    }

    private static boolean isName(Token t) {
        return t.kind() == TokenKind.IDENTIFIER || t.kind().isSoftKeyword();
    }
}
