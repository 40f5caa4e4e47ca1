package org.hielements.semantics;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hielements.syntax.Ast;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;

/** Phase 1 of the semantic analysis: the root files and, following their imports, every file they import. */
abstract class LoadPhase extends AnalysisState {
    LoadPhase(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        super(known, sources, workspaceRoot, parser, hint);
    }

    // ============================================================================================ 1. loading

    void load(Map<Path, ParseResult> roots) {
        List<Path> paths = new ArrayList<>(roots.keySet());
        paths.sort(Comparator.comparing(Path::toString));
        ArrayDeque<SourceFile> queue = new ArrayDeque<>();
        for (Path p : paths) {
            Path n = p.toAbsolutePath().normalize();
            if (byPath.containsKey(n)) continue;
            SourceFile sf = new SourceFile(n, roots.get(p), true);
            byPath.put(n, sf);
            files.add(sf);
            queue.add(sf);
        }
        while (!queue.isEmpty()) {
            SourceFile f = queue.poll();
            for (Ast.Import imp : f.ast().imports()) {
                if (imp.path() == null) continue;
                importTargets.put(imp, resolveImport(f, imp, queue));
            }
        }
        files.sort(Comparator.comparing((SourceFile f) -> f.path().toString()));
        for (int i = 0; i < files.size(); i++) files.get(i).ordinal = i;
    }

    /**
     * What an import names. A string path names a {@code .hie} file relative to the importing file ({@code .hie} is
     * added when missing); {@code a.b} names {@code a/b.hie} next to the importing file or under the workspace root,
     * else the library {@code a}. Only files inside the workspace are read: a path that leaves it lexically is refused
     * before anything on disk is looked at (so the message never tells whether a file outside exists), and one that
     * reaches outside through a symbolic link is refused too.
     */
    ImportTarget resolveImport(SourceFile f, Ast.Import imp, ArrayDeque<SourceFile> queue) {
        Path dir = f.path().getParent();
        if (imp.path() instanceof Ast.ImportPath.StringPath sp) {
            String v = sp.value();
            String shown = "'" + v + "'";
            if (v.isBlank()) return new ImportTarget.Missing(shown, "the path is empty");
            Path c;
            try {
                c = (dir == null ? Path.of(v) : dir.resolve(v)).toAbsolutePath().normalize();
                if (!v.endsWith(".hie")) {
                    if (c.getFileName() == null) return new ImportTarget.Missing(shown, "not a valid path");
                    c = c.resolveSibling(c.getFileName() + ".hie");
                }
            } catch (InvalidPathException e) {
                return new ImportTarget.Missing(shown, "not a valid path");
            }
            String outside = outside(c);
            if (outside != null) return new ImportTarget.Missing(shown, outside);
            SourceProvider.Loaded loaded = loadFile(c, queue);
            if (loaded instanceof SourceProvider.Loaded.Missing m) {
                String name = SourceProvider.displayName(dir == null ? Path.of("").toAbsolutePath() : dir, c);
                return new ImportTarget.Missing(shown, m.absent() ? "no such file (looked for " + name + ")"
                        : name + " " + m.reason());
            }
            return new ImportTarget.ToFile(byPath.get(c), stem(c));
        }
        Ast.QualifiedName q = ((Ast.ImportPath.Dotted) imp.path()).name();
        List<Ast.Name> segs = q.segments();
        if (segs.isEmpty()) return new ImportTarget.Missing(q.text(), "empty import");
        String first = segs.get(0).text();
        if (segs.size() == 1 && known.isKnown(first)) return new ImportTarget.ToLibrary(first, segs.get(0));
        String rel = String.join("/", segs.stream().map(Ast.Name::text).toList()) + ".hie";
        List<Path> bases = new ArrayList<>();
        if (dir != null) bases.add(dir);
        if (workspaceRoot != null) bases.add(workspaceRoot.toAbsolutePath().normalize());
        for (Path b : bases) {
            Path c;
            try {
                c = b.resolve(rel).normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            if (outside(c) != null) continue;
            SourceProvider.Loaded loaded = loadFile(c, queue);
            if (loaded instanceof SourceProvider.Loaded.Found) {
                return new ImportTarget.ToFile(byPath.get(c), segs.get(segs.size() - 1).text());
            }
            if (loaded instanceof SourceProvider.Loaded.Missing m && !m.absent()) {
                return new ImportTarget.Missing(q.text(), SourceProvider.displayName(b, c) + " " + m.reason());
            }
        }
        return new ImportTarget.ToLibrary(first, segs.get(0));
    }

    /** The real path of the workspace root (computed once), or the root as given when it cannot be resolved. */
    Path realRoot;

    /**
     * Null when {@code c} (absolute, normalized) may be imported: it lies inside the workspace root (always, without a
     * root); otherwise why not. The lexical test comes first and touches nothing on disk.
     */
    String outside(Path c) {
        if (workspaceRoot == null) return null;
        Path root = workspaceRoot.toAbsolutePath().normalize();
        if (!c.startsWith(root)) {
            return "the path leaves the workspace " + root + " (imports stay inside it; a hielements.toml in a "
                    + "folder above both files makes that folder the workspace)";
        }
        if (realRoot == null) {
            try {
                realRoot = root.toRealPath();
            } catch (java.io.IOException | SecurityException e) {
                realRoot = root;
            }
        }
        try {
            Path real = c.toRealPath();
            if (!real.startsWith(realRoot)) {
                return "the path leads outside the workspace " + root + " through a symbolic link (imports stay "
                        + "inside it)";
            }
        } catch (java.io.IOException | SecurityException e) {
            // missing or unreadable: said when it is read
        }
        return null;
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".hie") ? n.substring(0, n.length() - 4) : n;
    }

    /** Reads and queues {@code c} unless it is loaded already ({@link #byPath} then holds it). */
    SourceProvider.Loaded loadFile(Path c, ArrayDeque<SourceFile> queue) {
        SourceFile sf = byPath.get(c);
        if (sf != null) return new SourceProvider.Loaded.Found(sf.source());
        SourceProvider.Loaded loaded = sources.load(c);
        if (loaded instanceof SourceProvider.Loaded.Found found) {
            sf = new SourceFile(c, parser.apply(c, found.text()), false);
            byPath.put(c, sf);
            files.add(sf);
            queue.add(sf);
        }
        return loaded;
    }
}
