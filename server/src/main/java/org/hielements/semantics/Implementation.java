package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hielements.syntax.Ast;

/**
 * An element implementing a pattern ({@code element x implements P}): the binding of every member of {@code P} (in
 * the pattern's source order) and the pattern checks to run for it.
 */
public final class Implementation {
    private final ElementSymbol element;
    private final PatternSymbol pattern;
    private final Ast.Name clause;
    final Map<MemberSymbol, PlaceholderBinding> bindings = new LinkedHashMap<>();
    final List<PatternCheck> checks = new ArrayList<>();

    Implementation(ElementSymbol element, PatternSymbol pattern, Ast.Name clause) {
        this.element = element;
        this.pattern = pattern;
        this.clause = clause;
    }

    public ElementSymbol element() {
        return element;
    }

    public PatternSymbol pattern() {
        return pattern;
    }

    /** The pattern's name in the element's {@code implements} clause: where E212 and pattern-check outcomes go. */
    public Ast.Name clause() {
        return clause;
    }

    /** How {@code member} (a member of {@link #pattern()} at any depth) gets its value here. */
    public PlaceholderBinding binding(MemberSymbol member) {
        PlaceholderBinding b = bindings.get(member);
        if (b == null) throw new IllegalArgumentException(member + " is not a member of pattern " + pattern.name());
        return b;
    }

    /** Every member of the pattern with its binding, in the pattern's source order. */
    public Map<MemberSymbol, PlaceholderBinding> bindings() {
        return Collections.unmodifiableMap(bindings);
    }

    /** The placeholders nobody binds (E212). */
    public List<MemberSymbol> unbound() {
        List<MemberSymbol> out = new ArrayList<>();
        for (PlaceholderBinding b : bindings.values()) {
            if (b instanceof PlaceholderBinding.Unbound) out.add(b.placeholder());
        }
        return out;
    }

    /** The checks of the pattern (at any depth) to run for this element, in the pattern's source order. */
    public List<PatternCheck> checks() {
        return Collections.unmodifiableList(checks);
    }

    @Override
    public String toString() {
        return element.path() + " implements " + pattern.name();
    }
}
