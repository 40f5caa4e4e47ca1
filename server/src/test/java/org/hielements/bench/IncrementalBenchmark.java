package org.hielements.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Incremental checking, as a user meets it: each figure is a whole {@code hielements check} process (a new JVM) on a
 * generated Python repository of 20,000 files (100 packages of 200 modules) with 500 checks (five per package:
 * {@code python.no_import}, {@code python.imports}, {@code files.no_files_matching}, {@code files.exists},
 * {@code files.max_size}). Prints, in the same run: the JVM start alone ({@code hielements --version}), a cold run (no
 * cache: it also writes the cache), a second run with nothing changed, and a run after one file's content changed;
 * each the median of {@link #ROUNDS}. Then the ratios to the cold run with the JVM start taken off each side (no cache
 * can save it). Targets: second run under 10%, after one edit under 15%.
 *
 * <p>The files' times are set an hour back after generation (a checkout made earlier), as they are in a real
 * repository: a stamp only just written is not trusted and its file is hashed again.
 *
 * <p>Run: {@code benchmarks/run incremental} ({@code -Dhielements.bench.dir=DIR}: generated there and kept). The
 * script measures the {@code hielements} launcher (the jar with its class-data-sharing archive, as users run it); CPU
 * times come from {@code /usr/bin/time} when it is there (wall times on a loaded machine say little). Needs {@code java} on the PATH and the test classpath in
 * {@code -Dhielements.bench.classpath} (the script passes it).
 */
public final class IncrementalBenchmark {
    private static final int PACKAGES = 100;
    private static final int MODULES = 199;         // plus __init__.py: 200 files per package
    private static final int ROUNDS = 5;

    private IncrementalBenchmark() {}

