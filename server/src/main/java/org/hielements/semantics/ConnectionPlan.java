package org.hielements.semantics;

import java.util.List;

/**
 * Which connection checks of declared languages run, and with which scopes (LANGUAGE.md §6).
 *
 * @param connectionRuns one entry per {@code src uses T} whose source scope is annotated with a declared language,
 *                       times each two-parameter connection check of that language
 * @param elementRuns    one entry per element having scopes of a declared language, times each one-parameter check
 */
public record ConnectionPlan(List<ConnectionRun> connectionRuns, List<ElementRun> elementRuns) {
    public ConnectionPlan {
        connectionRuns = List.copyOf(connectionRuns);
        elementRuns = List.copyOf(elementRuns);
    }

    /**
     * Run {@code check} with its first parameter = {@code [source]} and its second = {@code targets} (the scopes of
     * the language in the target, and in its descendants when the target is an element; maybe empty). The outcome
     * belongs on {@code uses}.
     */
    public record ConnectionRun(UsesSite uses, ConnectionCheckSymbol check, ValueNode source,
            List<ValueNode> targets) {
        public ConnectionRun {
            targets = List.copyOf(targets);
        }
    }

    /** Run the one-parameter {@code check} with all scopes of its language declared in {@code element}. */
    public record ElementRun(ElementSymbol element, ConnectionCheckSymbol check, List<ValueNode> scopes) {
        public ElementRun {
            scopes = List.copyOf(scopes);
        }
    }
}
