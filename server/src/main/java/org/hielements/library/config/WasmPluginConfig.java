package org.hielements.library.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * @param source        for {@code package = "name@range"}: the locked package (its module is {@code path}, unpacked
 *                      in the package cache); empty for a {@code path} entry
 */
public record WasmPluginConfig(String name, Path path, Duration timeout, long memoryBytes, int outputBytes,
                               long moduleBytes, boolean readWorkspace, List<String> environment, List<String> network, Span span,
                               Map<String, Span> keySpans, Optional<PackageSource> source) implements PluginConfig {

    public WasmPluginConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        environment = List.copyOf(environment);
        network = List.copyOf(network);
        Objects.requireNonNull(span, "span");
        keySpans = Map.copyOf(keySpans);
        Objects.requireNonNull(source, "source");
    }

    /** What {@code hielements.toml} grants. */
    public org.hielements.library.registry.PluginManifest.Permissions granted() {
        return new org.hielements.library.registry.PluginManifest.Permissions(readWorkspace, environment, network);
    }

    @Override
    public List<Path> watchedFiles() {
        // a package's module changes only through hielements.lock, which is watched for every workspace
        return List.of(path);
    }
}
