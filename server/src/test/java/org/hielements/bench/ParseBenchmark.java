package org.hielements.bench;

import java.util.Locale;
import org.hielements.syntax.Lexer;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;

/**
 * Parse speed of generated, realistic {@code .hie} files of 1k, 10k and 100k lines (a benchmark, not a test). Run,
 * from the repository root:
 * <pre>
 * mvn -B -q -o -pl server -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
 *     -Dmdep.includeScope=test &amp;&amp; java -cp "server/target/test-classes:server/target/classes:$(cat \
 *     server/target/bench.classpath)" org.hielements.bench.ParseBenchmark
 * </pre>
 * ({@code exec:java} does not fit: the pinned exec-maven-plugin 3.7.0 needs Maven 3.9, and with {@code -am} it would
 * also run in the other modules.)
 * Prints, for each size, the median and best warm time of lexing and of parsing (lexer included), and ms per 1k
 * lines, measured side by side in one run. Target (LANGUAGE.md §1, issue 2): 10k lines under 30 ms warm, linear.
 */
public final class ParseBenchmark {
    private ParseBenchmark() {}

    public static void main(String[] args) {
        int[] sizes = {1_000, 10_000, 100_000};
        SourceText[] sources = new SourceText[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            sources[i] = new SourceText("bench-" + sizes[i] + ".hie", generate(sizes[i]));
        }
        // warm up on every size so the JIT has compiled the hot paths before anything is measured
        long deadline = System.nanoTime() + 4_000_000_000L;
        int warmups = 0;
        while (System.nanoTime() < deadline || warmups < 20) {
            for (SourceText s : sources) {
                if (s.lineCount() > 20_000 && warmups % 5 != 0) continue;
                sink += Parser.parse(s).file().declarations().size();
            }
            warmups++;
        }
        System.out.println("ParseBenchmark (" + warmups + " warm-up rounds; times in ms; java "
                + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cpus)");
        System.out.println(String.format(Locale.ROOT, "%8s %10s %12s %12s %12s %14s %8s", "lines", "chars",
                "lex median", "parse median", "parse best", "ms/1k lines", "errors"));
        double[] perK = new double[sizes.length];
        double[] bestPerK = new double[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            SourceText s = sources[i];
            System.gc();
            int reps = sizes[i] >= 100_000 ? 15 : sizes[i] >= 10_000 ? 51 : 301;
            double[] lex = new double[reps];
            double[] parse = new double[reps];
            ParseResult last = null;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                sink += Lexer.lex(s).tokens().size();
                long t1 = System.nanoTime();
                last = Parser.parse(s);
                long t2 = System.nanoTime();
                lex[r] = (t1 - t0) / 1e6;
                parse[r] = (t2 - t1) / 1e6;
            }
            java.util.Arrays.sort(lex);
            java.util.Arrays.sort(parse);
            double median = parse[reps / 2];
            perK[i] = median / (s.lineCount() / 1000.0);
            bestPerK[i] = parse[0] / (s.lineCount() / 1000.0);
            System.out.println(String.format(Locale.ROOT, "%8d %10d %12.3f %12.3f %12.3f %14.4f %8d", s.lineCount(),
                    s.text().length(), lex[reps / 2], median, parse[0], perK[i],
                    last.diagnostics().size()));
        }
        System.out.println(String.format(Locale.ROOT, "linearity (median): ms/1k lines at 100k / at 1k = %.2f; "
                + "at 10k / 1k = %.2f", perK[2] / perK[0], perK[1] / perK[0]));
        System.out.println(String.format(Locale.ROOT, "linearity (best):   ms/1k lines at 100k / at 1k = %.2f; "
                + "at 10k / 1k = %.2f", bestPerK[2] / bestPerK[0], bestPerK[1] / bestPerK[0]));
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.println(String.format(Locale.ROOT, "system load average during the run: %.2f (medians suffer from "
                + "other processes and GC; best times show the shape)", load));
        if (sink == 42) System.out.println();
    }

    private static long sink;

    /** A realistic file of about {@code lines} lines: imports, patterns, languages, nested elements, docs, comments. */
    static String generate(int lines) {
        StringBuilder b = new StringBuilder(lines * 40);
        b.append("# Generated benchmark input\nimport files\nimport rust\nimport './patterns/shared.hie' as shared\n\n");
        int n = 0;
        int[] count = {6};
        while (count[0] < lines) {
            switch (n % 4) {
                case 0 -> pattern(b, n, count);
                case 1 -> language(b, n, count);
                default -> element(b, n, count);
            }
            n++;
        }
        return b.toString();
    }

    private static void line(StringBuilder b, int[] count, String text) {
        b.append(text).append('\n');
        count[0]++;
    }

    private static void pattern(StringBuilder b, int n, int[] count) {
        line(b, count, "## Pattern " + n);
        line(b, count, "## A reusable structure with placeholders.");
        line(b, count, "pattern service_" + n + " {");
        line(b, count, "    allows language rust");
        line(b, count, "    forbids connection to external.untrusted.*");
        line(b, count, "    requires descendant element api implements http_" + n);
        line(b, count, "    element api {");
        line(b, count, "        scope module<rust>");
        line(b, count, "        ref handler: HttpHandler");
        line(b, count, "        check rust.function_exists(module, 'handle_" + n + "')");
        line(b, count, "    }");
        line(b, count, "}");
        line(b, count, "");
    }

    private static void language(StringBuilder b, int n, int[] count) {
        line(b, count, "language lang_" + n + ":");
        line(b, count, "    connection_check depends_on(source: scope[], target: scope[]):");
        line(b, count, "        rust.dependency_exists(source, target)");
        line(b, count, "");
    }

    private static void element(StringBuilder b, int n, int[] count) {
        line(b, count, "## Element " + n + ": implements a pattern and binds its placeholders");
        line(b, count, "element system_" + n + " implements service_" + (n / 4 * 4) + ":");
        line(b, count, "    scope root = files.folder_selector('src/system_" + n + "')");
        line(b, count, "    scope api_mod<rust> binds service_" + (n / 4 * 4)
                + ".api.module = rust.module_selector('system_" + n + "::api')");
        line(b, count, "    ref port: integer = rust.const_selector('PORT_" + n + "')");
        line(b, count, "    # a comment between statements");
        line(b, count, "    check files.exists(root, 'Cargo.toml')");
        line(b, count, "    check files.max_size(root, 1048576)");
        line(b, count, "");
        line(b, count, "    ## The backend of system " + n);
        line(b, count, "    element backend {");
        line(b, count, "        scope src = files.folder_selector('src/system_" + n + "/backend')");
        line(b, count, "        src uses core.lexer");
        line(b, count, "        check rust.struct_exists(src, 'Server')");
        line(b, count, "        check files.no_files_matching(src, ['*.tmp', '*.bak', \"*.orig\"])");
        line(b, count, "    }");
        line(b, count, "    element frontend:");
        line(b, count, "        scope web = files.folder_selector('web/" + n + "')");
        line(b, count, "        check files.exists(web, 'index.html')");
        line(b, count, "");
    }
}
