package org.hielements.semantics;

/**
 * One value of a run: a scope or ref declared with a value in a real element ({@link Declared}), or a pattern member
 * as bound in one implementation ({@link Bound}). The nodes of the {@link DependencyGraph}.
 */
public sealed interface ValueNode {
    MemberSymbol member();

    /** A readable name: {@code svc.src}, or {@code orders_service: microservice.api.module} for a bound member. */
    String displayName();

    /** A scope or ref of an element outside patterns. */
    record Declared(MemberSymbol member) implements ValueNode {
        @Override
        public String displayName() {
            return member.qualifiedName();
        }
    }

    /** The value of pattern member {@code member} in {@code implementation} (see {@link Implementation#binding}). */
    record Bound(Implementation implementation, MemberSymbol member) implements ValueNode {
        @Override
        public String displayName() {
            return implementation.element().path() + ": " + implementation.pattern().name() + "." + member.patternPath();
        }
    }
}
