package org.hielements.wasm;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
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

    /**
     * Compiles (or loads from {@code cache}) unless done already; returns where the code came from
     * for this caller: the first caller learns COMPILED or PERSISTENT_CACHE, later ones MEMORY_CACHE.
     */
    synchronized WasmPlugin.CodeSource ensureCompiled(WasmHost.Engine engine, DiskCompileCache cache, String plugin) {
        if (compiled) {
            return firstSource == WasmPlugin.CodeSource.INTERPRETER ? firstSource : WasmPlugin.CodeSource.MEMORY_CACHE;
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
