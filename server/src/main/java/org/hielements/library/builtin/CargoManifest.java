package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.hielements.library.config.TomlTree;
import org.hielements.library.config.TomlTreeCache;
import org.tomlj.TomlVersion;

/**
 * What the {@code rust} library needs from one {@code Cargo.toml} (read with tomlj): the package name, the library
 * target's name and path, the explicit target paths ({@code [[bin]]}, {@code [[test]]}, {@code [[example]]},
 * {@code [[bench]]}, {@code build}), the edition, the dependencies of every kind ({@code [dependencies]},
 * {@code [dev-dependencies]}, {@code [build-dependencies]}, the same under {@code [target.'cfg(..)'.*]}) with their
 * {@code package} rename, {@code path} and {@code workspace = true}; and, for a workspace root, {@code members},
 * {@code exclude}, {@code [workspace.dependencies]} and {@code [workspace.package] edition}. A manifest TOML cannot
 * read gives what it could read (tomlj recovers per line); nothing here throws. A manifest read before comes from the
 * parsed-TOML cache ({@link TomlTreeCache}), without tomlj.
 */
final class CargoManifest {
    private static final Logger LOG = Logger.getLogger(CargoManifest.class.getName());
    private static final List<String> DEPENDENCY_TABLES = List.of("dependencies", "dev-dependencies",
            "dev_dependencies", "build-dependencies", "build_dependencies");

    /**
     * One dependency entry.
     *
     * @param key       the key as written ({@code foo} in {@code foo = { package = "bar-baz" }})
     * @param rename    the {@code package} value when the entry renames its package, else null
     * @param path      the {@code path} value (relative to the manifest's folder), else null
     * @param inherited {@code workspace = true}: the rest comes from {@code [workspace.dependencies]}
     */
    record Dependency(String key, String rename, String path, boolean inherited) {
        /** The package this entry depends on. */
        String packageName() {
            return rename != null ? rename : key;
        }
    }

    final Path dir;
    final String packageName;
    final String libName;
    final String libPath;
    final List<String> targetPaths;
    final List<String> binPaths;
    final String build;
    final String edition;
    final boolean editionFromWorkspace;
    final boolean isWorkspace;
    final List<String> members;
    final List<String> exclude;
    final String workspaceEdition;
    final Map<String, Dependency> workspaceDependencies;
    final List<Dependency> dependencies;

    private CargoManifest(Path dir, TomlTree.Table t) {
        this.dir = dir;
        TomlTree.Table pkg = table(t, "package");
        if (pkg == null) pkg = table(t, "project");             // the pre-2018 name of [package]
        packageName = pkg == null ? null : string(pkg, "name");
        Object ed = pkg == null ? null : pkg.get("edition");
        edition = ed instanceof String s ? s : null;
        editionFromWorkspace = ed instanceof TomlTree.Table et && Boolean.TRUE.equals(et.get("workspace"));
        Object b = pkg == null ? null : pkg.get("build");
        build = b instanceof String s ? s : (Boolean.FALSE.equals(b) ? "" : null);
        TomlTree.Table lib = table(t, "lib");
        libName = lib == null ? null : string(lib, "name");
        libPath = lib == null ? null : string(lib, "path");
        binPaths = new ArrayList<>();
        targetPaths = new ArrayList<>();
        for (String kind : List.of("bin", "test", "example", "bench")) {
            Object v = t.get(kind);
            if (!(v instanceof TomlTree.Array arr)) continue;
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i) instanceof TomlTree.Table target) {
                    String p = string(target, "path");
                    if (p != null) (kind.equals("bin") ? binPaths : targetPaths).add(p);
                }
            }
        }
        dependencies = new ArrayList<>();
        readDependencies(t, dependencies);
        TomlTree.Table targets = table(t, "target");
        if (targets != null) {
            for (String cfg : targets.keySet()) {
                TomlTree.Table one = table(targets, cfg);
                if (one != null) readDependencies(one, dependencies);
            }
        }
        TomlTree.Table ws = table(t, "workspace");
        isWorkspace = ws != null;
        members = ws == null ? List.of() : strings(ws, "members");
        exclude = ws == null ? List.of() : strings(ws, "exclude");
        TomlTree.Table wsPackage = ws == null ? null : table(ws, "package");
        workspaceEdition = wsPackage == null ? null : string(wsPackage, "edition");
        workspaceDependencies = new LinkedHashMap<>();
        TomlTree.Table wsDeps = ws == null ? null : table(ws, "dependencies");
        if (wsDeps != null) {
            for (String key : wsDeps.keySet()) {
                Dependency d = dependency(key, wsDeps.get(key));
                if (d != null) workspaceDependencies.put(key, d);
            }
        }
    }

    /** Reads a manifest's text; {@code dir} is its folder. */
    static CargoManifest parse(Path dir, String text) {
        TomlTree.Parsed r;
        try {
            r = TomlTree.parse(text, TomlVersion.LATEST, TREES);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            LOG.log(Level.FINE, "{0}/Cargo.toml: tomlj could not read it ({1})", new Object[] {dir, e.toString()});
            return new CargoManifest(dir, TomlTree.EMPTY);
        }
        if (!r.errors().isEmpty()) {
            LOG.log(Level.FINE, "{0}/Cargo.toml: {1}", new Object[] {dir, r.errors().get(0).toString()});
        }
        return new CargoManifest(dir, r.tree());
    }

    /** The trees of manifests read before, in the user's cache. */
    private static final TomlTreeCache TREES = TomlTreeCache.of(System.getenv());

    boolean isPackage() {
        return packageName != null && !packageName.isEmpty();
    }

    /** The library name: {@code [lib] name}, else the package name with {@code -} as {@code _}. */
    String libraryName() {
        return libName != null && !libName.isEmpty() ? libName : packageName.replace('-', '_');
    }

    private static void readDependencies(TomlTree.Table t, List<Dependency> out) {
        for (String name : DEPENDENCY_TABLES) {
            TomlTree.Table deps = table(t, name);
            if (deps == null) continue;
            for (String key : deps.keySet()) {
                Dependency d = dependency(key, deps.get(key));
                if (d != null) out.add(d);
            }
        }
    }

    private static Dependency dependency(String key, Object value) {
        if (value instanceof String) return new Dependency(key, null, null, false);
        if (value instanceof TomlTree.Table spec) {
            return new Dependency(key, string(spec, "package"), string(spec, "path"),
                    Boolean.TRUE.equals(spec.get("workspace")));
        }
        return null;
    }

    private static TomlTree.Table table(TomlTree.Table t, String key) {
        return t.get(key) instanceof TomlTree.Table v ? v : null;
    }

    private static String string(TomlTree.Table t, String key) {
        return t.get(key) instanceof String s ? s : null;
    }

    private static List<String> strings(TomlTree.Table t, String key) {
        if (!(t.get(key) instanceof TomlTree.Array arr)) return List.of();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            if (arr.get(i) instanceof String s) out.add(s);
        }
        return out;
    }
}
