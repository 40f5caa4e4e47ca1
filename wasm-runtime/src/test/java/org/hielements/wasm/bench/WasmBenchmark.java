package org.hielements.wasm.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.wasm.WasmHost;
import org.hielements.wasm.WasmPlugin;
import org.hielements.wasm.WasmPluginException;
import org.hielements.wasm.WasmPluginSpec;
import org.hielements.wasm.WasmPolicy;

/**
 * The WASM host benchmark: not a test, not run by {@code mvn verify}. Run it with
 * <pre>mvn -B -q -pl wasm-runtime -Pbench test-compile exec:exec</pre>
 * It prints, in one run: call overhead p50/p99 for a small request (compiled vs interpreter), warm
 * instantiation, cold load without and with the persistent cache (fresh host in this JVM, and a
 * fresh JVM), a compute-heavy export against the same algorithm in plain Java and in the
 * interpreter, and the cost of the confined read-only workspace mount. Plain System.nanoTime
 * timing with warm-up rounds; expect noise on a shared 2-core machine.
 */
public final class WasmBenchmark {
    private static final int SIEVE_N = 1_000_000;
    private static final String SMALL_REQUEST =
            "{\"function\":\"module_selector\",\"args\":[\"src/main\"],\"workspace\":\"/home/u/ws\"}";
    private static final List<String[]> ROWS = new ArrayList<>();
    private static final List<Path> TEMP_DIRS = new ArrayList<>();

