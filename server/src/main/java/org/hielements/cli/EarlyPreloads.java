package org.hielements.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache loads of a {@code check}, started from its raw arguments before the command line is even parsed: picocli
 * building the command takes tens of milliseconds of a run answered from the cache, and the cache's loading is that
 * run's longest path. The arguments are read the simple way: paths and the options {@code check} knows; anything
 * else (an unknown option, {@code --no-cache}, {@code --no-run}, {@code --dry-run}) starts nothing. What is started is
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
        Parsed p = parse(args);
        if (p == null || (p.cacheDir == null && !CacheFiles.onByDefault())) return NONE;
        List<CacheFiles.Preload> started = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try {
                List<Path> paths = p.paths.isEmpty() ? List.of(Path.of(".")) : p.paths;
                for (Workspaces.Group g : Workspaces.group(SourceFiles.collect(paths).sources(), p.workspace)) {
                    started.add(CacheFiles.Preload.start(g.root(), g.sources(), p.cacheDir));
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

    /** The arguments a cache load depends on. */
    record Parsed(List<Path> paths, Path workspace, Path cacheDir) {}

    /** The arguments of {@code check ...} read simply; null when they are not a check that keeps a cache, or unclear. */
    static Parsed parse(String[] args) {
        if (args.length == 0 || !args[0].equals("check")) return null;
        List<Path> paths = new ArrayList<>();
        Path workspace = null;
        Path cacheDir = null;
        boolean positional = false;
        try {
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (positional || !a.startsWith("-") || a.equals("-")) {
                    paths.add(Path.of(a));
                    continue;
                }
                if (a.equals("--")) {
                    positional = true;
                    continue;
                }
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                switch (name) {
                    case "-v", "--verbose", "--no-baseline", "--update-baseline" -> {
                        if (value != null) return null;
                    }
                    case "--cache-dir", "-w", "--workspace", "-f", "--format", "--filter", "--limit" -> {
                        if (value == null) {
                            if (++i >= args.length) return null;
                            value = args[i];
                        }
                        if (name.equals("--cache-dir")) cacheDir = Path.of(value);
                        if (name.equals("-w") || name.equals("--workspace")) workspace = Path.of(value);
                    }
                    default -> {
                        return null;        // --no-cache, --no-run, --dry-run, help, or what this does not know
                    }
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        return new Parsed(paths, workspace, cacheDir);
    }
}
