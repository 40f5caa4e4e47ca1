package org.hielements.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hielements.library.LibraryRegistry;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceProvider;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;

/**
 * The command line in new processes, as users start it, against {@code java -version} (the JVM's own start),
 * {@code find} (a walk of the same tree) and {@code cat} (one read of every file the run needs), all measured in the
 * same run in alternating rounds:
 * <ul>
 *   <li>start-up: {@code hielements --version}; a check of small workspaces (the fixtures {@code rust-graph},
 *       {@code python-flat-layout}, and {@code demo} with its two plugins, WASM and a Python process); through the
 *       {@code hielements} launcher (class-data-sharing archive, JIT chosen per command) and as plain
 *       {@code java -jar} (neither);</li>
 *   <li>{@code parse} of a generated 200,000-line file, with {@code -Xmx512m}: its peak heap (the largest heap in use
 *       the collector saw) and resident memory;</li>
 *   <li>semantic analysis of 40,000 small elements (80,000 lines): {@code check --no-run}, and parse and analysis
 *       alone in a new JVM for 10,000, 20,000 and 40,000 elements (linear growth: the same time per element);</li>
 *   <li>a check of large generated repositories: the 11,001-file Python monorepo with 31 checks
 *       ({@link PythonGraphBenchmark}) and the 10,980-file Rust workspace with 30 checks ({@link RustGraphBenchmark}),
 *       against JVM start plus one {@code cat} of every file of the checked language.</li>
 * </ul>
 * Run: {@code benchmarks/run cli} (or {@code benchmarks/run cli quick}: fewer rounds). Appends its table to
 * {@code benchmarks/RESULTS.md} (replacing the one of an earlier run).
 */
public final class CliBenchmark {
    static final String MARKER = "<!-- benchmarks/run cli -->";

    /** What profiles (JFR, class-loading logs) of these runs showed, and what would close the gaps. */
    private static final List<String> NOTES = List.of(
            "Start-up and small checks (JFR at 1 ms, class-loading logs): the largest cost of a small check was not "
                    + "start-up but the incremental cache's model hash asking every library for its function list, "
                    + "which loaded and validated the bundled TypeScript module in every check (about 60% of the "
                    + "run); it now takes the lists of the libraries the analysis looked up. Gone from the path "
                    + "since: picocli reading annotations (hielements, check and run are built with its programmatic "
                    + "API), the JCE provider for the cache file's HMAC, Jackson's object mapper without a baseline, "
                    + "tomlj for a hielements.toml of comments only, the method handles that records' generated "
                    + "toString/equals spin. What remains: the JVM and about 2,000 classes from the archive, picocli's "
                    + "CommandLine class and built-in converters (java.time by reflection), java.util.logging, the "
                    + "cache's file stamps. The demo adds its two plugins, which no cache skips: Chicory parsing, "
                    + "validating and instantiating sample.wasm, Jackson for their JSON, and python3 starting (about "
                    + "0.1 s of CPU here, 0.1 s more through the pyenv shim that is python3 on this machine; asked "
                    + "while the WASM module loads). Logging, SHA-256's providers and the JSON reader start on a "
                    + "thread of their own while picocli builds the command line; the workspace's libraries load and "
                    + "the plugins the files name are asked from the raw arguments, before picocli parses them (the "
                    + "process wrappers probed at once when hielements.toml names an executable); a WASM module's "
                    + "compiled classes load from the compile cache while Chicory parses it. On two processors the "
                    + "demo is bound by CPU (0.6-0.95 s of CPU for 0.4-0.56 s of wall): the C1 compiler thread is a "
                    + "quarter of it, python3 through its shim 0.1 s. A hielements.toml or Cargo.toml read before "
                    + "comes from the parsed-TOML cache without tomlj (whose first parse took 75-110 ms before any "
                    + "plugin could start), so the analysis now waits for the WASM plugin (Chicory parsing, "
                    + "validating and instantiating it: about 150 ms). Would close it: a JVM that keeps generated "
                    + "classes and compiled "
                    + "code across runs (an AOT cache, Java 24 and later); Chicory's validation also fills in "
                    + "instruction operands, so skipping it is not safe.",
            "`parse`: the JSON of 200,000 lines is about 75 times the size of the source (a node per token, a "
                    + "position object per span, pretty-printed), so the run is writing it: JFR shows the generator "
                    + "and the indentation; the heap holds the tree only (the JSON is streamed).",
            "Semantic analysis: warm, about 6-8 us per element and linear; a new JVM spends most of the time "
                    + "compiling and collecting (the tree and model stay live: one young collection of the "
                    + "40,000-element file copied 44 MB), hence C1, the serial collector and a young generation at "
                    + "its full size from the start (no collection at 40,000 elements) in the launcher for "
                    + "validation. Would close it: a JVM that starts with compiled code (AOT cache), fewer objects "
                    + "per element in the tree and model (a Span object per node, a list per symbol in the index).",
            "Large checks (perf and JFR): the cold JVM (the interpreter and C1, about 28% of the samples), page "
                    + "faults of fresh allocation, tokenizing, and the workspace walk, which check DIR does twice (the "
                    + ".hie search and the workspace's). Fixed since the last run: a file is looked at twice, by the "
                    + "walk and by the read (the read's lstat is its stamp and its type; a regular file is opened "
                    + "without following links into a per-thread buffer): statx calls 55,334 -> 22,333 on the Python "
                    + "tree, 60,598 -> 22,722 on the Rust one; the Rust lexer reuses its token arrays (that run no "
                    + "longer collects garbage); the text cache counts ASCII texts at a byte per character; the .hie "
                    + "search skips a folder's other entries once its link count says all subfolders were found; a "
                    + "folder's files are found by a binary search of the sorted listing. Reading on several threads "
                    + "did not help on 2 cores (measured again: 5% at best, 13% more CPU), so it runs only with 4 or "
                    + "more. Loops are compiled while running after 2,000 turns (the launcher): a loop over 40,000 "
                    + "elements ran in the interpreter to its end. The rust existence checks stop at the first file "
                    + "with the item in code (they read every file of the Rust tree). Python: reading the files and "
                    + "their facts is about 40% of the main thread's samples, the walk 15%, the checks after reading "
                    + "11% (a scope's Python files are now filtered once for all its checks). Would close it: a "
                    + "JVM starting with compiled code (Java 24's AOT cache), tokenizing the bytes without making "
                    + "Strings, one walk for the .hie search and the workspace.",
            "Figures on a loaded machine (see the load average) are inflated; compare ratios within one run.");

