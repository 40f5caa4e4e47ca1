package org.hielements.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hielements.library.ImportGraph;
import org.hielements.library.Library;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Workspace;
import org.hielements.library.builtin.CodeUnits;
import org.hielements.syntax.Formatter;
import org.hielements.syntax.TokenKind;

/**
 * The model {@code hielements init --from-code} writes: one element per Python package (nested as the packages are)
 * and per Cargo package ({@link CodeUnits}), each with its scope, the dependencies its code has on the others (from
 * the import graphs, {@link ImportGraph}) as {@code uses}, and, for each group of sibling elements, the layering the
 * code follows kept by checks: when one sibling reaches another (directly or through others) and not the other way,
 * the way back is forbidden ({@code python.no_import}, {@code rust.no_dependency}). So the model passes
 * {@code check} on the code it came from. The text is formatted.
 */
final class ModelFromCode {
    private ModelFromCode() {}

    /** An element to write: its unit, name, dotted path, children. */
    private static final class Node {
        final CodeUnits.Unit unit;
        final String name;
        final String path;
        final Node parent;
        final List<Node> children = new ArrayList<>();
        final Set<Node> uses = new LinkedHashSet<>();
        final Set<Node> forbidden = new LinkedHashSet<>();

        Node(CodeUnits.Unit unit, String name, Node parent) {
            this.unit = unit;
            this.name = name;
            this.parent = parent;
            this.path = parent == null ? name : parent.path + "." + name;
        }

        boolean inside(Node other) {
            for (Node n = this; n != null; n = n.parent) {
                if (n == other) return true;
            }
            return false;
        }
    }

    /** What was found: the text to write, and counts for the summary line. */
    record Result(String text, int elements, int uses, int checks) {}

    /** The model of the code under {@code root}; null text when there is no Python package nor Cargo package. */
    static Result of(Path root) {
        Workspace ws = Workspace.of(root.toAbsolutePath().normalize());
        List<CodeUnits.Unit> units = new ArrayList<>(CodeUnits.python(ws));
        units.addAll(CodeUnits.rust(ws));
        if (units.isEmpty()) return new Result(null, 0, 0, 0);

        // elements, nested as the Python packages are; names unique among siblings
        Map<String, Node> pythonByName = new HashMap<>();
        List<Node> tops = new ArrayList<>();
        List<Node> all = new ArrayList<>();
        for (CodeUnits.Unit u : units) {
            Node parent = u.parent() == null ? null : pythonByName.get(u.parent());
            List<Node> siblings = parent == null ? tops : parent.children;
            String simple = u.language() == CodeUnits.Language.PYTHON && u.name().contains(".")
                    ? u.name().substring(u.name().lastIndexOf('.') + 1) : u.name();
            Node n = new Node(u, unique(identifier(simple), siblings), parent);
            siblings.add(n);
            all.add(n);
            if (u.language() == CodeUnits.Language.PYTHON) pythonByName.put(u.name(), n);
        }

        // each file belongs to the deepest element holding it
        Map<Path, Node> owner = new HashMap<>();
        for (Node n : all) {
            for (Path f : n.unit.files()) {
                Node known = owner.get(f);
                if (known == null || n.inside(known)) owner.put(f, n);
            }
        }
        List<ImportGraph.Dependency> deps = new ArrayList<>();
        try (LibraryRegistry registry = LibraryRegistry.withBuiltins()) {
            for (Library lib : registry.libraries()) {
                if (lib instanceof ImportGraph g) deps.addAll(g.dependencies(ws, new TreeSet<>(owner.keySet())));
            }
        }
        // element -> elements it depends on; and between siblings (each side lifted to the sibling holding it)
        Map<Node, Set<Node>> lifted = new HashMap<>();
        for (ImportGraph.Dependency d : deps) {
            Node from = owner.get(d.from());
            Node to = owner.get(d.to());
            if (from == null || to == null || from.inside(to) || to.inside(from)) continue;
            from.uses.add(to);
            Node a = from;
            Node b = to;
            while (a.parent != b.parent) {
                if (depth(a) > depth(b)) a = a.parent;
                else if (depth(b) > depth(a)) b = b.parent;
                else {
                    a = a.parent;
                    b = b.parent;
                }
            }
            lifted.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(b);
        }
        // layering: a sibling that reaches another, never reached back, must not depend on it the other way
        int checks = 0;
        List<List<Node>> groups = new ArrayList<>();
        groups.add(tops);
        for (Node n : all) {
            if (!n.children.isEmpty()) groups.add(n.children);
        }
        for (List<Node> group : groups) {
            for (Node a : group) {
                Set<Node> reach = reach(a, lifted);
                for (Node b : group) {
                    if (b == a || !reach.contains(b) || reach(b, lifted).contains(a)) continue;
                    if (a.unit.language() != b.unit.language()) continue;
                    b.forbidden.add(a);
                    checks++;
                }
            }
        }
        int uses = 0;
        for (Node n : all) uses += n.uses.size();
        StringBuilder text = new StringBuilder();
        text.append("## The architecture of this codebase as `hielements init --from-code` found it: one element per\n")
                .append("## Python package and Cargo package, the dependencies its code has as `uses`, and for each\n")
                .append("## layering the code follows, checks that keep it (the directions that do not occur).\n")
                .append("## `hielements check` passes on the code it came from; edit it into the architecture you want.\n");
        for (Node n : tops) {
            text.append('\n');
            write(text, n, "");
        }
        Formatter.Result formatted = Formatter.format(text.toString(), "    ");
        String out = formatted.text() != null ? formatted.text() : text.toString();
        return new Result(out, all.size(), uses, checks);
    }

