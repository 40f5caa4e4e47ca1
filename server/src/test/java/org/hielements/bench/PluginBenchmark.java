package org.hielements.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.hielements.check.Evaluator;
import org.hielements.check.RunOptions;
import org.hielements.check.RunResult;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.Library;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.config.Libraries;
import org.hielements.library.process.ProcessLibrary;
import org.hielements.library.wasm.WasmLibrary;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceProvider;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;
import org.hielements.wasm.WasmHost;

/**
 * The plugin guide's performance table, measured in one run: the same {@code sample} library as a Python process
 * plugin ({@code test-fixtures/plugins/sample/python}), as the C WASM build ({@code sample/c/sample.wasm}) and as Java
 * code in the process ({@link JavaSampleLibrary}). Not a test; {@code benchmarks/run plugins} runs it from the
 * repository root and it writes {@code benchmarks/RESULTS.md}.
 *
 * <p>Rows: start-up (the first call in a new JVM: process spawn; WASM without and with the persistent compile cache);
 * call p50/p99 through the product's {@link Library} interface, for a small request and for a 1,000-path scope; the
 * same calls through {@code check} (the {@link Evaluator} over a generated workspace of 40,000 elements with one
 * {@code check sample.always_pass()} each, and of 4,000 elements each passing a 50-file scope; and the command line
 * {@code hielements check} in a new JVM); compute of about a million trial divisions ({@code prime_count}); memory per
 * loaded plugin. The three builds are measured in alternating rounds so that all see the same load from other
 * processes; compare the ratios, which are measured in the same run, more than the absolute times.
 *
 * <p>Arguments: {@code quick} runs fewer rounds (a smoke run); {@code only=calls,check} runs some sections (startup,
 * calls, compute, check, memory, cli, builds) and writes no file; {@code child ...} is internal (the start-up probe).
 */
public final class PluginBenchmark {
    private static final int CHECK_ELEMENTS = 40_000;
    private static final int SCOPE_ELEMENTS = 4_000;
    private static final int SCOPE_FILES = 50;
    private static final int BIG_SCOPE = 1_000;
    private static final long PRIME_N = 80_000;       // about 990,000 trial divisions
    private static final long PRIME_EXPECTED = 7_837;

    private static final String[] KINDS = {"process", "wasm", "java"};
    private static final Map<String, String> TITLES = Map.of("process", "Python process", "wasm", "WASM (C)",
            "java", "Java (in-process)");

    private final Path repo;
    private final Path base;
    private final boolean quick;
    private final List<String> only;
    private final List<String[]> table = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> loads = new ArrayList<>();
    private final List<String[]> buildTable = new ArrayList<>();

    private PluginBenchmark(Path repo, Path base, boolean quick, List<String> only) {
        this.repo = repo;
        this.base = base;
        this.quick = quick;
        this.only = only;
    }

