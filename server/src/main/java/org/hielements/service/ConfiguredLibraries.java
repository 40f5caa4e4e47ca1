package org.hielements.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.PluginConfig;

/**
 * The libraries of a folder as {@code hielements check} sees them: the built-ins plus the plugins of its
 * {@code hielements.toml} (WASM modules loaded at once, with their documentation; process plugins started on first
 * use, and asked for their documentation in the background when the workspace is trusted).
 */
public final class ConfiguredLibraries {
    private ConfiguredLibraries() {}

    public static LibraryLoader loader() {
        return (root, allowProcess) -> {
            Libraries libs = Libraries.load(root, Libraries.Options.defaults().withAllowProcess(allowProcess));
            List<Path> files = new ArrayList<>();
            files.add(libs.config().file());
            for (PluginConfig pc : libs.config().plugins()) files.addAll(pc.watchedFiles());
            Runnable describe = allowProcess && !libs.plugins().isEmpty() ? libs::describeAll : null;
            return new LibraryLoader.Loaded(libs.registry(), libs.config().file(), libs.diagnostics(), files, libs,
                    describe);
        };
    }

    /** Parses an unsaved {@code hielements.toml} of the folder at {@code root}: its diagnostics, nothing loaded. */
    static List<org.hielements.diagnostics.Diagnostic> check(org.hielements.text.SourceText text, Path root) {
        return org.hielements.library.config.ConfigLoader.parse(text, root).diagnostics();
    }
}
