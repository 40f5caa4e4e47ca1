package org.hielements.semantics;

/**
 * What a name or a dotted path in an expression stands for. {@code implementation} is set when the path reaches a
 * pattern member (or a part of a pattern) from an element implementing that pattern ({@code P.api.port} written in
 * an implementing element): the value is then the one bound in that implementation. Inside the pattern itself it is
 * null: the implementation is the one the pattern check or default value is being evaluated for.
 */
public record Resolution(Symbol symbol, Implementation implementation) {

    /**
     * The value this resolution denotes when it is a scope or ref, or null: a {@link ValueNode.Bound} for a pattern
     * member (using {@code context} when the resolution carries no implementation), else a
     * {@link ValueNode.Declared}.
     */
    public ValueNode valueNode(Implementation context) {
        if (!(symbol instanceof MemberSymbol m)) return null;
        if (!m.inPattern()) return new ValueNode.Declared(m);
        Implementation impl = implementation != null ? implementation : context;
        if (impl == null || impl.pattern() != m.pattern()) return null;
        return new ValueNode.Bound(impl, m);
    }
}
