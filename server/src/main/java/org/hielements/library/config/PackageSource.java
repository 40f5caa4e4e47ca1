package org.hielements.library.config;

import java.util.Objects;

import org.hielements.library.registry.Integrity;
import org.hielements.library.registry.PluginManifest;

/**
 * Where a WASM library given as {@code package = "name@range"} comes from: the package, the range written, the locked
 * version and integrity, and the permissions its manifest asks for (granted only by {@code hielements.toml}).
 */
public record PackageSource(String name, String range, String version, Integrity integrity,
                            PluginManifest.Permissions asked) {
    public PackageSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(integrity, "integrity");
        Objects.requireNonNull(asked, "asked");
    }

    /** {@code @acme/hie-typescript@1.2.5}. */
    public String label() {
        return name + "@" + version;
    }
}
