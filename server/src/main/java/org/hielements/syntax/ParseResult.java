package org.hielements.syntax;

import java.util.List;
import org.hielements.diagnostics.Diagnostic;

/**
 * What parsing one file gives: always a tree (possibly partial), the syntax diagnostics in source order, and the
 * tokens the lexer made (comments included), for callers that read broken code token by token.
 */
public record ParseResult(SourceText source, Ast.File file, List<Diagnostic> diagnostics, List<Token> tokens) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
        tokens = java.util.Collections.unmodifiableList(tokens); // the lexer's own list, handed over: no copy
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
