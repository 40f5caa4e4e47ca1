package org.hielements.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.wasm.WasmPluginException.Kind;

/**
 * The WASM plugin host: loads modules into {@link WasmPlugin}s, keeps one parsed and compiled copy
 * per distinct module (by SHA-256) in memory, a persistent compile cache on disk, the timer that
 * stops a guest at its time limit (guest code runs on the caller's thread), and the worker threads
 * used only when a guest needs a larger stack than its caller's. One per process is the intent; it is
 * thread-safe.
 *
 * <pre>{@code
 * try (WasmHost host = WasmHost.builder().build()) {
 *     WasmPlugin p = host.load(WasmPluginSpec.builder("sample").path(file).build());
 *     byte[] reply = p.call("library_call", requestJson);
 * }
 * }</pre>
 */
public final class WasmHost implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WasmHost.class.getName());

    /** How guest code runs. */
    public enum Engine {
        /** Chicory's runtime compiler: WebAssembly to JVM bytecode, once per module. The default. */
        COMPILER,
        /** Chicory's interpreter: no compilation, much slower. For comparison and diagnosis. */
        INTERPRETER
    }

    private final Engine engine;
    private final DiskCompileCache diskCache;
    private final int maxIdleInstances;
    private final GuestWorkers workers;
    private final GuestDeadlines deadlines = new GuestDeadlines("hielements-wasm-timer");
    private final Map<String, CompletableFuture<CompiledModule>> modules = new ConcurrentHashMap<>();
    private final java.util.Set<WasmPlugin> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private WasmHost(Builder b) {
        this.engine = b.engine;
        this.diskCache = b.cacheDirectory == null ? null
                : new DiskCompileCache(b.cacheDirectory, "wasm-" + b.cacheVersion + "-chicory-" + RuntimeInfo.CHICORY_VERSION);
        this.maxIdleInstances = b.maxIdleInstances;
        this.workers = new GuestWorkers("hielements-wasm-", b.workerStackBytes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Our version, as built; part of the persistent cache's key. */
    public static String version() {
        return RuntimeInfo.VERSION;
    }

    /** {@code $XDG_CACHE_HOME/hielements}, else {@code ~/.cache/hielements}. */
    public static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "hielements");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "hielements");
    }

    public Engine engine() {
        return engine;
    }

    /** Where compiled modules are kept between runs (this host's version folder), if anywhere. */
    public Optional<Path> persistentCacheDirectory() {
        return diskCache == null ? Optional.empty() : Optional.of(diskCache.directory());
    }

    /**
     * Loads, validates and prepares a plugin: reads the bytes, parses and compiles them (once per
     * distinct module), checks the ABI and the imports, and creates a first instance. Every failure is
     * a {@link WasmPluginException} naming the plugin.
     */
    public WasmPlugin load(WasmPluginSpec spec) throws WasmPluginException {
        Objects.requireNonNull(spec, "spec");
        try {
            return loadChecked(spec);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            // whatever the engine threw that the steps below did not expect: still one clear error
            throw new WasmPluginException(Kind.LOAD, spec.name(), null, "could not be loaded: " + parseProblem(e), e);
        }
    }

    private WasmPlugin loadChecked(WasmPluginSpec spec) throws WasmPluginException {
        String name = spec.name();
        if (closed) {
            throw new WasmPluginException(Kind.CLOSED, name, null, "the WASM host is closed");
        }
        byte[] bytes = spec.bytes();
        if (bytes == null) {
            bytes = ModuleFile.read(name, spec.path(), spec.policy().moduleLimitBytes());
        }
        ModuleFile.checkHeader(name, bytes);
        byte[] digest = DiskCompileCache.sha256(bytes);
        String sha = HexFormat.of().formatHex(digest);
        CompletableFuture<CompiledModule.Preloaded> preload = preload(sha, digest);
        CompiledModule code = parsed(name, sha, bytes);
        ModuleInterface abi = ModuleInterface.analyze(name, code.module(), spec.policy());

        Path mount = null;
        if (spec.policy().workspace().isPresent()) {
            Path ws = spec.policy().workspace().get();
            if (!abi.usesWasi()) {
                LOG.fine(() -> "plugin '" + name + "' imports no WASI: the workspace mount has no effect");
            }
            try {
                mount = WorkspaceFileSystem.mount(ws);
            } catch (IOException e) {
                throw new WasmPluginException(Kind.LOAD, name, null, "cannot mount the workspace " + ws + ": " + e, e);
            }
        }

        WasmPlugin.CodeSource source;
        try {
            source = code.ensureCompiled(engine, diskCache, name, preload);
        } catch (ChicoryException | LinkageError e) {
            throw new WasmPluginException(Kind.LOAD, name, null, "could not be compiled: " + e.getMessage(), e);
        }
        WasmPlugin plugin = new WasmPlugin(this, name, spec.policy(), code, abi, source, mount, maxIdleInstances);
        code.users().incrementAndGet();
        open.add(plugin);
        try {
            plugin.warmUp();
        } catch (WasmPluginException e) {
            plugin.close();
            if (source == WasmPlugin.CodeSource.PERSISTENT_CACHE && e.kind() == Kind.LOAD) {
                // Cached classes that do not run: forget them and build afresh, once.
                LOG.warning("compile cache: cached code for plugin '" + name + "' failed (" + e.reason() + "); recompiling");
                code.forgetCompiled(diskCache);
                return load(spec);
            }
            throw e;
        }
        return plugin;
    }

    /**
     * Starts reading the module's compiled classes from the persistent cache on a thread of its own, to run while the
     * module is parsed (for the demo's plugin in a new JVM, about 20 ms beside a 50 ms parse); null when there is
     * nothing to read: the interpreter, no persistent cache, or the module compiled in memory already.
     */
    private CompletableFuture<CompiledModule.Preloaded> preload(String sha, byte[] digest) {
        if (engine != Engine.COMPILER || diskCache == null) {
            return null;
        }
        CompletableFuture<CompiledModule> known = modules.get(sha);
        if (known != null && known.isDone() && !known.isCompletedExceptionally() && known.join().isCompiled()) {
            return null;
        }
        return CompiledModule.preload(diskCache, digest);
    }

    private CompiledModule parsed(String name, String sha, byte[] bytes) throws WasmPluginException {
        CompletableFuture<CompiledModule> mine = new CompletableFuture<>();
        CompletableFuture<CompiledModule> existing = modules.putIfAbsent(sha, mine);
        if (existing == null) {
            try {
                WasmModule module = Parser.parse(bytes);
                mine.complete(new CompiledModule(sha, module));
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError | AssertionError e) {
                // OutOfMemoryError: one allocation the module asked for was refused; nothing else holds it.
                // AssertionError: the engine's own consistency checks (when assertions are on) on broken bytes.
                modules.remove(sha, mine);
                mine.completeExceptionally(e);
                throw new WasmPluginException(Kind.LOAD, name, null, "is not a valid WebAssembly module: "
                        + parseProblem(e), e);
            }
            return mine.join();
        }
        try {
            return existing.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new WasmPluginException(Kind.LOAD, name, null, "is not a valid WebAssembly module: "
                    + parseProblem(c), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmPluginException(Kind.CANCELLED, name, null, "loading was interrupted", e);
        }
    }

    /**
     * The engine's reason a module does not parse, as one line of at most 200 characters without
     * control characters (the engine may quote names from the module).
     */
    static String parseProblem(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "its structure is nested too deeply to read";
        }
        if (e instanceof OutOfMemoryError) {
            return "it declares more than the host can hold";
        }
        if (e instanceof AssertionError) {
            return "the engine found it inconsistent" + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "");
        }
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m.length() && b.length() < 200; i++) {
            char c = m.charAt(i);
            b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        if (b.length() >= 200) {
            b.append("...");
        }
        return b.toString();
    }

    /** Number of distinct modules held in memory. */
    public int cachedModuleCount() {
        return modules.size();
    }

    /**
     * Drops compiled modules no open plugin uses (for example after a plugin file changed and was
     * reloaded); returns how many were dropped. The persistent cache keeps them.
     */
    public int evictUnused() {
        int[] dropped = {0};
        modules.entrySet().removeIf(e -> {
            CompiledModule m = e.getValue().getNow(null);
            boolean unused = m != null && m.users().get() == 0;
            if (unused) {
                dropped[0]++;
            }
            return unused;
        });
        return dropped[0];
    }

    void released(WasmPlugin plugin) {
        if (open.remove(plugin)) {
            plugin.code().users().decrementAndGet();
        }
    }

    /** The timer that stops guest code running on callers' threads at its time limit. */
    GuestDeadlines deadlines() {
        return deadlines;
    }

    <T> GuestWorkers.Call<T> submit(Callable<T> task) {
        return workers.submit(task);
    }

    /** Live worker threads, for diagnostics. */
    int workerThreads() {
        return workers.size();
    }

    /**
     * Closes every plugin it loaded, stops the timer and the worker threads (interrupting guests still running);
     * calls fail with CLOSED afterwards.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (WasmPlugin p : open) {
            p.close();
        }
        deadlines.shutdown();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(1000)) {
                LOG.log(Level.WARNING, "some WASM guest threads did not stop within 1 s of being interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        modules.clear();
    }

    public static final class Builder {
        private Engine engine = Engine.COMPILER;
        private Path cacheDirectory = defaultCacheDirectory();
        private String cacheVersion = RuntimeInfo.VERSION;
        private int maxIdleInstances = Math.max(2, Runtime.getRuntime().availableProcessors());
        private long workerStackBytes = 4L * 1024 * 1024;

        private Builder() {}

        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The persistent compile cache's root folder (default {@link #defaultCacheDirectory()}). */
        public Builder persistentCache(Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** No persistent compile cache: every process compiles again. */
        public Builder noPersistentCache() {
            this.cacheDirectory = null;
            return this;
        }

        /** The version that keys the persistent cache; only tests change it from our own version. */
        public Builder cacheVersion(String version) {
            if (version.isBlank()) {
                throw new IllegalArgumentException("cache version must not be blank");
            }
            this.cacheVersion = version;
            return this;
        }

        /** Idle instances kept per plugin (default: the number of processors, at least 2). */
        public Builder maxIdleInstances(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxIdleInstances must not be negative");
            }
            this.maxIdleInstances = count;
            return this;
        }

        /**
         * Stack of each worker thread, which bounds guest recursion (default 4 MiB): a guest runs on its caller's
         * thread, and one that overflows that stack runs again on a worker.
         */
        public Builder workerStackBytes(long bytes) {
            if (bytes < 256 * 1024) {
                throw new IllegalArgumentException("worker stack must be at least 256 KiB");
            }
            this.workerStackBytes = bytes;
            return this;
        }

        public WasmHost build() {
            return new WasmHost(this);
        }
    }
}
