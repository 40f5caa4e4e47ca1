package org.hielements.library.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts plugin processes so that none outlives us.
 *
 * <p>On Linux with util-linux's {@code setpriv}, a plugin runs as {@code setpriv --pdeathsig KILL -- EXE ARGS...}: the
 * kernel sends it SIGKILL when its parent dies, even when the JVM is killed with SIGKILL and runs no code. The parent
 * the kernel watches is the <em>thread</em> that started the process, so every plugin is started from one long-lived
 * daemon thread (never a pool thread that may retire). Without {@code setpriv} (or with the system property
 * {@code hielements.plugins.pdeathsig=false}) a plugin is started plainly and only the orderly exits and the shutdown
 * hook of {@link PluginProcess} stop it.
 */
final class ProcessLauncher {
    private static final Logger LOG = Logger.getLogger(ProcessLauncher.class.getName());

    /** The one thread every plugin is started from; it lives as long as the JVM. */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hielements-plugin-launcher");
        t.setDaemon(true);
        return t;
    });

    private static volatile Optional<String> setpriv;

    private ProcessLauncher() {
    }

    /**
     * The {@code setpriv} executable when it works here ({@code setpriv --pdeathsig KILL -- true} exits 0), probed once.
     */
    static Optional<String> setpriv() {
        Optional<String> s = setpriv;
        if (s == null) {
            synchronized (ProcessLauncher.class) {
                s = setpriv;
                if (s == null) {
                    s = probe();
                    setpriv = s;
                }
            }
        }
        return s;
    }

    private static Optional<String> probe() {
        if (!"false".equals(System.getProperty("hielements.plugins.pdeathsig"))
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            Optional<Path> exe = onPath("setpriv", System.getenv("PATH"));
            if (exe.isPresent()) {
                try {
                    Process p = spawn(new ProcessBuilder(exe.get().toString(), "--pdeathsig", "KILL", "--", "true")
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD));
                    if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        LOG.fine(() -> "plugins are started through " + exe.get() + " --pdeathsig KILL");
                        return Optional.of(exe.get().toString());
                    }
                    p.destroyForcibly();
                } catch (IOException e) {
                    LOG.log(Level.FINE, "setpriv probe failed", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        LOG.fine("setpriv --pdeathsig is not available: plugins are stopped by orderly shutdown only");
        return Optional.empty();
    }

    /** Starts {@code command} (its first element an absolute path) in {@code cwd} with {@code environment} added. */
    static Process start(List<String> command, Path cwd, Map<String, String> environment) throws IOException {
        List<String> full = new ArrayList<>();
        Optional<String> sp = setpriv();
        if (sp.isPresent()) {
            full.add(sp.get());
            full.add("--pdeathsig");
            full.add("KILL");
            full.add("--");
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(cwd.toFile());
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        return spawn(pb);
    }

    private static Process spawn(ProcessBuilder pb) throws IOException {
        Future<Process> f = LAUNCHER.submit(pb::start);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new IOException("starting the process took more than 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the process");
        }
    }

    /** {@code name} found on a {@code PATH} value: the first executable regular file. */
    static Optional<Path> onPath(String name, String pathVariable) {
        if (pathVariable == null) return Optional.empty();
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            try {
                Path candidate = Path.of(dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            } catch (InvalidPathException ignored) {
                // not a folder: cannot hold the executable
            }
        }
        return Optional.empty();
    }
}
