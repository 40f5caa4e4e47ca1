package org.hielements.service;

import java.nio.file.Path;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.LibraryRegistry;

/**
 * Builds the libraries of one workspace folder: the built-ins, plus (once configuration is supported) the plugins its
 * {@code hielements.toml} declares, with that file's problems as diagnostics.
 */
@FunctionalInterface
public interface LibraryLoader {

    /** The libraries of the folder at {@code root}; never throws (problems are diagnostics). */
    Loaded load(Path root);

    /**
     * What loading gave: the registry (owned by the caller, who closes it), the configuration file when there is
     * one, and its diagnostics.
     */
    record Loaded(LibraryRegistry registry, Path configFile, List<Diagnostic> configDiagnostics) {
        public Loaded {
            configDiagnostics = List.copyOf(configDiagnostics);
        }
    }

    /** Built-in libraries only ({@code files}, {@code python}, {@code rust}). */
    static LibraryLoader builtinsOnly() {
        return root -> new Loaded(LibraryRegistry.withBuiltins(), null, List.of());
    }
}
