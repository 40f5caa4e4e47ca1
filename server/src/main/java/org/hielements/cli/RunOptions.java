package org.hielements.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code check} and {@code run} share (a picocli mixin): what to run, how to print it. */
final class RunOptions {
    @Option(names = {"-f", "--format"}, defaultValue = "human", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CheckCommand.Format format;

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

    Execution.Settings settings(boolean dryRun) {
        return settings(dryRun, Execution.Baselines.USE);
    }

    Execution.Settings settings(boolean dryRun, Execution.Baselines baselines) {
        return new Execution.Settings(paths, format, filter, limit, verbose, workspace, dryRun, baselines);
    }
}
