package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hielements.library.FileIndex;
import org.hielements.library.InputProbe;

/**
 * The module names of a workspace's Python files, from their paths (one table per run, built on the shared listing).
 *
 * <p>A folder belongs to a package while it, or the folder above it, holds {@code __init__.py} (a folder without one
 * inside a package is a namespace subpackage): from a file's folder, the walk goes up while that holds, and the folder
 * where it stops is the file's source root. So {@code src/flask/sansio/app.py} is {@code flask.sansio.app} (source
 * root {@code src}) although {@code sansio/} has no {@code __init__.py}; {@code src/flask/__init__.py} is
 * {@code flask}; a lone module with no package, {@code scripts/tool.py}, is {@code tool} (source root
 * {@code scripts}); a flat layout's {@code pkg/a.py} is {@code pkg.a} (source root: the workspace). The workspace
 * root is never part of a name: an {@code __init__.py} at the root names no module.
 */
final class PythonModules {
    private final Path root;
    private final Set<String> packageDirs = new HashSet<>();
    private final Map<String, String[]> folders = new ConcurrentHashMap<>();
    private final List<FileIndex.Entry> files;
    /** The table of every discovered file's module, built when first needed (see {@link #table}). */
    private volatile Table table;
    /** Per file of {@link #files} (by position), its path below each source root above it (on the first select). */
    private volatile String[][] underRoots;

    /** Every discovered file's module name (by position and by path), the files of each name, the source roots. */
    private record Table(String[] names, Map<Path, String> byPath, Map<String, List<Path>> byName,
            Set<String> sourceRoots) {}

    /**
     * @param index   the workspace's listing ({@code __init__.py} files anywhere make packages)
     * @param python  the discovered Python files (the modules imports resolve to)
     */
    PythonModules(FileIndex index, List<FileIndex.Entry> python) {
        this.root = index.root();
        for (FileIndex.Entry e : index.files()) notePackage(e);
        this.files = List.copyOf(python);
    }

    /** Notes the folder of an {@code __init__.py} below the root as a package (a method: compiled early). */
    private void notePackage(FileIndex.Entry e) {
        if (e.segments().size() > 1 && e.name().equals("__init__.py")) packageDirs.add(parent(e.path()));
    }

    /**
     * The table, built on first need: a file's own module name needs only the packages above it, so the checks that
     * resolve a scope's relative imports (a run after one edit) never build the names of every file.
     */
    private Table table() {
        Table t = table;
        if (t != null) return t;
        synchronized (this) {
            if (table != null) return table;
            String[] names = new String[files.size()];
            Map<Path, String> byPath = new HashMap<>();
            Map<String, List<Path>> byName = new HashMap<>();
            Set<String> sourceRoots = new LinkedHashSet<>();
            sourceRoots.add("");
            for (int i = 0; i < names.length; i++) {
                FileIndex.Entry e = files.get(i);
                String name = moduleOf(e.path());
                names[i] = name;
                byPath.put(e.absolute(), name);
                if (!name.isEmpty()) byName.computeIfAbsent(name, k -> new ArrayList<>()).add(e.absolute());
                sourceRoots.add(folder(parent(e.path()))[1]);
            }
            table = new Table(names, byPath, byName, sourceRoots);
            return table;
        }
    }

    /**
     * The module name of a workspace-relative path ({@code src/flask/sansio/app.py}: {@code flask.sansio.app}); the
     * empty string for an {@code __init__.py} at the root.
     */
    String moduleOf(String relative) {
        String dir = parent(relative);
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String pkg = folder(dir)[0];
        if (stem.equals("__init__")) return pkg;
        return pkg.isEmpty() ? stem : pkg + "." + stem;
    }

    /** The module name of an absolute path inside the workspace, or the empty string for one outside. */
    String moduleOf(Path absolute) {
        Table t = table;                       // the module of a path is the same with or without the table
        String known = t == null ? null : t.byPath().get(absolute);
        if (known != null) return known;
        Path p = absolute.normalize();
        if (!p.startsWith(root) || p.equals(root)) return "";
        return moduleOf(relative(p));
    }

    private String relative(Path p) {
        return InputProbe.relative(root, p);   // from the path's text: no relativized path, no path a segment
    }

    /** The package a module's relative imports start from: the module itself for an {@code __init__.py}. */
    static String packageOf(String module, boolean isInit) {
        if (isInit) return module;
        int dot = module.lastIndexOf('.');
        return dot < 0 ? "" : module.substring(0, dot);
    }

    /** {dotted package name of the folder, its source root}, both workspace-relative; memoized per folder. */
    private String[] folder(String dir) {
        String[] known = folders.get(dir);
        if (known != null) return known;
        List<String> parts = new ArrayList<>();
        String d = dir;
        while (!d.isEmpty() && (packageDirs.contains(d) || packageDirs.contains(parent(d)))) {
            parts.add(0, d.substring(d.lastIndexOf('/') + 1));
            d = parent(d);
        }
        String[] result = {String.join(".", parts), d};
        folders.put(dir, result);
        return result;
    }

