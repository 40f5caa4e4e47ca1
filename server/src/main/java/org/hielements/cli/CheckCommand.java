package org.hielements.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code hielements check [--no-run] [--format human|json|sarif] [--filter F] [--limit N] [-v] [-w DIR] [PATH...]}. */
final class CheckCommand implements Callable<Integer> {
    enum Format { human, json, sarif }

    private final Main main;

    final CommandSpec spec;

    private final OptionSpec noRun = Specs.flag("--no-run", "Only validate the files; do not run their checks.");

    private final OptionSpec updateBaseline = Specs.flag("--update-baseline", "Accept every current violation: write "
            + "them all to hielements-baseline.json at the workspace root (replacing it; fixed ones are dropped). Later "
            + "runs fail only on violations it does not hold.");

    private final OptionSpec noBaseline = Specs.flag("--no-baseline",
            "Ignore hielements-baseline.json: every failure fails the run.");

    private final RunOptions options = new RunOptions();

    private final OptionSpec noCache = Specs.flag("--no-cache",
            "Run every check: reuse no outcome of an earlier run, keep none.");

    private final OptionSpec cacheDir = Specs.value("--cache-dir", Path.class, "DIR", "Keep the outcomes for "
            + "incremental checking in DIR (an existing folder) instead of .hielements/cache/ in the workspace.");

    CheckCommand(Main main) {
        this.main = main;
        spec = Specs.command(this, "check", new String[] {
            "Validates .hie files and runs their checks against the code of their workspace.",
            "All the files of one workspace form one model with the files they import. The workspace of a file is "
                + "the folder holding the hielements.toml nearest above it, else the file's folder (--workspace "
                + "overrides). Its hielements.toml names the plugins.",
            "Output: the diagnostics, then one row per check (PASS|FAIL|ERROR element :: check), then a summary.",
            "With --no-run, only validates the files (syntax and semantics).",
            "When the workspace has a hielements-baseline.json (written by --update-baseline), only the violations it "
                + "does not hold fail the run; the accepted ones are shown as baselined, those gone as fixed."},
            new String[] {"", "Exit codes: 0 everything passed, 1 an error diagnostic or a check that failed or could "
                + "not be evaluated, 2 usage or I/O error, 3 internal failure (a bug; the run's results are printed "
                + "first)."});
        spec.addOption(noRun).addOption(updateBaseline).addOption(noBaseline);
        options.addTo(spec);
        spec.addOption(noCache).addOption(cacheDir);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean noRun = Specs.get(this.noRun);
        boolean updateBaseline = Specs.get(this.updateBaseline);
        boolean noBaseline = Specs.get(this.noBaseline);
        Path cacheDir = Specs.get(this.cacheDir);
        if (updateBaseline && (noRun || noBaseline)) {
            err.println("error: --update-baseline runs the checks and writes the baseline: not with "
                    + (noRun ? "--no-run" : "--no-baseline"));
            err.flush();
            return 2;
        }
        if (!noRun) {
            return new Execution(out, err, main.color(), System.console() != null)
                    .withCache(new Execution.CacheSettings(!Specs.<Boolean>get(noCache) && (cacheDir != null || CacheFiles.onByDefault()),
                            cacheDir))
                    .withEarlyPreloads(main.earlyPreloads())
                    .execute(options.settings(false, updateBaseline ? Execution.Baselines.UPDATE
                            : noBaseline ? Execution.Baselines.IGNORE : Execution.Baselines.USE));
        }
        List<Path> paths = options.paths() == null || options.paths().isEmpty() ? List.of(Path.of(".")) : options.paths();
        SourceFiles.Loaded loaded = SourceFiles.collect(paths);
        List<Validation.FileResult> results = new java.util.ArrayList<>();
        for (Workspaces.Group g : Workspaces.group(loaded.sources(), options.workspace())) {
            results.addAll(SemanticStage.apply(Validation.syntaxOnly().validate(g.sources()), g.root()));
        }
        DiagnosticPrinter printer = new DiagnosticPrinter(out, err, main.color());
        if (options.format() == Format.json) {
            printer.json(results);
        } else if (options.format() == Format.sarif) {
            Sarif sarif = new Sarif(Path.of(""), Sarif.toolVersion());
            for (Validation.FileResult r : results) r.diagnostics().forEach(sarif::diagnostic);
            out.print(Json.pretty(sarif.toJson()) + "\n");
            out.flush();
        } else {
            printer.human(results);
        }
        for (String problem : loaded.problems()) err.println("error: " + Terminal.line(problem));
        err.flush();
        if (!loaded.problems().isEmpty()) return 2;
        return results.stream().anyMatch(Validation.FileResult::hasErrors) ? 1 : 0;
    }
}
