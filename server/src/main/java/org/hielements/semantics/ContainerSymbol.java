package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hielements.syntax.Ast;
import org.hielements.text.Span;

/**
 * An element or a pattern: something with a body of scopes, refs, checks and nested elements. Names inside one body
 * share one namespace (E210 on a duplicate); lookups return the first declaration.
 */
public abstract sealed class ContainerSymbol implements Symbol permits ElementSymbol, PatternSymbol {
    private final SourceFile file;
    private final Ast.Name name;
    private final Span span;
    private final ContainerSymbol parent;
    private final String path;
    final List<MemberSymbol> members = new ArrayList<>();
    final List<ElementSymbol> children = new ArrayList<>();
    final List<CheckSite> checks = new ArrayList<>();
    final Map<String, Symbol> names = new HashMap<>();

    ContainerSymbol(SourceFile file, Ast.Name name, Span span, ContainerSymbol parent) {
        this.file = file;
        this.name = name;
        this.span = span;
        this.parent = parent;
        this.path = parent == null ? name.text() : parent.path() + "." + name.text();
    }

    public SourceFile file() {
        return file;
    }

    @Override
    public String name() {
        return name.text();
    }

    public Ast.Name nameNode() {
        return name;
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.of(new Location(file, name.span(), span));
    }

    /** The enclosing element or pattern; null for a top-level declaration. */
    public ContainerSymbol parent() {
        return parent;
    }

    /** Dotted path from the top-level declaration: {@code system.backend.api}; a pattern's own path is its name. */
    public String path() {
        return path;
    }

    @Override
    public String qualifiedName() {
        return path;
    }

    /** The pattern this body belongs to: the pattern itself, the pattern enclosing an element, or null. */
    public abstract PatternSymbol pattern();

    /** Scopes and refs declared directly in this body, in source order (duplicates included). */
    public List<MemberSymbol> members() {
        return Collections.unmodifiableList(members);
    }

    /** Elements declared directly in this body, in source order (duplicates included). */
    public List<ElementSymbol> children() {
        return Collections.unmodifiableList(children);
    }

    /** The checks written directly in this body, in source order. */
    public List<CheckSite> checks() {
        return Collections.unmodifiableList(checks);
    }

    /** The scope, ref or child element declared here under {@code name} (the first one when duplicated). */
    public Optional<Symbol> lookup(String name) {
        return Optional.ofNullable(names.get(name));
    }

    /** The scope or ref declared here under {@code name}. */
    public Optional<MemberSymbol> member(String name) {
        return names.get(name) instanceof MemberSymbol m ? Optional.of(m) : Optional.empty();
    }

    /** The child element declared here under {@code name}. */
    public Optional<ElementSymbol> child(String name) {
        return names.get(name) instanceof ElementSymbol e ? Optional.of(e) : Optional.empty();
    }

    /** This body and every nested element body, depth first, in source order. */
    public List<ContainerSymbol> subtree() {
        List<ContainerSymbol> out = new ArrayList<>();
        ArrayList<ContainerSymbol> stack = new ArrayList<>();
        stack.add(this);
        while (!stack.isEmpty()) {
            ContainerSymbol c = stack.remove(stack.size() - 1);
            out.add(c);
            for (int i = c.children.size() - 1; i >= 0; i--) stack.add(c.children.get(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return kind().name().toLowerCase(java.util.Locale.ROOT) + " " + path;
    }
}
