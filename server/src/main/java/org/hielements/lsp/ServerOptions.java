package org.hielements.lsp;

import java.util.Objects;
import java.util.function.IntConsumer;
import org.hielements.service.LibraryLoader;

/**
 * How a server is set up: how it loads the libraries of a folder, and what "exit the process" means (the real
 * {@code System.exit} for {@code hielements lsp}, a recorder in tests).
 */
public record ServerOptions(LibraryLoader libraries, IntConsumer exit) {
    public ServerOptions {
        Objects.requireNonNull(libraries);
        Objects.requireNonNull(exit);
    }
}
