package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.hielements.library.FileIndex;
import org.hielements.library.Workspace;

/**
 * The crates of a workspace and the module each Rust file stands for, from the {@code Cargo.toml} files
 * ({@link CargoManifest}) and the files' places; built once per run ({@link #of}).
 *
 * <p><b>Packages.</b> Every {@code Cargo.toml} with a {@code [package]} outside the excluded folders ({@code target},
 * {@code .git}, {@code node_modules}, {@code .cargo}, {@code vendor}), plus the members of every Cargo workspace
 * ({@code members = ["crates/*"]}, globs expanded). A Rust file belongs to the nearest package above it (a nested
 * package owns its own files) when it lies in one of that package's module trees (below); any other Rust file belongs
 * to an <em>implicit</em> crate rooted at its nearest {@code src} folder (else its own folder), named after the folder
 * above it.
 *
 * <p><b>Module trees.</b> A package has one module tree per root folder ({@link Space}): {@code src/} (the library
 * and {@code src/main.rs} share it), the folder of a {@code [lib] path} or {@code [[bin]] path}, {@code src/bin/},
 * {@code tests/}, {@code benches/}, {@code examples/} (every file directly in these four is a crate root of its own),
 * their {@code x/main.rs} folders ({@code build.rs} is a root of its own). A package owns the Rust files in its trees
 * and its target roots; any other Rust file under its folder ({@code scripts/src/gen.rs}) is left to an implicit
 * crate. A file's module path comes from
 * its place in its tree: {@code src/a/b.rs} and {@code src/a/b/mod.rs} are {@code a::b}, {@code lib.rs},
 * {@code main.rs} and target roots are the crate root. {@code #[path]} attributes are not followed.
 *
 * <p><b>Dependencies.</b> The names a package's code uses for other crates: each dependency of any kind (normal, dev,
 * build, target-specific; {@code workspace = true} entries completed from {@code [workspace.dependencies]}) counts
 * under its key when it renames its package ({@code foo = { package = "bar-baz" }}: {@code foo}), else under the
 * library name of the package it names. A dependency is a workspace crate when its {@code path} leads to a package,
 * or, without a path, when a member of the same Cargo workspace has its name.
 */
final class RustCrates {
    /** A module tree of a package: the folder its root files sit in. */
    static final class Space {
        final Package pkg;
        final Path dir;
        /** {@code tests/}, {@code benches/}, {@code examples/}, {@code src/bin/}: each file directly inside is a root. */
        final boolean multiRoot;

        Space(Package pkg, Path dir, boolean multiRoot) {
            this.pkg = pkg;
            this.dir = dir;
            this.multiRoot = multiRoot;
        }

        boolean isLibrary() {
            return pkg.libSpace == this;
        }

        @Override
        public String toString() {
            return pkg.name + ":" + dir;
        }
    }

    /** A module: a tree and the path from its root ({@code []}: the crate root). */
    record ModuleId(Space space, List<String> path) {
    }

    /** A Cargo package, or an implicit crate (Rust files under no {@code Cargo.toml}). */
    static final class Package {
        final Path dir;
        final String name;
        final String libName;
        final boolean implicit;
        final boolean edition2015;
        final Path manifest;
        final CargoManifest cargo;
        /** The names its code uses for its dependencies; the value is the workspace package, or null for an outside one. */
        final Map<String, Package> codeNames = new LinkedHashMap<>();
        final Map<Path, Space> spaces = new ConcurrentHashMap<>();
        final Set<Path> rootFiles = new HashSet<>();
        Space libSpace;
        Path workspaceRoot;
        /** Its folder lies in a folder discovery skips ({@code vendor/x}, a Cargo workspace member). */
        boolean underExcluded;

        Package(Path dir, String name, String libName, boolean implicit, boolean edition2015, Path manifest,
                CargoManifest cargo) {
            this.dir = dir;
            this.name = name;
            this.libName = libName;
            this.implicit = implicit;
            this.edition2015 = edition2015;
            this.manifest = manifest;
            this.cargo = cargo;
        }

