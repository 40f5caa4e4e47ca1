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
 * and for {@code check} and {@code run}, the TOML reader's tables (about 30 ms, before any plugin of
 * {@code hielements.toml} can start), the Java security providers' SHA-256 (about 15 ms: the key of a WASM module and
 * of its compile cache entry, the incremental cache's file hashes and signature) and the JSON reader of plugin replies
 * (a few ms). Each is initialization only, with no effect on what a run computes: the main thread asking for one of
 * them while it is under way waits for it (class initialization and the logging's own lock); a failure here is left
 * for the main thread to meet and report.
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
            MessageDigest.getInstance("SHA-256").digest("hielements".getBytes(StandardCharsets.US_ASCII));
            // the TOML reader and the JSON reader only when the workspace's hielements.toml holds more than comments:
            // on two processors, preparing what a run never uses delays it (a run from the cache by a fifth)
            String toml = workspaceToml(args);
            if (toml == null || org.hielements.library.config.ConfigLoader.onlyComments(toml)) return;
            org.hielements.library.config.ConfigLoader.prepareReader();
            byte[] reply = "{\"name\":\"a\",\"functions\":[{\"n\":1,\"b\":true,\"x\":null}]}"
                    .getBytes(StandardCharsets.US_ASCII);
            org.hielements.library.ValueCodec.parseUtf8(reply);
        } catch (NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            // nothing is lost: the main thread does the same work when it needs it, and reports what fails then
        }
    }

    /**
     * The text of the {@code hielements.toml} the first path of the arguments most likely uses (the nearest above
     * it; a guess: nothing depends on it but what is prepared ahead), or null when there is none or it cannot be read.
     */
    static String workspaceToml(String[] args) {
        RawArguments a = RawArguments.of(args);
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
