package org.hielements.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hielements check [--no-run] [--format human|json] [PATH...]}. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Validates .hie files and runs their checks.",
            "With --no-run, only validates them (syntax and semantics: all the files form one model with the files "
                + "they import); running checks is not available yet."},
        footer = {"", "Exit codes: 0 no error, 1 an error diagnostic (or a failed check), 2 usage or I/O error."})
final class CheckCommand implements Callable<Integer> {
    enum Format { human, json }

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--no-run", description = "Only validate the files; do not run their checks.")
    boolean noRun;

    @Option(names = {"-f", "--format"}, defaultValue = "human", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = ".hie files, or folders (every .hie file under them, sorted). Default: the current folder.")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!noRun) {
            err.println("hielements: running checks is not available yet; "
                    + "use `hielements check --no-run` to validate the files without running their checks");
            return 2;
        }
        SourceFiles.Loaded loaded = SourceFiles.collect(paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths);
        List<Validation.FileResult> results = SemanticStage.apply(Validation.syntaxOnly().validate(loaded.sources()),
                Path.of("").toAbsolutePath());
        DiagnosticPrinter printer = new DiagnosticPrinter(out, err, main.color());
        if (format == Format.json) printer.json(results);
        else printer.human(results);
        for (String problem : loaded.problems()) err.println("error: " + problem);
        err.flush();
        if (!loaded.problems().isEmpty()) return 2;
        return results.stream().anyMatch(Validation.FileResult::hasErrors) ? 1 : 0;
    }
}
