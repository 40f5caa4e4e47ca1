package org.hielements.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hielements.cli.Main;

/**
 * {@code hielements check} on a generated Python monorepo of 11,001 files (a src layout: 100 packages of 110
 * modules, each with absolute, relative, aliased, function-level and {@code TYPE_CHECKING} imports, docstrings and
 * comments naming other modules) with 31 {@code python} checks (imports / no_import over the whole tree and over
 * packages, calls_scope between packages, calls, returns_type, function and class selectors), run in-process through
 * {@code Main.run}, as the command line runs it.
 *
 * <p>Prints the first run (a cold JVM: what one {@code hielements check} costs), then the median of the next runs in
 * the same JVM (what the language server pays on each re-run), and the same with the cross-run cache of file facts
 * cleared before each run when there is one (a warm JVM reading every file again). Also prints the verdicts, so a
 * comparison of two versions shows what changed besides the time. Uses only the public command line, so the same
 * class measures an older version of the library.
 *
 * <p>Run: {@code benchmarks/run python}. With {@code -Dhielements.bench.dir=DIR} the repository is generated there
 * and kept.
 */
public final class PythonGraphBenchmark {
    private static final int PACKAGES = 100;
    private static final int MODULES = 109;   // plus __init__.py: 110 files per package
    private static final int RUNS = 7;

    private PythonGraphBenchmark() {}

