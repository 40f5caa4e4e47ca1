package org.hielements.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.UninstantiableException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.hielements.wasm.WasmPluginException.Kind;

/**
 * One instance of a plugin's module with everything it owns: memory, WASI state (open files),
 * console capture. Used by one call at a time; {@link WasmPlugin} pools them. Engine exceptions
 * thrown here are mapped to {@link WasmPluginException} by the caller, which also decides whether
 * the instance may be used again.
 */
final class PluginInstance {
    private static final long U32 = 0xFFFF_FFFFL;

    private final WasmPlugin plugin;
    private final Instance instance;
    private final LimitedMemory memory;
    private final InstanceBudget budget;
    private final WasiPreview1 wasi;
    private final GuestConsole stdout;
    private final GuestConsole stderr;
    private final ExportFunction alloc;
    private final ExportFunction dealloc;
    private final Map<String, ExportFunction> exports = new HashMap<>();
    /** Every workspace path its guest touched since it was created ({@link AccessLog}); one call at a time uses it. */
    private final java.util.Set<java.nio.file.Path> accessHistory = new java.util.LinkedHashSet<>();

    private PluginInstance(WasmPlugin plugin, Instance instance, LimitedMemory memory, InstanceBudget budget,
            WasiPreview1 wasi, GuestConsole stdout, GuestConsole stderr) {
        this.plugin = plugin;
        this.instance = instance;
        this.memory = memory;
        this.budget = budget;
        this.wasi = wasi;
        this.stdout = stdout;
        this.stderr = stderr;
        this.alloc = instance.export(ModuleInterface.ALLOC);
        this.dealloc = plugin.abi().hasDealloc() ? instance.export(ModuleInterface.DEALLOC) : null;
    }

    /** Instantiates the module and runs {@code _initialize}; guest code runs here (start function too). */
    static PluginInstance create(WasmPlugin plugin) throws WasmPluginException {
        WasmPolicy policy = plugin.policy();
        GuestConsole out = new GuestConsole(plugin.name(), "stdout", Level.INFO, policy.consoleLimitBytes());
        GuestConsole err = new GuestConsole(plugin.name(), "stderr", Level.WARNING, policy.consoleLimitBytes());
        out.startCall();
        err.startCall();
        WasiPreview1 wasi = null;
        ImportValues.Builder importValues = ImportValues.builder();
        if (plugin.abi().usesNetwork()) {
            importValues.addFunction(GuestNetwork.hostFunction(plugin));
        }
        if (plugin.abi().usesWasi()) {
            WasiOptions.Builder options = WasiOptions.builder()
                    .withStdout(out, false)
                    .withStderr(err, false)
                    .withArguments(List.of(plugin.name()))
                    .withThrowOnExit0(true);
            policy.environment().forEach(options::withEnvironment);
            if (plugin.mount() != null) {
                options.withDirectory(plugin.mount().toString(), plugin.mount());
            }
            wasi = WasiPreview1.builder().withOptions(options.build()).build();
            importValues.addFunction(wasi.toHostFunctions());
        }
        ImportValues imports = importValues.build();
        LimitedMemory[] first = new LimitedMemory[1];
        InstanceBudget budget = new InstanceBudget(policy.memoryLimitBytes());
        Instance.Builder b = Instance.builder(plugin.code().module())
                .withImportValues(imports)
                .withMemoryLimits(plugin.memoryLimits())
                .withMemoryFactory(limits -> {
                    LimitedMemory m = new LimitedMemory(limits, budget);
                    if (first[0] == null) {
                        first[0] = m;
                    }
                    return m;
                })
                .withTableFactory((table, init) -> LimitedTable.create(table, init, budget))
                .withGlobalFactory((low, high, type, mutability) -> {
                    if (!budget.reserve(InstanceBudget.GLOBAL_BYTES, "one more global")) {
                        throw new UninstantiableException(budget.refusal());
                    }
                    return new GlobalInstance(low, high, type, mutability);
                })
                .withStart(false);
        if (plugin.code().machineFactory() != null) {
            b.withMachineFactory(plugin.code().machineFactory());
        }
        Instance instance;
        try {
            instance = b.build();
            if (plugin.abi().hasInitialize()) {
                instance.export(ModuleInterface.INITIALIZE).apply();
            }
        } catch (RuntimeException | Error e) {
            if (wasi != null) {
                wasi.close();
            }
            out.endCall();
            err.endCall();
            if (budget.refused()) {
                throw plugin.memoryLimitError(plugin.abi().hasInitialize() ? ModuleInterface.INITIALIZE : null,
                        budget.refusal(), e);
            }
            throw e;
        }
        out.endCall();
        err.endCall();
        if (first[0] == null) {
            // the ABI requires an exported memory, so there is one; this is for the compiler's sake
            throw new IllegalStateException("the module has no memory");
        }
        return new PluginInstance(plugin, instance, first[0], budget, wasi, out, err);
    }

