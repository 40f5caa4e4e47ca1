package org.hielements.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point of the {@code hielements} command line. {@link #run(String[], PrintStream, PrintStream)} runs it
 * in-process with given streams and returns the exit code (0 ok, 1 errors found, 2 usage or I/O error).
 */
@Command(name = "hielements", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Checks a codebase against its Hielements (.hie) architecture description.",
        subcommands = {CheckCommand.class, RunCommand.class, DocCommand.class, InitCommand.class, ParseCommand.class,
            FormatCommand.class,
            LspCommand.class, LibrariesCommand.class, PluginCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 error diagnostics or failed checks, 2 usage or I/O errors."})
public final class Main implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private final boolean color;

    @Spec
    CommandSpec spec;

    Main(boolean color) {
        this.color = color;
    }

    public static void main(String[] args) {
        boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
        System.exit(run(args, System.out, System.err, color));
    }

    /** Runs the command line with the given streams (no colours); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean color) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), false);
        CommandLine cl = new CommandLine(new Main(color));
        cl.setOut(o);
        cl.setErr(e);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            LOG.log(Level.SEVERE, "internal error", ex);
            cmd.getErr().println("hielements: internal error: " + ex);
            return 2;
        });
        int code;
        try {
            code = cl.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
        return code;
    }

    boolean color() {
        return color;
    }

    /** Without a subcommand: the usage, on stderr, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Reads the version Maven filtered into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            var props = new java.util.Properties();
            try (var in = Main.class.getResourceAsStream("/org/hielements/version.properties")) {
                if (in != null) props.load(in);
            }
            return new String[] {"hielements " + props.getProperty("version", "unknown")};
        }
    }
}
