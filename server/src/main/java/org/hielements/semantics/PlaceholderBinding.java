package org.hielements.semantics;

import org.hielements.syntax.Ast;

/** How one member of a pattern gets its value in one {@link Implementation}. */
public sealed interface PlaceholderBinding {
    /** The pattern member (a placeholder, or a member with a default value). */
    MemberSymbol placeholder();

    /**
     * {@code scope x binds P.path = expr} (or a ref): the value is that of {@code provider}, a scope or ref of the
     * implementing element's subtree.
     */
    record Declared(MemberSymbol placeholder, MemberSymbol provider) implements PlaceholderBinding {}

    /**
     * The old form {@code P.path = expr} written in {@code element}: evaluate {@code binding.value()} there (names
     * resolve as in that element).
     */
    record Expression(MemberSymbol placeholder, Ast.Binding binding, ElementSymbol element)
            implements PlaceholderBinding {}

    /** Not bound, but the pattern gives a value: evaluate the member's own expression for this implementation. */
    record Default(MemberSymbol placeholder) implements PlaceholderBinding {}

    /** A placeholder nobody binds (reported as E212 on the {@code implements} clause). */
    record Unbound(MemberSymbol placeholder) implements PlaceholderBinding {}
}