    /** Whether section {@code name} runs: all do unless {@code only=a,b} names some (a partial run). */
    private boolean section(String name) {
        return only.isEmpty() || only.contains(name);
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        if (args.length > 0 && args[0].equals("child")) {
            child(args);
            return;
        }
        boolean quick = List.of(args).contains("quick");
        List<String> only = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("only=")) only.addAll(List.of(a.substring(5).split(",")));
        }
        Path repo = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(repo.resolve("test-fixtures/plugins/sample/c/sample.wasm"))) {
            System.err.println("run from the repository root (benchmarks/run plugins)");
            System.exit(2);
        }
        Path base = Files.createTempDirectory("hielements-plugin-bench");
        try {
            new PluginBenchmark(repo, base, quick, only).run();
        } finally {
            deleteTree(base);
        }
        System.exit(0); // the shared WASM host's timer and the process reaper are daemons; be explicit anyway
    }

    // ================================================================ the run

    private void run() throws Exception {
        String machine = machine();
        System.out.println(machine.replace("\n", "; "));
        load("start");
        Path wsPy = workspace("process");
        Path wsWasm = workspace("wasm");
        Path common = base.resolve("ws");
        Files.createDirectories(common.resolve("s50"));
        for (int i = 0; i < SCOPE_FILES; i++) Files.writeString(common.resolve("s50/f" + i + ".py"), "x = 1\n");

        if (section("startup")) startup(wsPy, wsWasm);

        Path cache = base.resolve("cache");
        try (WasmHost host = WasmHost.builder().persistentCache(cache).build();
             Libraries py = Libraries.load(wsPy, Libraries.Options.defaults());
             Libraries wasm = Libraries.load(wsWasm, Libraries.Options.defaults().withWasmHost(host))) {
            Map<String, Library> libs = new LinkedHashMap<>();
            libs.put("process", py.registry().get("sample").orElseThrow());
            libs.put("wasm", wasm.registry().get("sample").orElseThrow());
            libs.put("java", new JavaSampleLibrary());
            Workspace ws = Workspace.of(common);
            CallContext ctx = CallContext.of(ws);

            if (section("calls")) calls(libs, ctx);
            if (section("compute")) compute(libs, ctx);
            if (section("check")) throughCheck(libs, common);
            if (section("memory")) memory(libs, ctx, wsWasm, host);
        }
        if (section("cli")) commandLine(wsPy, wsWasm);
        if (section("builds")) builds(common);
        load("end");
        print(machine);
    }

    // ================================================================ the WASM builds side by side

    /** Each WASM build of {@code sample} that is committed (C, Rust, AssemblyScript, WAT), measured alike. */
    private void builds(Path common) throws Exception {
        String[][] builds = {{"c", "C"}, {"rust", "Rust"}, {"assemblyscript", "AssemblyScript"}, {"wat", "WAT"}};
        Path ws = base.resolve("lib-builds");
        Files.createDirectories(ws);
        for (int i = 0; i < 1_000; i++) {
            Path f = ws.resolve("big/d" + (i % 10) + "/f" + i + ".txt");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "");
        }
        StringBuilder toml = new StringBuilder();
        List<String[]> present = new ArrayList<>();
        for (String[] b : builds) {
            Path module = repo.resolve("test-fixtures/plugins/sample/" + b[0] + "/sample.wasm");
            if (!Files.isRegularFile(module)) continue;
            present.add(b);
            toml.append("[libraries.sample_").append(b[0]).append("]\npath = ").append(JsonQuote.of(module.toString()))
                    .append("\n[libraries.sample_").append(b[0]).append(".permissions]\nfilesystem = [\"read\"]\n");
        }
        Files.writeString(ws.resolve("hielements.toml"), toml.toString());
        int rounds = quick ? 1 : 3;
        Value scoped = bigScope(common);
        try (WasmHost host = WasmHost.builder().noPersistentCache().build();
             Libraries libs = Libraries.load(ws, Libraries.Options.defaults().withWasmHost(host))) {
            CallContext ctx = CallContext.of(Workspace.of(ws));
            for (String[] b : present) {
                Library lib = libs.registry().get("sample_" + b[0]).orElseThrow();
                List<Value> small = List.of();
                List<Value> ext = List.of(scoped, Value.of("py"));
                List<Value> primes = List.of(Value.of(PRIME_N), Value.of(PRIME_EXPECTED));
                List<Value> folder = List.of(Value.of("big"));
                for (int i = 0; i < 5_000; i++) expectPass(lib.check("always_pass", small, ctx), b[0]);
                for (int i = 0; i < 200; i++) expectPass(lib.check("has_extension", ext, ctx), b[0]);
                for (int i = 0; i < 3; i++) lib.call("simple_selector", folder, ctx);
                long[] tSmall = new long[5_000 * rounds];
                long[] tExt = new long[200 * rounds];
                double[] tPrime = new double[rounds];
                double[] tWalk = new double[rounds * 5];
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < 5_000; i++) {
                        long a = System.nanoTime();
                        lib.check("always_pass", small, ctx);
                        tSmall[r * 5_000 + i] = System.nanoTime() - a;
                    }
                    for (int i = 0; i < 200; i++) {
                        long a = System.nanoTime();
                        lib.check("has_extension", ext, ctx);
                        tExt[r * 200 + i] = System.nanoTime() - a;
                    }
                    long a = System.nanoTime();
                    expectPass(lib.check("prime_count", primes, ctx), b[0]);
                    tPrime[r] = (System.nanoTime() - a) / 1e6;
                    for (int i = 0; i < 5; i++) {
                        long w = System.nanoTime();
                        Scope s = (Scope) lib.call("simple_selector", folder, ctx);
                        tWalk[r * 5 + i] = (System.nanoTime() - w) / 1e6;
                        if (s.paths().size() != 1_000) {
                            throw new IllegalStateException(b[0] + ": selected " + s.paths().size() + " files");
                        }
                    }
                }
                Arrays.sort(tSmall);
                Arrays.sort(tExt);
                buildTable.add(new String[] {b[1], Files.size(repo.resolve("test-fixtures/plugins/sample/" + b[0]
                        + "/sample.wasm")) / 1024 + " KiB", us(pct(tSmall, 50)), us(pct(tExt, 50)), ms(median(tPrime)),
                        ms(median(tWalk))});
            }
        }
        load("after builds");
    }

    // ================================================================ workspaces

    /** A workspace whose {@code hielements.toml} makes {@code sample} the given build. */
    private Path workspace(String kind) throws IOException {
        Path ws = base.resolve("lib-" + kind);
        Files.createDirectories(ws);
        Path sample = repo.resolve("test-fixtures/plugins/sample");
        String toml = kind.equals("process")
                ? "[libraries.sample]\nexecutable = \"python3\"\nargs = [" + JsonQuote.of(
                        sample.resolve("python/sample_plugin.py").toString()) + "]\n"
                : "[libraries.sample]\npath = " + JsonQuote.of(sample.resolve("c/sample.wasm").toString()) + "\n";
        Files.writeString(ws.resolve("hielements.toml"), toml);
        return ws;
    }

    /** TOML basic strings quote like JSON for the paths used here. */
    private static final class JsonQuote {
        static String of(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    private static String checksFile(int elements) {
        StringBuilder sb = new StringBuilder(elements * 40);
        for (int i = 0; i < elements; i++) {
            sb.append("element e").append(i).append(":\n    check sample.always_pass()\n");
        }
        return sb.toString();
    }

    private static String scopeChecksFile(int elements) {
        StringBuilder sb = new StringBuilder("import files\n\n");
        for (int i = 0; i < elements; i++) {
            sb.append("element e").append(i).append(":\n    scope s = files.folder_selector('s50')\n")
                    .append("    check sample.has_extension(s, 'py')\n");
        }
        return sb.toString();
    }

    // ================================================================ start-up (new JVMs)

    private void startup(Path wsPy, Path wsWasm) throws Exception {
        int runs = quick ? 1 : 3;
        Path cache = base.resolve("startup-cache");
        child("wasm", wsWasm, cache.toString()); // fills the persistent cache
        Map<String, double[]> firstCall = new LinkedHashMap<>();
        Map<String, double[]> whole = new LinkedHashMap<>();
        String[][] probes = {{"process", wsPy.toString(), "-"}, {"wasm", wsWasm.toString(), "-"},
                {"wasm", wsWasm.toString(), cache.toString()}, {"java", base.toString(), "-"}};
        String[] names = {"process", "wasm-nocache", "wasm-cache", "java"};
        for (String n : names) {
            firstCall.put(n, new double[runs]);
            whole.put(n, new double[runs]);
        }
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < probes.length; k++) {
                double[] t = child(probes[k][0], Path.of(probes[k][1]), probes[k][2]);
                firstCall.get(names[k])[r] = t[0];
                whole.get(names[k])[r] = t[1];
            }
        }
        load("after start-up");
        row("start-up: first call in a new JVM (load + first `always_pass`), median of " + runs,
                ms(median(firstCall.get("process"))) + " (spawns python3)",
                ms(median(firstCall.get("wasm-nocache"))) + " without the compile cache, "
                        + ms(median(firstCall.get("wasm-cache"))) + " with it",
                ms(median(firstCall.get("java"))), "");
        row("start-up: the whole new JVM (java ... first call, exit), median of " + runs,
                ms(median(whole.get("process"))),
                ms(median(whole.get("wasm-nocache"))) + " / " + ms(median(whole.get("wasm-cache"))),
                ms(median(whole.get("java"))), "");
    }

    /** Runs the start-up probe in a new JVM; {time to first reply from main, whole process} in ms. */
    private static double[] child(String kind, Path ws, String cache) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PluginBenchmark.class.getName(), "child", kind, ws.toString(), cache);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("start-up probe failed: " + kind + ": " + out);
        }
        double whole = (System.nanoTime() - t0) / 1e6;
        return new double[] {Double.parseDouble(out.substring(out.lastIndexOf(' ') + 1)), whole};
    }

    /** In the new JVM: load the library, make one call, print the time from here to its reply. */
    private static void child(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String kind = args[1];
        Path ws = Path.of(args[2]);
        String cache = args[3];
        CallContext ctx = CallContext.of(Workspace.of(ws));
        CheckResult r;
        if (kind.equals("java")) {
            r = new JavaSampleLibrary().check("always_pass", List.of(), ctx);
        } else {
            WasmHost host = cache.equals("-") ? WasmHost.builder().noPersistentCache().build()
                    : WasmHost.builder().persistentCache(Path.of(cache)).build();
            try (Libraries libs = Libraries.load(ws, Libraries.Options.defaults().withWasmHost(host))) {
                r = libs.registry().get("sample").orElseThrow().check("always_pass", List.of(), ctx);
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (!(r instanceof CheckResult.Pass)) throw new IllegalStateException("always_pass gave " + r);
        System.out.printf(Locale.ROOT, "first-call-ms %.3f%n", ms);
        System.out.flush();
        System.exit(0);
    }

    // ================================================================ calls through the Library interface

    private void calls(Map<String, Library> libs, CallContext ctx) throws Exception {
        int rounds = quick ? 3 : 10;
        Value bigScope = bigScope(ctx.workspace().root());
        List<Value> small = List.of();
        List<Value> scoped = List.of(bigScope, Value.of("py"));
        // warm-up: JIT of the host, the guest and the codec; the Python process started
        for (String k : KINDS) {
            int n = k.equals("process") ? 2_000 : 20_000;
            for (int i = 0; i < n; i++) expectPass(libs.get(k).check("always_pass", small, ctx), k);
            for (int i = 0; i < n / 20; i++) expectPass(libs.get(k).check("has_extension", scoped, ctx), k);
        }
        Map<String, List<long[]>> smallTimes = new LinkedHashMap<>();
        Map<String, List<long[]>> scopeTimes = new LinkedHashMap<>();
        for (String k : KINDS) {
            smallTimes.put(k, new ArrayList<>());
            scopeTimes.put(k, new ArrayList<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (String k : KINDS) {
                Library lib = libs.get(k);
                int n = k.equals("process") ? 500 : 5_000;
                long[] t = new long[n];
                for (int i = 0; i < n; i++) {
                    long a = System.nanoTime();
                    CheckResult res = lib.check("always_pass", small, ctx);
                    t[i] = System.nanoTime() - a;
                    expectPass(res, k);
                }
                smallTimes.get(k).add(t);
                int m = k.equals("process") ? 40 : 400;
                long[] u = new long[m];
                for (int i = 0; i < m; i++) {
                    long a = System.nanoTime();
                    CheckResult res = lib.check("has_extension", scoped, ctx);
                    u[i] = System.nanoTime() - a;
                    expectPass(res, k);
                }
                scopeTimes.get(k).add(u);
            }
        }
        load("after calls");
        long[] ps = concat(smallTimes.get("process"));
        long[] ws = concat(smallTimes.get("wasm"));
        long[] js = concat(smallTimes.get("java"));
        notes.add(String.format(Locale.ROOT, "Target: a small WASM call under 10 us: %s (p50 %s, p99 %s through the "
                + "`Library` interface; %.1fx faster than the process plugin's p50).", pct(ws, 50) < 10_000 ? "met"
                : "missed", us(pct(ws, 50)), us(pct(ws, 99)), (double) pct(ps, 50) / pct(ws, 50)));
        row("call `always_pass()` through the `Library` interface, p50 / p99",
                us(pct(ps, 50)) + " / " + us(pct(ps, 99)), us(pct(ws, 50)) + " / " + us(pct(ws, 99)),
                us(pct(js, 50)) + " / " + us(pct(js, 99)),
                ratio(pct(ps, 50), pct(ws, 50)) + " (p50); target: WASM under 10 us");
        long[] pb = concat(scopeTimes.get("process"));
        long[] wb = concat(scopeTimes.get("wasm"));
        long[] jb = concat(scopeTimes.get("java"));
        row("call `has_extension(scope, 'py')`, a 1,000-path scope (about 40 KB of JSON), p50 / p99",
                us(pct(pb, 50)) + " / " + us(pct(pb, 99)), us(pct(wb, 50)) + " / " + us(pct(wb, 99)),
                us(pct(jb, 50)) + " / " + us(pct(jb, 99)), ratio(pct(pb, 50), pct(wb, 50)) + " (p50)");
    }

    private static Value bigScope(Path root) {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < BIG_SCOPE; i++) {
            paths.add(root.resolve("src/package_" + (i / 50) + "/module_" + i + ".py"));
        }
        return Scope.of(ScopeKind.FOLDER, "src", paths);
    }

    // ================================================================ compute

    private void compute(Map<String, Library> libs, CallContext ctx) throws Exception {
        int rounds = quick ? 2 : 5;
        List<Value> args = List.of(Value.of(PRIME_N), Value.of(PRIME_EXPECTED));
        for (String k : KINDS) {
            for (int i = 0; i < (k.equals("process") ? 1 : 5); i++) expectPass(libs.get(k).check("prime_count", args, ctx), k);
        }
        Map<String, double[]> t = new LinkedHashMap<>();
        for (String k : KINDS) t.put(k, new double[rounds]);
        for (int r = 0; r < rounds; r++) {
            for (String k : KINDS) {
                long a = System.nanoTime();
                CheckResult res = libs.get(k).check("prime_count", args, ctx);
                t.get(k)[r] = (System.nanoTime() - a) / 1e6;
                expectPass(res, k);
            }
        }
        load("after compute");
        row("compute: `prime_count(80000, 7837)`, about 990,000 trial divisions, median of " + rounds,
                ms(median(t.get("process"))), ms(median(t.get("wasm"))), ms(median(t.get("java"))),
                ratio(median(t.get("process")), median(t.get("wasm"))) + "; WASM / Java "
                        + String.format(Locale.ROOT, "%.1fx", median(t.get("wasm")) / median(t.get("java"))));
    }

    // ================================================================ through check (the evaluator)

    private void throughCheck(Map<String, Library> libs, Path common) throws Exception {
        int rounds = quick ? 1 : 5;
        Files.writeString(common.resolve("checks.hie"), checksFile(CHECK_ELEMENTS));
        Files.writeString(common.resolve("scopes.hie"), scopeChecksFile(SCOPE_ELEMENTS));
        Map<String, LibraryRegistry> registries = new LinkedHashMap<>();
        for (String k : KINDS) {
            LibraryRegistry r = LibraryRegistry.withBuiltins();
            r.register(libs.get(k));
            registries.put(k, r);
        }
        String[] files = {"checks.hie", "scopes.hie"};
        int[] counts = {CHECK_ELEMENTS, SCOPE_ELEMENTS};
        String[] what = {"`check` of " + CHECK_ELEMENTS / 1000 + ",000 elements x `sample.always_pass()` (the evaluator)",
                "`check` of " + SCOPE_ELEMENTS / 1000 + ",000 elements x `sample.has_extension(s, 'py')`, s a "
                        + SCOPE_FILES + "-file scope"};
        for (int f = 0; f < files.length; f++) {
            Path file = common.resolve(files[f]);
            SourceText text = new SourceText(file.toString(), Files.readString(file));
            Map<Path, ParseResult> roots = Map.of(file, Parser.parse(text));
            // one model: the library kind changes nothing in it (the same names, the same functions)
            SemanticModel model = new Analyzer(KnownLibraries.of(registries.get("java")), SourceProvider.disk(common),
                    common).analyze(roots);
            Map<String, double[]> t = new LinkedHashMap<>();
            for (String k : KINDS) t.put(k, new double[rounds]);
            for (String k : KINDS) runChecks(model, registries.get(k), common, counts[f], k); // warm-up
            for (int r = 0; r < rounds; r++) {
                for (String k : KINDS) t.get(k)[r] = runChecks(model, registries.get(k), common, counts[f], k);
            }
            load("after " + files[f]);
            double py = median(t.get("process"));
            double wasm = median(t.get("wasm"));
            double java = median(t.get("java"));
            // per call: each round's difference to the Java run of the same round (the same load), then the median
            double perPy = median(minus(t.get("process"), t.get("java"))) * 1000 / counts[f];
            double perWasm = median(minus(t.get("wasm"), t.get("java"))) * 1000 / counts[f];
            if (f == 0) {
                double ratio = perPy / Math.max(perWasm, 1e-3);
                notes.add(String.format(Locale.ROOT, "Target: a WASM call at least 10x faster than the process plugin's "
                        + "through `check` (the evaluator, warm): %s (%.1fx: %s against %s per call; best rounds %s "
                        + "against %s).", ratio >= 10 ? "met" : "missed by " + String.format(Locale.ROOT, "%.1fx",
                        10 / ratio), ratio, us(perWasm * 1000), us(perPy * 1000),
                        us(bestDiff(t.get("wasm"), t.get("java")) * 1e6 / counts[f]),
                        us(bestDiff(t.get("process"), t.get("java")) * 1e6 / counts[f])));
            }
            row(what[f] + ", median of " + rounds + "; per call beyond Java (median of the rounds' differences)",
                    ms(py) + "; " + us(perPy * 1000), ms(wasm) + "; " + us(perWasm * 1000), ms(java),
                    String.format(Locale.ROOT, "%.1fx", perPy / Math.max(perWasm, 1e-3))
                            + " (per call)" + (f == 0 ? "; target: at least 10x" : ""));
        }
    }

    private static double runChecks(SemanticModel model, LibraryRegistry registry, Path root, int expected, String k) {
        long a = System.nanoTime();
        RunResult r = new Evaluator(model, registry, Workspace.of(root)).run(RunOptions.defaults());
        double ms = (System.nanoTime() - a) / 1e6;
        if (r.total() != expected || r.passed() != expected) {
            throw new IllegalStateException(k + ": " + r.passed() + " of " + r.total() + " passed; first: "
                    + r.outcomes().stream().filter(o -> !o.toString().contains("Pass")).findFirst());
        }
        return ms;
    }

    // ================================================================ the command line, new JVMs

    private void commandLine(Path wsPy, Path wsWasm) throws Exception {
        Files.writeString(wsPy.resolve("checks.hie"), checksFile(CHECK_ELEMENTS));
        Files.writeString(wsWasm.resolve("checks.hie"), checksFile(CHECK_ELEMENTS));
        Path none = base.resolve("cli-none");
        Files.createDirectories(none);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < CHECK_ELEMENTS; i++) sb.append("element e").append(i).append(":\n    ref r: integer = ").append(i).append('\n');
        Files.writeString(none.resolve("checks.hie"), sb.toString());
        Path cache = base.resolve("cli-cache");
        cli(wsWasm, cache, List.of()); // fills the persistent compile cache: the runs below read it
        int rounds = quick ? 1 : 3;
        // the last: the launcher, as users run it (its class-data archive, C1, the serial collector, its heap sizes)
        String[][] jvms = {{}, {"-XX:TieredStopAtLevel=1"}, {LAUNCHER}};
        String[] names = {"default JIT", "`-XX:TieredStopAtLevel=1` (C1 only)", "the `hielements` launcher"};
        launcher(repo, cache).run(); // builds the jar and records its class-data archive, outside the timed runs
        for (int j = 0; j < jvms.length; j++) {
            double[] tNone = new double[rounds];
            double[] tPy = new double[rounds];
            double[] tWasm = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                tNone[r] = cli(none, cache, List.of(jvms[j]));
                tPy[r] = cli(wsPy, cache, List.of(jvms[j]));
                tWasm[r] = cli(wsWasm, cache, List.of(jvms[j]));
            }
            load("after the command line, " + names[j]);
            double n = median(tNone);
            double py = median(tPy);
            double wasm = median(tWasm);
            double perPy = median(minus(tPy, tNone)) * 1000 / CHECK_ELEMENTS;
            double perWasm = median(minus(tWasm, tNone)) * 1000 / CHECK_ELEMENTS;
            notes.add(String.format(Locale.ROOT, "`hielements check` in a new JVM (%s): a WASM call %.1fx faster than "
                    + "the process plugin's (%s against %s per call, beyond a run with no checks).", names[j],
                    perPy / Math.max(perWasm, 1e-3), us(perWasm * 1000), us(perPy * 1000)));
            row("`hielements check` in a new JVM, " + names[j] + ", 40,000 `always_pass`, compile cache warm, median of "
                            + rounds + " (" + ms(n) + " with no checks); per call beyond that (median of the rounds'"
                            + " differences)",
                    ms(py) + "; " + us(perPy * 1000), ms(wasm) + "; " + us(perWasm * 1000), "-",
                    String.format(Locale.ROOT, "%.1fx", perPy / Math.max(perWasm, 1e-3)) + " (per call)");
        }
    }

    /** Stands for the launcher in the JVM flags of {@link #cli}. */
    private static final String LAUNCHER = "(launcher)";

    /** {@code hielements --version} through the launcher of {@code repo}, with the runs' cache folder. */
    private static Runnable launcher(Path repo, Path cache) {
        return () -> {
            try {
                ProcessBuilder pb = new ProcessBuilder(repo.resolve("hielements").toString(), "--version");
                pb.environment().put("XDG_CACHE_HOME", cache.toString());
                Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("hielements --version failed");
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    /**
     * {@code hielements check --no-cache checks.hie} in a new JVM in {@code ws}: {@code java} with {@code jvmFlags} and
     * the test classpath, or the launcher when the flags are {@link #LAUNCHER}; wall time in ms.
     */
    private double cli(Path ws, Path cache, List<String> jvmFlags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        // --no-cache: every round makes its calls (the incremental cache would answer the WASM library's checks,
        // which are deterministic, from the second round on, and never the process plugin's)
        if (jvmFlags.equals(List.of(LAUNCHER))) {
            cmd.addAll(List.of(repo.resolve("hielements").toString(), "check", "--no-cache", "checks.hie"));
        } else {
            cmd.add(java);
            cmd.addAll(jvmFlags);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.hielements.cli.Main", "check",
                    "--no-cache", "checks.hie"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.toFile());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("hielements check did not finish in " + ws);
        }
        if (p.exitValue() != 0) throw new IllegalStateException("hielements check failed (" + p.exitValue() + ") in " + ws);
        return (System.nanoTime() - t0) / 1e6;
    }

    // ================================================================ memory

    private void memory(Map<String, Library> libs, CallContext ctx, Path wsWasm, WasmHost host) throws Exception {
        int copies = 10;
        // WASM: more libraries of the same module (compiled once), each with its pooled instance
        long heap0 = heapAfterGc();
        List<Libraries> extra = new ArrayList<>();
        long linear = 0;
        for (int i = 0; i < copies; i++) {
            Libraries l = Libraries.load(wsWasm, Libraries.Options.defaults().withWasmHost(host));
            expectPass(l.registry().get("sample").orElseThrow().check("always_pass", List.of(), ctx), "wasm");
            extra.add(l);
        }
        long heap1 = heapAfterGc();
        for (Libraries l : extra) {
            linear += ((WasmLibrary) l.registry().get("sample").orElseThrow()).plugin().orElseThrow().stats()
                    .linearMemoryBytes();
        }
        linear /= copies;
        long grown = ((WasmLibrary) libs.get("wasm")).plugin().orElseThrow().stats().linearMemoryBytes();
        for (Libraries l : extra) l.close();
        double wasmHeap = (heap1 - heap0) / (double) copies;
        long meta = metaspace();

        // Java: the same, in-process
        long j0 = heapAfterGc();
        List<Library> javas = new ArrayList<>();
        for (int i = 0; i < copies; i++) javas.add(new JavaSampleLibrary());
        long j1 = heapAfterGc();
        double javaHeap = (j1 - j0) / (double) javas.size();

        // Python: the resident memory of the plugin process and what it starts
        ProcessLibrary py = (ProcessLibrary) libs.get("process");
        long rss = py.pid().isPresent() ? rssTree(py.pid().getAsLong()) : -1;
        long self = rss(ProcessHandle.current().pid());
        load("after memory");
        row("memory per loaded plugin",
                "RSS " + mib(rss) + " (the python3 process)",
                "heap " + mib((long) wasmHeap) + " per plugin, of which linear memory " + mib(linear)
                        + " (one pooled instance; " + mib(grown) + " after the 1,000-path calls); compiled code "
                        + "shared per module",
                "heap " + kib((long) javaHeap), "this JVM: RSS " + mib(self) + ", metaspace " + mib(meta));
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long metaspace() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) return pool.getUsage().getUsed();
        }
        return -1;
    }

    private static long rssTree(long pid) {
        long total = rss(pid);
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h != null) {
            for (ProcessHandle d : (Iterable<ProcessHandle>) h.descendants()::iterator) total += Math.max(0, rss(d.pid()));
        }
        return total;
    }

    /** VmRSS from /proc, in bytes; -1 when unknown. */
    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    // ================================================================ output

    private void row(String what, String py, String wasm, String java, String ratio) {
        table.add(new String[] {what, py, wasm, java, ratio});
        System.out.printf(Locale.ROOT, "%s%n    %s: %s%n    %s: %s%n    %s: %s%n    %s%n", what, TITLES.get("process"), py,
                TITLES.get("wasm"), wasm, TITLES.get("java"), java, ratio.isEmpty() ? "" : "process / WASM: " + ratio);
    }

    private void load(String when) {
        String l = loadAverage();
        loads.add(when + ": " + l);
        System.out.println("[load average " + when + ": " + l + "]");
    }

    private void print(String machine) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Plugin benchmark results\n\n");
        md.append("Written by `benchmarks/run plugins` (`server/src/test/java/org/hielements/bench/PluginBenchmark.java`)"
                + " on ").append(Instant.now().toString(), 0, 16).append("Z").append(quick ? " (quick run)" : "")
                .append(". One run; the three builds of the `sample` library are measured in alternating rounds, so")
                .append(" compare ratios more than absolute times.\n\n");
        md.append("Machine: ").append(machine.replace("\n", "; ")).append("\n\n");
        md.append("Load average (1, 5, 15 min): ").append(String.join("; ", loads)).append("\n\n");
        md.append("| measurement | Python process plugin | WASM (C, `sample.wasm`) | Java (in-process) | process / WASM |\n");
        md.append("|---|---|---|---|---|\n");
        for (String[] r : table) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append('\n');
        if (!buildTable.isEmpty()) {
            md.append("The WASM builds of `sample` side by side (test-fixtures/plugins/sample: each committed module, "
                    + "the same answers), through the `Library` interface, warm:\n\n");
            md.append("| build | module | `always_pass()` p50 | `has_extension`, 1,000-path scope, p50 | "
                    + "`prime_count(80000, 7837)`, median | `simple_selector` of a 1,000-file folder, median |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (String[] r : buildTable) md.append("| ").append(String.join(" | ", r)).append(" |\n");
            md.append('\n');
        }
        for (String n : notes) md.append("- ").append(n).append('\n');
        md.append("- What a warm WASM call spends its time on beyond the evaluator's own work (JFR of 40 runs of 40,000 "
                + "`always_pass` checks, C SDK): the guest about two thirds (its JSON reader, now copying and scanning "
                + "strings eight bytes at a time; on Java 17 Chicory calls a helper for every unsigned 32-bit comparison, "
                + "a JIT-bug workaround it applies up to Java 17), the request encoding about a seventh, the call into "
                + "Chicory and the memory copies a tenth, reading the reply (Jackson's streaming parser, no data-binding "
                + "context) a twelfth. In a new JVM, the per-call figure also carries the module's load (about 0.3-0.5 s "
                + "with the compile cache: Chicory's classes, parsing and validating the module) and the JIT of the "
                + "guest's generated classes and the host path, spread over the run's calls.\n");
        md.append("- What would close the new-JVM gap: a JVM reusing compiled code of earlier runs (Java 24's AOT "
                + "cache), Java 21 (no Chicory workaround). Chicory's validation also fills in instruction operands, "
                + "so skipping it for a module its compile cache holds is not safe; the cache's classes now load "
                + "while the module is parsed.\n");
        if (!only.isEmpty()) {
            System.out.println();
            System.out.print(md);
            System.out.println("(a partial run: benchmarks/RESULTS.md not written)");
            return;
        }
        Path out = repo.resolve("benchmarks/RESULTS.md");
        // the command-line benchmark's section (benchmarks/run cli), after this one, stays
        String old = Files.exists(out) ? Files.readString(out) : "";
        int cli = old.indexOf(CliBenchmark.MARKER);
        Files.writeString(out, md + (cli >= 0 ? "\n" + old.substring(cli) : ""));
        System.out.println();
        System.out.print(md);
        System.out.println("written to " + out);
    }

    private static String machine() throws Exception {
        String kernel = command("uname", "-r");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String version = command(java, "-version").lines().findFirst().orElse("?")
                + " (" + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ")";
        return "nproc " + Runtime.getRuntime().availableProcessors() + ", Linux " + kernel.trim() + ", " + version
                + ", max heap " + mib(Runtime.getRuntime().maxMemory());
    }

    private static String command(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.trim();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    // ================================================================ small helpers

    private static void expectPass(CheckResult r, String kind) throws LibraryException {
        if (!(r instanceof CheckResult.Pass)) throw new IllegalStateException(kind + ": expected a pass, got " + r);
    }

    private static long[] concat(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    /** The smallest of the rounds' differences a - b. */
    private static double bestDiff(double[] a, double[] b) {
        return Arrays.stream(minus(a, b)).min().orElseThrow();
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    private static String us(double nanos) {
        double us = nanos / 1000;
        return String.format(Locale.ROOT, us < 1 ? "%.2f us" : us < 10 ? "%.1f us" : "%.0f us", us);
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.1f ms" : "%.0f ms", ms);
    }

    private static String ratio(double process, double wasm) {
        return String.format(Locale.ROOT, "%.1fx", process / wasm);
    }

    private static String mib(long bytes) {
        if (bytes < 0) return "unknown";
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }
}
