package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.hielements.syntax.Ast;

/**
 * A {@code pattern} (or {@code template}). Its placeholders are all the scopes and refs of its body and of the
 * elements nested in it, addressed by their path relative to the pattern ({@code api.module}); the ones without a
 * value must be bound by every implementing element.
 */
public final class PatternSymbol extends ContainerSymbol {
    private final Ast.Pattern node;
    final List<MemberSymbol> allMembers = new ArrayList<>();
    final List<CheckSite> allChecks = new ArrayList<>();
    final List<Ast.Requirement> requirements = new ArrayList<>();
    final List<Implementation> implementations = new ArrayList<>();

    PatternSymbol(SourceFile file, Ast.Pattern node) {
        super(file, node.name(), node.span(), null);
        this.node = node;
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.PATTERN;
    }

    public Ast.Pattern node() {
        return node;
    }

    @Override
    public PatternSymbol pattern() {
        return this;
    }

    /** Every scope and ref of the pattern at any depth, in source order (bound defaults and placeholders). */
    public List<MemberSymbol> allMembers() {
        return Collections.unmodifiableList(allMembers);
    }

    /** The scopes and refs without a value: what each implementation must bind. */
    public List<MemberSymbol> placeholders() {
        List<MemberSymbol> out = new ArrayList<>();
        for (MemberSymbol m : allMembers) {
            if (m.isPlaceholder()) out.add(m);
        }
        return out;
    }

    /** The member at {@code path} relative to the pattern ({@code api.module}, or {@code port} at pattern level). */
    public Optional<MemberSymbol> memberAt(String path) {
        for (MemberSymbol m : allMembers) {
            if (m.patternPath().equals(path)) return Optional.of(m);
        }
        return Optional.empty();
    }

    /** Every check written in the pattern at any depth, in source order: each runs once per implementation. */
    public List<CheckSite> allChecks() {
        return Collections.unmodifiableList(allChecks);
    }

    /** The {@code requires}/{@code allows}/{@code forbids} items of the pattern, in source order. */
    public List<Ast.Requirement> requirements() {
        return Collections.unmodifiableList(requirements);
    }

    /** Every element of the model implementing this pattern, in model order. */
    public List<Implementation> implementations() {
        return Collections.unmodifiableList(implementations);
    }
}
