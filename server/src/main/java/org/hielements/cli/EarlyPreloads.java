package org.hielements.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@code check} or {@code run} starts from its raw arguments before the command line is even parsed: picocli
 * building the command takes tens of milliseconds, and two things are the longest paths of a small run: loading the
 * incremental cache (a run answered from it), and starting the plugins the files name (a process plugin's interpreter,
 * a WASM module parsed), which the analysis waits for. The arguments are read the simple way ({@link RawArguments});
 * arguments that reader does not know start nothing. For each workspace the files fall into, this starts the cache's
 * load (unless the run keeps no cache) and loads the workspace's libraries, asking the plugins its files name for their
 * documentation ({@link CheckRun#askPluginsNamed}), unless the run only validates ({@code --no-run}).
 *
 * <p>What is started is only a guess: {@link Execution} takes a load, and {@link CheckRun} the libraries, only for the
 * very workspace and files (and cache folder) the run ends up with, else starts its own. A load not taken is dropped
 * unused (it writes nothing); libraries not taken are closed by {@link #close()} (their plugin processes stopped), which
 * {@link Main} calls once the command is done, whatever it did.
 */
final class EarlyPreloads implements AutoCloseable {
    /**
     * A workspace's libraries loaded from the raw arguments, with the threads asking the plugins its files name.
     *
     * @param key    the workspace and its files ({@link CacheFiles.Preload#key}, without a cache folder)
     * @param asking the threads of {@link CheckRun#askPluginsNamed}, joined by whoever takes these
     */
    record StartedLibraries(CacheFiles.Preload.Key key, WorkspaceLibraries libraries, List<Thread> asking) {}

    private final List<CacheFiles.Preload> started;
    private final List<StartedLibraries> libraries;
    /** The thread that collects the files and starts the loads (null: none). */
    private final Thread starter;

    private EarlyPreloads(List<CacheFiles.Preload> started, List<StartedLibraries> libraries, Thread starter) {
        this.started = started;
        this.libraries = libraries;
        this.starter = starter;
    }

    /** None: nothing started. */
    static final EarlyPreloads NONE = new EarlyPreloads(new ArrayList<>(), new ArrayList<>(), null);

    /**
     * Starts, on a thread of their own, the cache loads and the libraries the arguments of a {@code check} or
     * {@code run} point at; NONE for other arguments, or when there is nothing to start.
     */
    static EarlyPreloads start(String[] args) {
        RawArguments p = RawArguments.of(args);
        if (p == null) return NONE;
        boolean cache = p.keepCache() && (p.cacheDir() != null || CacheFiles.onByDefault());
        if (!cache && !p.loadsLibraries()) return NONE;
        Map<String, String> environment = Main.environment();
        List<CacheFiles.Preload> started = java.util.Collections.synchronizedList(new ArrayList<>());
        List<StartedLibraries> libraries = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try {
                List<Path> paths = p.paths().isEmpty() ? List.of(Path.of(".")) : p.paths();
                for (Workspaces.Group g : Workspaces.group(SourceFiles.collect(paths).sources(), p.workspace())) {
                    if (cache) started.add(CacheFiles.Preload.start(g.root(), g.sources(), p.cacheDir()));
                    if (!p.loadsLibraries()) continue;
                    WorkspaceLibraries libs = WorkspaceLibraries.load(g.root(), environment);
                    libraries.add(new StartedLibraries(CacheFiles.Preload.key(g.root(), g.sources(), null), libs,
                            CheckRun.askPluginsNamed(libs.registry(), g.sources())));
                }
            } catch (RuntimeException | Error e) {
                // only a guess: the run collects and loads on its own, and says what fails (out of memory included)
            }
        }, "hielements-early-start");
        t.setDaemon(true);
        t.start();
        return new EarlyPreloads(started, libraries, t);
    }

    /** The load started for exactly {@code key}, taken (each is given once); null when none was. */
    CacheFiles.Preload take(CacheFiles.Preload.Key key) {
        awaitStarter();
        synchronized (started) {
            for (int i = 0; i < started.size(); i++) {
                if (started.get(i).key().equals(key)) return started.remove(i);
            }
        }
        return null;
    }

    /**
     * The libraries started for exactly the workspace and files of {@code group}, taken (each is given once; the taker
     * closes them); null when none were.
     */
    StartedLibraries takeLibraries(Workspaces.Group group) {
        awaitStarter();
        CacheFiles.Preload.Key key = CacheFiles.Preload.key(group.root(), group.sources(), null);
        synchronized (libraries) {
            for (int i = 0; i < libraries.size(); i++) {
                if (libraries.get(i).key().equals(key)) return libraries.remove(i);
            }
        }
        return null;
    }

    private void awaitStarter() {
        if (starter != null) com.google.common.util.concurrent.Uninterruptibles.joinUninterruptibly(starter);
    }

    /** Closes the libraries nobody took (a run for other files, a usage error): their plugin processes stop. */
    @Override
    public void close() {
        awaitStarter();
        List<StartedLibraries> left;
        synchronized (libraries) {
            left = new ArrayList<>(libraries);
            libraries.clear();
        }
        for (StartedLibraries l : left) l.libraries().close();
    }
}