    public static void main(String[] args) throws Exception {
        String keep = System.getProperty("hielements.bench.dir");
        Path root = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("hie-python-bench");
        try {
            long t0 = System.nanoTime();
            int[] counts = generate(root);
            Path hie = root.resolve("architecture.hie");
            Files.writeString(hie, checks(), StandardCharsets.UTF_8);
            Files.writeString(root.resolve("hielements.toml"), "# generated\n", StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "generated %d Python files, %d lines, in %.0f ms; 31 checks%n",
                    counts[0], counts[1], (System.nanoTime() - t0) / 1e6);

            long cpu0 = cpu();
            double first = run(hie, true);
            double firstCpu = (cpu() - cpu0) / 1e6;
            List<Double> warm = new ArrayList<>();
            List<Double> warmCpu = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                long c = cpu();
                warm.add(run(hie, false));
                warmCpu.add((cpu() - c) / 1e6);
            }
            List<Double> cleared = new ArrayList<>();
            List<Double> clearedCpu = new ArrayList<>();
            boolean cache = clearCache();
            if (cache) {
                for (int i = 0; i < RUNS; i++) {
                    clearCache();
                    long c = cpu();
                    cleared.add(run(hie, false));
                    clearedCpu.add((cpu() - c) / 1e6);
                }
            }
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.println();
            System.out.println("wall ms (CPU ms of the process, all threads)");
            System.out.printf(Locale.ROOT, "first run (cold JVM, as one `hielements check`): %7.0f (%6.0f)%n", first,
                    firstCpu);
            System.out.printf(Locale.ROOT, "next runs, same JVM, median of %d:                %7.0f (%6.0f)   min %.0f (%.0f)%n",
                    RUNS, median(warm), median(warmCpu), min(warm), min(warmCpu));
            if (cache) {
                System.out.printf(Locale.ROOT,
                        "next runs, cross-run cache cleared, median:     %7.0f (%6.0f)   min %.0f (%.0f)%n",
                        median(cleared), median(clearedCpu), min(cleared), min(clearedCpu));
            } else {
                System.out.println("(no cross-run cache in this version)");
            }
            System.out.printf(Locale.ROOT, "heap in use after the runs (after a GC): %d MiB%n", heap >> 20);
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

    /** One {@code check --format json}; prints the verdicts of the first run. */
    private static double run(Path hie, boolean print) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t = System.nanoTime();
        int code = Main.run(new String[] {"check", "--format", "json", hie.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        double ms = (System.nanoTime() - t) / 1e6;
        if (print) {
            JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            System.out.println("exit " + code + ", summary " + json.get("summary"));
            for (JsonNode r : json.get("results")) {
                String msg = r.get("message").isNull() ? "" : "  " + r.get("message").asText();
                if (msg.length() > 150) msg = msg.substring(0, 150) + "...";
                System.out.println("  " + r.get("status").asText().toUpperCase(Locale.ROOT) + " "
                        + r.get("element").asText() + " :: " + r.get("check").asText() + msg);
            }
        }
        return ms;
    }

    /** CPU time of the process (all threads), in nanoseconds. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Clears the cross-run cache of Python file facts when this version has one. */
    private static boolean clearCache() {
        try {
            Class<?> c = Class.forName("org.hielements.library.builtin.PythonSources");
            var m = c.getDeclaredMethod("clear");
            m.setAccessible(true);
            m.invoke(null);
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static String p(int i) {
        return String.format(Locale.ROOT, "p%03d", (i + PACKAGES) % PACKAGES);
    }

    private static String m(int i) {
        return String.format(Locale.ROOT, "m%03d", (i + MODULES) % MODULES);
    }

    /** Writes the tree; returns {files, lines}. */
    static int[] generate(Path root) throws IOException {
        int files = 0;
        int lines = 0;
        Path mono = root.resolve("src/mono");
        Files.createDirectories(mono);
        Files.writeString(mono.resolve("__init__.py"), "\"\"\"The monorepo's top package.\"\"\"\n");
        files++;
        lines++;
        for (int pk = 0; pk < PACKAGES; pk++) {
            Path dir = Files.createDirectories(mono.resolve(p(pk)));
            Files.writeString(dir.resolve("__init__.py"), "from . import " + m(0) + "\n");
            files++;
            lines++;
            for (int md = 0; md < MODULES; md++) {
                String text = module(pk, md);
                Files.writeString(dir.resolve(m(md) + ".py"), text);
                files++;
                lines += (int) text.chars().filter(c -> c == '\n').count();
            }
        }
        return new int[] {files, lines};
    }

    private static String module(int pk, int md) {
        String far = "mono." + p(pk + 7) + "." + m(md + 3);
        StringBuilder b = new StringBuilder();
        b.append("\"\"\"Module mono.").append(p(pk)).append('.').append(m(md)).append(".\n\n")
                .append("Mentions of other modules here are text only: import mono.").append(p(pk + 50))
                .append(".").append(m(md)).append("\n\"\"\"\n")
                .append("from __future__ import annotations\n\n")
                .append("import logging\nimport os, json\nimport typing as t\n\n");
        if (md > 0) b.append("from . import ").append(m(md - 1)).append('\n');
        if (md > 1) b.append("from .").append(m(md - 2)).append(" import helper_").append(m(md - 2))
                .append(" as h\n");
        b.append("from ..").append(p(pk - 1)).append(" import ").append(m(md)).append(" as prev\n");
        b.append("import ").append(far).append(" as far\n\n");
        b.append("if t.TYPE_CHECKING:\n    from ..").append(p(pk + 1)).append('.').append(m(md))
                .append(" import Model").append(m(md)).append(" as NextModel\n\n");
        b.append("log = logging.getLogger(__name__)\n\n");
        b.append("# import mono.").append(p(pk + 50)).append(" (a comment, not an import)\n");
        b.append("TEMPLATE = \"from mono.").append(p(pk + 50)).append(" import x\"\n\n\n");
        b.append("class Model").append(m(md)).append(":\n")
                .append("    \"\"\"A model. def fake(): pass\"\"\"\n\n")
                .append("    def __init__(self, value: int) -> None:\n        self.value = value\n\n")
                .append("    def total(self) -> int:\n        return self.value + far.helper_").append(m(md + 3))
                .append("(1)\n\n")
                .append("    def following(self) -> NextModel | None:\n        return None\n\n\n");
        b.append("def helper_").append(m(md)).append("(x: int) -> int:\n    return x + 1\n\n\n");
        b.append("def run_").append(m(md)).append("(items: list[int]) -> dict[str, int]:\n")
                .append("    from ..").append(p(pk + 3)).append('.').append(m(md + 5)).append(" import helper_")
                .append(m(md + 5)).append(" as other\n")
                .append("    data = {\"n\": len(items), \"other\": other(1), \"prev\": prev.helper_").append(m(md))
                .append("(2)}\n")
                .append("    log.info(\"run %s in %s\", json.dumps(data), os.getcwd())\n")
                .append("    return data\n");
        if (md > 1) b.append("\n\ndef twice(x: int) -> int:\n    return h(h(x))\n");
        return b.toString();
    }

    static String checks() {
        StringBuilder b = new StringBuilder("## Generated: 31 python checks over an 11,001-file src layout.\n\n");
        b.append("element all:\n    scope code = files.folder_selector('src')\n");
        b.append("    check python.imports(code, 'json')\n");
        b.append("    check python.imports(code, 'typing')\n");
        b.append("    check python.no_import(code, 'pickle')\n");
        b.append("    check python.no_import(code, 'requests')\n");
        b.append("    check python.imports(code, 'mono.p050.m001')\n");
        b.append("    check python.returns_type(code, 'Decimal')\n");
        b.append("    check python.calls(code, 'never_called')\n");
        b.append("    check python.calls_function(code, 'log', 'warning')\n");
        b.append("    check python.no_import(code, 'mono.p099.m108')\n\n");
        b.append("element selected:\n    scope helpers = python.function_selector('helper_m005')\n");
        b.append("    scope models = python.class_selector('Modelm007')\n");
        b.append("    check python.imports(helpers, 'logging')\n");
        b.append("    check python.imports(models, 'logging')\n\n");
        for (int pk = 10; pk < 20; pk++) {
            b.append("element ").append(p(pk)).append(":\n");
            b.append("    scope code = python.module_selector('mono.").append(p(pk)).append("')\n");
            b.append("    scope before = python.module_selector('mono.").append(p(pk - 1)).append("')\n");
            b.append("    check python.no_import(code, 'mono.").append(p(pk - 1)).append("')\n");
            b.append("    check python.calls_scope(code, before)\n\n");
        }
        return b.toString();
    }
}
