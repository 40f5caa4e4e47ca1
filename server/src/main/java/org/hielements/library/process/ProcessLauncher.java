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
 * Starts plugin processes so that none, and none of their children, outlives us.
 *
 * <p>On Linux with util-linux, a plugin runs as {@code setpriv --pdeathsig KILL -- setsid -- EXE ARGS...}:
 * <ul>
 *   <li>{@code setsid} makes it the leader of its own session and process group (its process id is the group's id), so
 *       the group holds the plugin and every child it starts; {@link #killGroup} kills them all (on close, on a
 *       timeout, when it exits leaving children behind, and from the shutdown hook), where killing the process's
 *       descendants would miss a child whose parent already exited;</li>
 *   <li>the {@link GroupReaper}, one small process per JVM, kills the groups when the JVM dies without running any
 *       code ({@code kill -9}): its input ends then;</li>
 *   <li>{@code setpriv --pdeathsig KILL}: the kernel also kills the plugin itself when its parent dies. The parent the
 *       kernel watches is the <em>thread</em> that started the process, so every plugin is started from one
 *       long-lived daemon thread (never a pool thread that may retire).</li>
 * </ul>
 * Each wrapper is used when it works here (probed once); without {@code setsid} (or with the system property
 * {@code hielements.plugins.groups=false}) a plugin shares our group and its descendants are killed one by one; without
 * {@code setpriv} (or with {@code hielements.plugins.pdeathsig=false}) the parent-death signal is not set.
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
    private static volatile Optional<String> setsid;

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

    /**
     * The {@code setsid} executable when a process started through it here is the leader of its own process group
     * with its own process id ({@code setsid -- sh -c 'kill -0 -$$ && echo $$'} prints the pid we started), probed
     * once.
     */
    static Optional<String> setsid() {
        Optional<String> s = setsid;
        if (s == null) {
            synchronized (ProcessLauncher.class) {
                s = setsid;
                if (s == null) {
                    s = probeSetsid();
                    setsid = s;
                }
            }
        }
        return s;
    }

    private static Optional<String> probeSetsid() {
        if ("false".equals(System.getProperty("hielements.plugins.groups"))
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        Optional<Path> exe = onPath("setsid", System.getenv("PATH"));
        if (exe.isEmpty()) {
            LOG.fine("setsid is not available: plugins share our process group");
            return Optional.empty();
        }
        try {
            List<String> cmd = new ArrayList<>(wrapper(setpriv()));
            cmd.addAll(List.of(exe.get().toString(), "--", "/bin/sh", "-c", "kill -0 \"-$$\" && echo $$"));
            Process p = spawn(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD));
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals(Long.toString(p.pid()))) {
                LOG.fine(() -> "plugins run in their own process group through " + exe.get());
                return Optional.of(exe.get().toString());
            }
            p.destroyForcibly();
            LOG.fine(() -> "setsid did not give the plugin its own group here (" + out + "); not used");
        } catch (IOException e) {
            LOG.log(Level.FINE, "setsid probe failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /**
     * Both wrappers probed with one process, {@code setpriv --pdeathsig KILL -- setsid -- /bin/sh -c 'kill -0 "-$$" &&
     * echo $$'}, when both are wanted and found: printing the pid we started shows what the two probes above would,
     * one process start sooner (the first plugin of a run waits for the probes). When it does not, each is probed on
     * its own as before.
     */
    private static void probeTogether() {
        synchronized (ProcessLauncher.class) {
            if (setpriv != null || setsid != null
                    || "false".equals(System.getProperty("hielements.plugins.pdeathsig"))
                    || "false".equals(System.getProperty("hielements.plugins.groups"))
                    || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                return;
            }
            Optional<Path> priv = onPath("setpriv", System.getenv("PATH"));
            Optional<Path> sid = onPath("setsid", System.getenv("PATH"));
            if (priv.isEmpty() || sid.isEmpty()) return;
            try {
                Process p = spawn(new ProcessBuilder(priv.get().toString(), "--pdeathsig", "KILL", "--",
                        sid.get().toString(), "--", "/bin/sh", "-c", "kill -0 \"-$$\" && echo $$")
                        .redirectError(ProcessBuilder.Redirect.DISCARD));
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                        .trim();
                if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.equals(Long.toString(p.pid()))) {
                    LOG.fine(() -> "plugins are started through " + priv.get() + " --pdeathsig KILL and run in their"
                            + " own process group through " + sid.get());
                    setpriv = Optional.of(priv.get().toString());
                    setsid = Optional.of(sid.get().toString());
                    return;
                }
                p.destroyForcibly();
                LOG.fine(() -> "setpriv and setsid together did not pass (" + out + "); probing each");
            } catch (IOException e) {
                LOG.log(Level.FINE, "setpriv and setsid probe failed; probing each", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Probes the wrappers, as the first plugin's start would: called ahead, on a thread of its own, by a command that
     * will likely start a plugin, so that the plugin starts at once. (Not the {@link GroupReaper}: a process of ours
     * alive at the JVM's exit, with the JDK's thread waiting for it in native code, delays the exit by 300 ms.)
     */
    static void prepare() {
        probeTogether();
    }

    private static List<String> wrapper(Optional<String> setpriv) {
        return setpriv.isPresent() ? List.of(setpriv.get(), "--pdeathsig", "KILL", "--") : List.of();
    }

    /** Whether plugins run in their own process group (whose id is their process id). */
    static boolean groups() {
        return setsid().isPresent();
    }

    /**
     * Starts {@code command} (its first element an absolute path) in {@code cwd} with {@code environment} added, in
     * its own process group when {@link #groups()}, registered with the {@link GroupReaper}.
     */
    static Process start(List<String> command, Path cwd, Map<String, String> environment) throws IOException {
        probeTogether();
        List<String> full = new ArrayList<>(wrapper(setpriv()));
        Optional<String> ss = setsid();
        if (ss.isPresent()) {
            full.add(ss.get());
            full.add("--");
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(cwd.toFile());
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        Process p = spawn(pb);
        if (ss.isPresent()) GroupReaper.register(p.pid(), ss.get());
        return p;
    }

    /** Kills the process group of {@code process} (when plugins have groups), the plugin and its children. */
    static void killGroup(Process process) {
        if (groups()) GroupReaper.kill(process.pid());
    }

    /** Kills what is left of the group of a plugin that ended, and forgets the group. */
    static void releaseGroup(Process process) {
        if (groups()) GroupReaper.release(process.pid());
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