    private static int depth(Node n) {
        int d = 0;
        for (Node p = n.parent; p != null; p = p.parent) d++;
        return d;
    }

    private static Set<Node> reach(Node start, Map<Node, Set<Node>> edges) {
        Set<Node> seen = new HashSet<>();
        List<Node> todo = new ArrayList<>(edges.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (seen.add(n)) todo.addAll(edges.getOrDefault(n, Set.of()));
        }
        return seen;
    }

    private static void write(StringBuilder b, Node n, String pad) {
        String in = pad + "    ";
        boolean python = n.unit.language() == CodeUnits.Language.PYTHON;
        b.append(pad).append("## ").append(python ? "Python package " : "Cargo package ").append(n.unit.name())
                .append(" (").append(n.unit.files().size()).append(n.unit.files().size() == 1 ? " file" : " files")
                .append(").\n");
        b.append(pad).append("element ").append(n.name).append(":\n");
        b.append(in).append("scope code = ").append(python ? "python.module_selector(" : "rust.crate_selector(")
                .append(quote(n.unit.name())).append(")\n");
        for (Node u : sorted(n.uses)) b.append(in).append("code uses ").append(u.path).append('\n');
        for (Node f : sorted(n.forbidden)) {
            b.append(in).append("## ").append(f.path).append(" depends on ").append(n.path)
                    .append(", never the other way.\n");
            if (python) {
                b.append(in).append("check python.no_import(code, ").append(quote(f.unit.name())).append(")\n");
            } else {
                b.append(in).append("check rust.no_dependency(code, ").append(f.path).append(".code)\n");
            }
        }
        for (Node c : n.children) {
            b.append('\n');
            write(b, c, in);
        }
    }

    private static List<Node> sorted(Set<Node> nodes) {
        TreeMap<String, Node> byPath = new TreeMap<>();
        for (Node n : nodes) byPath.put(n.path, n);
        return new ArrayList<>(byPath.values());
    }

    /** A string literal of the language. */
    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** An element name from a package name: letters, digits and '_' ({@code alpha-core}: {@code alpha_core}). */
    static String identifier(String name) {
        String s = InitCommand.suggestion(name);
        if (s == null) s = "unit";
        return TokenKind.keyword(s) != null ? s + "_" : s;
    }

    private static String unique(String name, List<Node> siblings) {
        Set<String> taken = new HashSet<>();
        for (Node n : siblings) taken.add(n.name);
        String s = name;
        for (int i = 2; taken.contains(s); i++) s = name + "_" + i;
        return s;
    }
}
