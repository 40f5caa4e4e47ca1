package org.hielements.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache loads of a {@code check}, started from its raw arguments before the command line is even parsed: picocli
 * building the command takes tens of milliseconds of a run answered from the cache, and the cache's loading is that
 * run's longest path. The arguments are read the simple way ({@link RawArguments}); a run that keeps no cache, or
 * arguments that reader does not know, start nothing. What is started is
 * only a guess: {@link Execution} takes a load only for the very workspace, files and cache folder it ends up with
 * ({@link CacheFiles.Preload.Key}), else starts its own; a load not taken is dropped unused (it writes nothing).
 */
final class EarlyPreloads {
    private final List<CacheFiles.Preload> started;
    /** The thread that collects the files and starts the loads (null: none). */
    private final Thread starter;

    private EarlyPreloads(List<CacheFiles.Preload> started, Thread starter) {
        this.started = started;
        this.starter = starter;
    }

    /** None: nothing started. */
    static final EarlyPreloads NONE = new EarlyPreloads(new ArrayList<>(), null);

    /** Starts the cache loads the arguments of a {@code check} point at, on a thread of their own; NONE otherwise. */
    static EarlyPreloads start(String[] args) {
        RawArguments p = RawArguments.of(args);
        if (p == null || !p.keepCache() || (p.cacheDir() == null && !CacheFiles.onByDefault())) return NONE;
        List<CacheFiles.Preload> started = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try {
                List<Path> paths = p.paths().isEmpty() ? List.of(Path.of(".")) : p.paths();
                for (Workspaces.Group g : Workspaces.group(SourceFiles.collect(paths).sources(), p.workspace())) {
                    started.add(CacheFiles.Preload.start(g.root(), g.sources(), p.cacheDir()));
                }
            } catch (RuntimeException e) {
                // only a guess: the run collects and loads on its own
            }
        }, "hielements-cache-guess");
        t.setDaemon(true);
        t.start();
        return new EarlyPreloads(started, t);
    }

    /** The load started for exactly {@code key}, taken (each is given once); null when none was. */
    CacheFiles.Preload take(CacheFiles.Preload.Key key) {
        if (starter != null) com.google.common.util.concurrent.Uninterruptibles.joinUninterruptibly(starter);
        synchronized (started) {
            for (int i = 0; i < started.size(); i++) {
                if (started.get(i).key().equals(key)) return started.remove(i);
            }
        }
        return null;
    }
}
