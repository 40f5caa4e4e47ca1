package org.hielements.semantics;

import java.util.Optional;
import org.hielements.syntax.Ast;

/** A parameter of a connection check; its value is a list of scopes. */
public final class ParameterSymbol implements Symbol {
    private final ConnectionCheckSymbol check;
    private final Ast.Name node;
    private final int index;

    ParameterSymbol(ConnectionCheckSymbol check, Ast.Name node, int index) {
        this.check = check;
        this.node = node;
        this.index = index;
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.PARAMETER;
    }

    @Override
    public String name() {
        return node.text();
    }

    public ConnectionCheckSymbol check() {
        return check;
    }

    /** 0 for the first parameter (the source of a two-parameter check), 1 for the second (the target). */
    public int index() {
        return index;
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.of(new Location(check.language().file(), node.span(), node.span()));
    }

    @Override
    public String qualifiedName() {
        return check.qualifiedName() + "." + name();
    }
}
