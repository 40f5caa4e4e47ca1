package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.hielements.syntax.Ast;

/** An {@code element}: top-level, nested in another element, or nested in a pattern. */
public final class ElementSymbol extends ContainerSymbol {
    private final Ast.Element node;
    private final PatternSymbol pattern;
    final List<Implementation> implementations = new ArrayList<>();
    final List<UsesSite> uses = new ArrayList<>();

    ElementSymbol(SourceFile file, Ast.Element node, ContainerSymbol parent) {
        super(file, node.name(), node.span(), parent);
        this.node = node;
        this.pattern = parent == null ? null : parent.pattern();
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.ELEMENT;
    }

    public Ast.Element node() {
        return node;
    }

    @Override
    public PatternSymbol pattern() {
        return pattern;
    }

    /** True for an element written inside a pattern (a part of the pattern, not a real element of the model). */
    public boolean inPattern() {
        return pattern != null;
    }

    /** The enclosing element, or empty for a top-level element or an element directly in a pattern. */
    public Optional<ElementSymbol> parentElement() {
        return parent() instanceof ElementSymbol e ? Optional.of(e) : Optional.empty();
    }

    /**
     * One entry per name of the {@code implements} clause that names a known pattern, in written order (for an
     * element inside a pattern: none, since pattern parts are not instantiated).
     */
    public List<Implementation> implementations() {
        return Collections.unmodifiableList(implementations);
    }

    /** The implementation of {@code pattern} by this element, if it implements it. */
    public Optional<Implementation> implementation(PatternSymbol pattern) {
        for (Implementation i : implementations) {
            if (i.pattern() == pattern) return Optional.of(i);
        }
        return Optional.empty();
    }

    /** The {@code uses} declarations written directly in this element. */
    public List<UsesSite> uses() {
        return Collections.unmodifiableList(uses);
    }

    /** Direct child elements (same as {@link #children()}). */
    public List<ElementSymbol> elements() {
        return children();
    }
}
