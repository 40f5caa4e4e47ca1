package org.hielements.library.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hielements.library.config.PluginFixtures;
import org.hielements.wasm.ExportInfo;
import org.hielements.wasm.WasmHost;
import org.hielements.wasm.WasmPlugin;
import org.hielements.wasm.WasmPluginException;
import org.hielements.wasm.WasmPluginSpec;
import org.hielements.wasm.WasmPolicy;
import org.hielements.sdk.Toolchains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed modules are what their sources build to: {@code sample.wasm} in C, Rust, AssemblyScript and WAT, and
 * {@code trap.wasm} (C); each comparison says loudly when its toolchain is missing here. A fresh build with the
 * clang installed here must give the same bytes, or else (another clang release lays the module out differently: on
 * some machines Debian clang 14 left out the table, 14,466 bytes instead of 16,194 for an earlier source) a module
 * that behaves the same: the same exports with the same types and ABI shapes, and the same answer (reply bytes, or
 * error kind and reason) from every ABI export on a set of trial requests. What differs is printed.
 */
class CommittedModulesTest {
    @TempDir
    Path dir;

    private static final String[] TRIAL_ARGUMENTS = {
        "simple_selector|[{\"String\":\"src\"}]", "simple_selector|[{\"String\":\".\"}]",
        "simple_selector|[{\"String\":\"../outside\"}]", "simple_selector|[{\"Int\":3}]", "simple_selector|[]",
        "always_pass|[]", "file_count_check|[SCOPE,{\"Int\":1}]", "file_count_check|[SCOPE,{\"Int\":0}]",
        "file_count_check|[SCOPE]", "has_extension|[SCOPE,{\"String\":\".py\"}]",
        "has_extension|[SCOPE,{\"String\":\"rs\"}]", "prime_count|[{\"Int\":1000},{\"Int\":168}]",
        "prime_count|[{\"Int\":1000},{\"Int\":7}]", "no_such_function|[]",
    };

