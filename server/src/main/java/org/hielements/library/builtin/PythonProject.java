package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hielements.library.Workspace;

/**
 * The Python import graph of one run, shared by every check of the run ({@link Workspace#memo}): the module table
 * ({@link PythonModules}), each file's facts ({@link PythonSource}, read once per run and kept across runs per content
 * by {@link PythonSources}), and each file's imports resolved to absolute module names.
 *
 * <p>Resolution: {@code import a.b as x, c} imports {@code a.b} and {@code c}; {@code from X import n} imports
 * {@code X} and {@code X.n}; {@code from X import *} imports {@code X}. A relative import resolves against the file's
 * package (for an {@code __init__.py}, the package itself): {@code from ..ctx import Y} in {@code flask/sansio/app.py}
 * imports {@code flask.ctx} and {@code flask.ctx.Y}; {@code from . import x} in {@code pkg/__init__.py} imports
 * {@code pkg} and {@code pkg.x}. A relative import that climbs above the top package (or appears in a module with no
 * package) imports nothing, as Python refuses it.
 */
final class PythonProject {
    private final Workspace ws;
    private final Map<Path, PythonSource> sources = new ConcurrentHashMap<>(Workspace.FILE_TABLE_SIZE);
    private final Map<Path, List<Resolved>> resolved = new ConcurrentHashMap<>(Workspace.FILE_TABLE_SIZE);
    /**
     * The Python files of each scope's path list that a check was given, by identity: the checks of one element take
     * the same list ({@code scope code = ...} used by nine checks) and each would filter its thousands of paths again.
     */
    private final Map<List<Path>, List<Path>> pythonOf = java.util.Collections.synchronizedMap(
            new java.util.IdentityHashMap<>());

    /**
     * The memo key. The project reads lazily and keeps what it read: each accessor records, for whoever asks, the file
     * whose facts it gives ({@link Workspace#noteRead}), so a check depends on the files it looked at, not on all.
     */
    static final String KEY = "python.project";

    private PythonProject(Workspace ws) {
        this.ws = ws;
    }

    /** The run's project (one per {@link Workspace} instance). */
    static PythonProject of(Workspace ws) {
        return ws.memo(KEY, () -> new PythonProject(ws));
    }

    /**
     * What a local name of a file stands for after an import: {@code local} is bound to the dotted {@code qualified}
     * name because the statement imported {@code imported} ({@code import a.b.c}: {@code a}, {@code a},
     * {@code a.b.c}; {@code import a.b as x}: {@code x}, {@code a.b}, {@code a.b}; {@code from p import m as n}:
     * {@code n}, {@code p.m}, {@code p.m}). A star import binds no name ({@code local} null).
     */
    record Binding(String local, String qualified, String imported) {
    }

    /**
     * One import statement of a file, resolved: {@code import a.b as x, c} imports {@code a.b} and {@code c};
     * {@code from X import n} (X absolute, a relative X resolved) imports {@code X} and {@code X.n}. Holds the
     * statement and its absolute module only: the names and bindings are spelt out when asked for (most checks only
     * ask {@link #imports}).
     */
    static final class Resolved {
        private final PythonSource.Import statement;
        /** The absolute module of a {@code from} statement; null for {@code import}. */
        private final String base;

        Resolved(PythonSource.Import statement, String base) {
            this.statement = statement;
            this.base = base;
        }

        PythonSource.Import statement() {
            return statement;
        }

        /** The absolute names the statement imports, in its order. */
        List<String> names() {
            List<String> names = new ArrayList<>();
            if (base != null) names.add(base);
            for (PythonSource.Alias a : statement.names()) names.add(base == null ? a.name() : dotted(base, a.name()));
            return names;
        }

        /** The names the statement binds. */
        List<Binding> bindings() {
            List<Binding> bindings = new ArrayList<>();
            if (base == null) {
                for (PythonSource.Alias a : statement.names()) {
                    if (a.asName() != null) {
                        bindings.add(new Binding(a.asName(), a.name(), a.name()));
                    } else {
                        String first = first(a.name());
                        bindings.add(new Binding(first, first, a.name()));
                    }
                }
                return bindings;
            }
            if (statement.star()) bindings.add(new Binding(null, base, base));
            for (PythonSource.Alias a : statement.names()) {
                String q = dotted(base, a.name());
                bindings.add(new Binding(a.asName() != null ? a.asName() : a.name(), q, q));
            }
            return bindings;
        }