    private WasmBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cold")) {
            coldChild(args[1]);
            return;
        }
        if (args.length > 0 && args[0].equals("parse")) {
            parseChild();
            return;
        }
        Logger.getLogger("").setLevel(Level.WARNING);
        if (args.length > 0 && args[0].equals("walk")) { // only the folder walk (run the class with argument "walk")
            walkCost();
            printRows();
            return;
        }
        byte[] bench = fixture("bench");
        System.out.printf(Locale.ROOT, "WASM host benchmark: Java %s, %d processors, load average at start %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadAverage());

        // ---- cold loads first, while this JVM is still fresh for them
        Path cacheDir = tempDir("hielements-bench-cache");
        double childNoCache = median(childCold("none"), childCold("none"), childCold("none"));
        childCold(cacheDir.toString()); // populates the cache
        double childCache = median(childCold(cacheDir.toString()), childCold(cacheDir.toString()),
                childCold(cacheDir.toString()));
        double childParse = median(childCold("parse"), childCold("parse"), childCold("parse"));

        // ---- compute first, before the interpreter and thousands of instances have run in this JVM
        byte[] n = Integer.toString(SIEVE_N).getBytes(StandardCharsets.US_ASCII);
        double javaMs;
        double wasmMs;
        double interpMs;
        double ratio;
        double javaMin;
        double wasmMin;
        try (WasmHost host = WasmHost.builder().noPersistentCache().build()) {
            WasmPlugin p = host.load(spec(bench));
            for (int i = 0; i < 30; i++) {
                check(sieve(SIEVE_N) == 78498, "java sieve");
                p.call("library_check", n);
            }
            // Alternate the two so that both see the same load from other processes.
            int pairs = 25;
            double[] jt = new double[pairs];
            double[] wt = new double[pairs];
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                long t0 = System.nanoTime();
                int c = sieve(SIEVE_N);
                jt[i] = (System.nanoTime() - t0) / 1e6;
                check(c == 78498, "java sieve");
                t0 = System.nanoTime();
                String r = new String(p.call("library_check", n), StandardCharsets.US_ASCII);
                wt[i] = (System.nanoTime() - t0) / 1e6;
                check(r.equals("78498"), "wasm sieve gave " + r);
                ratios[i] = wt[i] / jt[i];
            }
            javaMs = median(jt);
            wasmMs = median(wt);
            ratio = median(ratios);
            javaMin = Arrays.stream(jt).min().orElseThrow();
            wasmMin = Arrays.stream(wt).min().orElseThrow();
        }

        // ---- call overhead
        byte[] small = SMALL_REQUEST.getBytes(StandardCharsets.UTF_8);
        long[] compiledCalls;
        long[] interpCalls;
        long[] freshCalls;
        try (WasmHost host = WasmHost.builder().noPersistentCache().build()) {
            WasmPlugin p = host.load(spec(bench));
            compiledCalls = calls(p, "library_call", small, 50_000, 50_000);
        }
        try (WasmHost host = WasmHost.builder().noPersistentCache().engine(WasmHost.Engine.INTERPRETER).build()) {
            WasmPlugin p = host.load(spec(bench));
            interpCalls = calls(p, "library_call", small, 20_000, 20_000);
        }
        // ---- warm instantiation: a host that keeps no idle instance makes one per call
        try (WasmHost host = WasmHost.builder().noPersistentCache().maxIdleInstances(0).build()) {
            WasmPlugin p = host.load(spec(bench));
            freshCalls = calls(p, "library_call", small, 5_000, 10_000);
        }
        row("call, small request (" + small.length + " B), compiled", "p50 " + us(p50(compiledCalls)) + ", p99 "
                + us(p99(compiledCalls)), "target p50 <= 20 us");
        row("call, small request, interpreter", "p50 " + us(p50(interpCalls)) + ", p99 " + us(p99(interpCalls)), "");
        row("call with a new instance each time (compiled)", "p50 " + us(p50(freshCalls)) + ", p99 "
                + us(p99(freshCalls)), "");
        row("warm instantiation (new instance - pooled call, p50)", us(p50(freshCalls) - p50(compiledCalls)),
                "target <= 1 ms");

        // ---- cold loads, fresh host in this (warm) JVM
        double[] loadNoCache = new double[10];
        double[] loadCache = new double[10];
        Path inProcCache = tempDir("hielements-bench-cache2");
        for (int i = 0; i < loadNoCache.length; i++) {
            loadNoCache[i] = timeLoad(WasmHost.builder().noPersistentCache().build(), bench);
        }
        timeLoad(WasmHost.builder().persistentCache(inProcCache).build(), bench);
        for (int i = 0; i < loadCache.length; i++) {
            loadCache[i] = timeLoad(WasmHost.builder().persistentCache(inProcCache).build(), bench);
        }
        row("cold load, new JVM, no persistent cache (median of 3)", ms(childNoCache), "");
        row("cold load, new JVM, persistent cache (median of 3)", ms(childCache), "target <= 50 ms");
        row("  of which: parsing alone in a new JVM (engine class loading)", ms(childParse), "");
        row("load in a fresh host, warm JVM, no persistent cache (p50 of 10)", ms(median(loadNoCache)), "");
        row("load in a fresh host, warm JVM, persistent cache (p50 of 10)", ms(median(loadCache)), "");

        // ---- compute in the interpreter (the compiled run came first, in a clean JVM)
        try (WasmHost host = WasmHost.builder().noPersistentCache().engine(WasmHost.Engine.INTERPRETER).build()) {
            WasmPlugin p = host.load(WasmPluginSpec.builder("bench").bytes(bench)
                    .policy(WasmPolicy.builder().timeout(java.time.Duration.ofMinutes(2)).build()).build());
            interpMs = computeMs(p, n, 1, 3);
        }
        row("compute: sieve to 1,000,000 (~3.7M ops), plain Java", "median " + ms(javaMs) + ", min " + ms(javaMin), "");
        row("compute: same in wasm, compiled, one call", "median " + ms(wasmMs) + ", min " + ms(wasmMin), "");
        row("compute: same in wasm, interpreter", ms(interpMs), "");
        row("ratio compiled / Java (median of 25 alternating pairs; of the minimums)",
                String.format(Locale.ROOT, "%.2fx; %.2fx", ratio, wasmMin / javaMin), "target <= 3x");
        row("ratio interpreter / compiled", String.format(Locale.ROOT, "%.1fx", interpMs / wasmMs), "target >= 10x");
        row("ratio interpreter / compiled, small call p50",
                String.format(Locale.ROOT, "%.1fx", (double) p50(interpCalls) / p50(compiledCalls)), "");

        // ---- the confined workspace mount
        mountCost();
        walkCost();

        printRows();
    }

    private static void printRows() throws IOException {
        for (Path dir : TEMP_DIRS) {
            deleteTree(dir);
        }
        System.out.println();
        System.out.println("load average at end " + loadAverage());
        int w0 = ROWS.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        int w1 = ROWS.stream().mapToInt(r -> r[1].length()).max().orElse(10);
        for (String[] r : ROWS) {
            System.out.printf(Locale.ROOT, "  %-" + w0 + "s  %-" + w1 + "s  %s%n", r[0], r[1], r[2]);
        }
    }

    private static void row(String what, String value, String target) {
        ROWS.add(new String[] {what, value, target});
    }

    // ---- calls

    private static long[] calls(WasmPlugin p, String export, byte[] input, int warmup, int n) throws WasmPluginException {
        for (int i = 0; i < warmup; i++) {
            p.call(export, input);
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            byte[] r = p.call(export, input);
            t[i] = System.nanoTime() - t0;
            if (r.length != input.length) {
                throw new IllegalStateException("wrong reply");
            }
        }
        Arrays.sort(t);
        return t;
    }

    private static double computeMs(WasmPlugin p, byte[] n, int warmup, int runs) throws WasmPluginException {
        for (int i = 0; i < warmup; i++) {
            p.call("library_check", n);
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            String r = new String(p.call("library_check", n), StandardCharsets.US_ASCII);
            t[i] = (System.nanoTime() - t0) / 1e6;
            check(r.equals("78498"), "wasm sieve gave " + r);
        }
        return median(t);
    }

    /** The same algorithm as bench.wat's library_check. */
    static int sieve(int n) {
        byte[] composite = new byte[n + 1];
        int count = 0;
        for (int i = 2; i <= n; i++) {
            if (composite[i] == 0) {
                count++;
                if (i <= n / i) {
                    for (int j = i * i; j <= n; j += i) {
                        composite[j] = 1;
                    }
                }
            }
        }
        return count;
    }

    // ---- cold loads

    private static double timeLoad(WasmHost host, byte[] wasm) throws WasmPluginException {
        try (host) {
            long t0 = System.nanoTime();
            WasmPlugin p = host.load(spec(wasm));
            p.call("library_call", new byte[] {1});
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    /** In a fresh JVM: time from creating the host to the first answer, printed as load_ms=... */
    private static void coldChild(String cacheDir) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        byte[] wasm = fixture("bench");
        long t0 = System.nanoTime();
        WasmHost host = cacheDir.equals("none") ? WasmHost.builder().noPersistentCache().build()
                : WasmHost.builder().persistentCache(Path.of(cacheDir)).build();
        WasmPlugin p = host.load(spec(wasm));
        p.call("library_call", new byte[] {1});
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "load_ms=%.3f source=%s%n", ms, p.codeSource());
        host.close();
    }

    /** In a fresh JVM: only Chicory's parser on the module, printed as load_ms=... */
    private static void parseChild() throws Exception {
        byte[] wasm = fixture("bench");
        long t0 = System.nanoTime();
        WasmModule m = Parser.parse(wasm);
        double ms = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "load_ms=%.3f functions=%d%n", ms, m.functionSection().functionCount());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double childCold(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = mode.equals("parse")
                ? List.of(java.toString(), "-cp", System.getProperty("java.class.path"), WasmBenchmark.class.getName(),
                        "parse")
                : List.of(java.toString(), "-cp", System.getProperty("java.class.path"), WasmBenchmark.class.getName(),
                        "cold", mode);
        Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith("load_ms=")) {
                return Double.parseDouble(line.substring(8, line.indexOf(' ')));
            }
        }
        throw new IllegalStateException("child JVM said: " + out);
    }

    // ---- the confined mount: cost of a file read through it, and through an unconfined preopen

    private static void mountCost() throws Exception {
        Path ws = tempDir("hielements-bench-ws");
        Files.writeString(ws.resolve("data.txt"), "hello workspace");
        byte[] probe = fixture("wasi_probe");
        byte[] read = "Rdata.txt".getBytes(StandardCharsets.US_ASCII);
        byte[] args = "A".getBytes(StandardCharsets.US_ASCII);
        long[] hostRead;
        long[] hostArgs;
        try (WasmHost host = WasmHost.builder().noPersistentCache().build()) {
            WasmPlugin p = host.load(WasmPluginSpec.builder("probe").bytes(probe)
                    .policy(WasmPolicy.builder().readOnlyWorkspace(ws).build()).build());
            hostRead = callsAny(p, read, 5_000, 20_000);
            hostArgs = callsAny(p, args, 5_000, 20_000);
        }
        // Unconfined: Chicory directly, the real folder preopened (what the host must never do).
        WasmModule m = Parser.parse(probe);
        var factory = MachineFactoryCompiler.compile(m);
        long[] rawRead;
        long[] rawArgs;
        try (WasiPreview1 wasi = WasiPreview1.builder()
                .withOptions(WasiOptions.builder().withDirectory(ws.toString(), ws).build()).build()) {
            Instance inst = Instance.builder(m).withMachineFactory(factory).withStart(false)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build()).build();
            inst.export("_initialize").apply();
            rawRead = rawCalls(inst, read, 5_000, 20_000);
            rawArgs = rawCalls(inst, args, 5_000, 20_000);
        }
        long confined = p50(hostRead) - p50(hostArgs);
        long unconfined = p50(rawRead) - p50(rawArgs);
        row("WASI open+read+close of a workspace file, confined view (p50, beyond a no-I/O call)", us(confined), "");
        row("the same through an unconfined real-path preopen (Chicory direct)", us(unconfined), "");
        row("cost of the confinement per file open", us(confined - unconfined), "");
    }

    // ---- a folder walk through the mount: fd_readdir + path_filestat_get per entry (wasi_walk.wat)

    private static final int WALK_FILES = 2_000;

    private static void walkCost() throws Exception {
        Path ws = tempDir("hielements-bench-walk");
        Path big = Files.createDirectories(ws.resolve("big"));
        for (int i = 0; i < WALK_FILES; i++) {
            Files.write(big.resolve(String.format(Locale.ROOT, "f%04d.txt", i)), new byte[i % 97]);
        }
        byte[] walker = fixture("wasi_walk");
        byte[] folder = "big".getBytes(StandardCharsets.US_ASCII);
        long[] confined;
        try (WasmHost host = WasmHost.builder().noPersistentCache().build()) {
            WasmPlugin p = host.load(WasmPluginSpec.builder("walk").bytes(walker)
                    .policy(WasmPolicy.builder().readOnlyWorkspace(ws).build()).build());
            confined = callsAny(p, folder, 10, 30);
        }
        WasmModule m = Parser.parse(walker);
        long[] unconfined;
        try (WasiPreview1 wasi = WasiPreview1.builder()
                .withOptions(WasiOptions.builder().withDirectory(ws.toString(), ws).build()).build()) {
            Instance inst = Instance.builder(m).withMachineFactory(MachineFactoryCompiler.compile(m)).withStart(false)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build()).build();
            inst.export("_initialize").apply();
            unconfined = rawCalls(inst, folder, 10, 30);
        }
        row("WASI walk of a folder of 2,000 files (fd_readdir + path_filestat_get each), confined view (p50 of 30)",
                ms(p50(confined) / 1e6), "");
        row("the same walk through an unconfined real-path preopen (Chicory direct)", ms(p50(unconfined) / 1e6), "");
    }

    private static long[] callsAny(WasmPlugin p, byte[] input, int warmup, int n) throws WasmPluginException {
        for (int i = 0; i < warmup; i++) {
            p.call("library_call", input);
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            p.call("library_call", input);
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t;
    }

    private static long[] rawCalls(Instance inst, byte[] input, int warmup, int n) {
        ExportFunction alloc = inst.export("alloc");
        ExportFunction call = inst.export("library_call");
        Memory mem = inst.memory();
        long[] t = new long[n];
        for (int i = -warmup; i < n; i++) {
            long t0 = System.nanoTime();
            int ptr = (int) alloc.apply(input.length)[0];
            mem.write(ptr, input);
            long[] r = call.apply(ptr, input.length);
            mem.readBytes((int) r[0], (int) r[1]);
            if (i >= 0) {
                t[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(t);
        return t;
    }

    // ---- helpers

    private static Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        TEMP_DIRS.add(dir);
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static WasmPluginSpec spec(byte[] wasm) {
        return WasmPluginSpec.builder("bench").bytes(wasm).build();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = WasmBenchmark.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new IOException("fixture /wasm/" + name + ".wasm not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    private static long p50(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static long p99(long[] sorted) {
        return sorted[(int) (sorted.length * 0.99)];
    }

    private static double median(double... v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static String us(long nanos) {
        return String.format(Locale.ROOT, "%.1f us", nanos / 1000.0);
    }

    private static String ms(double ms) {
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

}
