package org.hielements.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hielements run}: upstream's command, kept as an alias of {@code check}; {@code --dry-run} prints the plan. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Runs the checks of .hie files: the same as `hielements check` (kept for upstream's users).",
            "With --dry-run, prints what would run (each element with its scopes, refs, uses and checks) and runs "
                + "nothing."},
        footer = {"", "Exit codes: 0 everything passed, 1 an error diagnostic or a check that failed or could not be "
                + "evaluated, 2 usage or I/O error."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, defaultValue = "human", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CheckCommand.Format format;

    @Option(names = "--dry-run", description = "Print the checks that would run; run nothing.")
    boolean dryRun;

    @Option(names = "--filter", paramLabel = "TEXT",
            description = "Run only the checks of elements whose dotted path contains TEXT; the others are skipped.")
    String filter;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Stop after N check results (the rest is skipped). 0: no limit.")
    int limit;

    @Option(names = {"-v", "--verbose"}, description = "Tell on stderr what is evaluated and run ([verbose] lines).")
    boolean verbose;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "The workspace (the folder the checks look at, holding hielements.toml) of every file.")
    Path workspace;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = ".hie files, or folders (every .hie file under them, sorted). Default: the current folder.")
    List<Path> paths;

    @Override
    public Integer call() {
        return new Execution(spec.commandLine().getOut(), spec.commandLine().getErr(), main.color(),
                System.console() != null)
                .execute(new Execution.Settings(paths, format, filter, limit, verbose, workspace, dryRun));
    }
}
