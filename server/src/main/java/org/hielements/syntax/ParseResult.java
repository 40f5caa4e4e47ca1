package org.hielements.syntax;

import org.hielements.text.SourceText;

import java.util.List;
import org.hielements.diagnostics.Diagnostic;

/** What parsing one file gives: always a tree (possibly partial), and the syntax diagnostics in source order. */
public record ParseResult(SourceText source, Ast.File file, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
