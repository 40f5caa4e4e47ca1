package org.hielements.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hielements run}: upstream's command, kept as an alias of {@code check}; {@code --dry-run} prints the plan. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Runs the checks of .hie files: the same as `hielements check` (kept for upstream's users).",
            "With --dry-run, prints what would run (each element with its scopes, refs, uses and checks) and runs "
                + "nothing."},
        footer = {"", "Exit codes: 0 everything passed, 1 an error diagnostic or a check that failed or could not be "
                + "evaluated, 2 usage or I/O error, 3 internal failure (a bug; the run's results are printed first)."})
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Print the checks that would run; run nothing.")
    boolean dryRun;

    @Mixin
    RunOptions options;

    @Override
    public Integer call() {
        return new Execution(spec.commandLine().getOut(), spec.commandLine().getErr(), main.color(),
                System.console() != null)
                .execute(options.settings(dryRun));
    }
}
