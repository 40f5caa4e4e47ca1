package org.hielements.library;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one computation read of the workspace (a check, a value, a {@link Workspace#memo} entry), recorded while it
 * runs so that its result can be reused while none of it changed: the files whose content it read, the paths whose
 * kind it asked (exists, file, folder), the folders whose listing (with everything under them) it walked, the
 * libraries it called (name and {@link Library#cacheIdentity}), and the memo entries it used (their own inputs,
 * which may still grow: a memo object may read lazily). Paths are workspace-relative, {@code /}-separated ({@code ""}
 * is the root). Safe to fill from several threads.
 */
public final class Inputs {
    private final Set<String> files = ConcurrentHashMap.newKeySet();
    private final Map<String, String> kinds = new ConcurrentHashMap<>();
    private final Set<String> trees = ConcurrentHashMap.newKeySet();
    private final Map<String, String> libraries = new ConcurrentHashMap<>();
    private final Set<Inputs> uses = ConcurrentHashMap.newKeySet();
    private volatile String uncacheable;

    public void file(String rel) {
        files.add(rel);
    }

    public void kind(String rel, String state) {
        kinds.putIfAbsent(rel, state);
    }

    public void tree(String rel) {
        trees.add(rel);
    }

    public void library(String name, String identity) {
        if (identity == null) {
            uncacheable("library '" + name + "' is not cacheable");
        } else {
            libraries.putIfAbsent(name, identity);
        }
    }

    /** Its result depends on {@code other}'s inputs too (resolved when flattened, so later reads of it count). */
    public void use(Inputs other) {
        if (other != this) uses.add(other);
    }

    /** Its result must not be reused (a library that is not pure, a file read twice with different contents). */
    public void uncacheable(String why) {
        if (uncacheable == null) uncacheable = why;
    }

    /** Everything read, with the inputs of what it used, as one snapshot. */
    public Flat flatten() {
        Flat out = new Flat(new java.util.TreeSet<>(), new java.util.TreeMap<>(), new java.util.TreeSet<>(),
                new java.util.TreeMap<>(), new String[1]);
        java.util.Set<Inputs> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Inputs> todo = new java.util.ArrayDeque<>();
        todo.add(this);
        while (!todo.isEmpty()) {
            Inputs i = todo.poll();
            if (!seen.add(i)) continue;
            out.files.addAll(i.files);
            i.kinds.forEach(out.kinds::putIfAbsent);
            out.trees.addAll(i.trees);
            i.libraries.forEach(out.libraries::putIfAbsent);
            if (i.uncacheable != null && out.uncacheable[0] == null) out.uncacheable[0] = i.uncacheable;
            todo.addAll(i.uses);
        }
        return out;
    }

    /** A flattened, sorted snapshot of inputs. */
    public record Flat(java.util.SortedSet<String> files, java.util.SortedMap<String, String> kinds,
            java.util.SortedSet<String> trees, java.util.SortedMap<String, String> libraries, String[] uncacheable) {
        /** Why the result must not be reused, or null. */
        public String whyUncacheable() {
            return uncacheable[0];
        }
    }
}
