package org.hielements.semantics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hielements.diagnostics.Code;
import org.hielements.syntax.ParseResult;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/** Phase 6 of the semantic analysis: the dependency graph of values, its evaluation order and cycles (E215). */
abstract class GraphPhase extends ResolvePhase {
    GraphPhase(KnownLibraries known, SourceProvider sources, Path workspaceRoot,
            java.util.function.BiFunction<Path, SourceText, ParseResult> parser, Sizes hint) {
        super(known, sources, workspaceRoot, parser, hint);
    }

    // ============================================================================================ 6. graph

    void buildGraph() {
        LinkedHashMap<ValueNode, List<ValueNode>> edges = new LinkedHashMap<>(
                Math.max(16, graphNodesHint + graphNodesHint / 3 + 1));
        for (ElementSymbol e : elements) {
            for (MemberSymbol m : e.members) {
                if (m.value() == null) continue;
                edges.put(new ValueNode.Declared(m), nodes(memberRefs.get(m), null));
            }
        }
        for (Implementation impl : implementations) {
            for (PlaceholderBinding b : impl.bindings.values()) {
                List<ValueNode> deps;
                if (b instanceof PlaceholderBinding.Declared d) {
                    deps = d.provider().value() != null ? List.of(new ValueNode.Declared(d.provider())) : List.of();
                } else if (b instanceof PlaceholderBinding.Expression x) {
                    deps = nodes(bindingRefs.get(x.binding()), null);
                } else if (b instanceof PlaceholderBinding.Default) {
                    deps = nodes(memberRefs.get(b.placeholder()), impl);
                } else {
                    deps = List.of();
                }
                edges.put(new ValueNode.Bound(impl, b.placeholder()), deps);
            }
        }
        List<ValueNode> all = new ArrayList<>(edges.keySet());
        Map<ValueNode, Integer> ids = new HashMap<>(all.size() * 2);
        for (int i = 0; i < all.size(); i++) ids.put(all.get(i), i);
        int[][] adj = new int[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            List<ValueNode> deps = edges.get(all.get(i));
            int[] a = new int[deps.size()];
            int k = 0;
            for (ValueNode d : deps) {
                Integer j = ids.get(d);
                if (j != null) a[k++] = j;
            }
            adj[i] = k == a.length ? a : java.util.Arrays.copyOf(a, k);
        }
        Function<ValueNode, List<ValueNode>> next = n -> edges.getOrDefault(n, List.of());
        List<ValueNode> order = new ArrayList<>(all.size());
        Set<ValueNode> cyclic = new HashSet<>();
        for (int[] scc : Graphs.sccs(all.size(), adj)) {
            int v = scc[0];
            boolean selfLoop = false;
            for (int w : adj[v]) selfLoop |= w == v;
            if (scc.length == 1 && !selfLoop) {
                order.add(all.get(v));
                continue;
            }
            List<ValueNode> members = new ArrayList<>(scc.length);
            for (int w : scc) members.add(all.get(w));
            cyclic.addAll(members);
            reportCycle(members, next);
        }
        graph = new DependencyGraph(edges, order, cyclic);
    }

    List<ValueNode> nodes(List<Resolution> refs, Implementation context) {
        if (refs == null || refs.isEmpty()) return List.of();
        List<ValueNode> out = new ArrayList<>(refs.size());
        for (Resolution r : refs) {
            ValueNode v = r.valueNode(context);
            if (v == null) continue;
            if (v instanceof ValueNode.Declared d && d.member().value() == null) continue;
            if (!out.contains(v)) out.add(v);
        }
        return out;
    }

    void reportCycle(List<ValueNode> scc, Function<ValueNode, List<ValueNode>> next) {
        Set<ValueNode> in = new HashSet<>(scc);
        ValueNode start = Collections.min(scc, Comparator.comparing(ValueNode::displayName));
        List<ValueNode> path = Graphs.path(start, start, next, in::contains);
        StringBuilder sb = new StringBuilder(start.displayName());
        for (ValueNode n : path) sb.append(" -> ").append(n.displayName());
        String message = sb.toString();
        Set<String> seen = new HashSet<>();
        for (ValueNode n : scc) {
            SourceFile f;
            Span span;
            if (n instanceof ValueNode.Declared d) {
                f = d.member().file();
                span = d.member().nameNode().span();
            } else {
                ValueNode.Bound b = (ValueNode.Bound) n;
                PlaceholderBinding pb = b.implementation().binding(b.member());
                if (pb instanceof PlaceholderBinding.Expression x) {
                    f = x.element().file();
                    span = x.binding().target().span();
                } else if (pb instanceof PlaceholderBinding.Default) {
                    f = b.member().file();
                    span = b.member().nameNode().span();
                } else {
                    continue;
                }
            }
            if (seen.add(f.path() + "#" + span.start())) report(Code.E215, f, span, message);
        }
    }
}
