package org.hielements.library.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.text.SourceText;

/**
 * What {@code hielements.toml} says: every entry in file order (loadable or not) and every diagnostic, each one in
 * {@code hielements.toml} at the key's position.
 *
 * @param file        where the file is (or would be): {@code <workspace>/hielements.toml}
 * @param source      the file's text, absent when there is no file (then there are no plugins, only built-ins)
 * @param entries     the {@code [libraries]} entries in file order
 * @param diagnostics every diagnostic, sorted by position (syntax errors, file-level problems and the entries')
 */
public record LibrariesConfig(Path file, Optional<SourceText> source, List<ConfigEntry> entries,
                              List<Diagnostic> diagnostics) {
    public LibrariesConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(source, "source");
        entries = List.copyOf(entries);
        diagnostics = List.copyOf(diagnostics);
    }

    /** The entries that can be loaded, in file order. */
    public List<PluginConfig> plugins() {
        List<PluginConfig> out = new ArrayList<>();
        for (ConfigEntry e : entries) e.config().ifPresent(out::add);
        return out;
    }

    public Optional<ConfigEntry> entry(String name) {
        for (ConfigEntry e : entries) {
            if (e.name().equals(name)) return Optional.of(e);
        }
        return Optional.empty();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
