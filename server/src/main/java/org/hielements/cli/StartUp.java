package org.hielements.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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

    /** Starts the thread; {@code verbose}: the logging prints stack traces; {@code checks}: a check or a run. */
    static void begin(boolean verbose, boolean checks) {
        Main.CommandLineLogging.verbose = verbose;
        System.setProperty("java.util.logging.config.class", Main.CommandLineLogging.class.getName());
        Thread t = new Thread(() -> prepare(checks), "hielements-start-up");
        t.setDaemon(true);
        t.start();
    }

    private static void prepare(boolean checks) {
        try {
            java.util.logging.LogManager.getLogManager();
            if (!checks) return;
            org.hielements.library.config.ConfigLoader.prepareReader();
            MessageDigest.getInstance("SHA-256").digest("hielements".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = "{\"name\":\"a\",\"functions\":[{\"n\":1,\"b\":true,\"x\":null}]}"
                    .getBytes(StandardCharsets.US_ASCII);
            org.hielements.library.ValueCodec.parseUtf8(reply);
        } catch (NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            // nothing is lost: the main thread does the same work when it needs it, and reports what fails then
        }
    }
}
