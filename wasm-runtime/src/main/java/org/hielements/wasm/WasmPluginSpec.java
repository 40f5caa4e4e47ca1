package org.hielements.wasm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which module to load, under which name, with which {@link WasmPolicy}. The name appears in every
 * error message and is the guest's only command-line argument. Give either the bytes or a path.
 */
public final class WasmPluginSpec {
    private final String name;
    private final byte[] bytes;
    private final Path path;
    private final WasmPolicy policy;

    private WasmPluginSpec(Builder b) {
        this.name = b.name;
        this.bytes = b.bytes;
        this.path = b.path;
        this.policy = b.policy;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The module's bytes when given directly, else null. */
    byte[] bytes() {
        return bytes;
    }

    /** The module's file when given as a path, else null. */
    public Path path() {
        return path;
    }

    public WasmPolicy policy() {
        return policy;
    }

    @Override
    public String toString() {
        return "WasmPluginSpec[" + name + ", " + (path != null ? path : bytes.length + " bytes") + "]";
    }

    public static final class Builder {
        private final String name;
        private byte[] bytes;
        private Path path;
        private WasmPolicy policy = WasmPolicy.defaults();

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("plugin name must not be blank");
            }
            this.name = name;
        }

        /** The module's bytes (copied). */
        public Builder bytes(byte[] wasm) {
            this.bytes = wasm.clone();
            this.path = null;
            return this;
        }

        /** The module's file, read when the plugin is loaded. */
        public Builder path(Path wasmFile) {
            this.path = Objects.requireNonNull(wasmFile, "wasmFile");
            this.bytes = null;
            return this;
        }

        public Builder policy(WasmPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public WasmPluginSpec build() {
            if (bytes == null && path == null) {
                throw new IllegalStateException("plugin '" + name + "': give the module's bytes or its path");
            }
            return new WasmPluginSpec(this);
        }
    }
}
