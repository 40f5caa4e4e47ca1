package org.hielements.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hielements.text.InputFile;

/**
 * What a cold JVM initializes once for a command line run, started on a thread of its own as the run begins, so that
 * it is done on the second core while the main thread builds the command line (picocli) and collects the files,
 * rather than one after the other on the main thread: the logging ({@link Main.CommandLineLogging}, about 30 ms),
 * and for {@code check} and {@code run}, the Java security providers' SHA-256 (about 15 ms: the key of a WASM module
 * and of its compile cache entry, the incremental cache's file hashes and signature), the JSON reader of plugin replies
 * (a few ms), and when the workspace's {@code hielements.toml} names an {@code executable}, what the first process
 * plugin's start does once per JVM ({@link org.hielements.library.process.ProcessLibrary#prepareLaunching}: about 10
 * ms before that plugin can start). The TOML reader's tables (about 30 ms) are prepared here only for
 * {@code check --no-run}: a run reads the file itself from the start ({@link EarlyPreloads}). Each is initialization
 * only, with no effect on what a run computes: the main thread asking for one of them while it is under way waits for
 * it (class initialization and the logging's own lock); a failure here is left for the main thread to meet and report.
 */
final class StartUp {
    private StartUp() {
    }

    /** Starts the thread; {@code verbose}: the logging prints stack traces; {@code args}: the command's. */
    static void begin(boolean verbose, String[] args) {
        Main.CommandLineLogging.verbose = verbose;
        System.setProperty("java.util.logging.config.class", Main.CommandLineLogging.class.getName());
        boolean checks = args.length > 0 && (args[0].equals("check") || args[0].equals("run"));
        Thread t = new Thread(() -> prepare(checks, args), "hielements-start-up");
        t.setDaemon(true);
        t.start();
    }

    private static void prepare(boolean checks, String[] args) {
        try {
            java.util.logging.LogManager.getLogManager();
            if (!checks) return;
            RawArguments raw = RawArguments.of(args);
            String toml = workspaceToml(raw);
            boolean plugins = toml != null && !org.hielements.library.config.ConfigLoader.onlyComments(toml);
            if (plugins && raw.loadsLibraries() && toml.contains("executable")) {
                org.hielements.library.process.ProcessLibrary.prepareLaunching();
            }
            MessageDigest.getInstance("SHA-256").digest("hielements".getBytes(StandardCharsets.US_ASCII));
            // the TOML reader and the JSON reader only when the workspace's hielements.toml holds more than comments:
            // on two processors, preparing what a run never uses delays it (a run from the cache by a fifth)
            if (!plugins) return;
            // a run reads the file itself from the start (EarlyPreloads): a second reading would only compete
            if (!raw.loadsLibraries()) org.hielements.library.config.ConfigLoader.prepareReader(toml, System.getenv());
            byte[] reply = "{\"name\":\"a\",\"functions\":[{\"n\":1,\"b\":true,\"x\":null}]}"
                    .getBytes(StandardCharsets.US_ASCII);
            org.hielements.library.ValueCodec.parseAscii(reply);
        } catch (NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            // nothing is lost: the main thread does the same work when it needs it, and reports what fails then
        }
    }

    /**
     * The text of the {@code hielements.toml} the first path of the arguments most likely uses (the nearest above
     * it; a guess: nothing depends on it but what is prepared ahead), or null when there is none or it cannot be read.
     */
    static String workspaceToml(String[] args) {
        return workspaceToml(RawArguments.of(args));
    }

    private static String workspaceToml(RawArguments a) {
        if (a == null) return null;
        Path first = a.workspace() != null ? a.workspace().resolve("hielements.toml")
                : a.paths().isEmpty() ? Path.of(".") : a.paths().get(0);
        Path dir = first.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) dir = dir.getParent();
        for (; dir != null; dir = dir.getParent()) {
            Path toml = dir.resolve("hielements.toml");
            if (Files.isRegularFile(toml)) {
                try {
                    return new String(InputFile.read(toml, 1024 * 1024), StandardCharsets.UTF_8);
                } catch (InputFile.Refused e) {
                    return null;
                }
            }
        }
        return null;
    }
}
