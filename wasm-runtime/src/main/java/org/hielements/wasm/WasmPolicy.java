package org.hielements.wasm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin may use: memory, time per call, reply size, captured console output, and (for WASI
 * modules) a read-only view of one workspace folder and a fixed set of environment variables.
 * Immutable; build one with {@link #builder()}. The defaults are the sandbox's defaults: 64 MiB of
 * memory (linear memory, tables and globals together, per instance), 5 s per call, 16 MiB per reply,
 * a module file of at most 16 MiB, 8 KiB of console output per stream and call, no filesystem, no
 * environment, no network (the {@code hielements.http_request} host function refuses every request until hosts are
 * granted with {@link Builder#allowNetworkHost}; a response may have at most 1 MiB of body and take at most 10 s,
 * within the call's own time limit).
 */
public final class WasmPolicy {
    /** WebAssembly page size. */
    public static final int PAGE_SIZE = 65536;
    /** Largest memory limit accepted: 2 GiB. */
    public static final long MAX_MEMORY_BYTES = 2L * 1024 * 1024 * 1024;
    public static final long DEFAULT_MEMORY_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_OUTPUT_BYTES = 16 * 1024 * 1024;
    public static final int DEFAULT_CONSOLE_BYTES = 8 * 1024;
    /**
     * Largest module file read by default: 16 MiB. Parsing costs the engine about 50 bytes of heap per
     * byte of code, so this bounds a hostile module's parse to under 1 GiB.
     */
    public static final long DEFAULT_MODULE_BYTES = 16L * 1024 * 1024;
    /** Largest module limit accepted: 256 MiB. */
    public static final long MAX_MODULE_BYTES = 256L * 1024 * 1024;
    /** The largest body of an HTTP response a guest is given by default: 1 MiB. */
    public static final int DEFAULT_NETWORK_RESPONSE_BYTES = 1024 * 1024;
    /** The longest an HTTP request may take by default (always within the call's own time limit): 10 s. */
    public static final Duration DEFAULT_NETWORK_TIMEOUT = Duration.ofSeconds(10);

    private static final WasmPolicy DEFAULTS = builder().build();

    private final long memoryLimitBytes;
    private final Duration timeout;
    private final int outputLimitBytes;
    private final int consoleLimitBytes;
    private final long moduleLimitBytes;
    private final Path workspace;
    private final Map<String, String> environment;
    private final Set<String> networkHosts;
    private final int networkResponseLimitBytes;
    private final Duration networkTimeout;

    private WasmPolicy(Builder b) {
        this.memoryLimitBytes = b.memoryLimitBytes;
        this.timeout = b.timeout;
        this.outputLimitBytes = b.outputLimitBytes;
        this.consoleLimitBytes = b.consoleLimitBytes;
        this.moduleLimitBytes = b.moduleLimitBytes;
        this.workspace = b.workspace;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.networkHosts = Collections.unmodifiableSet(new LinkedHashSet<>(b.networkHosts));
        this.networkResponseLimitBytes = b.networkResponseLimitBytes;
        this.networkTimeout = b.networkTimeout;
    }

    /** The sandbox's defaults. */
    public static WasmPolicy defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.memoryLimitBytes = memoryLimitBytes;
        b.timeout = timeout;
        b.outputLimitBytes = outputLimitBytes;
        b.consoleLimitBytes = consoleLimitBytes;
        b.moduleLimitBytes = moduleLimitBytes;
        b.workspace = workspace;
        b.environment.putAll(environment);
        b.networkHosts.addAll(networkHosts);
        b.networkResponseLimitBytes = networkResponseLimitBytes;
        b.networkTimeout = networkTimeout;
        return b;
    }

    /**
     * What one instance may allocate, in bytes (a whole number of 64 KiB pages): its linear memory,
     * its tables (8 bytes per slot) and its globals (64 bytes each) count together.
     */
    public long memoryLimitBytes() {
        return memoryLimitBytes;
    }

    /** {@link #memoryLimitBytes()} in WebAssembly pages. */
    public int memoryLimitPages() {
        return (int) Math.min(memoryLimitBytes / PAGE_SIZE, 32767);
    }

    /** Wall-clock time a call may take, instantiation of a fresh instance included. */
    public Duration timeout() {
        return timeout;
    }

    /** Largest reply, in bytes. */
    public int outputLimitBytes() {
        return outputLimitBytes;
    }

    /**
     * Bytes of guest stdout and of guest stderr kept per call, logged as one record at the end of the
     * call; the rest is dropped and the record says how many bytes were.
     */
    public int consoleLimitBytes() {
        return consoleLimitBytes;
    }

    /** Largest module file read from a path; a larger one is refused before it is read. */
    public long moduleLimitBytes() {
        return moduleLimitBytes;
    }

    /** The folder mounted read-only at its own absolute path, if any. */
    public Optional<Path> workspace() {
        return Optional.ofNullable(workspace);
    }

    /** The guest's whole environment (name to value), in order. Empty by default. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * The {@code host:port} pairs (host in lower case) the guest may send HTTP requests to through {@code
     * hielements.http_request}; empty (the default): none.
     */
    public Set<String> networkHosts() {
        return networkHosts;
    }

    /** The largest body of an HTTP response given to the guest, in bytes; a larger one is refused. */
    public int networkResponseLimitBytes() {
        return networkResponseLimitBytes;
    }

    /** The longest one HTTP request may take (redirects included), within what is left of the call's time limit. */
    public Duration networkTimeout() {
        return networkTimeout;
    }

    /**
     * {@code host:port} in the form {@link #networkHosts()} keeps it (the host in lower case, an IPv6 address in
     * brackets), or empty when the text is not one: a host name or address, then a port from 1 to 65535.
     */
    public static Optional<String> hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String port = text.substring(colon + 1);
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
            return Optional.empty();
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            return Optional.empty();
        }
        boolean ok;
        if (host.startsWith("[") && host.endsWith("]")) {
            ok = host.length() > 2 && host.substring(1, host.length() - 1).chars()
                    .allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        } else {
            ok = !host.isEmpty() && host.length() <= 253 && !host.startsWith(".") && !host.endsWith(".")
                    && !host.contains("..") && host.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9') || c == '-' || c == '.');
        }
        return ok ? Optional.of(host + ":" + p) : Optional.empty();
    }

    @Override
    public String toString() {
        return "WasmPolicy[memory=" + memoryLimitBytes + ", timeout=" + timeout + ", output=" + outputLimitBytes
                + ", console=" + consoleLimitBytes + ", module=" + moduleLimitBytes + ", workspace=" + workspace + ", environment="
                + environment.keySet() + ", network=" + networkHosts + "]";
    }

    public static final class Builder {
        private long memoryLimitBytes = DEFAULT_MEMORY_BYTES;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int outputLimitBytes = DEFAULT_OUTPUT_BYTES;
        private int consoleLimitBytes = DEFAULT_CONSOLE_BYTES;
        private long moduleLimitBytes = DEFAULT_MODULE_BYTES;
        private Path workspace;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> networkHosts = new LinkedHashSet<>();
        private int networkResponseLimitBytes = DEFAULT_NETWORK_RESPONSE_BYTES;
        private Duration networkTimeout = DEFAULT_NETWORK_TIMEOUT;

        private Builder() {}

        /**
         * Lets the guest send HTTP requests to {@code hostPort} ("example.org:443", "127.0.0.1:8080"; see {@link
         * #hostPort}) through the {@code hielements.http_request} host function. Only the very host and port: no
         * wildcard, another port of the same host is another host.
         */
        public Builder allowNetworkHost(String hostPort) {
            networkHosts.add(hostPort(hostPort).orElseThrow(() -> new IllegalArgumentException(
                    "not host:port (a host name or address, then a port from 1 to 65535): " + hostPort)));
            return this;
        }

        /** The largest body of an HTTP response given to the guest: at least 1 byte. */
        public Builder networkResponseLimitBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("network response limit must be positive, got " + bytes);
            }
            this.networkResponseLimitBytes = bytes;
            return this;
        }

        /** The longest one HTTP request may take; the call's own time limit bounds it too. */
        public Builder networkTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("network timeout must be positive, got " + timeout);
            }
            this.networkTimeout = timeout;
            return this;
        }

        /** Largest linear memory: at least one page, at most 2 GiB; rounded down to whole pages. */
        public Builder memoryLimitBytes(long bytes) {
            if (bytes < PAGE_SIZE || bytes > MAX_MEMORY_BYTES) {
                throw new IllegalArgumentException(
                        "memory limit must be between 64 KiB and 2 GiB, got " + bytes + " bytes");
            }
            this.memoryLimitBytes = bytes / PAGE_SIZE * PAGE_SIZE;
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder outputLimitBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("output limit must be positive, got " + bytes);
            }
            this.outputLimitBytes = bytes;
            return this;
        }

        public Builder consoleLimitBytes(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("console limit must not be negative, got " + bytes);
            }
            this.consoleLimitBytes = bytes;
            return this;
        }

        /** Largest module file read from a path: at least 1 KiB, at most {@link #MAX_MODULE_BYTES}. */
        public Builder moduleLimitBytes(long bytes) {
            if (bytes < 1024 || bytes > MAX_MODULE_BYTES) {
                throw new IllegalArgumentException("module limit must be between 1 KiB and 256 MiB, got " + bytes
                        + " bytes");
            }
            this.moduleLimitBytes = bytes;
            return this;
        }

        /**
         * Mounts {@code folder} read-only inside the guest at its own absolute path. Nothing outside
         * it is reachable, neither by {@code ..}, nor by an absolute path, nor through a symlink.
         * Pass null for no filesystem (the default).
         */
        public Builder readOnlyWorkspace(Path folder) {
            this.workspace = folder == null ? null : folder.toAbsolutePath().normalize();
            return this;
        }

        /** Adds one variable to the guest's environment. */
        public Builder environment(String name, String value) {
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name or value: " + name);
            }
            environment.put(name, value);
            return this;
        }

        /**
         * The allow-list form: copies each named variable from {@code source} (for example
         * {@code System.getenv()}); names {@code source} lacks are left out.
         */
        public Builder allowEnvironment(Iterable<String> names, Map<String, String> source) {
            for (String name : names) {
                String value = source.get(name);
                if (value != null) {
                    environment(name, value);
                }
            }
            return this;
        }

        public WasmPolicy build() {
            return new WasmPolicy(this);
        }
    }
}
