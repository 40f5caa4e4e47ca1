package org.hielements.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The options {@code check} and {@code run} share: what to run, how to print it (built by {@link Specs}). */
final class RunOptions {
    final OptionSpec format = Specs.value(new String[] {"-f", "--format"}, CheckCommand.Format.class, "FORMAT", "human",
            "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).");

    final OptionSpec filter = Specs.value("--filter", String.class, "TEXT",
            "Run only the checks of elements whose dotted path contains TEXT; the others are skipped.");

    final OptionSpec limit = Specs.value(new String[] {"--limit"}, int.class, "N", "0",
            "Stop after N check results (the rest is skipped). 0: no limit.");

    final OptionSpec verbose = Specs.flag(new String[] {"-v", "--verbose"},
            "Tell on stderr what is evaluated and run ([verbose] lines).");

    final OptionSpec workspace = Specs.value(new String[] {"-w", "--workspace"}, Path.class, "DIR",
            "The workspace (the folder the checks look at, holding hielements.toml) of every file.");

    final PositionalParamSpec paths = Specs.list(Path.class, "PATH",
            ".hie files, or folders (every .hie file under them, sorted). Default: the current folder.");

    /** Adds these options to a command. */
    void addTo(CommandSpec spec) {
        spec.addOption(format).addOption(filter).addOption(limit).addOption(verbose).addOption(workspace)
                .addPositional(paths);
    }

    CheckCommand.Format format() {
        return Specs.get(format);
    }

    Path workspace() {
        return Specs.get(workspace);
    }

    /** The paths given; null when none. */
    List<Path> paths() {
        return paths.getValue();
    }

    Execution.Settings settings(boolean dryRun) {
        return settings(dryRun, Execution.Baselines.USE);
    }

    Execution.Settings settings(boolean dryRun, Execution.Baselines baselines) {
        int n = Specs.get(limit);
        boolean v = Specs.get(verbose);
        return new Execution.Settings(paths(), format(), Specs.get(filter), n, v, workspace(), dryRun, baselines);
    }
}