        /** Whether the statement imports {@code module} or a name under it ({@code module.x}). */
        boolean imports(String module) {
            if (base == null) {
                for (PythonSource.Alias a : statement.names()) {
                    if (isUnder(a.name(), module)) return true;
                }
                return false;
            }
            if (isUnder(base, module)) return true;
            if (!module.startsWith(base) || module.length() <= base.length() || module.charAt(base.length()) != '.') {
                return false;      // no name base.n is module or under it
            }
            for (PythonSource.Alias a : statement.names()) {
                if (isUnder(a.name(), module, base.length() + 1)) return true;
            }
            return false;
        }
    }

    /** Whether {@code name} is {@code module} or a name under it ({@code module.x}). */
    static boolean isUnder(String name, String module) {
        return isUnder(name, module, 0);
    }

    /** As {@link #isUnder(String, String)} for the part of {@code module} from {@code from} on. */
    private static boolean isUnder(String name, String module, int from) {
        int rest = module.length() - from;
        if (name.length() == rest) return name.regionMatches(0, module, from, rest);
        return name.length() > rest && name.charAt(rest) == '.' && name.regionMatches(0, module, from, rest);
    }

    /**
     * The module names of the workspace's Python files, built once per run. A memo entry of its own: each caller
     * depends on the listing it was built from (incremental checking).
     */
    PythonModules modules() {
        return ws.memo("python.modules", () -> new PythonModules(ws.index(), PythonLibrary.pythonFiles(ws)));
    }

    /** Whether a scope path is a Python source ({@code .py}, or a {@code .pyi} stub). */
    static boolean isPython(Path p) {
        String s = p.toString();               // kept by the path (its file name would be a new path each time)
        // the file name is longer than its suffix: the character before the suffix is not a separator
        String sep = p.getFileSystem().getSeparator();
        int n = s.length();
        if (s.endsWith(".py")) return n > 3 && !s.startsWith(sep, n - 4);
        return s.endsWith(".pyi") && n > 4 && !s.startsWith(sep, n - 5);
    }

