package org.hielements.semantics;

import java.util.Optional;
import org.hielements.library.LibraryDoc;

/**
 * A library by its real name ({@code files}, a configured plugin, or a name an {@code import} mentions). {@link #known()}
 * is false for a name only an import mentions (W001); {@link #doc()} is present when the function list is known.
 */
public final class LibrarySymbol implements Symbol {
    private final String name;
    private final boolean known;
    private final LibraryDoc doc;

    LibrarySymbol(String name, boolean known, LibraryDoc doc) {
        this.name = name;
        this.known = known;
        this.doc = doc;
    }

    @Override
    public SymbolKind kind() {
        return SymbolKind.LIBRARY;
    }

    @Override
    public String name() {
        return name;
    }

    /** Built in or configured (as opposed to only named by an import). */
    public boolean known() {
        return known;
    }

    /** The function list, when known (built-ins always; plugins once their metadata is cached). */
    public Optional<LibraryDoc> doc() {
        return Optional.ofNullable(doc);
    }

    @Override
    public Optional<Location> declaration() {
        return Optional.empty();
    }

    @Override
    public String qualifiedName() {
        return name;
    }

    @Override
    public String toString() {
        return "library " + name;
    }
}
