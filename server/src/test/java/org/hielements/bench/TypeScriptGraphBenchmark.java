package org.hielements.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.hielements.sdk.Toolchains;

/**
 * {@code benchmarks/run typescript}: the per-file cost of reading and resolving the imports of a generated TypeScript
 * monorepo ({@link TypeScriptRepoGenerator}: 30 packages of 101 files, 3,030 files by default) by the bundled
 * {@code typescript} library through {@code hielements check} in a new JVM (start included), against
 * dependency-cruiser on the same tree in the same run (a new Node process each time, start included). Each is run once
 * to warm the disk (and the WASM compile cache), then {@value #RUNS} times; medians are printed. dependency-cruiser is
 * also run once, with the workspace packages linked into {@code node_modules} as after {@code npm install} (it then
 * resolves them, and is much slower), on a tree of a third of the size, where both are compared: the same folder
 * edges or not.
 *
 * <p>Options: {@code -Dhielements.bench.packages=N} (default 30), {@code -Dhielements.bench.dir=DIR} (keep the tree).
 */
public final class TypeScriptGraphBenchmark {
    private static final int RUNS = 3;

    private TypeScriptGraphBenchmark() {}

    public static void main(String[] args) throws Exception {
        int packages = Integer.getInteger("hielements.bench.packages", 30);
        String keep = System.getProperty("hielements.bench.dir");
        Path root = (keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("hie-ts-bench"))
                .toRealPath();
        System.out.println("load average at start: " + load());
        int files = TypeScriptRepoGenerator.generate(root, packages, 10, 10);
        Files.writeString(root.resolve("hielements.toml"), "# generated\n", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("one.hie"), "element repo:\n"
                + "    scope all = typescript.module_selector('packages')\n"
                + "    check typescript.no_external(all, 'left-pad')\n", StandardCharsets.UTF_8);
        StringBuilder rules = new StringBuilder("element repo:\n    scope all = typescript.module_selector('packages')\n"
                + "    check typescript.no_cycles(all)\n    check typescript.no_external(all, 'left-pad')\n");
        for (int p = 0; p + 1 < Math.min(packages, 5); p++) {
            String a = String.format(Locale.ROOT, "p%02d", p);
            String b = String.format(Locale.ROOT, "p%02d", p + 1);
            rules.append("    element ").append(a).append(":\n")
                    .append("        scope code = typescript.package_selector('@bench/").append(a).append("')\n")
                    .append("        scope next = typescript.package_selector('@bench/").append(b).append("')\n")
                    .append("        check typescript.depends_on(code, next)\n")
                    .append("        check typescript.no_import(code, 'lodash')\n");
        }
        Files.writeString(root.resolve("rules.hie"), rules.toString(), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("none.hie"), "element repo:\n    scope all = files.folder_selector('packages')\n"
                + "    check files.exists(all, 'package.json')\n", StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "generated %d source files (%d packages) under %s%n%n", files, packages, root);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> hie = List.of(java, "-cp", cp, "org.hielements.cli.Main", "check");
        List<String> hieC1 = List.of(java, "-XX:TieredStopAtLevel=1", "-cp", cp, "org.hielements.cli.Main", "check");

        double none = median(root, cat(hie, "none.hie"));
        double one = median(root, cat(hie, "one.hie"));
        double oneC1 = median(root, cat(hieC1, "one.hie"));
        double rulesTime = median(root, cat(hie, "rules.hie"));
        double rulesC1 = median(root, cat(hieC1, "rules.hie"));

        Path install = Toolchains.dependencyCruiserOr("benchmarks/run typescript");
        double cruiser = Double.NaN;
        double cruiserLinked = Double.NaN;
        String edges = "not compared (dependency-cruiser missing)";
        if (install != null) {
            DependencyCruiser dc = new DependencyCruiser(install);
            List<String> cmd = new ArrayList<>(List.of("node", install.resolve("node_modules/.bin/depcruise").toString(),
                    "--config", install.resolve("compare.cjs").toString(), "--output-type", "json", "packages"));
            // as checked out: the workspace packages are not linked, so dependency-cruiser does not resolve them
            cruiser = median(root, cmd);
            // as after npm install, the packages linked into node_modules, on a tree of a third of the size (linked, it
            // is much slower: on the full tree it ran 331 s and failed); also where the folder edges are compared
            Path small = Files.createTempDirectory("hie-ts-bench-linked").toRealPath();
            int smallFiles = TypeScriptRepoGenerator.generate(small, Math.max(2, packages / 3), 10, 10);
            DependencyCruiser.linkWorkspaces(small);
            Files.writeString(small.resolve("hielements.toml"), "# generated\n", StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            String linked = dc.run(small);
            cruiserLinked = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "  ran dependency-cruiser with the packages linked on %d files: %.0f ms "
                    + "(%.0f us/file)%n", smallFiles, cruiserLinked, cruiserLinked * 1000 / smallFiles);
            TreeSet<String> theirs = DependencyCruiser.folderEdges(linked);
            TreeSet<String> ours = DependencyCruiser.ours(small);
            edges = ours.equals(theirs) ? "equal (" + ours.size() + " folder edges)"
                    : "DIFFERENT: ours " + ours.size() + ", dependency-cruiser " + theirs.size();
        }
        System.out.println();
        System.out.println("wall time, median of " + RUNS + " (a new process each, start included); per file = time / "
                + files);
        row("hielements check, no typescript check (JVM start, walk)", none, files);
        row("hielements check, 1 check reading every file (default JIT)", one, files);
        row("hielements check, 1 check reading every file (-XX:TieredStopAtLevel=1)", oneC1, files);
        row("hielements check, " + countChecks(rules.toString()) + " checks (default JIT)", rulesTime, files);
        row("hielements check, " + countChecks(rules.toString()) + " checks (-XX:TieredStopAtLevel=1)", rulesC1, files);
        row("dependency-cruiser " + Toolchains.DEPENDENCY_CRUISER + ", packages not linked (node, json)", cruiser, files);

        if (!Double.isNaN(cruiser)) {
            System.out.printf(Locale.ROOT, "dependency-cruiser (not linked) / hielements (1 check): %.2fx default JIT, "
                    + "%.2fx C1 only%n", cruiser / one, cruiser / oneC1);
        }
        System.out.println("folder edges, hielements vs dependency-cruiser (packages linked, smaller tree): " + edges);
        System.out.println("load average at end: " + load());
    }

