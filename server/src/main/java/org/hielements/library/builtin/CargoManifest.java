package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * What the {@code rust} library needs from one {@code Cargo.toml} (read with tomlj): the package name, the library
 * target's name and path, the explicit target paths ({@code [[bin]]}, {@code [[test]]}, {@code [[example]]},
 * {@code [[bench]]}, {@code build}), the edition, the dependencies of every kind ({@code [dependencies]},
 * {@code [dev-dependencies]}, {@code [build-dependencies]}, the same under {@code [target.'cfg(..)'.*]}) with their
 * {@code package} rename, {@code path} and {@code workspace = true}; and, for a workspace root, {@code members},
 * {@code exclude}, {@code [workspace.dependencies]} and {@code [workspace.package] edition}. A manifest TOML cannot
 * read gives what it could read (tomlj recovers per line); nothing here throws.
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

    private CargoManifest(Path dir, TomlTable t) {
        this.dir = dir;
        TomlTable pkg = table(t, "package");
        if (pkg == null) pkg = table(t, "project");             // the pre-2018 name of [package]
        packageName = pkg == null ? null : string(pkg, "name");
        Object ed = pkg == null ? null : pkg.get(List.of("edition"));
        edition = ed instanceof String s ? s : null;
        editionFromWorkspace = ed instanceof TomlTable et && Boolean.TRUE.equals(et.get(List.of("workspace")));
        Object b = pkg == null ? null : pkg.get(List.of("build"));
        build = b instanceof String s ? s : (Boolean.FALSE.equals(b) ? "" : null);
        TomlTable lib = table(t, "lib");
        libName = lib == null ? null : string(lib, "name");
        libPath = lib == null ? null : string(lib, "path");
        binPaths = new ArrayList<>();
        targetPaths = new ArrayList<>();
        for (String kind : List.of("bin", "test", "example", "bench")) {
            Object v = t.get(List.of(kind));
            if (!(v instanceof TomlArray arr)) continue;
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i) instanceof TomlTable target) {
                    String p = string(target, "path");
                    if (p != null) (kind.equals("bin") ? binPaths : targetPaths).add(p);
                }
            }
        }
        dependencies = new ArrayList<>();
        readDependencies(t, dependencies);
        TomlTable targets = table(t, "target");
        if (targets != null) {
            for (String cfg : targets.keySet()) {
                TomlTable one = table(targets, cfg);
                if (one != null) readDependencies(one, dependencies);
            }
        }
        TomlTable ws = table(t, "workspace");
        isWorkspace = ws != null;
        members = ws == null ? List.of() : strings(ws, "members");
        exclude = ws == null ? List.of() : strings(ws, "exclude");
        TomlTable wsPackage = ws == null ? null : table(ws, "package");
        workspaceEdition = wsPackage == null ? null : string(wsPackage, "edition");
        workspaceDependencies = new LinkedHashMap<>();
        TomlTable wsDeps = ws == null ? null : table(ws, "dependencies");
        if (wsDeps != null) {
            for (String key : wsDeps.keySet()) {
                Dependency d = dependency(key, wsDeps.get(List.of(key)));
                if (d != null) workspaceDependencies.put(key, d);
            }
        }
    }

    /** Reads a manifest's text; {@code dir} is its folder. */
    static CargoManifest parse(Path dir, String text) {
        TomlParseResult r = Toml.parse(text);
        if (r.hasErrors()) {
            LOG.log(Level.FINE, "{0}/Cargo.toml: {1}", new Object[] {dir, r.errors().get(0).toString()});
        }
        return new CargoManifest(dir, r);
    }

    boolean isPackage() {
        return packageName != null && !packageName.isEmpty();
    }

    /** The library name: {@code [lib] name}, else the package name with {@code -} as {@code _}. */
    String libraryName() {
        return libName != null && !libName.isEmpty() ? libName : packageName.replace('-', '_');
    }

    private static void readDependencies(TomlTable t, List<Dependency> out) {
        for (String name : DEPENDENCY_TABLES) {
            TomlTable deps = table(t, name);
            if (deps == null) continue;
            for (String key : deps.keySet()) {
                Dependency d = dependency(key, deps.get(List.of(key)));
                if (d != null) out.add(d);
            }
        }
    }

    private static Dependency dependency(String key, Object value) {
        if (value instanceof String) return new Dependency(key, null, null, false);
        if (value instanceof TomlTable spec) {
            return new Dependency(key, string(spec, "package"), string(spec, "path"),
                    Boolean.TRUE.equals(spec.get(List.of("workspace"))));
        }
        return null;
    }

    private static TomlTable table(TomlTable t, String key) {
        return t.get(List.of(key)) instanceof TomlTable v ? v : null;
    }

    private static String string(TomlTable t, String key) {
        return t.get(List.of(key)) instanceof String s ? s : null;
    }

    private static List<String> strings(TomlTable t, String key) {
        if (!(t.get(List.of(key)) instanceof TomlArray arr)) return List.of();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            if (arr.get(i) instanceof String s) out.add(s);
        }
        return out;
    }
}
