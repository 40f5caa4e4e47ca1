package org.hielements.library.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hielements.library.LibraryKind;

/**
 * Where one library of a workspace stands, for {@code hielements libraries} and the editor.
 *
 * @param name     the library name
 * @param kind     built-in, process or WASM; empty for an entry whose kind could not be told
 * @param state    see {@link State}
 * @param origin   {@code built-in}, the command line of a process plugin, or the module file of a WASM plugin
 * @param loadTime time to load it (a WASM module's load, a process plugin's last start); zero when nothing was loaded
 * @param problems what is wrong, in words a plugin author understands (config diagnostics, load errors, the last
 *                 failure of a process, documentation that cannot be read, the first error of a trial call)
 */
public record LibraryStatus(String name, Optional<LibraryKind> kind, State state, String origin, Duration loadTime,
                            List<String> problems) {

    /** The states a library can be in. */
    public enum State {
        /** Usable: a built-in, a loaded WASM module, a process plugin that is running. */
        READY,
        /** A process plugin not started yet (started on first use). */
        NOT_STARTED,
        /** A process plugin whose last process ended; the next call starts a new one. */
        STOPPED,
        /** Registered but failing: a WASM module that does not load, a process plugin disabled after crashes. */
        FAILED,
        /** A process plugin in a workspace that is not trusted: never started. */
        NOT_ALLOWED,
        /** Not registered: its {@code hielements.toml} entry is broken. */
        NOT_LOADED,
        /** Not registered: its name is a built-in's, which wins. */
        SHADOWED;

        /** Lower case with dashes, as printed: {@code not-started}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public LibraryStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(loadTime, "loadTime");
        problems = List.copyOf(problems);
    }

    /** Whether calls can succeed (possibly after starting a process). */
    public boolean usable() {
        return state == State.READY || state == State.NOT_STARTED || state == State.STOPPED;
    }
}
