package org.hielements.semantics;

import java.util.Optional;
import org.hielements.syntax.Ast;
import org.hielements.text.Span;

/**
 * A {@code scope} or a {@code ref} declared in an element or a pattern body. In a pattern (at any depth) it is a
 * pattern member, addressed by {@link #patternPath()}; without a value it is a placeholder.
 */
public final class MemberSymbol implements Symbol {
    private final SourceFile file;
    private final ContainerSymbol container;
    private final Ast.Scope scope;
    private final Ast.Ref ref;
    private final String patternPath;

    MemberSymbol(SourceFile file, ContainerSymbol container, Ast.Scope scope, Ast.Ref ref) {
        this.file = file;
        this.container = container;
        this.scope = scope;
        this.ref = ref;
        PatternSymbol p = container.pattern();
        if (p == null) {
            patternPath = null;
        } else if (container == p) {
            patternPath = name();
        } else {
            patternPath = container.path().substring(p.path().length() + 1) + "." + name();
        }
    }

    @Override
    public SymbolKind kind() {
        return scope != null ? SymbolKind.SCOPE : SymbolKind.REF;
    }

    public boolean isScope() {
        return scope != null;
    }

    public boolean isRef() {
        return ref != null;
    }

    /** The declaration when this is a scope, else null. */
    public Ast.Scope scopeNode() {
        return scope;
    }

    /** The declaration when this is a ref, else null. */
    public Ast.Ref refNode() {
        return ref;
    }

    public Ast.Name nameNode() {
        return scope != null ? scope.name() : ref.name();
    }

    @Override
    public String name() {
        return nameNode().text();
    }

    public Span span() {
        return scope != null ? scope.span() : ref.span();
    }

    public SourceFile file() {
        return file;
    }

    public ContainerSymbol container() {
        return container;
    }

    /** The value expression, or null for a placeholder (or an unbounded scope the parser reported). */
    public Ast.Expr value() {
        return scope != null ? scope.value() : ref.value();
    }

    /** The {@code binds P.path} target, or null. */
    public Ast.QualifiedName binds() {
        return scope != null ? scope.binds() : ref.binds();
    }

    /** The language annotation ({@code <rust>} or the legacy {@code : rust}) of a scope, or null. */
    public String language() {
        return scope != null && scope.language() != null ? scope.language().text() : null;
    }

    /** The language annotation node of a scope, or null. */
    public Ast.Name languageNode() {
        return scope != null ? scope.language() : null;
    }

    /** The type name of a ref ({@code integer}, {@code HttpHandler}), or null for a scope. */
    public String type() {
        return ref != null && ref.type() != null ? ref.type().text() : null;
    }

    /** The pattern this member belongs to, or null for a member of a real element. */
    public PatternSymbol pattern() {
        return container.pattern();
    }

    /** True for a scope or ref declared (at any depth) in a pattern. */
    public boolean inPattern() {
        return patternPath != null;
    }

    /** True for a pattern member without a value: each implementation must bind it (E212). */
    public boolean isPlaceholder() {
        return patternPath != null && value() == null;
    }

    /** The path relative to the pattern ({@code api.module}), or null outside a pattern. */
    public String patternPath() {
        return patternPath;
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.of(new Location(file, nameNode().span(), span()));
    }

    @Override
    public String qualifiedName() {
        return container.path() + "." + name();
    }

    @Override
    public String toString() {
        return kind().name().toLowerCase(java.util.Locale.ROOT) + " " + qualifiedName();
    }
}
