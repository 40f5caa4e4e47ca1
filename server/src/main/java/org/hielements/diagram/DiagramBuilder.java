package org.hielements.diagram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hielements.check.Outcome;
import org.hielements.check.RunResult;
import org.hielements.library.Evidence;
import org.hielements.library.ImportGraph;
import org.hielements.library.Library;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Scope;
import org.hielements.library.Workspace;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.Symbol;
import org.hielements.semantics.UsesSite;
import org.hielements.semantics.ValueNode;

/**
 * Builds a {@link Diagram} from the elements of a model and the result of a run of their checks.
 *
 * <p>A box's status is the worst of its own checks (error, failed, passed; not checked when none ran). A declared
 * arrow goes from the element of a {@code uses} to the element its target names, coloured by the connection checks
 * run for that declaration. Observed arrows come from the import graphs ({@link ImportGraph}) of the registry's
 * libraries: each file of an element's scopes (as the run computed them) belongs to the deepest element selecting it,
 * and a dependency between files of two elements, neither inside the other, is an arrow between them. A failed check
 * whose evidence is one of those dependencies (the import a {@code no_import} or {@code no_dependency} forbids) makes
 * the arrow failed, the check and the place in its tooltip.
 */
public final class DiagramBuilder {
    /** The most evidence lines an arrow's tooltip lists (the count says how many there are). */
    static final int MAX_NOTES = 8;

    private DiagramBuilder() {}

    /**
     * @param title    what the diagram is of
     * @param elements the elements to draw (nested ones included), in model order
     * @param result   the run their statuses come from; null when nothing ran (no status, no observed arrow)
     * @param registry the libraries, asked for their import graphs
     * @param root     the workspace root
     */
    public static Diagram build(String title, List<ElementSymbol> elements, RunResult result, LibraryRegistry registry,
            Path root) {
        Map<ElementSymbol, String> ids = new LinkedHashMap<>();
        Set<String> used = new java.util.HashSet<>();
        for (ElementSymbol e : elements) {
            String base = e.path().replaceAll("[^A-Za-z0-9_]", "_");
            String id = base;
            for (int i = 2; !used.add(id); i++) id = base + "_" + i;
            ids.put(e, id);
        }
        List<Outcome> outcomes = result == null ? List.of() : result.outcomes();

        // boxes
        Map<ElementSymbol, List<ElementSymbol>> children = new LinkedHashMap<>();
        List<ElementSymbol> tops = new ArrayList<>();
        for (ElementSymbol e : elements) {
            ElementSymbol parent = e.parentElement().filter(ids::containsKey).orElse(null);
            if (parent == null) tops.add(e);
            else children.computeIfAbsent(parent, k -> new ArrayList<>()).add(e);
        }
        List<Diagram.Box> roots = new ArrayList<>();
        for (ElementSymbol e : tops) roots.add(box(e, ids, children, outcomes));

        // arrows, by (from, to)
        Map<String, ArrowBuilder> arrows = new TreeMap<>();
        for (ElementSymbol e : elements) {
            for (UsesSite u : e.uses()) {
                ElementSymbol target = targetElement(u);
                if (target == null || !ids.containsKey(target) || related(e, target)) continue;
                ArrowBuilder a = arrows.computeIfAbsent(ids.get(e) + "\u0000" + ids.get(target),
                        k -> new ArrowBuilder(ids.get(e), ids.get(target)));
                a.declared = true;
                a.notes.add("declared: " + e.path() + ": " + u.node().source().text() + " uses " + u.targetText());
                for (Outcome o : outcomes) {
                    if (o.kind() == Outcome.Kind.CONNECTION_CHECK && o.source() == u.file().source()
                            && o.span().equals(u.node().span())) {
                        a.status = a.status.worst(status(o.status()));
                        a.notes.add(o.status().word().toUpperCase(java.util.Locale.ROOT) + " " + o.check()
                                + (o.passed() ? "" : ": " + o.message()));
                    }
                }
            }
        }
        if (result != null) observed(elements, ids, result, registry, root, arrows);
        List<Diagram.Arrow> out = new ArrayList<>();
        for (ArrowBuilder a : arrows.values()) out.add(a.build());
        return new Diagram(title, roots, out, outcomes);
    }

    private static final class ArrowBuilder {
        final String from;
        final String to;
        boolean declared;
        int observed;
        Diagram.Status status = Diagram.Status.NOT_CHECKED;
        final Set<String> notes = new LinkedHashSet<>();
        final List<String> places = new ArrayList<>();
        final Set<String> broken = new LinkedHashSet<>();

        ArrowBuilder(String from, String to) {
            this.from = from;
            this.to = to;
        }

        Diagram.Arrow build() {
            List<String> all = new ArrayList<>(notes);
            all.addAll(broken);
            for (int i = 0; i < places.size() && i < MAX_NOTES; i++) all.add(places.get(i));
            if (places.size() > MAX_NOTES) all.add("(and " + (places.size() - MAX_NOTES) + " more places)");
            return new Diagram.Arrow(from, to, declared, observed, status, all);
        }
    }