    /** One timed process: wall seconds, CPU seconds (user + system, all threads), peak RSS in KiB, exit code. */
    record Sample(double wall, double cpu, long rssKiB, int code) {}

    /** A command of the table, run once per round. */
    record Cmd(String key, List<String> argv, Map<String, String> env) {}

    private final Path repo;
    private final Path base;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
    private final Map<String, List<Sample>> samples = new LinkedHashMap<>();
    private final List<String> loads = new ArrayList<>();

    private CliBenchmark(Path repo, Path base) {
        this.repo = repo;
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("analyse")) {
            analyseInThisJvm(Path.of(args[1]));
            return;
        }
        boolean quick = Arrays.asList(args).contains("quick");
        Path repo = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(repo.resolve("hielements"))) {
            System.err.println("run from the repository root (benchmarks/run cli)");
            System.exit(2);
        }
        Path base = Files.createTempDirectory("hie-cli-bench");
        try {
            new CliBenchmark(repo, base).run(quick ? 3 : 5);
        } finally {
            try (Stream<Path> s = Files.walk(base)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void run(int rounds) throws Exception {
        loads.add("start: " + PluginBenchmark.loadAverage());
        Path jar = repo.resolve("server/target/hielements.jar");
        // First use: builds the jar if its sources are newer and records the class-data-sharing archive of this jar
        Sample first = time(new Cmd("first", List.of(repo.resolve("hielements").toString(), "--version"), Map.of()));
        System.out.printf(Locale.ROOT, "first launch (a build if the jar was stale, and the archive's recording if "
                + "there was none for this jar): %.1f s%n", first.wall());

        long t0 = System.nanoTime();
        Path parseFile = base.resolve("parse-200k.hie");
        String text = WorkspaceGenerator.singleFile(200_000);
        for (int n = 205_000; text.lines().count() < 200_000; n += 5_000) text = WorkspaceGenerator.singleFile(n);
        Files.writeString(parseFile, text);
        Map<Integer, Path> elementFiles = new LinkedHashMap<>();
        for (int n : new int[] {10_000, 20_000, 40_000}) {
            Path f = base.resolve("elements-" + n / 1000 + "k.hie");
            Files.writeString(f, elements(n));
            elementFiles.put(n, f);
        }
        Path mono = Files.createDirectories(base.resolve("python-mono"));
        int[] py = PythonGraphBenchmark.generate(mono);
        Files.writeString(mono.resolve("architecture.hie"), PythonGraphBenchmark.checks());
        Files.writeString(mono.resolve("hielements.toml"), "# generated\n");
        Path rust = Files.createDirectories(base.resolve("rust-ws"));
        int rs = RustGraphBenchmark.generate(rust);
        System.out.printf(Locale.ROOT, "generated: a %d-line file; 10k/20k/40k-element files; a Python monorepo of %d "
                + "files (%d lines); a Rust workspace of %d .rs files (%.1f s)%n", lines(parseFile), py[0], py[1], rs,
                (System.nanoTime() - t0) / 1e9);

        String launcher = repo.resolve("hielements").toString();
        List<String> plain = List.of(java, "-Xmx1536m", "-jar", jar.toString());
        Path ws = repo.resolve("test-fixtures/workspaces");
        Path e40 = elementFiles.get(40_000);
        List<Cmd> cmds = new ArrayList<>();
        cmds.add(new Cmd("java -version", List.of(java, "-version"), Map.of()));
        cmds.add(new Cmd("hielements --version", List.of(launcher, "--version"), Map.of()));
        cmds.add(new Cmd("java -jar --version", concat(plain, "--version"), Map.of()));
        for (String w : List.of("rust-graph", "python-flat-layout", "demo")) {
            cmds.add(new Cmd("hielements check " + w, List.of(launcher, "check", ws.resolve(w).toString()), Map.of()));
            // without the incremental cache: every check runs (with it, the rounds after the first replay outcomes)
            cmds.add(new Cmd("hielements check --no-cache " + w, List.of(launcher, "check", "--no-cache",
                    ws.resolve(w).toString()), Map.of()));
            cmds.add(new Cmd("java -jar check " + w, concat(plain, "check", ws.resolve(w).toString()), Map.of()));
        }
        cmds.add(new Cmd("cat parse", List.of("cat", parseFile.toString()), Map.of()));
        cmds.add(new Cmd("hielements parse", List.of(launcher, "parse", parseFile.toString()), Map.of()));
        cmds.add(new Cmd("hielements parse C2", List.of(launcher, "parse", parseFile.toString()),
                Map.of("HIELEMENTS_JAVA_OPTS", "-XX:TieredStopAtLevel=4")));
        cmds.add(new Cmd("java -Xmx512m parse", List.of(java, "-Xmx512m", "-Xlog:gc:file=" + base.resolve("gc.log"),
                "-jar", jar.toString(), "parse", parseFile.toString()), Map.of()));
        cmds.add(new Cmd("cat e40", List.of("cat", e40.toString()), Map.of()));
        cmds.add(new Cmd("hielements check --no-run e40", List.of(launcher, "check", "--no-run", e40.toString()),
                Map.of()));
        cmds.add(new Cmd("hielements check --no-run e40 C2", List.of(launcher, "check", "--no-run", e40.toString()),
                Map.of("HIELEMENTS_JAVA_OPTS", "-XX:TieredStopAtLevel=4")));
        for (Map.Entry<Integer, Path> e : elementFiles.entrySet()) {
            cmds.add(new Cmd("analyse " + e.getKey(), List.of(java, "-cp", System.getProperty("java.class.path"),
                    CliBenchmark.class.getName(), "analyse", e.getValue().toString()), Map.of()));
        }
        for (String[] big : new String[][] {{"python", mono.toString(), "py", "architecture.hie"},
                {"rust", rust.toString(), "rs", "bench.hie"}}) {
            String tree = big[1];
            cmds.add(new Cmd("find " + big[0], List.of("find", tree, "-type", "f"), Map.of()));
            cmds.add(new Cmd("cat " + big[0], List.of("sh", "-c",
                    "find \"$0\" -name '*." + big[2] + "' -print0 | xargs -0 cat", tree), Map.of()));
            // --no-cache: every round a check from nothing (with the cache, the rounds after the first reuse it)
            cmds.add(new Cmd("hielements check " + big[0], List.of(launcher, "check", "--no-cache",
                    Path.of(tree, big[3]).toString()), Map.of()));
            cmds.add(new Cmd("hielements check " + big[0] + " C1", List.of(launcher, "check", "--no-cache",
                    Path.of(tree, big[3]).toString()), Map.of("HIELEMENTS_JAVA_OPTS", "-XX:TieredStopAtLevel=1")));
        }

        for (int r = 0; r < rounds; r++) {
            System.out.printf("round %d of %d ...%n", r + 1, rounds);
            for (Cmd c : cmds) samples.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(time(c));
            loads.add("after round " + (r + 1) + ": " + PluginBenchmark.loadAverage());
        }
        report(parseFile, elementFiles, py, rs);
    }

    private void report(Path parseFile, Map<Integer, Path> elementFiles, int[] py, int rs) throws Exception {
        double jvm = med("java -version");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"JVM start: `java -version`", fig("java -version"), "", ""});
        rows.add(new String[] {"`hielements --version` (launcher: archive, C1)", fig("hielements --version"),
            "`java -jar hielements.jar --version`: " + fig("java -jar --version"),
            ratio(med("java -jar --version"), med("hielements --version")) + " faster"});
        for (String w : List.of("rust-graph", "python-flat-layout", "demo")) {
            rows.add(new String[] {"`hielements check` of the `" + w + "` fixture" + (w.equals("demo")
                ? " (starts its WASM and Python plugins)" : ""), fig("hielements check " + w),
                "`java -jar`: " + fig("java -jar check " + w),
                ratio(med("java -jar check " + w), med("hielements check " + w)) + " faster; target under 0.4 s: "
                    + target(med("hielements check " + w), 0.4)});
            rows.add(new String[] {"the same with `--no-cache` (every check runs)",
                fig("hielements check --no-cache " + w), "", "target under 0.4 s: "
                    + target(med("hielements check --no-cache " + w), 0.4)});
        }
        long parseLines = lines(parseFile);
        rows.add(new String[] {"`hielements parse` of " + String.format(Locale.ROOT, "%,d", parseLines)
            + " lines (" + mib(Files.size(parseFile)) + " MiB; JSON out "
            + mib(outputSize(parseFile)) + " MiB), launcher (C1)", fig("hielements parse"),
            "`cat` of the file: " + fig("cat parse") + "; the same with the full JIT: " + fig("hielements parse C2"),
            ""});
        Sample small = samples.get("java -Xmx512m parse").get(0);
        String heap = gcPeak(base.resolve("gc.log"));
        rows.add(new String[] {"the same as `java -Xmx512m -jar hielements.jar parse`", fig("java -Xmx512m parse"),
            "exit code " + small.code() + (small.code() == 0 ? " (fits in 512 MiB)" : " (FAILED)") + "; peak heap "
                + heap + "; peak RSS " + rss("java -Xmx512m parse"), "target: under 512 MB heap"});
        rows.add(new String[] {"`hielements check --no-run` of 40,000 elements (80,001 lines): parse + analysis, "
            + "launcher (C1)", fig("hielements check --no-run e40"), "`cat`: " + fig("cat e40")
                + "; the same with the full JIT: " + fig("hielements check --no-run e40 C2"),
            "target under 1 s: " + target(med("hielements check --no-run e40"), 1.0)});
        StringBuilder lin = new StringBuilder();
        double perFirst = 0;
        for (int n : elementFiles.keySet()) {
            double[] pa = analysed("analyse " + n);
            double per = pa[1] / n;
            if (perFirst == 0) perFirst = per;
            lin.append(String.format(Locale.ROOT, "%s%,d: parse %.0f ms, analysis %.0f ms cold (%.0f ms warm)",
                    lin.length() == 0 ? "" : "; ", n, pa[0], pa[1], pa[2]));
        }
        double[] a10 = analysed("analyse 10000");
        double[] a40 = analysed("analyse 40000");
        rows.add(new String[] {"semantic analysis alone, new JVM (no archive, full JIT), by elements", lin.toString(),
            String.format(Locale.ROOT, "time per element, 40k / 10k: %.2f cold, %.2f warm (1.00 = linear)",
                    (a40[1] / 40) / (a10[1] / 10), (a40[2] / 40) / (a10[2] / 10)),
            "target under 1 s: " + target(a40[1] / 1000, 1.0)});
        for (String[] big : new String[][] {{"python", "the 11,001-file Python monorepo, 31 checks",
                String.format(Locale.ROOT, "%,d .py files", py[0])},
                {"rust", "the generated Rust workspace, 30 checks", String.format(Locale.ROOT, "%,d .rs files", rs)}}) {
            double check = med("hielements check " + big[0]);
            double floor = jvm + med("cat " + big[0]);
            rows.add(new String[] {"`hielements check` of " + big[1] + " (launcher, no cache)",
                fig("hielements check " + big[0]),
                "JVM start + `cat` of the " + big[2] + ": " + String.format(Locale.ROOT, "%.2f s", floor)
                    + " (`cat` " + fig("cat " + big[0]) + ", `find` " + fig("find " + big[0])
                    + "); with C1 alone: " + fig("hielements check " + big[0] + " C1"),
                String.format(Locale.ROOT, "%.1fx; target within 3x: %s", check / floor,
                        check <= 3 * floor ? "met" : String.format(Locale.ROOT, "missed by %.1fx", check / (3 * floor)))});
        }

        StringBuilder md = new StringBuilder();
        md.append(MARKER).append('\n');
        md.append("# Command-line benchmark results\n\n");
        md.append("Written by `benchmarks/run cli` (`server/src/test/java/org/hielements/bench/CliBenchmark.java`) on ")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(". ")
                .append(samples.get("java -version").size())
                .append(" rounds, every command once per round in turn; figures are wall time, median (minimum), ")
                .append("and CPU time (user + system, all threads) median.\n\n");
        md.append("Machine: nproc ").append(Runtime.getRuntime().availableProcessors()).append(", ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.vm.version"))
                .append("\n\nLoad average (1, 5, 15 min): ").append(String.join("; ", loads)).append("\n\n");
        md.append("| measurement | wall median (min); CPU | compared with | ratio / target |\n|---|---|---|---|\n");
        for (String[] r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        md.append('\n');
        for (String n : NOTES) md.append("- ").append(n).append('\n');
        System.out.println();
        System.out.print(md);

        Path out = repo.resolve("benchmarks/RESULTS.md");
        String old = Files.exists(out) ? Files.readString(out) : "";
        int at = old.indexOf(MARKER);
        String kept = at >= 0 ? old.substring(0, at) : old;
        if (!kept.isEmpty() && !kept.endsWith("\n\n")) kept += kept.endsWith("\n") ? "\n" : "\n\n";
        Files.writeString(out, kept + md);
        System.out.println("appended to " + out);
    }

    // ------------------------------------------------------------------------------------------------ generation

    /** {@code n} small elements, two lines each, after one import: {@code 2n + 1} lines. */
    static String elements(int n) {
        StringBuilder sb = new StringBuilder(n * 48).append("import files\n");
        for (int i = 0; i < n; i++) {
            sb.append("element e").append(i).append(":\n    scope s = files.folder_selector('d").append(i)
                    .append("')\n");
        }
        return sb.toString();
    }

    /** Parses and analyses the file once in this (new) JVM, then five more times; prints parse, first, best. */
    private static void analyseInThisJvm(Path file) throws IOException {
        Path p = file.toAbsolutePath();
        KnownLibraries libs = KnownLibraries.of(LibraryRegistry.withBuiltins());
        double firstParse = 0;
        double firstAnalysis = 0;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            long t0 = System.nanoTime();
            ParseResult parsed = Parser.parse(new SourceText(p.toString(), Files.readString(p)));
            long t1 = System.nanoTime();
            SemanticModel m = new Analyzer(libs, SourceProvider.disk(p.getParent()), p.getParent())
                    .analyze(Map.of(p, parsed));
            long t2 = System.nanoTime();
            if (m.diagnostics().size() != 0) throw new IllegalStateException("unexpected diagnostics");
            if (i == 0) {
                firstParse = (t1 - t0) / 1e6;
                firstAnalysis = (t2 - t1) / 1e6;
            } else {
                best = Math.min(best, (t2 - t1) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "analysed %.1f %.1f %.1f%n", firstParse, firstAnalysis, best);
    }

    // ------------------------------------------------------------------------------------------------ timing

    private Sample time(Cmd c) throws IOException, InterruptedException {
        Path timeOut = base.resolve("time.txt");
        Path stdout = base.resolve("stdout.txt");
        List<String> argv = new ArrayList<>();
        if (gnuTime) argv.addAll(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", timeOut.toString()));
        argv.addAll(c.argv());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(repo.toFile())
                .redirectOutput(c.key().startsWith("analyse") ? ProcessBuilder.Redirect.to(stdout.toFile())
                        : ProcessBuilder.Redirect.DISCARD)
                .redirectError(base.resolve("stderr.txt").toFile());
        pb.environment().putAll(c.env());
        long t0 = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        if (c.key().startsWith("analyse")) {
            Files.writeString(base.resolve(c.key().replace(' ', '-') + "-" + System.nanoTime() + ".out"),
                    Files.readString(stdout));
        }
        if (!gnuTime) return new Sample(wall, Double.NaN, -1, code);
        String[] f = Files.readString(timeOut).trim().lines().reduce((a, b) -> b).orElse("").split(" ");
        try {
            return new Sample(Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]),
                    Long.parseLong(f[3]), code);
        } catch (RuntimeException e) {
            return new Sample(wall, Double.NaN, -1, code);
        }
    }

    /** Parse ms, cold analysis ms and best warm analysis ms of the {@code analyse} runs (medians over rounds). */
    private double[] analysed(String key) throws IOException {
        List<double[]> runs = new ArrayList<>();
        try (Stream<Path> s = Files.list(base)) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith(key.replace(' ', '-') + "-")).toList()) {
                Matcher m = Pattern.compile("analysed (\\S+) (\\S+) (\\S+)").matcher(Files.readString(f));
                if (m.find()) {
                    runs.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3))});
                }
            }
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            final int k = i;
            out[i] = median(runs.stream().mapToDouble(r -> r[k]).toArray());
        }
        return out;
    }

    private double med(String key) {
        return median(samples.get(key).stream().mapToDouble(Sample::wall).toArray());
    }

    private String fig(String key) {
        List<Sample> s = samples.get(key);
        double min = s.stream().mapToDouble(Sample::wall).min().orElse(Double.NaN);
        double cpu = median(s.stream().mapToDouble(Sample::cpu).toArray());
        return String.format(Locale.ROOT, "%.2f s (%.2f); CPU %.2f s", med(key), min, cpu);
    }

    private String rss(String key) {
        long[] r = samples.get(key).stream().mapToLong(Sample::rssKiB).sorted().toArray();
        return r.length == 0 || r[r.length - 1] < 0 ? "?" : (r[r.length / 2] / 1024) + " MiB";
    }

    private static String target(double seconds, double target) {
        return seconds <= target ? "met" : String.format(Locale.ROOT, "missed by %.2f s (%.1fx)", seconds - target,
                seconds / target);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.1fx", a / b);
    }

    /** The largest heap in use the collector's log shows (before a collection, or at exit). */
    private static String gcPeak(Path log) throws IOException {
        if (!Files.exists(log)) return "?";
        long peak = -1;
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(log));
        int collections = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
            collections++;
        }
        return peak < 0 ? "no collection" : peak + " MiB (" + collections + " collections in the last run)";
    }

    private long outputSize(Path parseFile) throws IOException, InterruptedException {
        Path out = base.resolve("parse.json");
        Process p = new ProcessBuilder(java, "-jar", repo.resolve("server/target/hielements.jar").toString(), "parse",
                parseFile.toString()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor();
        long size = Files.size(out);
        Files.delete(out);
        return size;
    }

    private static long lines(Path f) throws IOException {
        try (Stream<String> s = Files.lines(f)) {
            return s.count();
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    private static double median(double[] xs) {
        if (xs.length == 0) return Double.NaN;
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(tail));
        return out;
    }
}
