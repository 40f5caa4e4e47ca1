package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of a run and what each one's expression needs: an edge {@code a -> b} means computing {@code a} needs
 * {@code b} first. Values in a cycle (E215) are listed by {@link #cyclic()} and left out of {@link #order()}.
 */
public final class DependencyGraph {
    private final Map<ValueNode, List<ValueNode>> edges;
    private final List<ValueNode> order;
    private final Set<ValueNode> cyclic;

    DependencyGraph(LinkedHashMap<ValueNode, List<ValueNode>> edges, List<ValueNode> order, Set<ValueNode> cyclic) {
        this.edges = Collections.unmodifiableMap(edges);
        this.order = List.copyOf(order);
        this.cyclic = Collections.unmodifiableSet(cyclic);
    }

    /** The number of values. */
    int size() {
        return edges.size();
    }

    /** Every value, in model order. */
    public List<ValueNode> nodes() {
        return new ArrayList<>(edges.keySet());
    }

    /** The values {@code node}'s expression refers to, in written order (empty for an unknown node). */
    public List<ValueNode> dependencies(ValueNode node) {
        List<ValueNode> d = edges.get(node);
        return d == null ? List.of() : Collections.unmodifiableList(d);
    }

    /** Every value not in a cycle, each after all its dependencies (a valid evaluation order). */
    public List<ValueNode> order() {
        return order;
    }

    /** The values in a cycle (each reported as E215). */
    public Set<ValueNode> cyclic() {
        return cyclic;
    }

    public boolean inCycle(ValueNode node) {
        return cyclic.contains(node);
    }

    /** Number of values and of edges, for benchmarks and tests. */
    public int edgeCount() {
        int n = 0;
        for (List<ValueNode> d : edges.values()) n += d.size();
        return n;
    }

    /** Reverse edges: the values that need {@code node}. Computed on each call. */
    public List<ValueNode> dependents(ValueNode node) {
        Map<ValueNode, List<ValueNode>> rev = new HashMap<>();
        for (Map.Entry<ValueNode, List<ValueNode>> e : edges.entrySet()) {
            for (ValueNode d : e.getValue()) rev.computeIfAbsent(d, k -> new ArrayList<>()).add(e.getKey());
        }
        return rev.getOrDefault(node, List.of());
    }
}
