package org.hielements.library.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.hielements.text.Span;

/**
 * One loadable {@code [libraries.NAME]} entry of {@code hielements.toml}, with every path resolved against the workspace
 * root and every default applied: a {@link ProcessPluginConfig} or a {@link WasmPluginConfig}.
 */
public sealed interface PluginConfig permits ProcessPluginConfig, WasmPluginConfig {

    /** The library name: the TOML key, used in {@code .hie} files. */
    String name();

    /** Where the entry's name is written in {@code hielements.toml}. */
    Span span();

    /** Where each key of the entry is written ({@code "path"}, {@code "executable"}, {@code "limits.memory"}, ...). */
    Map<String, Span> keySpans();

    /** Per-call timeout. */
    Duration timeout();

    /** The files whose change re-enables a broken library: the executable or module, and script arguments. */
    java.util.List<Path> watchedFiles();

    /** The span of {@code key} when written, else the entry's span. */
    default Span spanOf(String key) {
        return Optional.ofNullable(keySpans().get(key)).orElse(span());
    }
}
