package org.hielements.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code hielements run}: upstream's command, kept as an alias of {@code check}; {@code --dry-run} prints the plan. */
final class RunCommand implements Callable<Integer> {
    private final Main main;

    final CommandSpec spec;

    private final OptionSpec dryRun = Specs.flag("--dry-run", "Print the checks that would run; run nothing.");

    private final RunOptions options = new RunOptions();

    RunCommand(Main main) {
        this.main = main;
        spec = Specs.command(this, "run", new String[] {
            "Runs the checks of .hie files: the same as `hielements check` (kept for upstream's users).",
            "With --dry-run, prints what would run (each element with its scopes, refs, uses and checks) and runs "
                + "nothing."},
            new String[] {"", "Exit codes: 0 everything passed, 1 an error diagnostic or a check that failed or could "
                + "not be evaluated, 2 usage or I/O error, 3 internal failure (a bug; the run's results are printed "
                + "first)."});
        spec.addOption(dryRun);
        options.addTo(spec);
    }

    @Override
    public Integer call() {
        return new Execution(spec.commandLine().getOut(), spec.commandLine().getErr(), main.color(),
                System.console() != null)
                .withEarlyPreloads(main.earlyPreloads())
                .execute(options.settings(Specs.get(dryRun)));
    }
}
