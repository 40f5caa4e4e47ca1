package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.hielements.syntax.Ast;

/** A {@code language L} declaration with its connection checks. */
public final class LanguageSymbol implements Symbol {
    private final SourceFile file;
    private final Ast.Language node;
    final List<ConnectionCheckSymbol> checks = new ArrayList<>();

    LanguageSymbol(SourceFile file, Ast.Language node) {
        this.file = file;
        this.node = node;
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.LANGUAGE;
    }

    @Override
    public String name() {
        return node.name().text();
    }

    public Ast.Language node() {
        return node;
    }

    public SourceFile file() {
        return file;
    }

    public List<ConnectionCheckSymbol> checks() {
        return Collections.unmodifiableList(checks);
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.of(new Location(file, node.name().span(), node.span()));
    }

    @Override
    public String qualifiedName() {
        return name();
    }

    @Override
    public String toString() {
        return "language " + name();
    }
}
