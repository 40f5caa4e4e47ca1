package org.hielements.semantics;

import org.hielements.syntax.Ast;

/**
 * A {@code source uses target.path} declaration of an element, with what its source and target resolve to (null when
 * they do not resolve; a diagnostic was reported).
 */
public record UsesSite(Ast.Uses node, ElementSymbol element, Resolution source, Resolution target) {
    public SourceFile file() {
        return element.file();
    }

    /** The target as written: {@code core.lexer}. */
    public String targetText() {
        return node.target().text();
    }
}