    public static void main(String[] args) throws Exception {
        String cp = System.getProperty("hielements.bench.classpath", System.getProperty("java.class.path"));
        String keep = System.getProperty("hielements.bench.dir");
        Path root = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("hie-incremental-bench");
        try {
            long t0 = System.nanoTime();
            int files = generate(root);
            age(root);
            System.out.printf(Locale.ROOT, "generated %d files, %d checks, in %.0f ms%n", files, PACKAGES * 5,
                    (System.nanoTime() - t0) / 1e6);
            String launcher = System.getProperty("hielements.bench.launcher");
            List<String> base = launcher != null ? List.of(launcher) : List.of(javaBin(), "-cp", cp, "org.hielements.cli.Main");
            System.out.println("command: " + (launcher != null ? launcher : "java -cp <test classpath> org.hielements.cli.Main")
                    + (TIME.canExecute() ? " (CPU times from /usr/bin/time)" : ""));

            List<Double> jvm = new ArrayList<>();
            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            List<Double> edited = new ArrayList<>();
            List<Double> jvmCpu = new ArrayList<>();
            List<Double> coldCpu = new ArrayList<>();
            List<Double> warmCpu = new ArrayList<>();
            List<Double> editedCpu = new ArrayList<>();
            String coldSummary = null;
            String warmSummary = null;
            String editSummary = null;
            for (int round = 0; round < ROUNDS; round++) {
                Run v = run(base, List.of("--version"), root);
                jvm.add(v.ms);
                jvmCpu.add(v.cpuMs);
                deleteCache(root);
                Run c = run(base, List.of("check", "architecture.hie"), root);
                cold.add(c.ms);
                coldCpu.add(c.cpuMs);
                coldSummary = c.summary;
                Run w = run(base, List.of("check", "architecture.hie"), root);
                warm.add(w.ms);
                warmCpu.add(w.cpuMs);
                warmSummary = w.summary;
                Path touched = root.resolve(String.format(Locale.ROOT, "src/mono/p%03d/m%03d.py", round * 17 % PACKAGES,
                        round * 31 % MODULES));
                Files.writeString(touched, Files.readString(touched) + "\nimport pickle  # round " + round + "\n");
                Run e = run(base, List.of("check", "architecture.hie"), root);
                edited.add(e.ms);
                editedCpu.add(e.cpuMs);
                editSummary = e.summary;
            }
            double j = median(jvm);
            double c = median(cold);
            double w = median(warm);
            double e = median(edited);
            System.out.println();
            System.out.println("cold:        " + coldSummary);
            System.out.println("second run:  " + warmSummary);
            System.out.println("one edit:    " + editSummary);
            System.out.println();
            System.out.printf(Locale.ROOT, "wall ms, median of %d processes each%n", ROUNDS);
            System.out.printf(Locale.ROOT, "JVM start alone (hielements --version): %6.0f%n", j);
            System.out.printf(Locale.ROOT, "cold run (no cache; writes it):         %6.0f%n", c);
            System.out.printf(Locale.ROOT, "second run, nothing changed:            %6.0f%n", w);
            System.out.printf(Locale.ROOT, "run after one file changed:             %6.0f%n", e);
            System.out.printf(Locale.ROOT, "JVM start taken off: second run %.1f%% of cold (target < 10%%), "
                    + "after one edit %.1f%% (target < 15%%)%n", 100 * (w - j) / (c - j), 100 * (e - j) / (c - j));
            if (TIME.canExecute()) {
                double jc = median(jvmCpu);
                double cc = median(coldCpu);
                double wc = median(warmCpu);
                double ec = median(editedCpu);
                System.out.printf(Locale.ROOT, "CPU ms (user + system, all threads): JVM start %.0f, cold %.0f, second %.0f, "
                        + "after one edit %.0f%n", jc, cc, wc, ec);
                System.out.printf(Locale.ROOT, "CPU, JVM start taken off: second run %.1f%% of cold, after one edit %.1f%%%n",
                        100 * (wc - jc) / (cc - jc), 100 * (ec - jc) / (cc - jc));
            }
            System.out.printf(Locale.ROOT, "system load average: %.2f%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            if (keep == null) {
                try (Stream<Path> s = Files.walk(root)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private record Run(double ms, double cpuMs, String summary) {}

    private static final java.io.File TIME = new java.io.File("/usr/bin/time");

    private static Run run(List<String> base, List<String> args, Path dir) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        Path times = Files.createTempFile("hie-bench-time", ".txt");
        if (TIME.canExecute()) cmd.addAll(List.of(TIME.getPath(), "-o", times.toString(), "-f", "%U %S"));
        cmd.addAll(base);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("HIELEMENTS_CACHE");
        long t = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor();
        double ms = (System.nanoTime() - t) / 1e6;
        String summary = new String(out, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Summary:")
                || l.startsWith("hielements ")).reduce((a, b) -> b).orElse("(no summary; exit " + p.exitValue() + ")");
        double cpu = 0;
        String[] parts = Files.readString(times).trim().split("\\s+");
        if (parts.length >= 2) {
            try {
                cpu = (Double.parseDouble(parts[parts.length - 2]) + Double.parseDouble(parts[parts.length - 1])) * 1000;
            } catch (NumberFormatException ignored) {
                cpu = 0;         // /usr/bin/time printed something else (a signal): no CPU figure
            }
        }
        Files.deleteIfExists(times);
        return new Run(ms, cpu, summary);
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteCache(Path root) throws IOException {
        Path cache = root.resolve(".hielements");
        if (!Files.exists(cache)) return;
        try (Stream<Path> s = Files.walk(cache)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static String p(int i) {
        return String.format(Locale.ROOT, "p%03d", (i + PACKAGES) % PACKAGES);
    }

    private static String m(int i) {
        return String.format(Locale.ROOT, "m%03d", (i + MODULES) % MODULES);
    }

    /** Writes the repository and its {@code .hie}; returns the number of files. */
    private static int generate(Path root) throws IOException {
        int files = 0;
        Path mono = Files.createDirectories(root.resolve("src/mono"));
        StringBuilder hie = new StringBuilder("element mono:\n");
        for (int pk = 0; pk < PACKAGES; pk++) {
            Path dir = Files.createDirectories(mono.resolve(p(pk)));
            Files.writeString(dir.resolve("__init__.py"), "from . import " + m(0) + "\n");
            files++;
            for (int md = 0; md < MODULES; md++) {
                Files.writeString(dir.resolve(m(md) + ".py"), module(pk, md));
                files++;
            }
            hie.append("    element ").append(p(pk)).append(":\n")
                    .append("        scope code<python> = files.folder_selector('src/mono/").append(p(pk)).append("')\n")
                    .append("        check python.no_import(code, 'pickle')\n")
                    .append("        check python.imports(code, 'logging')\n")
                    .append("        check files.no_files_matching(code, '*.pyc')\n")
                    .append("        check files.exists(code, '__init__.py')\n")
                    .append("        check files.max_size(code, 100000)\n");
        }
        Files.writeString(root.resolve("architecture.hie"), hie.toString());
        Files.writeString(root.resolve("hielements.toml"), "# generated\n");
        return files;
    }

    private static String module(int pk, int md) {
        StringBuilder b = new StringBuilder();
        b.append("\"\"\"Module mono.").append(p(pk)).append('.').append(m(md)).append(".\"\"\"\n")
                .append("import logging\nimport os, json\n");
        if (md > 0) b.append("from . import ").append(m(md - 1)).append('\n');
        b.append("from ..").append(p(pk - 1)).append(" import ").append(m(md)).append(" as prev\n\n");
        b.append("log = logging.getLogger(__name__)\n\n");
        b.append("def handle_").append(m(md)).append("(x: int) -> int:\n    \"\"\"Doubles x.\"\"\"\n")
                .append("    log.info('handling %s', x)\n    return prev.value() + x * 2 if x else 0\n\n");
        b.append("def value() -> int:\n    return ").append(md).append('\n');
        return b.toString();
    }

    /** Every file and folder an hour back (a checkout made earlier). */
    private static void age(Path root) throws IOException {
        FileTime t = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.setLastModifiedTime(p, t);
        }
    }
}
