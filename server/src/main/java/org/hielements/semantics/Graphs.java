package org.hielements.semantics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** Graph algorithms over nodes with value identity, iterative (no recursion depth limit). */
final class Graphs {
    private Graphs() {}

    /**
     * Strongly connected components (Tarjan), visiting roots in the given order; each component is emitted after
     * every component it reaches, so the list is in dependency order (what a node needs comes first).
     */
    static <T> List<List<T>> sccs(List<T> nodes, Function<T, List<T>> next) {
        Map<T, Integer> index = new HashMap<>();
        Map<T, Integer> low = new HashMap<>();
        Map<T, Boolean> onStack = new HashMap<>();
        ArrayDeque<T> stack = new ArrayDeque<>();
        List<List<T>> out = new ArrayList<>();
        int counter = 0;
        for (T root : nodes) {
            if (index.containsKey(root)) continue;
            ArrayDeque<Object[]> work = new ArrayDeque<>();
            work.push(new Object[] {root, 0});
            index.put(root, counter);
            low.put(root, counter);
            counter++;
            stack.push(root);
            onStack.put(root, true);
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                @SuppressWarnings("unchecked")
                T v = (T) frame[0];
                int i = (Integer) frame[1];
                List<T> succ = next.apply(v);
                if (i < succ.size()) {
                    frame[1] = i + 1;
                    T w = succ.get(i);
                    if (!index.containsKey(w)) {
                        index.put(w, counter);
                        low.put(w, counter);
                        counter++;
                        stack.push(w);
                        onStack.put(w, true);
                        work.push(new Object[] {w, 0});
                    } else if (onStack.getOrDefault(w, false)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    @SuppressWarnings("unchecked")
                    T parent = (T) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<T> comp = new ArrayList<>();
                    T w;
                    do {
                        w = stack.pop();
                        onStack.put(w, false);
                        comp.add(w);
                    } while (w != v && !w.equals(v));
                    Collections.reverse(comp);
                    out.add(comp);
                }
            }
        }
        return out;
    }

    /**
     * Tarjan's algorithm on nodes {@code 0..n-1} with adjacency lists {@code adj}: the strongly connected components,
     * each emitted after every component it reaches (dependency order). Iterative, arrays only.
     */
    static List<int[]> sccs(int n, int[][] adj) {
        int[] index = new int[n];
        int[] low = new int[n];
        boolean[] onStack = new boolean[n];
        java.util.Arrays.fill(index, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] workNode = new int[n];
        int[] workEdge = new int[n];
        List<int[]> out = new ArrayList<>();
        int counter = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) continue;
            int wp = 0;
            workNode[wp] = root;
            workEdge[wp] = 0;
            wp++;
            index[root] = low[root] = counter++;
            stack[sp++] = root;
            onStack[root] = true;
            while (wp > 0) {
                int v = workNode[wp - 1];
                int i = workEdge[wp - 1];
                int[] succ = adj[v];
                if (i < succ.length) {
                    workEdge[wp - 1] = i + 1;
                    int w = succ[i];
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        workNode[wp] = w;
                        workEdge[wp] = 0;
                        wp++;
                    } else if (onStack[w] && index[w] < low[v]) {
                        low[v] = index[w];
                    }
                    continue;
                }
                wp--;
                if (wp > 0) {
                    int parent = workNode[wp - 1];
                    if (low[v] < low[parent]) low[parent] = low[v];
                }
                if (low[v] == index[v]) {
                    int start = sp;
                    do {
                        start--;
                    } while (stack[start] != v);
                    int[] comp = java.util.Arrays.copyOfRange(stack, start, sp);
                    for (int w : comp) onStack[w] = false;
                    sp = start;
                    out.add(comp);
                }
            }
        }
        return out;
    }

    /** Component number of each node. */
    static <T> Map<T, Integer> components(List<T> nodes, Function<T, List<T>> next) {
        Map<T, Integer> comp = new HashMap<>();
        int i = 0;
        for (List<T> c : sccs(nodes, next)) {
            for (T t : c) comp.put(t, i);
            i++;
        }
        return comp;
    }

    /**
     * The shortest walk from {@code from} to {@code to} through nodes accepted by {@code filter}: the nodes after
     * {@code from}, ending with {@code to}; empty when there is none.
     */
    static <T> List<T> path(T from, T to, Function<T, List<T>> next, Predicate<T> filter) {
        Map<T, T> parent = new HashMap<>();
        java.util.Set<T> first = new java.util.HashSet<>();
        ArrayDeque<T> queue = new ArrayDeque<>();
        for (T s : next.apply(from)) {
            if (!filter.test(s) || first.contains(s)) continue;
            if (s.equals(to)) return List.of(s);
            first.add(s);
            queue.add(s);
        }
        while (!queue.isEmpty()) {
            T v = queue.poll();
            for (T w : next.apply(v)) {
                if (!filter.test(w) || first.contains(w) || parent.containsKey(w)) continue;
                parent.put(w, v);
                if (w.equals(to)) {
                    List<T> out = new ArrayList<>();
                    T x = w;
                    out.add(x);
                    while (!first.contains(x)) {
                        x = parent.get(x);
                        out.add(x);
                    }
                    Collections.reverse(out);
                    return out;
                }
                queue.add(w);
            }
        }
        return List.of();
    }
}
