package org.hielements.library.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.text.Span;

/**
 * One {@code [libraries.NAME]} entry as read: its plugin configuration when it can be loaded, and the diagnostics that
 * concern it (errors that kept it from loading, or warnings and errors about settings that fell back to defaults).
 */
public record ConfigEntry(String name, Span span, Optional<PluginConfig> config, List<Diagnostic> diagnostics) {
    public ConfigEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(config, "config");
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean loadable() {
        return config.isPresent();
    }
}
