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
     * What loading gave: the registry, the configuration file ({@code hielements.toml}, which may not exist), its
     * diagnostics, the files whose change means "load again" (the configuration, WASM modules, plugin executables),
     * and what to close to release it all (the registry and its plugins).
     */
    record Loaded(LibraryRegistry registry, Path configFile, List<Diagnostic> configDiagnostics,
            List<Path> pluginFiles, AutoCloseable owner) {
        public Loaded {
            configDiagnostics = List.copyOf(configDiagnostics);
            pluginFiles = List.copyOf(pluginFiles);
        }

        /** Only a registry (built-ins, or a test's), no configuration. */
        public Loaded(LibraryRegistry registry, Path configFile, List<Diagnostic> configDiagnostics) {
            this(registry, configFile, configDiagnostics, configFile == null ? List.of() : List.of(configFile),
                    registry);
        }

        /** Releases the registry and its plugins (their processes stop). */
        public void close() {
            try {
                owner.close();
            } catch (Exception e) {
                java.util.logging.Logger.getLogger(LibraryLoader.class.getName()).log(java.util.logging.Level.WARNING,
                        "closing libraries failed", e);
            }
        }
    }

    /** Built-in libraries only ({@code files}, {@code python}, {@code rust}). */
    static LibraryLoader builtinsOnly() {
        return root -> new Loaded(LibraryRegistry.withBuiltins(), null, List.of());
    }
}
