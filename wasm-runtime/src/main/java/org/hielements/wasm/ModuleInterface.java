package org.hielements.wasm;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The plugin ABI checked against a parsed module, without instantiating it: required and optional
 * exports with their return shapes, imports, and the memory's declared limits. Every problem is
 * collected, so a plugin author sees them all at once.
 */
final class ModuleInterface {
    static final String WASI_MODULE = "wasi_snapshot_preview1";
    /** The host's own import module: {@code hielements.http_request} (docs/PLUGINS.md, "Network"). */
    static final String HOST_MODULE = "hielements";
    static final String HTTP_REQUEST = "http_request";
    static final FunctionType HTTP_REQUEST_TYPE =
            FunctionType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I64));
    static final String MEMORY = "memory";
    static final String ALLOC = "alloc";
    static final String DEALLOC = "dealloc";
    static final String INITIALIZE = "_initialize";
    static final String LIBRARY_CALL = "library_call";
    static final String LIBRARY_CHECK = "library_check";
    static final String LIBRARY_METADATA = "library_metadata";
    static final String LIBRARY_DOC = "library_doc";

    private static final FunctionType ALLOC_TYPE = FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
    private static final FunctionType DEALLOC_TYPE = FunctionType.of(List.of(ValType.I32, ValType.I32), List.of());
    private static final FunctionType INITIALIZE_TYPE = FunctionType.empty();

    private final Map<String, ExportInfo> exports;
    private final boolean usesWasi;
    private final boolean usesNetwork;
    private final boolean hasDealloc;
    private final boolean hasInitialize;
    private final int initialPages;
    private final int declaredMaxPages;

    private ModuleInterface(Map<String, ExportInfo> exports, boolean usesWasi, boolean usesNetwork, boolean hasDealloc,
            boolean hasInitialize, int initialPages, int declaredMaxPages) {
        this.exports = exports;
        this.usesWasi = usesWasi;
        this.usesNetwork = usesNetwork;
        this.hasDealloc = hasDealloc;
        this.hasInitialize = hasInitialize;
        this.initialPages = initialPages;
        this.declaredMaxPages = declaredMaxPages;
    }

    Map<String, ExportInfo> exports() {
        return exports;
    }

    boolean usesWasi() {
        return usesWasi;
    }

    /** Whether the module imports {@code hielements.http_request}. */
    boolean usesNetwork() {
        return usesNetwork;
    }

    boolean hasDealloc() {
        return hasDealloc;
    }

    boolean hasInitialize() {
        return hasInitialize;
    }

    int initialPages() {
        return initialPages;
    }

    /** The maximum the module declares for its memory, or -1 when it declares none. */
    int declaredMaxPages() {
        return declaredMaxPages;
    }

    /** Checks {@code module} against the ABI and the host's imports. */
    static ModuleInterface analyze(String plugin, WasmModule module, WasmPolicy policy) throws WasmPluginException {
        List<String> problems = new ArrayList<>();

        // Imports: only WASI preview 1 functions, with WASI's types.
        List<String> unknown = new ArrayList<>();
        List<FunctionType> importedFunctionTypes = new ArrayList<>();
        boolean usesWasi = false;
        boolean usesNetwork = false;
        for (int i = 0; i < module.importSection().importCount(); i++) {
            Import imp = module.importSection().getImport(i);
            String qualified = imp.module() + "." + imp.name();
            if (imp.importType() != ExternalType.FUNCTION) {
                unknown.add(qualified + " (" + kindName(imp.importType()) + ")");
                continue;
            }
            FunctionType type = module.typeSection().getType(((FunctionImport) imp).typeIndex());
            importedFunctionTypes.add(type);
            if (imp.module().equals(HOST_MODULE)) {
                if (!imp.name().equals(HTTP_REQUEST)) {
                    unknown.add(qualified + " (the host module " + HOST_MODULE + " has only " + HTTP_REQUEST + ")");
                } else if (!HTTP_REQUEST_TYPE.equals(type)) {
                    unknown.add(qualified + " (declared " + signature(type) + ", the host defines "
                            + signature(HTTP_REQUEST_TYPE) + ")");
                } else {
                    usesNetwork = true;
                }
                continue;
            }
            if (!imp.module().equals(WASI_MODULE)) {
                unknown.add(qualified + " (function " + signature(type) + ")");
                continue;
            }
            // WASI's table is built only when needed: loading it costs a fresh JVM tens of ms.
            FunctionType expected = WasiSignatures.ALL.get(imp.name());
            if (expected == null) {
                unknown.add(qualified + " (no such WASI preview 1 function)");
            } else if (!expected.equals(type)) {
                unknown.add(qualified + " (declared " + signature(type) + ", WASI defines " + signature(expected) + ")");
            } else {
                usesWasi = true;
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown imports: " + String.join(", ", unknown)
                    + "; the host provides only " + WASI_MODULE + " functions and " + HOST_MODULE + "."
                    + HTTP_REQUEST);
        }

        // Exports.
        Map<String, ExportInfo> exports = new LinkedHashMap<>();
        Map<String, FunctionType> functionTypes = new LinkedHashMap<>();
        Integer memoryIndex = null;
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            if (e.exportType() == ExternalType.FUNCTION) {
                int index = e.index();
                FunctionType type = index < importedFunctionTypes.size()
                        ? importedFunctionTypes.get(index)
                        : module.functionSection().getFunctionType(index - importedFunctionTypes.size(),
                                module.typeSection());
                functionTypes.put(e.name(), type);
                Optional<ReturnShape> withInput = shapeWithInput(type);
                Optional<ReturnShape> withoutInput = shapeWithoutInput(type);
                exports.put(e.name(), new ExportInfo(e.name(), "function", signature(type),
                        withInput.isPresent() ? withInput : withoutInput, withInput.isPresent()));
            } else {
                if (e.exportType() == ExternalType.MEMORY && e.name().equals(MEMORY)) {
                    memoryIndex = e.index();
                }
                exports.put(e.name(), new ExportInfo(e.name(), kindName(e.exportType()), "", Optional.empty(), false));
            }
        }

        List<String> missing = new ArrayList<>();
        if (!exports.containsKey(MEMORY)) {
            missing.add(MEMORY);
        } else if (memoryIndex == null) {
            problems.add("export memory is a " + exports.get(MEMORY).kind() + ", expected the linear memory");
        } else if (memoryIndex != 0) {
            problems.add("export memory is memory " + memoryIndex + "; the ABI uses memory 0");
        }
        for (String required : List.of(ALLOC, LIBRARY_CALL, LIBRARY_CHECK)) {
            if (!exports.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            problems.add("missing required exports: " + String.join(", ", missing));
        }

        checkExact(problems, exports, functionTypes, ALLOC, ALLOC_TYPE);
        checkExact(problems, exports, functionTypes, DEALLOC, DEALLOC_TYPE);
        checkExact(problems, exports, functionTypes, INITIALIZE, INITIALIZE_TYPE);
        for (String name : List.of(LIBRARY_CALL, LIBRARY_CHECK)) {
            checkShape(problems, exports, name, true);
        }
        for (String name : List.of(LIBRARY_METADATA, LIBRARY_DOC)) {
            checkShape(problems, exports, name, false);
        }

        // Memory: the module's own minimum must fit the policy's limit.
        int initialPages = 0;
        int declaredMax = -1;
        if (module.memorySection().isPresent() && module.memorySection().get().memoryCount() > 0) {
            var limits = module.memorySection().get().getMemory(0).limits();
            initialPages = limits.initialPages();
            declaredMax = limits.maximumPages();
            if (module.memorySection().get().memoryCount() > 1) {
                problems.add("the module defines " + module.memorySection().get().memoryCount()
                        + " memories; the ABI uses exactly one");
            }
            if (limits.shared()) {
                problems.add("memory is shared (threads); the host runs single-threaded instances only");
            }
        }
        if (!problems.isEmpty()) {
            throw new WasmPluginException(WasmPluginException.Kind.VALIDATION, plugin, null,
                    String.join("; ", problems), problems, null);
        }
        if (initialPages > policy.memoryLimitPages()) {
            throw new WasmPluginException(WasmPluginException.Kind.MEMORY_LIMIT, plugin, null,
                    "the module's memory starts at " + initialPages + " pages (" + mib(initialPages)
                            + "), more than the limit of " + policy.memoryLimitPages() + " pages ("
                            + mib(policy.memoryLimitPages()) + ")");
        }
        boolean hasDealloc = functionTypes.containsKey(DEALLOC);
        boolean hasInitialize = functionTypes.containsKey(INITIALIZE);
        return new ModuleInterface(Collections.unmodifiableMap(exports), usesWasi, usesNetwork, hasDealloc, hasInitialize,
                initialPages, declaredMax);
    }

    private static String mib(int pages) {
        return String.format(Locale.ROOT, "%.1f MiB", pages / 16.0);
    }

    private static void checkExact(List<String> problems, Map<String, ExportInfo> exports,
            Map<String, FunctionType> functionTypes, String name, FunctionType expected) {
        ExportInfo info = exports.get(name);
        if (info == null) {
            return;
        }
        if (!info.kind().equals("function")) {
            problems.add("export " + name + " is a " + info.kind() + ", expected a function " + signature(expected));
        } else if (!functionTypes.get(name).equals(expected)) {
            problems.add("export " + name + " has type " + info.signature() + "; expected " + signature(expected));
        }
    }

    private static void checkShape(List<String> problems, Map<String, ExportInfo> exports, String name,
            boolean withInput) {
        ExportInfo info = exports.get(name);
        if (info == null) {
            return;
        }
        if (!info.kind().equals("function")) {
            problems.add("export " + name + " is a " + info.kind() + ", expected a function");
            return;
        }
        if (info.shape().isPresent() && info.takesInput() == withInput) {
            return;
        }
        List<String> expected = new ArrayList<>();
        for (ReturnShape s : ReturnShape.values()) {
            expected.add((withInput ? s.signatureWithInput() : s.signatureWithoutInput()) + " ("
                    + s.name().toLowerCase(Locale.ROOT).replace('_', '-') + ")");
        }
        problems.add("export " + name + " has type " + info.signature() + "; expected one of "
                + String.join(", ", expected));
    }

    static Optional<ReturnShape> shapeWithInput(FunctionType t) {
        List<ValType> p = t.params();
        List<ValType> r = t.returns();
        if (p.size() == 2 && allI32(p)) {
            if (r.size() == 2 && allI32(r)) {
                return Optional.of(ReturnShape.MULTI_VALUE);
            }
            if (r.size() == 1 && r.get(0).equals(ValType.I64)) {
                return Optional.of(ReturnShape.PACKED_I64);
            }
        }
        if (p.size() == 3 && allI32(p) && r.isEmpty()) {
            return Optional.of(ReturnShape.OUT_POINTER);
        }
        return Optional.empty();
    }

    static Optional<ReturnShape> shapeWithoutInput(FunctionType t) {
        List<ValType> p = t.params();
        List<ValType> r = t.returns();
        if (p.isEmpty()) {
            if (r.size() == 2 && allI32(r)) {
                return Optional.of(ReturnShape.MULTI_VALUE);
            }
            if (r.size() == 1 && r.get(0).equals(ValType.I64)) {
                return Optional.of(ReturnShape.PACKED_I64);
            }
        }
        if (p.size() == 1 && p.get(0).equals(ValType.I32) && r.isEmpty()) {
            return Optional.of(ReturnShape.OUT_POINTER);
        }
        return Optional.empty();
    }

    private static boolean allI32(List<ValType> types) {
        for (ValType t : types) {
            if (!t.equals(ValType.I32)) {
                return false;
            }
        }
        return true;
    }

    static String signature(FunctionType t) {
        return "(" + names(t.params()) + ") -> (" + names(t.returns()) + ")";
    }

    private static String names(List<ValType> types) {
        List<String> out = new ArrayList<>();
        for (ValType v : types) {
            out.add(v.equals(ValType.I32) ? "i32"
                    : v.equals(ValType.I64) ? "i64"
                    : v.equals(ValType.F32) ? "f32"
                    : v.equals(ValType.F64) ? "f64"
                    : v.equals(ValType.V128) ? "v128"
                    : v.toString().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", out);
    }

    private static String kindName(ExternalType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    /** The functions WASI preview 1 provides, with their types, taken from the engine's own table. */
    static final class WasiSignatures {
        static final Map<String, FunctionType> ALL = load();

        private static Map<String, FunctionType> load() {
            Map<String, FunctionType> m = new LinkedHashMap<>();
            try (WasiPreview1 wasi = WasiPreview1.builder().build()) {
                for (HostFunction f : wasi.toHostFunctions()) {
                    m.put(f.name(), f.functionType());
                }
            }
            return Collections.unmodifiableMap(m);
        }

        private WasiSignatures() {}
    }
}
