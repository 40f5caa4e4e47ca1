package org.hielements.semantics;

import java.util.Optional;

/**
 * Something a name in a {@code .hie} file can stand for. Symbols are created by one analysis and are valid for the
 * {@link SemanticModel} that holds them; compare them by identity.
 */
public sealed interface Symbol permits ContainerSymbol, MemberSymbol, LanguageSymbol, ConnectionCheckSymbol,
        ParameterSymbol, LibrarySymbol, FunctionSymbol, ImportSymbol, FileSymbol {

    SymbolKind kind();

    /** The name as declared. */
    String name();

    /** Where it is declared; empty for a built-in or configured library and its functions. */
    Optional<Location> declaration();

    /**
     * A readable qualified name: {@code system.backend.src} for a scope, {@code hexagonal.api.port} for a placeholder,
     * {@code files.exists} for a function.
     */
    String qualifiedName();
}
