package org.hielements.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hielements.library.LibraryRegistry;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceProvider;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;

/**
 * Parse + semantic analysis time for generated workspaces of about 1k, 10k and 100k lines (many elements, patterns,
 * bindings, requirements and {@code uses}; see {@link WorkspaceGenerator}), and for one 10,000-line file (what the
 * language server redoes on every keystroke). Prints medians and the time per 1,000 lines, whose flatness across
 * sizes shows linear growth.
 *
 * <p>Run: {@code mvn -B -q -pl server test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.hielements.bench.AnalysisBenchmark}.
 */
public final class AnalysisBenchmark {
    private static final Path ROOT = Path.of("/bench").toAbsolutePath();

    private AnalysisBenchmark() {}

    private record Sample(double parseMs, double analysisMs, int diagnostics, int occurrences, int values,
            Map<String, Double> phases, double gcMs) {}

    public static void main(String[] args) {
        KnownLibraries libraries = KnownLibraries.of(LibraryRegistry.withBuiltins());
        int[] sizes = {1_000, 10_000, 100_000};
        int[] files = {3, 11, 101};
        int[] runs = {200, 30, 7};

        System.out.println("warming up ...");
        Map<String, String> warm = WorkspaceGenerator.workspace(10_000, 11);
        for (int i = 0; i < 40; i++) measure(warm, libraries);

        System.out.println();
        System.out.println("medians (and minimums, less disturbed by other processes on a shared machine)");
        System.out.printf("%-18s %7s %5s %16s %18s %16s %12s %6s %7s %7s%n", "workspace", "lines", "files",
                "parse ms", "analysis ms", "total ms", "ms/1k lines", "diags", "names", "values");
        double first = 0;
        double firstWork = 0;
        List<String> ratios = new ArrayList<>();
        List<String> workRatios = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            Map<String, String> ws = WorkspaceGenerator.workspace(sizes[s], files[s]);
            int lines = WorkspaceGenerator.lineCount(ws);
            Sample[] samples = new Sample[runs[s]];
            for (int r = 0; r < runs[s]; r++) samples[r] = measure(ws, libraries);
            double parse = median(samples, true);
            double analysis = median(samples, false);
            double parseMin = min(samples, true);
            double analysisMin = min(samples, false);
            double perK = (parseMin + analysisMin) / (lines / 1000.0);
            if (s == 0) first = perK;
            ratios.add(String.format("%.2f", perK / first));
            double workPerK = minWithoutGc(samples) / (lines / 1000.0);
            if (s == 0) firstWork = workPerK;
            workRatios.add(String.format("%.2f", workPerK / firstWork));
            double gcMedian = Arrays.stream(samples).mapToDouble(Sample::gcMs).sorted().toArray()[samples.length / 2];
            Sample last = samples[samples.length - 1];
            System.out.printf("%-18s %7d %5d %7.2f (%6.2f) %8.2f (%7.2f) %7.2f (%6.2f) %12.3f %6d %7d %7d%n",
                    "generated " + sizes[s], lines, ws.size(), parse, parseMin, analysis, analysisMin,
                    parse + analysis, parseMin + analysisMin, perK, last.diagnostics(), last.occurrences(),
                    last.values());
            StringBuilder phases = new StringBuilder("    analysis phases (last run, ms):");
            last.phases().forEach((k, v) -> phases.append(String.format(" %s %.2f", k, v)));
            System.out.println(phases);
            System.out.printf("    of the median total, garbage collection pauses: %.1f ms%n", gcMedian);
        }
        System.out.println("time per 1k lines (minimums) relative to the 1k workspace: " + String.join(" / ", ratios)
                + " (1.00 everywhere = linear)");
        System.out.println("the same without the collector's pauses in each sample: " + String.join(" / ", workRatios)
                + " (a sample's pauses also collect earlier samples' garbage, as in a running server; no System.gc()"
                + " between samples: it shrinks the young generation and the next sample then pays many more pauses)");

        System.out.println();
        String single = WorkspaceGenerator.singleFile(10_000);
        Map<String, String> one = new LinkedHashMap<>();
        one.put("big.hie", single);
        Sample[] samples = new Sample[60];
        for (int r = 0; r < samples.length; r++) samples[r] = measure(one, libraries);
        System.out.printf("one file of %d lines (a keystroke in the language server): parse %.2f ms + analysis %.2f ms"
                + " = %.2f ms (median of %d; minimum %.2f ms)%n", WorkspaceGenerator.lineCount(one),
                median(samples, true), median(samples, false), median(samples, true) + median(samples, false),
                samples.length, min(samples, true) + min(samples, false));
    }

    private static Sample measure(Map<String, String> ws, KnownLibraries libraries) {
        Map<Path, SourceText> texts = new LinkedHashMap<>();
        ws.forEach((name, text) -> texts.put(ROOT.resolve(name), new SourceText(name, text)));
        SourceProvider provider = p -> Optional.ofNullable(texts.get(p));
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        Map<Path, ParseResult> parsed = new LinkedHashMap<>();
        texts.forEach((p, t) -> parsed.put(p, Parser.parse(t)));
        long t1 = System.nanoTime();
        SemanticModel model = new Analyzer(libraries, provider, ROOT).analyze(parsed);
        long t2 = System.nanoTime();
        return new Sample((t1 - t0) / 1e6, (t2 - t1) / 1e6, model.diagnostics().size(), model.index().size(),
                model.graph().nodes().size(), model.phaseMillis(), gcMillis() - gc0);
    }

    /** Milliseconds all collectors have spent so far (their pauses). */
    private static long gcMillis() {
        long ms = 0;
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, b.getCollectionTime());
        }
        return ms;
    }

    /** The smallest parse + analysis time of a sample minus the collector's time during that sample. */
    private static double minWithoutGc(Sample[] samples) {
        double m = Double.MAX_VALUE;
        for (Sample x : samples) m = Math.min(m, x.parseMs() + x.analysisMs() - x.gcMs());
        return m;
    }

    private static double min(Sample[] samples, boolean parse) {
        double m = Double.MAX_VALUE;
        for (Sample x : samples) m = Math.min(m, parse ? x.parseMs() : x.analysisMs());
        return m;
    }

    private static double median(Sample[] samples, boolean parse) {
        double[] v = new double[samples.length];
        for (int i = 0; i < v.length; i++) v[i] = parse ? samples[i].parseMs() : samples[i].analysisMs();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