    private static String parent(String relative) {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    /** The files of the module {@code name} ({@code a/b.py} or {@code a/b/__init__.py}); empty when none. */
    List<Path> files(String name) {
        return table().byName().getOrDefault(name, List.of());
    }

    /** Every module name with its files. */
    Map<String, List<Path>> byName() {
        return java.util.Collections.unmodifiableMap(table().byName());
    }

    boolean isModule(String name) {
        return table().byName().containsKey(name);
    }

    /**
     * The longest dotted prefix of {@code dotted} that is a module of the workspace, or of {@code alsoKnown}
     * ({@code pkg.mod.f}: {@code pkg.mod}); null when none is.
     */
    String longestModulePrefix(String dotted, Set<String> alsoKnown) {
        Map<String, List<Path>> byName = table().byName();
        String p = dotted;
        while (true) {
            if (byName.containsKey(p) || alsoKnown.contains(p)) return p;
            int dot = p.lastIndexOf('.');
            if (dot < 0) return null;
            p = p.substring(0, dot);
        }
    }

    private String[][] underRoots() {
        String[][] m = underRoots;
        if (m != null) return m;
        m = new String[files.size()][];
        Set<String> sourceRoots = table().sourceRoots();
        List<String> rests = new ArrayList<>(2);
        for (int i = 0; i < m.length; i++) {
            rests.clear();
            String path = files.get(i).path();
            for (int slash = -1; ; slash = path.indexOf('/', slash + 1)) {
                if (sourceRoots.contains(slash < 0 ? "" : path.substring(0, slash))) rests.add(path.substring(slash + 1));
                if (path.indexOf('/', slash + 1) < 0) break;
            }
            m[i] = rests.toArray(new String[0]);
        }
        underRoots = m;
        return m;
    }

    /**
     * The files of module {@code dotted}: every discovered file whose module is {@code dotted} or lies under it, and,
     * under any source root (the workspace root included), the file {@code a/b.py} and every file under the folder
     * {@code a/b/}. In the listing's order.
     */
    List<Path> select(String dotted) {
        List<Path> out = new ArrayList<>();
        String[] parts = dotted.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty() || part.contains("/")) return out;
        }
        String asFile = String.join("/", parts) + ".py";
        String asFolder = String.join("/", parts) + "/";
        String under = dotted + ".";
        Sorted index = sorted();
        java.util.BitSet hits = new java.util.BitSet(files.size());
        // each a range of the sorted names (or paths below the source roots) that start with the text asked
        for (int at = index.from(index.names, dotted); at < index.names.length && index.names[at].startsWith(dotted); at++) {
            String name = index.names[at];
            if (name.length() == dotted.length() || name.startsWith(under)) hits.set(index.nameFile[at]);
        }
        for (int at = index.from(index.rests, asFile); at < index.rests.length && index.rests[at].equals(asFile); at++) {
            hits.set(index.restFile[at]);
        }
        for (int at = index.from(index.rests, asFolder); at < index.rests.length && index.rests[at].startsWith(asFolder);
                at++) {
            hits.set(index.restFile[at]);
        }
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) out.add(files.get(i).absolute());
        return out;
    }

    /**
     * The module names, and the paths below each source root, sorted with the file each belongs to: a
     * {@link #select} is a few ranges of them, not a pass over every file (an 11,001-file repository with 22 module
     * selectors made 240,000 comparisons).
     */
    private static final class Sorted {
        final String[] names;
        final int[] nameFile;
        final String[] rests;
        final int[] restFile;

        Sorted(String[] names, String[][] rests) {
            Integer[] order = new Integer[names.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
            this.names = new String[order.length];
            this.nameFile = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                this.names[k] = names[order[k]];
                this.nameFile[k] = order[k];
            }
            List<String> rs = new ArrayList<>();
            List<Integer> rf = new ArrayList<>();
            for (int i = 0; i < rests.length; i++) {
                for (String r : rests[i]) {
                    rs.add(r);
                    rf.add(i);
                }
            }
            Integer[] byRest = new Integer[rs.size()];
            for (int i = 0; i < byRest.length; i++) byRest[i] = i;
            java.util.Arrays.sort(byRest, (a, b) -> rs.get(a).compareTo(rs.get(b)));
            this.rests = new String[byRest.length];
            this.restFile = new int[byRest.length];
            for (int k = 0; k < byRest.length; k++) {
                this.rests[k] = rs.get(byRest[k]);
                this.restFile[k] = rf.get(byRest[k]);
            }
        }

        /** The first position whose text is not less than {@code key}. */
        int from(String[] sorted, String key) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid].compareTo(key) < 0) lo = mid + 1;
                else hi = mid;
            }
            return lo;
        }
    }

    private volatile Sorted sorted;

    private Sorted sorted() {
        Sorted s = sorted;
        if (s == null) {
            s = new Sorted(table().names(), underRoots());
            sorted = s;
        }
        return s;
    }
}
