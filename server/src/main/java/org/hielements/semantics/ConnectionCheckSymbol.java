package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.hielements.syntax.Ast;

/**
 * A {@code connection_check name(p: scope[], ...): lib.f(...)} of a language. With two parameters it runs for each
 * {@code uses} whose source is a scope of the language; with one, once per element having scopes of the language.
 */
public final class ConnectionCheckSymbol implements Symbol {
    private final LanguageSymbol language;
    private final Ast.ConnectionCheck node;
    final List<ParameterSymbol> parameters = new ArrayList<>();

    ConnectionCheckSymbol(LanguageSymbol language, Ast.ConnectionCheck node) {
        this.language = language;
        this.node = node;
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.CONNECTION_CHECK;
    }

    @Override
    public String name() {
        return node.name().text();
    }

    public Ast.ConnectionCheck node() {
        return node;
    }

    public LanguageSymbol language() {
        return language;
    }

    public List<ParameterSymbol> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /** The body expression (a library check call), or null when it could not be parsed. */
    public Ast.Expr body() {
        return node.body();
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.of(new Location(language.file(), node.name().span(), node.span()));
    }

    @Override
    public String qualifiedName() {
        return language.name() + "." + name();
    }

    @Override
    public String toString() {
        return "connection_check " + qualifiedName();
    }
}