    private static int countChecks(String hie) {
        return (int) hie.lines().filter(l -> l.trim().startsWith("check ")).count();
    }

    private static List<String> cat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    private static void row(String what, double ms, int files) {
        if (Double.isNaN(ms)) {
            System.out.printf(Locale.ROOT, "  %-72s       -%n", what);
            return;
        }
        System.out.printf(Locale.ROOT, "  %-72s %7.0f ms  %6.0f us/file%n", what, ms, ms * 1000 / files);
    }

    /** One run to warm up, then the median wall time of {@link #RUNS} runs, in ms. */
    private static double median(Path dir, List<String> command) throws IOException, InterruptedException {
        time(dir, command);
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) t.add(time(dir, command));
        Collections.sort(t);
        System.out.printf(Locale.ROOT, "  ran %s: %s ms%n", String.join(" ", command.subList(command.size() - 1,
                command.size())) + (command.contains("-XX:TieredStopAtLevel=1") ? " (C1)" : "")
                + (command.get(0).equals("node") ? " (dependency-cruiser)" : ""), t);
        return t.get(t.size() / 2);
    }

    private static double time(Path dir, List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(900, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        // hielements check exits 0 (all passed) or 1 (a check failed); dependency-cruiser 0
        int ok = command.get(0).equals("node") ? 0 : 1;
        if (p.exitValue() > ok) throw new IOException("exit code " + p.exitValue() + ": " + command);
        return ms;
    }

    private static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%.2f (nproc %d)", l, Runtime.getRuntime().availableProcessors());
    }
}
