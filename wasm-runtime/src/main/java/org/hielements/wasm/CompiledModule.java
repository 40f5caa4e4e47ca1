package org.hielements.wasm;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * A parsed module and its compiled code, shared by every plugin loaded from the same bytes
 * (identified by SHA-256). Compilation happens once, on first use, and may come from the
 * persistent cache.
 */
final class CompiledModule {
    private static final Logger LOG = Logger.getLogger(CompiledModule.class.getName());

    private final String sha256;
    private final WasmModule module;
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean compiled;
    private Function<Instance, Machine> machineFactory;
    private WasmPlugin.CodeSource firstSource;
    private boolean partlyInterpreted;

    CompiledModule(String sha256, WasmModule module) {
        this.sha256 = sha256;
        this.module = module;
    }

    String sha256() {
        return sha256;
    }

    WasmModule module() {
        return module;
    }

    AtomicInteger users() {
        return users;
    }

    /** The compiled code, or null to run in the interpreter. */
    Function<Instance, Machine> machineFactory() {
        return machineFactory;
    }

    boolean partlyInterpreted() {
        return partlyInterpreted;
    }

    /** Whether its code is ready (compiled, loaded from the persistent cache, or the interpreter chosen). */
    synchronized boolean isCompiled() {
        return compiled;
    }

    /**
     * The classes of a persistent cache entry, loaded before the module they were compiled from is parsed: their
     * machine factory and the cache key they were read under ({@link WasmModule#digest()} of that module).
     */
    record Preloaded(String key, Function<Instance, Machine> factory) {}