        Space space(Path dir, boolean multiRoot) {
            return spaces.computeIfAbsent(dir, d -> new Space(this, d, multiRoot));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Workspace ws;
    private final Map<Path, Package> packagesByDir = new HashMap<>();
    private final List<Package> packages = new ArrayList<>();
    private final Map<Path, Package> implicitByRoot = new ConcurrentHashMap<>();
    private final Map<Path, List<ModuleId>> identities = new ConcurrentHashMap<>();
    private final Map<Space, Set<List<String>>> modules = new HashMap<>();
    private final List<Path> files = new ArrayList<>();
    private final Map<Package, List<Path>> filesByPackage = new HashMap<>();

    private RustCrates(Workspace ws) {
        this.ws = ws;
    }

    /** The crates of this run's workspace (built on first use, shared by every check of the run). */
    static RustCrates of(Workspace ws) {
        return ws.memo("rust.crates", () -> {
            RustCrates c = new RustCrates(ws);
            c.build();
            return c;
        });
    }

    // ------------------------------------------------------------------------------------------- building

    private void build() {
        Map<Path, CargoManifest> manifests = new LinkedHashMap<>();
        for (FileIndex.Entry e : ws.index().files()) {
            if (!e.name().equals("Cargo.toml") || excluded(e.segments())) continue;
            readManifest(e.absolute()).ifPresent(m -> manifests.put(m.dir, m));
        }
        // workspace members, also where discovery does not look (a member under vendor/)
        Map<Path, Path> memberOf = new HashMap<>();
        for (CargoManifest root : List.copyOf(manifests.values())) {
            if (!root.isWorkspace) continue;
            for (Path member : members(root)) {
                memberOf.putIfAbsent(member, root.dir);
                if (!manifests.containsKey(member)) {
                    readManifest(member.resolve("Cargo.toml")).ifPresent(m -> manifests.put(m.dir, m));
                }
            }
            if (root.isPackage()) memberOf.putIfAbsent(root.dir, root.dir);
        }
        for (CargoManifest m : manifests.values()) {
            if (!m.isPackage()) continue;
            Path wsRoot = memberOf.get(m.dir);
            if (wsRoot == null) wsRoot = enclosingWorkspace(m.dir, manifests);
            CargoManifest rootManifest = wsRoot == null ? null : manifests.get(wsRoot);
            String edition = m.edition;
            if (edition == null && m.editionFromWorkspace && rootManifest != null) edition = rootManifest.workspaceEdition;
            Package p = new Package(m.dir, m.packageName, m.libraryName(), false,
                    edition == null || edition.equals("2015"), m.dir.resolve("Cargo.toml"), m);
            p.workspaceRoot = memberOf.containsKey(m.dir) ? wsRoot : null;
            List<String> segs = ws.segments(m.dir);
            p.underExcluded = excluded(segs)
                    || (!segs.isEmpty() && RustLibrary.excludedDirectory(segs.get(segs.size() - 1)));
            packagesByDir.put(m.dir, p);
            packages.add(p);
        }
        packages.sort(Comparator.comparing((Package p) -> p.dir.getNameCount()).thenComparing(p -> p.dir.toString()));
        for (Package p : packages) {
            spaces(p);
            dependencies(p, manifests);
        }
        for (FileIndex.Entry e : RustLibrary.rustFiles(ws)) {
            files.add(e.absolute());
            filesByPackage.computeIfAbsent(packageOf(e.absolute()), k -> new ArrayList<>()).add(e.absolute());
            for (ModuleId id : identities(e.absolute())) {
                Set<List<String>> known = modules.computeIfAbsent(id.space(), s -> new HashSet<>());
                for (int i = 0; i <= id.path().size(); i++) known.add(id.path().subList(0, i));
            }
        }
    }

    private Optional<CargoManifest> readManifest(Path file) {
        return ws.readText(file).map(text -> CargoManifest.parse(file.getParent(), text));
    }

    private static boolean excluded(List<String> segments) {
        for (int i = 0; i < segments.size() - 1; i++) {
            if (RustLibrary.excludedDirectory(segments.get(i))) return true;
        }
        return false;
    }

    /** The member folders (holding a {@code Cargo.toml}) of a workspace root, globs expanded, {@code exclude} applied. */
    private List<Path> members(CargoManifest root) {
        List<Path> out = new ArrayList<>();
        for (String member : root.members) {
            List<String> pattern = new ArrayList<>(ws.segments(root.dir));
            for (String s : member.split("/")) {
                if (!s.isEmpty() && !s.equals(".")) pattern.add(s);
            }
            if (pattern.contains("..")) {
                Path p = root.dir.resolve(member).normalize();
                if (ws.contains(p) && ws.isRegularFileInside(p.resolve("Cargo.toml"))) out.add(p);
                continue;
            }
            Optional<GlobPattern> glob = GlobPattern.compile(pattern);
            if (glob.isEmpty()) continue;
            for (FileIndex.Entry d : ws.index().directories()) {
                if (glob.get().matches(d.segments(), true) && ws.isRegularFileInside(d.absolute().resolve("Cargo.toml"))) {
                    out.add(d.absolute());
                }
            }
        }
        List<Path> excludedDirs = new ArrayList<>();
        for (String x : root.exclude) excludedDirs.add(root.dir.resolve(x).normalize());
        out.removeIf(p -> excludedDirs.stream().anyMatch(p::startsWith));
        return out;
    }

    /** The nearest folder at or above {@code dir} whose manifest has a {@code [workspace]}. */
    private Path enclosingWorkspace(Path dir, Map<Path, CargoManifest> manifests) {
        for (Path d = dir; d != null && ws.contains(d); d = d.getParent()) {
            CargoManifest m = manifests.get(d);
            if (m != null && m.isWorkspace) return d;
        }
        return null;
    }

    private void spaces(Package p) {
        CargoManifest m = p.cargo;
        Path src = p.dir.resolve("src");
        Path libRoot = m.libPath != null ? p.dir.resolve(m.libPath).normalize() : src.resolve("lib.rs");
        if (ws.isRegularFileInside(libRoot)) {
            p.libSpace = p.space(libRoot.getParent(), false);
            p.rootFiles.add(libRoot);
        }
        if (ws.isDirectoryInside(src)) p.space(src, false);
        Path main = src.resolve("main.rs");
        if (ws.isRegularFileInside(main)) p.rootFiles.add(main);
        for (String bin : m.binPaths) root(p, p.dir.resolve(bin).normalize());
        for (String target : m.targetPaths) root(p, p.dir.resolve(target).normalize());
        for (Path multi : List.of(src.resolve("bin"), p.dir.resolve("tests"), p.dir.resolve("benches"),
                p.dir.resolve("examples"))) {
            if (!ws.isDirectoryInside(multi)) continue;
            p.space(multi, true);
            for (FileIndex.Entry e : ws.index().filesUnder(ws.segments(multi))) {
                if (e.segments().size() == ws.segments(multi).size() + 2 && e.name().equals("main.rs")) {
                    root(p, e.absolute());
                }
            }
        }
        String build = m.build == null ? "build.rs" : m.build;
        if (!build.isEmpty()) p.rootFiles.add(p.dir.resolve(build).normalize());
    }

    private static void root(Package p, Path file) {
        p.rootFiles.add(file);
        if (file.getParent() != null) p.space(file.getParent(), false);
    }

    private void dependencies(Package p, Map<Path, CargoManifest> manifests) {
        CargoManifest wsRoot = p.workspaceRoot == null ? null : manifests.get(p.workspaceRoot);
        for (CargoManifest.Dependency d : p.cargo.dependencies) {
            String rename = d.rename();
            Path path = d.path() == null ? null : p.dir.resolve(d.path()).normalize();
            if (d.inherited() && wsRoot != null) {
                CargoManifest.Dependency shared = wsRoot.workspaceDependencies.get(d.key());
                if (shared != null) {
                    if (rename == null) rename = shared.rename();
                    if (path == null && shared.path() != null) path = wsRoot.dir.resolve(shared.path()).normalize();
                }
            }
            String packageName = rename != null ? rename : d.key();
            Package target = path != null ? packagesByDir.get(path) : null;
            if (target == null && path == null && p.workspaceRoot != null) {
                for (Package q : packages) {
                    if (q.name.equals(packageName) && p.workspaceRoot.equals(q.workspaceRoot)) {
                        target = q;
                        break;
                    }
                }
            }
            String codeName = rename != null || target == null ? d.key().replace('-', '_') : target.libName;
            if (target != null || !p.codeNames.containsKey(codeName)) p.codeNames.put(codeName, target);
        }
    }

    // ------------------------------------------------------------------------------------------- queries

    /** The workspace's Rust files (discovery), in path order. */
    List<Path> files() {
        return files;
    }

    /** The discovered Rust files a package owns, in path order. */
    List<Path> filesOf(Package p) {
        return filesByPackage.getOrDefault(p, List.of());
    }

    /** Every Cargo package, shallowest first. */
    List<Package> packages() {
        return packages;
    }

    /** The module paths known in a tree (every file's module and the modules above it). */
    Set<List<String>> modules(Space space) {
        return modules.getOrDefault(space, Set.of());
    }

    /**
     * The package a file belongs to: the nearest package above it when the file is one of its target roots or lies in
     * one of its module trees; else an implicit crate (a {@code scripts/src/x.rs} beside the package's {@code src/}).
     */
    Package packageOf(Path file) {
        Path f = file.toAbsolutePath().normalize();
        Folder folder = folder(f.getParent());
        if (folder.space() != null) return folder.space().pkg;
        if (folder.pkg() != null && folder.pkg().rootFiles.contains(f)) return folder.pkg();
        return implicitPackage(f);
    }

    /** Where a folder lies: the nearest package above it and that package's tree holding it (either may be null). */
    private record Folder(Package pkg, Space space) {
    }

    private final Map<Path, Folder> folders = new ConcurrentHashMap<>();

    private Folder folder(Path dir) {
        if (dir == null) return new Folder(null, null);
        Folder known = folders.get(dir);
        if (known != null) return known;
        Package pkg = null;
        for (Path d = dir; d != null && d.startsWith(ws.root()); d = d.getParent()) {
            pkg = packagesByDir.get(d);
            if (pkg != null) break;
        }
        Space space = null;
        if (pkg != null) {
            for (Path d = dir; d != null && d.startsWith(pkg.dir); d = d.getParent()) {
                space = pkg.spaces.get(d);
                if (space != null) break;
            }
        }
        Folder computed = new Folder(pkg, space);
        folders.putIfAbsent(dir, computed);
        return computed;
    }

    private Package implicitPackage(Path f) {
        Path root = null;
        for (Path d = f.getParent(); d != null && d.startsWith(ws.root()); d = d.getParent()) {
            if (d.getFileName() != null && d.getFileName().toString().equals("src")) {
                root = d;
                break;
            }
        }
        Path implicitRoot = root != null ? root : f.getParent();
        return implicitByRoot.computeIfAbsent(implicitRoot, r -> {
            Path named = r.getFileName() != null && r.getFileName().toString().equals("src")
                    && r.getParent() != null && r.getParent().startsWith(ws.root())
                    ? r.getParent() : r;
            String name = named.getFileName() == null ? "crate" : named.getFileName().toString();
            Package p = new Package(named, name, name.replace('-', '_'), true, false, null, null);
            p.libSpace = p.space(r, false);
            return p;
        });
    }

    /**
     * The modules a file stands for: usually one; a file directly in {@code tests/} (or {@code benches/},
     * {@code examples/}, {@code src/bin/}) is both a crate root and a module of that folder's other roots.
     */
    List<ModuleId> identities(Path file) {
        List<ModuleId> known = identities.get(file);       // scope and listing paths are absolute and normalized
        if (known != null) return known;
        Path f = file.toAbsolutePath().normalize();
        known = identities.get(f);
        if (known != null) return known;
        List<ModuleId> computed = computeIdentities(f);
        identities.putIfAbsent(f, computed);
        return computed;
    }

    private List<ModuleId> computeIdentities(Path f) {
        Package p = packageOf(f);
        if (p.rootFiles.contains(f)) {          // a target root outside the trees (build.rs): a tree of its own
            Space own = p.spaces.get(f.getParent());
            return List.of(new ModuleId(own != null ? own : new Space(p, f.getParent(), false), List.of()));
        }
        Space space = p.implicit ? p.libSpace : folder(f.getParent()).space();
        if (space == null) space = p.space(f.getParent(), false);
        List<String> rel = new ArrayList<>();
        for (Path seg : space.dir.relativize(f.getParent())) {
            if (!seg.toString().isEmpty()) rel.add(seg.toString());
        }
        String name = f.getFileName().toString();
        String stem = name.endsWith(".rs") ? name.substring(0, name.length() - 3) : name;
        if (rel.isEmpty() && space.multiRoot) {
            return List.of(new ModuleId(space, List.of()), new ModuleId(space, List.of(stem)));
        }
        if (rel.isEmpty() && (stem.equals("lib") || stem.equals("main"))) return List.of(new ModuleId(space, List.of()));
        if (!stem.equals("mod")) rel.add(stem);
        return List.of(new ModuleId(space, Collections.unmodifiableList(rel)));
    }

    /**
     * The package named {@code name}: by package name (members of a Cargo workspace first), else by library name, else
     * the one package whose folder has that name ({@code searcher} for {@code crates/searcher}, package
     * {@code grep-searcher}).
     */
    Optional<Package> packageNamed(String name) {
        for (boolean member : new boolean[] {true, false}) {
            for (Package p : packages) {
                if (p.name.equals(name) && (p.workspaceRoot != null) == member) return Optional.of(p);
            }
        }
        String lib = name.replace('-', '_');
        for (Package p : packages) {
            if (p.libName.equals(lib) || p.name.replace('-', '_').equals(lib)) return Optional.of(p);
        }
        Package byFolder = null;
        for (Package p : packages) {
            if (p.dir.getFileName() != null && p.dir.getFileName().toString().equals(name)) {
                if (byFolder != null) return Optional.empty();      // ambiguous: no guess
                byFolder = p;
            }
        }
        return Optional.ofNullable(byFolder);
    }

    /** A workspace package whose library is named {@code libName} (for code under no manifest). */
    Optional<Package> packageWithLibrary(String libName) {
        for (Package p : packages) {
            if (p.libName.equals(libName) && p.libSpace != null) return Optional.of(p);
        }
        return Optional.empty();
    }
}
