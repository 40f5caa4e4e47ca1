package org.hielements.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Entry point of the {@code hielements} command line. {@link #run(String[], PrintStream, PrintStream)} runs it
 * in-process with given streams and returns the exit code (0 ok, 1 errors found, 2 usage or I/O error, 3 internal
 * failure).
 */
public final class Main implements Callable<Integer> {
    /**
     * The subcommands, in the order the usage lists them: an annotated command object, or the {@code CommandSpec} of a
     * command built in code ({@link Specs}). Registered in code rather than in {@code @Command}: picocli reads the
     * annotations of every registered command when the command line is built (reflection, annotation proxies), a large
     * part of a short run's start-up, so a run naming its subcommand first registers that one alone; and the commands
     * of the start-up path ({@code hielements} itself, {@code check}, {@code run}) have no annotations at all.
     */
    static final Map<String, Function<Main, Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Function<Main, Object>> subcommands() {
        Map<String, Function<Main, Object>> m = new LinkedHashMap<>();
        m.put("check", main -> new CheckCommand(main).spec);
        m.put("run", main -> new RunCommand(main).spec);
        m.put("doc", main -> new DocCommand());
        m.put("init", main -> new InitCommand());
        m.put("parse", main -> new ParseCommand());
        m.put("format", main -> new FormatCommand());
        m.put("diagram", main -> new DiagramCommand());
        m.put("lsp", main -> new LspCommand());
        m.put("libraries", main -> new LibrariesCommand());
        m.put("plugin", main -> new PluginCommand());
        m.put("plugins", main -> new PluginsCommand());
        return Collections.unmodifiableMap(m);
    }

    private final boolean color;
    /** The cache loads started from the raw arguments ({@link EarlyPreloads}); NONE when there are none. */
    private EarlyPreloads early = EarlyPreloads.NONE;
    /** The byte stream under the command's PrintWriter ({@code parse} writes its large JSON to it directly). */
    private final PrintStream rawOut;

    /** This command's model (set when the command line is built). */
    CommandSpec spec;

    EarlyPreloads earlyPreloads() {
        return early;
    }

    Main(boolean color, PrintStream rawOut) {
        this.color = color;
        this.rawOut = rawOut;
    }

    public static void main(String[] args) {
        if (!(args.length > 0 && args[0].equals("lsp"))) {
            StartUp.begin(verbose(args), args);
        }
        boolean color = System.console() != null && System.getenv("NO_COLOR") == null;
        System.exit(run(args, System.out, System.err, color));
    }

    /** Runs the command line with the given streams (no colours); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    /**
     * The environment a command sees: the process's, or the one {@link #run(String[], PrintStream, PrintStream, Map)}
     * was given (tests: a home, a package cache and tokens of their own, in process).
     */
    private static final ThreadLocal<Map<String, String>> ENVIRONMENT = new ThreadLocal<>();

    /** The environment of the running command (the process's unless a run was given another). */
    static Map<String, String> environment() {
        Map<String, String> env = ENVIRONMENT.get();
        return env != null ? env : System.getenv();
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with {@code environment} as the process environment. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
        ENVIRONMENT.set(Map.copyOf(environment));
        try {
            return run(args, out, err, false);
        } finally {
            ENVIRONMENT.remove();
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean color) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), false);
        // a check's cache starts loading now, and its plugins starting, from the raw arguments, while picocli builds
        // the command line
        EarlyPreloads early = EarlyPreloads.start(args);
        CommandLine cl = commandLine(args, color, out);
        ((Main) cl.getCommandSpec().userObject()).early = early;
        cl.setOut(o);
        cl.setErr(e);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        boolean verbose = verbose(args);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> internalFailure(ex, e, verbose));
        int code;
        try {
            code = cl.execute(args);
        } catch (Throwable t) { // an Error (out of memory, stack overflow) passes through picocli
            code = internalFailure(t, e, verbose);
        } finally {
            early.close();
            o.flush();
            e.flush();
        }
        return code;
    }

    /**
     * The command line for these arguments: with the one subcommand they name first when they do (its options, help
     * and errors are the same as with all registered), none for {@code --version} alone, else with all of them (the
     * usage lists them; an unknown subcommand is told the nearest names).
     */
    static CommandLine commandLine(String[] args, boolean color, PrintStream out) {
        Main main = new Main(color, out);
        main.spec = Specs.command(main, "hielements",
                new String[] {"Checks a codebase against its Hielements (.hie) architecture description."},
                new String[] {"", "Exit codes: 0 ok, 1 error diagnostics or failed checks, 2 usage or I/O errors, 3 "
                    + "internal failure (a bug: the message says what)."});
        CommandLine cl = new CommandLine(main.spec);
        Function<Main, Object> named = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (named != null) {
            cl.addSubcommand(named.apply(main));
        } else if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return cl; // prints the version alone: no subcommand is needed
        } else {
            for (Function<Main, Object> s : SUBCOMMANDS.values()) cl.addSubcommand(s.apply(main));
        }
        return cl;
    }

    /**
     * Log records of the command line (the language server keeps the JVM's own logging: stderr is its log): warnings
     * and errors as one line each on stderr, {@code hielements: warning: message}, control characters escaped; their
     * stack traces only with {@code --verbose}. Installed by the {@link java.util.logging.LogManager} itself as it
     * initializes ({@code java.util.logging.config.class}, set by {@link StartUp#begin}, which starts that
     * initialization on a thread of its own): a record logged meanwhile waits for it, so none is published before the
     * handler is in place. The root logger at INFO with one handler, {@link CommandLineLogging.StderrLines}, at
     * WARNING; public, with public constructors: the {@code LogManager} makes it and the handler by reflection.
     */
    public static final class CommandLineLogging {
        static volatile boolean verbose;

        public CommandLineLogging() throws java.io.IOException {
            String config = "handlers = " + StderrLines.class.getName() + "\n.level = INFO\n";
            java.util.logging.LogManager.getLogManager().readConfiguration(
                    new java.io.ByteArrayInputStream(config.getBytes(StandardCharsets.ISO_8859_1)));
        }

        /** One line per record on stderr: {@code hielements: warning: message}. */
        public static final class StderrLines extends java.util.logging.Handler {
            public StderrLines() {
                setLevel(java.util.logging.Level.WARNING);
            }

            @Override
            public synchronized void publish(java.util.logging.LogRecord r) {
                if (!isLoggable(r)) return;
                boolean verbose = CommandLineLogging.verbose;
                String message = new java.util.logging.SimpleFormatter().formatMessage(r);
                System.err.println("hielements: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT) + ": "
                        + Terminal.line(message) + (r.getThrown() != null && !verbose ? " ("
                        + Terminal.line(r.getThrown()) + ")" : ""));
                if (verbose && r.getThrown() != null) r.getThrown().printStackTrace(System.err);
            }

            @Override
            public void flush() {
                System.err.flush();
            }

            @Override
            public void close() {
                flush();
            }
        }
    }

    /** Exit code of an internal failure (a bug, running out of memory): not a verdict on the checked code. */
    static final int INTERNAL_FAILURE = 3;

    /**
     * Reports a failure of the program itself: one line on stderr ({@code hielements: internal error: ...}), the stack
     * trace only with {@code --verbose}; exit code {@link #INTERNAL_FAILURE}. Whatever the command printed before stays
     * printed (check and run print their results and summary first).
     */
    static int internalFailure(Throwable t, PrintWriter err, boolean verbose) {
        Throwable cause = t instanceof InternalFailure && t.getCause() != null ? t.getCause() : t;
        try {
            err.println("hielements: internal error: " + Terminal.line(describe(cause)));
            if (verbose) cause.printStackTrace(err);
            err.flush();
        } catch (Throwable ignored) {
            // nothing more can be said
        }
        return INTERNAL_FAILURE;
    }

    private static String describe(Throwable t) {
        if (t instanceof OutOfMemoryError) return "out of memory (" + t.getMessage() + ")";
        if (t instanceof StackOverflowError) return "stack overflow";
        String m = t.getMessage();
        return t.getClass().getName() + (m == null ? "" : ": " + m);
    }

    /** Whether the command line asks for {@code -v}/{@code --verbose} (a stack trace on an internal failure). */
    static boolean verbose(String[] args) {
        for (String a : args) {
            if (a.equals("--")) break;
            if (a.equals("-v") || a.equals("--verbose")) return true;
        }
        return false;
    }

    boolean color() {
        return color;
    }

    PrintStream rawOut() {
        return rawOut;
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
