package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.hielements.library.Workspace;
import org.hielements.library.builtin.RustCrates.ModuleId;
import org.hielements.library.builtin.RustCrates.Package;
import org.hielements.library.builtin.RustCrates.Space;
import org.hielements.library.builtin.RustFileFacts.Origin;
import org.hielements.library.builtin.RustFileFacts.PathRef;

/**
 * The path graph of one run: each Rust file's paths read once ({@link RustFileFacts}, through
 * {@link RustFactsCache}) and shared by every check, and what each path leads to.
 *
 * <p>Resolution of a path written in a file, from the module the file stands for (and the inline modules around the
 * path): {@code crate::x} is {@code x} of the file's own tree; {@code self::}/{@code super::} go from the enclosing
 * module; a first segment bound by a {@code use} or {@code extern crate} of the same module is replaced by what it
 * binds; a first segment naming a module declared in the file or known in the tree under the enclosing module
 * ({@code mod x;} then {@code x::f()}) stays in the tree; one found under a glob import ({@code use a::*;}) goes
 * there; any other first segment names a crate: a dependency of the file's package under the name its code uses
 * (a workspace crate's library tree, or an outside crate), the package's own library (from its binaries, tests,
 * examples), or, for code under no manifest, any workspace library of that name. In the 2015 edition a {@code use}
 * path, and a {@code ::x} path, start at the crate root.
 */
final class RustGraph {
    /** How deep {@code use} bindings are followed ({@code use a as b; use b as c; ...}). */
    private static final int MAX_DEPTH = 8;

    /**
     * Where a path leads.
     *
     * @param space    the module tree it leads into; null for a crate outside the workspace (or a type's path)
     * @param root     the name it starts from: {@code crate} for the file's own tree, else the crate name the code used
     * @param segments the path inside that tree (or crate)
     */
    record Resolved(Space space, String root, List<String> segments) {
        /** The path as {@code uses} compares it: {@code crate::a::b} in the file's own tree, else {@code name::a::b}. */
        List<String> form() {
            List<String> out = new ArrayList<>(segments.size() + 1);
            out.add(root);
            out.addAll(segments);
            return out;
        }
    }

    private final Workspace ws;
    private final RustCrates crates;
    private final Map<Path, Optional<RustFileFacts>> facts = new ConcurrentHashMap<>();

    private RustGraph(Workspace ws) {
        this.ws = ws;
        this.crates = RustCrates.of(ws);
    }

    static RustGraph of(Workspace ws) {
        return ws.memo("rust.graph", () -> new RustGraph(ws));
    }

    RustCrates crates() {
        return crates;
    }

    /** The paths of a file, read once per run (and kept across runs while its text is unchanged); empty if unreadable. */
    Optional<RustFileFacts> facts(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Optional<RustFileFacts> known = facts.get(key);
        if (known != null) {
            ws.noteRead(key);          // facts of that file's text: whoever asks depends on it
            return known;
        }
        Optional<RustFileFacts> read = ws.readText(key).map(text -> RustFactsCache.facts(key, text));
        facts.putIfAbsent(key, read);
        return read;
    }

    /** What {@code p}, written in {@code file}, leads to: one answer per module the file stands for. */
    List<Resolved> resolve(Path file, RustFileFacts f, PathRef p) {
        List<ModuleId> ids = crates.identities(file);
        List<Resolved> out = new ArrayList<>(ids.size());
        for (ModuleId id : ids) {
            Resolved r = resolve(id, f, p, 0);
            if (r != null) out.add(r);
        }
        return out;
    }

    /** {@code path} (a check's argument such as {@code self::x}) read as if written at the top of {@code file}. */
    List<Resolved> resolveArgument(Path file, List<String> path) {
        PathRef p = new PathRef(path, false, Origin.PATH, null, false, List.of(), 0, 0);
        List<Resolved> out = new ArrayList<>();
        for (ModuleId id : crates.identities(file)) {
            Resolved r = resolve(id, null, p, MAX_DEPTH);
            if (r != null) out.add(r);
        }
        return out;
    }