    private static Diagram.Box box(ElementSymbol e, Map<ElementSymbol, String> ids,
            Map<ElementSymbol, List<ElementSymbol>> children, List<Outcome> outcomes) {
        int passed = 0;
        int failed = 0;
        int errors = 0;
        Diagram.Status s = Diagram.Status.NOT_CHECKED;
        for (Outcome o : outcomes) {
            if (!o.element().equals(e.path())) continue;
            switch (o.status()) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case ERROR -> errors++;
            }
            s = s.worst(status(o.status()));
        }
        List<Diagram.Box> kids = new ArrayList<>();
        for (ElementSymbol c : children.getOrDefault(e, List.of())) kids.add(box(c, ids, children, outcomes));
        return new Diagram.Box(ids.get(e), e.path(), e.name(), s, passed, failed, errors, kids);
    }

    private static Diagram.Status status(Outcome.Status s) {
        return switch (s) {
            case PASS -> Diagram.Status.PASSED;
            case FAIL -> Diagram.Status.FAILED;
            case ERROR -> Diagram.Status.ERROR;
        };
    }

    /** The element a {@code uses} target names: the element itself, or the element holding the scope it names. */
    private static ElementSymbol targetElement(UsesSite u) {
        if (u.target() == null) return null;
        Symbol s = u.target().symbol();
        if (s instanceof ElementSymbol e) return e;
        if (s instanceof MemberSymbol m && m.container() instanceof ElementSymbol e) return e;
        return null;
    }

    /** Whether one element lies inside the other (or they are the same). */
    private static boolean related(ElementSymbol a, ElementSymbol b) {
        return a.path().equals(b.path()) || a.path().startsWith(b.path() + ".") || b.path().startsWith(a.path() + ".");
    }

    /** Adds the dependencies the import graphs observe between the elements' files, and marks those a rule forbids. */
    private static void observed(List<ElementSymbol> elements, Map<ElementSymbol, String> ids, RunResult result,
            LibraryRegistry registry, Path root, Map<String, ArrowBuilder> arrows) {
        Map<Path, ElementSymbol> owner = owners(elements, result);
        if (owner.isEmpty()) return;
        List<ImportGraph.Dependency> deps = new ArrayList<>();
        Workspace ws = Workspace.of(root);
        for (Library lib : registry.libraries()) {
            if (lib instanceof ImportGraph g) deps.addAll(g.dependencies(ws, owner.keySet()));
        }
        // the places failed checks name: file -> (span start, end) -> the check
        Map<Path, List<Object[]>> forbidden = new HashMap<>();
        for (Outcome o : result.outcomes()) {
            if (o.status() != Outcome.Status.FAIL) continue;
            for (Evidence ev : o.evidence()) {
                forbidden.computeIfAbsent(ev.file().toAbsolutePath().normalize(), k -> new ArrayList<>())
                        .add(new Object[] {ev, o});
            }
        }
        for (ImportGraph.Dependency d : deps) {
            ElementSymbol from = owner.get(d.from());
            ElementSymbol to = owner.get(d.to());
            if (from == null || to == null || related(from, to)) continue;
            ArrowBuilder a = arrows.computeIfAbsent(ids.get(from) + "\u0000" + ids.get(to),
                    k -> new ArrowBuilder(ids.get(from), ids.get(to)));
            a.observed++;
            a.places.add(d.evidence().describe());
            for (Object[] f : forbidden.getOrDefault(d.from().toAbsolutePath().normalize(), List.of())) {
                Evidence ev = (Evidence) f[0];
                Outcome o = (Outcome) f[1];
                boolean overlaps = ev.span().start() < d.evidence().span().end()
                        && d.evidence().span().start() < ev.span().end();
                if (!overlaps) continue;
                a.status = a.status.worst(Diagram.Status.FAILED);
                a.broken.add("breaks " + o.element() + " :: " + o.check() + " at " + d.evidence().describe());
            }
        }
    }

    /** Each file of the elements' scopes (as the run computed them), owned by the deepest element selecting it. */
    private static Map<Path, ElementSymbol> owners(List<ElementSymbol> elements, RunResult result) {
        Map<Path, ElementSymbol> owner = new LinkedHashMap<>();
        Map<Path, Integer> depth = new HashMap<>();
        for (ElementSymbol e : elements) {
            int d = e.path().split("\\.").length;
            for (MemberSymbol m : e.members()) {
                if (!m.isScope()) continue;
                RunResult.Computed c = result.values().get(new ValueNode.Declared(m));
                if (c == null || !c.ok() || !(c.value() instanceof Scope s)) continue;
                for (Path p : s.paths()) {
                    Integer known = depth.get(p);
                    if (known == null || known < d) {
                        owner.put(p, e);
                        depth.put(p, d);
                    }
                }
            }
        }
        return owner;
    }
}
