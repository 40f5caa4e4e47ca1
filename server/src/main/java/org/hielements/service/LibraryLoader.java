package org.hielements.service;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.LibraryRegistry;

/**
 * Builds the libraries of one workspace folder: the built-ins, plus the plugins its {@code hielements.toml} declares
 * ({@link ConfiguredLibraries}), with that file's problems as diagnostics.
 */
@FunctionalInterface
public interface LibraryLoader {

    /**
     * The libraries of the folder at {@code root}; never throws (problems are diagnostics).
     *
     * @param allowProcess whether process plugins may be started (the workspace is trusted)
     */
    Loaded load(Path root, boolean allowProcess);

    /**
     * What loading gave: the registry, the configuration file ({@code hielements.toml}, which may not exist), its
     * diagnostics, the files whose change means "load again" (the configuration, WASM modules, plugin executables),
     * what to close to release it all (the registry and its plugins), and work that may take a while and is done in
     * the background after loading (asking process plugins for their documentation; null for none).
     */
    record Loaded(LibraryRegistry registry, Path configFile, List<Diagnostic> configDiagnostics,
            List<Path> pluginFiles, AutoCloseable owner, Runnable describe) {
        public Loaded {
            configDiagnostics = List.copyOf(configDiagnostics);
            pluginFiles = List.copyOf(pluginFiles);
        }

        /** Only a registry (built-ins, or a test's), no configuration. */
        public Loaded(LibraryRegistry registry, Path configFile, List<Diagnostic> configDiagnostics) {
            this(registry, configFile, configDiagnostics, configFile == null ? List.of() : List.of(configFile),
                    registry, null);
        }

        /**
         * The configuration's diagnostics now: with {@link org.hielements.library.config.Libraries} as owner, those
         * found since loading too (E521 for a WASM module loaded in the background that does not load).
         */
        @Override
        public List<Diagnostic> configDiagnostics() {
            return owner instanceof org.hielements.library.config.Libraries l ? l.diagnostics() : configDiagnostics;
        }

        /** Releases the registry and its plugins (their processes stop). */
        public void close() {
            try {
                owner.close();
            } catch (Exception e) {
                Logger.getLogger(LibraryLoader.class.getName()).log(Level.WARNING, "closing libraries failed", e);
            }
        }
    }

    /** Built-in libraries only ({@code files}, {@code python}, {@code rust}). */
    static LibraryLoader builtinsOnly() {
        return (root, allowProcess) -> new Loaded(LibraryRegistry.withBuiltins(), null, List.of());
    }
}
