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

        // equals and hashCode as a record's (its member's identity), written out: the generated ones go through method
        // handles, slow in a short run's cold code, and the graph hashes every node
        @Override
        public boolean equals(Object o) {
            return o instanceof Declared d && d.member == member;
        }

        @Override
        public int hashCode() {
            return member.hashCode();
        }
    }

    /** The value of pattern member {@code member} in {@code implementation} (see {@link Implementation#binding}). */
    record Bound(Implementation implementation, MemberSymbol member) implements ValueNode {
        @Override
        public String displayName() {
            return implementation.element().path() + ": " + implementation.pattern().name() + "." + member.patternPath();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bound b && b.implementation == implementation && b.member == member;
        }

        @Override
        public int hashCode() {
            return 31 * implementation.hashCode() + member.hashCode();
        }
    }
}