    /**
     * The Python files among {@code paths} ({@link #isPython}), in their order; the same list for the same list
     * (identity) within the run.
     */
    List<Path> pythonAmong(List<Path> paths) {
        List<Path> known = pythonOf.get(paths);
        if (known != null) return known;
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (isPython(p)) out.add(p);
        }
        List<Path> kept = List.copyOf(out);
        pythonOf.put(paths, kept);
        return kept;
    }

    /**
     * The facts of a file ({@code file} absolute and normalized, as scopes and the listing give paths);
     * {@link PythonSource#EMPTY} when it cannot be read. Read once per run.
     */
    PythonSource source(Path file) {
        Path key = file;
        PythonSource s = sources.get(key);
        if (s != null) {
            ws.noteRead(key);          // facts of that file's text: whoever asks depends on it
            return s;
        }
        Optional<String> text = ws.readText(key);
        s = text.isPresent() ? PythonSources.of(key, text.get()) : PythonSource.EMPTY;
        PythonSource prev = sources.putIfAbsent(key, s);
        return prev != null ? prev : s;
    }

    /** How many unread files make {@link #read} use several threads. */
    private static final int PARALLEL_MIN = 64;
    /**
     * Whether to read on several threads: with fewer than 4 processors the compiler and collector threads of a
     * starting JVM need them more.
     */
    private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() >= 4;

    /**
     * Reads the facts of the files of {@code paths} not read yet in this run, on several threads when there are many
     * (each file is read on its own, so the order does not matter); returns {@code paths}.
     */
    List<Path> read(List<Path> paths) {
        if (!PARALLEL || paths.size() < PARALLEL_MIN) return paths;
        List<Path> unread = new ArrayList<>();
        for (Path p : paths) {
            if (!sources.containsKey(p)) unread.add(p);
        }
        if (unread.size() >= PARALLEL_MIN) unread.parallelStream().forEach(this::source);
        return paths;
    }

    /** The references of a file (read with its other facts). */
    PythonSource.Uses uses(Path file) {
        return source(file).uses();
    }

    /** The file's import statements resolved against its module name, in the order of the text. */
    List<Resolved> imports(Path file) {
        Path key = file;
        List<Resolved> r = resolved.get(key);
        if (r != null) {
            ws.noteRead(key);          // resolved from that file's text against the modules
            modules();
            return r;
        }
        r = resolve(key);
        List<Resolved> prev = resolved.putIfAbsent(key, r);
        return prev != null ? prev : r;
    }

    private List<Resolved> resolve(Path file) {
        PythonSource src = source(file);
        if (src.imports().isEmpty()) return List.of();
        String pkg = null;
        Resolved[] out = new Resolved[src.imports().size()];
        int n = 0;
        for (PythonSource.Import im : src.imports()) {
            String base = null;
            if (im.from() && im.level() == 0) {
                base = im.module();
            } else if (im.from()) {
                if (pkg == null) pkg = packageOf(file);
                base = relativeBase(pkg, im.level(), im.module());
                if (base == null) continue;
            }
            out[n++] = new Resolved(im, base);
        }
        return List.of(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** The package a file's relative imports start from. */
    private String packageOf(Path file) {
        String module = modules().moduleOf(file);
        String name = file.getFileName().toString();
        boolean isInit = name.equals("__init__.py") || name.equals("__init__.pyi");
        return PythonModules.packageOf(module, isInit);
    }

    /** The absolute module a relative import names; null when it climbs above the top package. */
    static String relativeBase(String pkg, int level, String module) {
        int end = pkg.length();
        while (end > 0 && pkg.charAt(end - 1) == '.') end--;     // as split: no empty last names
        if (end == 0) return null;
        for (int up = level - 1; up > 0; up--) {
            end = pkg.lastIndexOf('.', end - 1);
            if (end < 0) return null;
        }
        String base = pkg.substring(0, end);
        return module == null ? base : dotted(base, module);
    }

    /** {@code a.b}. */
    private static String dotted(String a, String b) {
        return new StringBuilder(a.length() + 1 + b.length()).append(a).append('.').append(b).toString();
    }

    private static String first(String dotted) {
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    // ---------------------------------------------------------------- calls_scope

    /**
     * Whether {@code file} imports a module of {@code targetModules} (each with its files in the target scope), or a name from one, and then uses what it
     * imported: a chain of names after the import statement, as code, whose first name is bound by that import and
     * which, spelt out ({@code mod.f} after {@code from pkg import mod}: {@code pkg.mod.f}), lies in a target module
     * (the longest module prefix decides: {@code pkg.other.f} is not in {@code pkg}). After {@code from m import *},
     * a use of a name {@code m} defines at module level counts.
     */
    boolean references(Path file, Map<String, List<Path>> target) {
        Set<String> targetModules = target.keySet();
        List<Resolved> rs = imports(file);
        if (rs.isEmpty()) return false;
        PythonModules mods = modules();
        Map<String, List<int[]>> byLocal = new HashMap<>();
        List<Binding> locals = new ArrayList<>();
        List<int[]> stars = new ArrayList<>();
        List<Set<String>> starNames = new ArrayList<>();
        for (Resolved r : rs) {
            for (Binding b : r.bindings()) {
                String module = mods.longestModulePrefix(b.imported(), targetModules);
                if (module == null || !targetModules.contains(module)) continue;
                if (b.local() == null) {
                    Set<String> defined = new java.util.HashSet<>();
                    for (Path p : target.get(module)) defined.addAll(source(p).topLevelNames());
                    stars.add(new int[] {r.statement().end()});
                    starNames.add(defined);
                    continue;
                }
                locals.add(b);
                byLocal.computeIfAbsent(b.local(), k -> new ArrayList<>())
                        .add(new int[] {locals.size() - 1, r.statement().end()});
            }
        }
        if (byLocal.isEmpty() && stars.isEmpty()) return false;
        PythonSource.Uses src = uses(file);
        for (int i = 0; i < src.count(); i++) {
            if (src.has(i, PythonSource.ATTRIBUTE)) continue;
            String chain = src.text(i);
            int dot = chain.indexOf('.');
            if (dot < 0 && src.has(i, PythonSource.ASSIGNED)) continue;
            String head = dot < 0 ? chain : chain.substring(0, dot);
            int at = src.start(i);
            List<int[]> candidates = byLocal.get(head);
            if (candidates != null) {
                for (int[] c : candidates) {
                    if (c[1] > at) continue;
                    String expanded = locals.get(c[0]).qualified() + chain.substring(head.length());
                    String m = mods.longestModulePrefix(expanded, targetModules);
                    if (m != null && targetModules.contains(m)) return true;
                }
            }
            for (int s = 0; s < stars.size(); s++) {
                if (stars.get(s)[0] <= at && starNames.get(s).contains(head)) return true;
            }
        }
        return false;
    }

    /**
     * The modules of the Python files of a scope, each with its files there (a file the discovery skips is named all
     * the same).
     */
    Map<String, List<Path>> targetModules(List<Path> paths) {
        Map<String, List<Path>> out = new HashMap<>();
        PythonModules mods = modules();
        for (Path p : paths) {
            if (!isPython(p)) continue;
            String m = mods.moduleOf(p);
            if (!m.isEmpty()) out.computeIfAbsent(m, k -> new ArrayList<>()).add(p);
        }
        return out;
    }
}