    /** The trial requests: each function with good and bad arguments, an unknown one, and inputs that are not JSON. */
    private static List<byte[]> trialRequests(Path ws) {
        String scope = "{\"Scope\":{\"kind\":{\"Folder\":\"src\"},\"paths\":[\"" + ws.resolve("src/a.py") + "\",\""
                + ws.resolve("src/b.txt") + "\"],\"resolved\":true}}";
        List<byte[]> out = new ArrayList<>();
        for (String t : TRIAL_ARGUMENTS) {
            String[] p = t.split("\\|", 2);
            out.add(("{\"args\":" + p[1].replace("SCOPE", scope) + ",\"function\":\"" + p[0] + "\",\"workspace\":\"" + ws
                    + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        for (String raw : List.of("{", "null", "[]", "{\"function\":7}", "\u00e9")) out.add(raw.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** Every difference in exports or answers between two modules, in words; empty when they behave the same. */
    static List<String> behaviourDifferences(byte[] a, byte[] b, Path ws) {
        List<String> diffs = new ArrayList<>();
        WasmPolicy policy = WasmPolicy.builder().readOnlyWorkspace(ws).build();
        try (WasmHost host = WasmHost.builder().noPersistentCache().build()) {
            WasmPlugin pa;
            WasmPlugin pb;
            try {
                pa = host.load(WasmPluginSpec.builder("module").bytes(a).policy(policy).build());
            } catch (WasmPluginException e) {
                diffs.add("the committed module does not load: " + e.reason());
                return diffs;
            }
            try {
                pb = host.load(WasmPluginSpec.builder("module").bytes(b).policy(policy).build());
            } catch (WasmPluginException e) {
                diffs.add("the fresh build does not load: " + e.reason());
                return diffs;
            }
            List<String> ea = exports(pa);
            List<String> eb = exports(pb);
            if (!ea.equals(eb)) diffs.add("exports differ: committed " + ea + ", fresh build " + eb);
            for (ExportInfo x : pa.exports()) {
                if (x.shape().isEmpty() || pb.export(x.name()).isEmpty()) continue;
                if (x.callableWithInput()) {
                    for (byte[] request : trialRequests(ws)) {
                        String ra = answer(pa, x.name(), request);
                        String rb = answer(pb, x.name(), request);
                        if (!ra.equals(rb)) {
                            diffs.add(x.name() + " " + new String(request, StandardCharsets.UTF_8) + ": committed "
                                    + ra + ", fresh build " + rb);
                        }
                    }
                } else if (x.callableWithoutInput()) {
                    String ra = answer(pa, x.name(), null);
                    String rb = answer(pb, x.name(), null);
                    if (!ra.equals(rb)) diffs.add(x.name() + ": committed " + ra + ", fresh build " + rb);
                }
            }
        }
        return diffs;
    }

    private static List<String> exports(WasmPlugin p) {
        List<String> out = new ArrayList<>();
        for (ExportInfo x : p.exports()) {
            // which functions and memory a module exports is its interface; a table is clang's layout, not behaviour
            if (x.kind().equals("table")) continue;
            out.add(x.name() + " " + x.kind() + " " + x.signature() + x.shape().map(s -> " " + s).orElse(""));
        }
        return out;
    }

    private static String answer(WasmPlugin p, String export, byte[] request) {
        try {
            byte[] reply = request == null ? p.callNoInput(export).orElseThrow() : p.call(export, request);
            return "reply " + new String(reply, StandardCharsets.UTF_8);
        } catch (WasmPluginException e) {
            return "error " + e.kind() + ": " + e.reason();
        }
    }

    private static Path clang() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path c = Path.of(d.isEmpty() ? "." : d, "clang");
            if (Files.isExecutable(c)) return c;
        }
        return null;
    }

    /**
     * The environment to run a module's build.sh in, or null (after a loud message that its comparison did not run)
     * when its toolchain is missing here.
     */
    private static java.util.Map<String, String> toolchain(String plugin) {
        String test = "CommittedModulesTest (" + plugin + ")";
        if (plugin.endsWith("/rust/sample.wasm")) {
            if (!Toolchains.rustOr(test)) return null;
            // a build folder of its own (its RUSTFLAGS differ from the SDK tests'), kept between runs
            return java.util.Map.of("CARGO_TARGET_DIR", Toolchains.cargoTargetDir().resolveSibling("cargo-sample")
                    .toString());
        }
        if (plugin.endsWith("/assemblyscript/sample.wasm")) {
            Path modules = Toolchains.assemblyScriptOr(test);
            return modules == null ? null : java.util.Map.of("ASC_MODULES", modules.toString());
        }
        if (plugin.endsWith("/wat/sample.wasm")) {
            if (Toolchains.onPath("wat2wasm").isPresent()) return java.util.Map.of();
            System.err.println("!!!!! NOT RUN: " + test + " needs wat2wasm (apt-get install wabt): the committed "
                    + plugin + " was NOT compared with its source !!!!!");
            return null;
        }
        if (clang() == null) {
            System.err.println("!!!!! NOT RUN: " + test + " needs clang and lld (apt-get install clang lld): the "
                    + "committed " + plugin + " was NOT compared with its source !!!!!");
            return null;
        }
        return java.util.Map.of();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample/c/sample.wasm", "broken/trap.wasm", "sample/rust/sample.wasm",
        "sample/assemblyscript/sample.wasm", "sample/wat/sample.wasm"})
    void theCommittedModuleIsWhatItsSourceBuildsTo(String plugin) throws Exception {
        java.util.Map<String, String> env = toolchain(plugin);
        if (env == null) return;
        Path ws = dir.toRealPath();
        PluginFixtures.write(ws, "src/a.py", "a\n");
        PluginFixtures.write(ws, "src/b.txt", "b\n");
        Path committed = PluginFixtures.plugins().resolve(plugin);
        Path out = ws.resolve(committed.getFileName());
        Toolchains.run(committed.getParent(), env, "sh", committed.resolveSibling("build.sh").toString(),
                out.toString());
        byte[] a = Files.readAllBytes(committed);
        byte[] b = Files.readAllBytes(out);
        Files.delete(out);
        if (java.util.Arrays.equals(a, b)) {
            System.out.println("CommittedModulesTest: " + plugin + ": a fresh build is identical (" + a.length
                    + " bytes)");
            return;
        }
        List<String> diffs = behaviourDifferences(a, b, ws);
        System.out.println("CommittedModulesTest: " + plugin + ": a fresh build has other bytes (" + b.length
                + " against " + a.length + "); " + (diffs.isEmpty() ? "same exports and the same answers to "
                + trialRequests(ws).size() + " trial requests" : diffs.size() + " differences:"));
        diffs.forEach(d -> System.out.println("  " + d));
        assertEquals(List.of(), diffs, plugin + " behaves differently from a fresh build of its source: run its "
                + "build.sh and commit the result");
    }

    @Test
    void aBuildLaidOutDifferentlyButBehavingTheSamePasses() throws Exception {
        Path clang = clang();
        if (clang == null) {
            System.err.println("!!!!! NOT RUN: CommittedModulesTest needs clang for the -O2 build !!!!!");
            return;
        }
        Path ws = dir.toRealPath();
        PluginFixtures.write(ws, "src/a.py", "a\n");
        Path c = PluginFixtures.plugins().resolve("sample/c");
        Path out = ws.resolve("sample-o2.wasm");
        Process p = new ProcessBuilder(clang.toString(), "--target=wasm32-unknown-unknown", "-mcpu=mvp", "-O2",
                "-ffreestanding", "-nostdlib", "-Wl,--no-entry", "-Wl,--strip-all", "-o", out.toString(),
                c.resolve("sample.c").toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), log);
        byte[] committed = Files.readAllBytes(PluginFixtures.sampleWasm());
        byte[] o2 = Files.readAllBytes(out);
        assertFalse(java.util.Arrays.equals(committed, o2), "-O2 lays the module out differently");
        assertEquals(List.of(), behaviourDifferences(committed, o2, ws));
        System.out.println("CommittedModulesTest: an -O2 build (" + o2.length + " bytes, committed " + committed.length
                + ") behaves the same on every trial request");
    }

    @Test
    void theComparisonSeesADifferentModule() throws Exception {
        Path ws = dir.toRealPath();
        PluginFixtures.write(ws, "src/a.py", "a\n");
        byte[] sample = Files.readAllBytes(PluginFixtures.sampleWasm());
        byte[] trap = Files.readAllBytes(PluginFixtures.plugins().resolve("broken/trap.wasm"));
        List<String> diffs = behaviourDifferences(sample, trap, ws);
        System.out.println("CommittedModulesTest: sample.wasm against trap.wasm: " + diffs.size() + " differences, "
                + "the first: " + diffs.get(0));
        assertFalse(diffs.isEmpty());
        assertEquals(List.of(), behaviourDifferences(sample, sample.clone(), ws), "a module behaves as itself");
    }
}
