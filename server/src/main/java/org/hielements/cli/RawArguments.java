package org.hielements.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code check} or {@code run} read the simple way, before picocli parses them, for what a run starts
 * ahead of that ({@link EarlyPreloads}: the cache and the plugins; {@link StartUp}): the paths and the options those
 * commands know. Only a guess: nothing decided from it may change what the run computes.
 *
 * @param command   {@code check} or {@code run}
 * @param keepCache false with {@code --no-cache}, {@code --no-run} or {@code --dry-run} (and for {@code run})
 * @param loadsLibraries false with {@code --no-run}: a run that only validates starts no plugin
 */
record RawArguments(String command, List<Path> paths, Path workspace, Path cacheDir, boolean keepCache,
        boolean loadsLibraries) {

    /** The arguments read; null when they are not a {@code check} or {@code run}, or hold what this does not know. */
    static RawArguments of(String[] args) {
        if (args.length == 0 || !(args[0].equals("check") || args[0].equals("run"))) return null;
        boolean check = args[0].equals("check");
        List<Path> paths = new ArrayList<>();
        Path workspace = null;
        Path cacheDir = null;
        boolean keepCache = check;
        boolean loadsLibraries = true;
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
                    case "--no-cache", "--no-run", "--dry-run" -> {
                        if (value != null) return null;
                        keepCache = false;
                        loadsLibraries &= !name.equals("--no-run");
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
                        return null;        // help, or what this does not know
                    }
                }
            }
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
        return new RawArguments(args[0], List.copyOf(paths), workspace, cacheDir, keepCache, loadsLibraries);
    }
}
