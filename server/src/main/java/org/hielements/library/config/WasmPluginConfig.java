package org.hielements.library.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hielements.text.Span;

/**
 * A WASM plugin entry ({@code type = "wasm"}, or a {@code path} ending in {@code .wasm}).
 *
 * @param path          the module, resolved against the workspace root
 * @param timeout       per call ({@code limits.timeout}, else {@code timeout}), default 5 s
 * @param memoryBytes   {@code limits.memory}, default 64 MiB, at most 2 GiB
 * @param outputBytes   {@code limits.output}: the largest reply, default 16 MiB
 * @param moduleBytes   {@code limits.module}: the largest module file read, default 16 MiB, at most 256 MiB
 * @param readWorkspace {@code permissions.filesystem = ["read"]}: the workspace is mounted read-only
 * @param environment   {@code permissions.environment}: the variables the guest may see (copied from ours)
 * @param network       {@code permissions.network}: the {@code host:port}s the guest may send HTTP requests to
 *                      through {@code hielements.http_request} (docs/PLUGINS.md, "Network"); empty: none
 */
public record WasmPluginConfig(String name, Path path, Duration timeout, long memoryBytes, int outputBytes,
                               long moduleBytes, boolean readWorkspace, List<String> environment, List<String> network, Span span,
                               Map<String, Span> keySpans) implements PluginConfig {

    public WasmPluginConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        environment = List.copyOf(environment);
        network = List.copyOf(network);
        Objects.requireNonNull(span, "span");
        keySpans = Map.copyOf(keySpans);
    }

    @Override
    public List<Path> watchedFiles() {
        return List.of(path);
    }
}
