package org.hielements.lsp;

import java.util.Objects;
import java.util.function.IntConsumer;
import org.hielements.service.LibraryLoader;

/**
 * How a server is set up: how it loads the libraries of a folder, what "exit the process" means (the real
 * {@code System.exit} for {@code hielements lsp}, a recorder in tests), and after how long a check run shows
 * progress.
 */
public record ServerOptions(LibraryLoader libraries, IntConsumer exit, long progressDelayMillis) {
    /** Progress appears for check runs longer than this. */
    public static final long DEFAULT_PROGRESS_DELAY_MILLIS = 300;

    public ServerOptions {
        Objects.requireNonNull(libraries);
        Objects.requireNonNull(exit);
    }

    public ServerOptions(LibraryLoader libraries, IntConsumer exit) {
        this(libraries, exit, DEFAULT_PROGRESS_DELAY_MILLIS);
    }
}