    /**
     * Loads the compiled classes of the module whose SHA-256 is {@code sha256} from {@code cache} on a thread of its
     * own: they depend on the module's bytes alone (the key names them), not on its parse, so this runs while the
     * module is parsed. Chicory's compiler is given a stand-in module that carries only the key and a cache that
     * answers the entry read here: no compilation can happen (without an entry, nothing is asked). Completes with null
     * when there is no usable entry (missing or corrupt: the cache says so and deletes it) and exceptionally when its
     * classes do not load; {@link #ensureCompiled} then takes its usual way, which handles both.
     */
    static CompletableFuture<Preloaded> preload(DiskCompileCache cache, byte[] sha256) {
        CompletableFuture<Preloaded> result = new CompletableFuture<>();
        String key = DiskCompileCache.key(sha256);
        Thread t = new Thread(() -> {
            try {
                byte[] entry = cache.get(key);
                if (entry == null) {
                    result.complete(null);
                    return;
                }
                WasmModule standIn = WasmModule.builder().withValidation(false).withDigest(key).build();
                Function<Instance, Machine> loaded = MachineFactoryCompiler.builder(standIn)
                        .withCache(new Cache() {
                            @Override
                            public byte[] get(String k) {
                                return k.equals(key) ? entry : null;
                            }

                            @Override
                            public void putIfAbsent(String k, byte[] data) {
                                // never reached (the entry is there); nothing compiled for the stand-in is kept
                            }
                        })
                        .compile();
                result.complete(loaded instanceof com.dylibso.chicory.runtime.CompiledModule m
                        ? new Preloaded(key, m.machineFactory()) : null);
            } catch (RuntimeException | LinkageError e) {
                result.completeExceptionally(e);
            }
        }, "hielements-wasm-cache");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /**
     * Compiles (or loads from {@code cache}) unless done already; returns where the code came from
     * for this caller: the first caller learns COMPILED or PERSISTENT_CACHE, later ones MEMORY_CACHE.
     */
    synchronized WasmPlugin.CodeSource ensureCompiled(WasmHost.Engine engine, DiskCompileCache cache, String plugin) {
        return ensureCompiled(engine, cache, plugin, null);
    }

    /**
     * As {@link #ensureCompiled(WasmHost.Engine, DiskCompileCache, String)}, taking the classes {@code preload} read
     * from the persistent cache (null: none) when it read them for this module; otherwise (no entry, a corrupt one,
     * classes that did not load) the usual way.
     */
    synchronized WasmPlugin.CodeSource ensureCompiled(WasmHost.Engine engine, DiskCompileCache cache, String plugin,
            CompletableFuture<Preloaded> preload) {
        if (compiled) {
            return firstSource == WasmPlugin.CodeSource.INTERPRETER ? firstSource : WasmPlugin.CodeSource.MEMORY_CACHE;
        }
        Preloaded pre = null;
        if (preload != null && engine == WasmHost.Engine.COMPILER && cache != null) {
            try {
                pre = preload.join();
            } catch (RuntimeException e) {
                LOG.fine(() -> "compile cache: the entry for " + sha256 + " did not load ahead (" + e + ")");
            }
        }
        if (pre != null && pre.key().equals(module.digest())) {
            Function<Instance, Machine> loaded = pre.factory();
            machineFactory = instance -> {
                if (instance.module() != module) {
                    throw new IllegalArgumentException("the instance's module is not the one this code was loaded for");
                }
                return loaded.apply(instance);
            };
            firstSource = WasmPlugin.CodeSource.PERSISTENT_CACHE;
            compiled = true;
            return firstSource;
        }
        if (engine == WasmHost.Engine.INTERPRETER) {
            machineFactory = null;
            firstSource = WasmPlugin.CodeSource.INTERPRETER;
        } else {
            RecordingCache recording = cache == null ? null : new RecordingCache(cache);
            try {
                machineFactory = compileAllowingFallback(recording, plugin);
            } catch (RuntimeException | LinkageError e) {
                if (recording == null || !recording.hit) {
                    throw e;
                }
                // A cache entry whose classes do not load: drop it and compile afresh.
                LOG.warning("compile cache: entry for " + sha256 + " did not load (" + e + "); recompiling");
                cache.invalidate(module.digest());
                recording = new RecordingCache(cache);
                machineFactory = compileAllowingFallback(recording, plugin);
            }
            firstSource = recording != null && recording.hit
                    ? WasmPlugin.CodeSource.PERSISTENT_CACHE : WasmPlugin.CodeSource.COMPILED;
        }
        compiled = true;
        return firstSource;
    }

    /** Drops a persistent entry that turned out unusable (its classes failed when instantiated). */
    synchronized void forgetCompiled(DiskCompileCache cache) {
        if (cache != null) {
            cache.invalidate(module.digest());
        }
        compiled = false;
        machineFactory = null;
    }

    private Function<Instance, Machine> compileAllowingFallback(Cache cache, String plugin) {
        try {
            return compile(cache, InterpreterFallback.FAIL);
        } catch (ChicoryException e) {
            if (!String.valueOf(e.getMessage()).contains("Java method size limits")) {
                throw e;
            }
            // Some function is too large for a JVM method: that one runs in the interpreter.
            LOG.warning("plugin '" + plugin + "': a function is too large to compile to JVM bytecode and runs"
                    + " in the interpreter (slower): " + e.getMessage());
            partlyInterpreted = true;
            return compile(cache, InterpreterFallback.SILENT);
        }
    }

    private Function<Instance, Machine> compile(Cache cache, InterpreterFallback fallback) {
        MachineFactoryCompiler.Builder b = MachineFactoryCompiler.builder(module).withInterpreterFallback(fallback);
        if (cache != null) {
            b.withCache(cache);
        }
        return b.compile();
    }

    /** Remembers whether the compiler's lookup found an entry. */
    private static final class RecordingCache implements Cache {
        private final DiskCompileCache delegate;
        boolean hit;

        RecordingCache(DiskCompileCache delegate) {
            this.delegate = delegate;
        }

        @Override
        public byte[] get(String key) {
            byte[] data = delegate.get(key);
            hit = data != null;
            return data;
        }

        @Override
        public void putIfAbsent(String key, byte[] data) {
            delegate.putIfAbsent(key, data);
        }
    }
}