    LimitedMemory memory() {
        return memory;
    }

    /** What this instance may still allocate, and whether an allocation was refused during the call. */
    InstanceBudget budget() {
        return budget;
    }

    /**
     * One call per the ABI: copy {@code input} in through {@code alloc} (none when null), call the
     * export in its shape, check and copy the reply out, {@code dealloc} what was allocated.
     */
    byte[] invoke(String export, ReturnShape shape, byte[] input) throws WasmPluginException {
        budget.clearRefused();
        stdout.startCall();
        stderr.startCall();
        try {
            return invokeChecked(export, shape, input);
        } finally {
            stdout.endCall();
            stderr.endCall();
        }
    }

    private byte[] invokeChecked(String export, ReturnShape shape, byte[] input) throws WasmPluginException {
        ExportFunction f = exports.get(export);
        if (f == null) {
            f = instance.export(export);
            exports.put(export, f);
        }
        int inPtr = 0;
        int inLen = 0;
        if (input != null) {
            inLen = input.length;
            inPtr = allocate(export, inLen);
            memory.write(inPtr, input);
        }
        long replyPtr;
        long replyLen;
        int outPtr = 0;
        switch (shape) {
            case MULTI_VALUE: {
                long[] r = input != null ? f.apply(inPtr, inLen) : f.apply();
                replyPtr = r[0] & U32;
                replyLen = r[1] & U32;
                break;
            }
            case PACKED_I64: {
                long v = (input != null ? f.apply(inPtr, inLen) : f.apply())[0];
                replyPtr = v & U32;
                replyLen = v >>> 32;
                break;
            }
            case OUT_POINTER: {
                outPtr = allocate(export, 8);
                if (input != null) {
                    f.apply(outPtr, inPtr, inLen);
                } else {
                    f.apply(outPtr);
                }
                replyPtr = memory.readInt(outPtr) & U32;
                replyLen = memory.readInt(outPtr + 4) & U32;
                break;
            }
            default:
                throw new IllegalStateException("unknown shape " + shape);
        }
        if (budget.refused()) {
            throw plugin.memoryLimitError(export, budget.refusal(), null);
        }
        if (replyLen == 0) {
            throw plugin.error(Kind.BAD_REPLY, export,
                    "replied with length 0 (pointer " + hex(replyPtr) + "); a reply is never empty");
        }
        if (replyLen > plugin.policy().outputLimitBytes()) {
            throw plugin.error(Kind.OUTPUT_LIMIT, export, "reply of " + replyLen
                    + " bytes is over the output limit of " + plugin.policy().outputLimitBytes() + " bytes");
        }
        long size = memory.byteSize();
        if (replyPtr + replyLen > size) {
            throw plugin.error(Kind.BAD_REPLY, export, "reply at " + hex(replyPtr) + " with length " + replyLen
                    + " leaves the guest's memory (" + size + " bytes)");
        }
        byte[] reply = memory.readBytes((int) replyPtr, (int) replyLen);
        if (dealloc != null) {
            if (input != null) {
                dealloc.apply(inPtr, inLen);
            }
            if (shape == ReturnShape.OUT_POINTER) {
                dealloc.apply(outPtr, 8);
            }
            dealloc.apply((int) replyPtr, (int) replyLen);
        }
        return reply;
    }

    private int allocate(String export, int length) throws WasmPluginException {
        long ptr = alloc.apply(length)[0] & U32;
        long size = memory.byteSize();
        if (ptr + length > size || (ptr == 0 && length > 0)) {
            if (budget.refused()) {
                throw plugin.memoryLimitError(export, budget.refusal(), null);
            }
            throw plugin.error(Kind.BAD_ALLOC, export, "alloc(" + length + ") returned " + hex(ptr)
                    + ", which leaves the guest's memory (" + size + " bytes) or is null");
        }
        return (int) ptr;
    }

    private static String hex(long v) {
        return String.format("0x%08x", v);
    }

    void close() {
        if (wasi != null) {
            wasi.close();
        }
    }

    java.util.Set<java.nio.file.Path> accessHistory() {
        return accessHistory;
    }
}
