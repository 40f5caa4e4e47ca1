package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.hielements.library.Workspace;

/**
 * The units of code a workspace is made of, as the built-ins see them: its Python packages (from
 * {@link PythonModules}: every module name that has modules under it, regular or namespace package, nested ones
 * included) and its Cargo packages (from {@link RustCrates}, the ones a manifest declares). {@code init --from-code}
 * writes one element per unit; their dependencies come from the libraries' {@link org.hielements.library.ImportGraph}.
 */
public final class CodeUnits {
    private CodeUnits() {}

    /** Which built-in reads a unit. */
    public enum Language {
        PYTHON, RUST
    }

    /**
     * One unit: a Python package ({@code name} its dotted module name, {@code parent} the package it lies in, or null)
     * or a Cargo package ({@code name} the package name, {@code parent} null); {@code files} its source files (for a
     * Python package, those of its subpackages too), absolute, in path order.
     */
    public record Unit(Language language, String name, String parent, List<Path> files) {
        public Unit {
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(name, "name");
            files = List.copyOf(files);
        }
    }

    /** The Python packages of the workspace, outer ones before those inside them, by name. */
    public static List<Unit> python(Workspace ws) {
        PythonModules modules = PythonProject.of(ws).modules();
        Map<String, List<Path>> packages = new TreeMap<>();
        for (Map.Entry<String, List<Path>> e : modules.byName().entrySet()) {
            String name = e.getKey();
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                packages.computeIfAbsent(name.substring(0, dot), k -> new ArrayList<>()).addAll(e.getValue());
            }
        }
        for (Map.Entry<String, List<Path>> e : packages.entrySet()) {
            e.getValue().addAll(modules.files(e.getKey()));    // the package's own __init__.py
        }
        List<Unit> out = new ArrayList<>();
        for (Map.Entry<String, List<Path>> e : packages.entrySet()) {
            String name = e.getKey();
            int dot = name.lastIndexOf('.');
            String parent = dot < 0 ? null : name.substring(0, dot);
            List<Path> files = new ArrayList<>(new java.util.TreeSet<>(e.getValue()));
            out.add(new Unit(Language.PYTHON, name, parent != null && packages.containsKey(parent) ? parent : null,
                    files));
        }
        return out;
    }

    /** The Cargo packages of the workspace (declared by a manifest), shallowest first. */
    public static List<Unit> rust(Workspace ws) {
        RustCrates crates = RustCrates.of(ws);
        List<Unit> out = new ArrayList<>();
        for (RustCrates.Package p : crates.packages()) {
            if (p.implicit || p.underExcluded || p.name == null) continue;
            out.add(new Unit(Language.RUST, p.name, null, crates.filesOf(p)));
        }
        return out;
    }
}