    private Resolved resolve(ModuleId id, RustFileFacts f, PathRef p, int depth) {
        List<String> segs = p.segments();
        if (segs.isEmpty()) return null;
        Space space = id.space();
        Package pkg = space.pkg;
        if (p.global()) {       // 2018: ::m is the crate m; 2015: the crate root's item m (extern crates live there)
            return pkg.edition2015 && crates.modules(space).contains(List.of(segs.get(0))) ? own(space, segs)
                    : extern(space, segs.get(0), tail(segs, 1));
        }
        List<String> scope = concat(id.path(), p.inline());
        String first = segs.get(0);
        switch (first) {
            case "crate":
                return own(space, tail(segs, 1));
            case "self":
                return own(space, concat(scope, tail(segs, 1)));
            case "super": {
                int k = 0;
                while (k < segs.size() && segs.get(k).equals("super")) k++;
                List<String> base = scope.subList(0, Math.max(0, scope.size() - k));
                return own(space, concat(base, tail(segs, k)));
            }
            case "Self":
                return null;
            default:
                break;
        }
        if (p.origin() == Origin.EXTERN_CRATE) return extern(space, first, tail(segs, 1));
        if (f != null && depth < MAX_DEPTH) {
            PathRef bound = f.binding(p.inline(), first);
            if (bound != null && bound != p) {
                Resolved r = resolve(id, f, bound, depth + 1);
                if (r != null) return new Resolved(r.space(), r.root(), concat(r.segments(), tail(segs, 1)));
            }
        }
        if (pkg.edition2015 && p.origin() == Origin.USE) {
            return crates.modules(space).contains(List.of(first)) ? own(space, segs) : extern(space, first, tail(segs, 1));
        }
        if ((f != null && f.declaresModule(p.inline(), first)) || crates.modules(space).contains(concat(scope, List.of(first)))) {
            return own(space, concat(scope, segs));
        }
        if (f != null && depth < MAX_DEPTH) {
            for (PathRef g : f.globs(p.inline())) {
                if (g == p) continue;
                Resolved r = resolve(id, f, g, depth + 1);
                if (r != null && r.space() != null && crates.modules(r.space()).contains(concat(r.segments(), List.of(first)))) {
                    return new Resolved(r.space(), r.root(), concat(r.segments(), segs));
                }
            }
        }
        return extern(space, first, tail(segs, 1));
    }

    private static Resolved own(Space space, List<String> segs) {
        return new Resolved(space, "crate", segs);
    }

    /** A path starting with a crate name as the code of {@code from}'s package uses it. */
    private Resolved extern(Space from, String name, List<String> rest) {
        Package pkg = from.pkg;
        if (pkg.implicit) {
            Optional<Package> target = crates.packageWithLibrary(name);
            return new Resolved(target.map(t -> t.libSpace).orElse(null), name, rest);
        }
        if (pkg.codeNames.containsKey(name)) {
            Package target = pkg.codeNames.get(name);
            return new Resolved(target == null ? null : target.libSpace, name, rest);
        }
        if (name.equals(pkg.libName) && pkg.libSpace != null) return new Resolved(pkg.libSpace, name, rest);
        return new Resolved(null, name, rest);
    }

    private static List<String> tail(List<String> l, int from) {
        return from >= l.size() ? List.of() : l.subList(from, l.size());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        if (b.isEmpty()) return a;
        if (a.isEmpty()) return b;
        List<String> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    /** Whether {@code path} starts with {@code prefix}. */
    static boolean startsWith(List<String> path, List<String> prefix) {
        if (prefix.size() > path.size()) return false;
        for (int i = 0; i < prefix.size(); i++) {
            if (!path.get(i).equals(prefix.get(i))) return false;
        }
        return true;
    }
}
