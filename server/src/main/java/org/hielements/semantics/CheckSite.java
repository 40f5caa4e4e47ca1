package org.hielements.semantics;

import org.hielements.syntax.Ast;

/**
 * A {@code check} statement and the body it is written in (an element, a pattern, or an element inside a pattern).
 * {@link SemanticModel#call} gives the library call of its expression when it is a valid {@code lib.f(...)}.
 */
public record CheckSite(Ast.Check check, ContainerSymbol container) {
    public SourceFile file() {
        return container.file();
    }

    /** The text of the check as written (for CLI rows and messages), whitespace collapsed. */
    public String text() {
        return Texts.collapse(file().source().text(), check.expr() != null ? check.expr().span() : check.span());
    }
}
