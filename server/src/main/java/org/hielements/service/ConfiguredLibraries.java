package org.hielements.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.PluginConfig;

/**
 * The libraries of a folder as {@code hielements check} sees them: the built-ins plus the plugins of its
 * {@code hielements.toml}, all lazy: in the background after loading, WASM modules are loaded with their
 * documentation and, when the workspace is trusted, process plugins asked for theirs.
 */
public final class ConfiguredLibraries {
    private ConfiguredLibraries() {}

    public static LibraryLoader loader() {
        return loader(System.getenv());
    }

    /**
     * As {@link #loader()} with {@code environment} as the process environment (the package cache's location, the
     * variables WASM plugins may be granted).
     */
    public static LibraryLoader loader(java.util.Map<String, String> environment) {
        return (root, allowProcess) -> {
            Libraries libs = Libraries.load(root, new Libraries.Options(allowProcess, null, environment));
            List<Path> files = new ArrayList<>();
            files.add(libs.config().file());
            // hielements.lock: a package library's version (loading never downloads: a package missing from the
            // cache is a diagnostic asking for 'hielements plugins install', so an untrusted workspace fetches nothing)
            files.add(libs.root().resolve(org.hielements.library.registry.Lockfile.FILE_NAME));
            for (PluginConfig pc : libs.config().plugins()) files.addAll(pc.watchedFiles());
            // in the background, for completion: WASM modules loaded (sandboxed), process plugins asked when trusted
            // (an untrusted one answers its fallback without starting)
            Runnable describe = libs.plugins().isEmpty() ? null : libs::describeAll;
            return new LibraryLoader.Loaded(libs.registry(), libs.config().file(), libs.diagnostics(), files, libs,
                    describe);
        };
    }

    /** Parses an unsaved {@code hielements.toml} of the folder at {@code root}: its diagnostics, nothing loaded. */
    static List<org.hielements.diagnostics.Diagnostic> check(org.hielements.text.SourceText text, Path root) {
        return org.hielements.library.config.ConfigLoader.parse(text, root).diagnostics();
    }
}
