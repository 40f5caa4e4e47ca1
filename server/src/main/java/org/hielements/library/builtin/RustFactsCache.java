package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paths read from each Rust file ({@link RustFileFacts}), kept across runs while the file's text is unchanged: a
 * language server re-checking after an edit lexes only the files that changed. Keyed by absolute path; an entry is
 * used only when the text has the same length and 64-bit hash as the one it was read from. Bounded: the least
 * recently used entries go beyond {@link #MAX_ENTRIES} files or {@link #MAX_PATHS} paths in all (a file's comment and
 * literal ranges counted as paths of the same memory: {@link RustFileFacts#weight}; a path costs about
 * 200 bytes: the bound is some 100 MB). Shared by every workspace of the process; thread-safe.
 */
final class RustFactsCache {
    static final int MAX_ENTRIES = 50_000;
    static final long MAX_PATHS = 500_000;

    private record Entry(int length, long hash, RustFileFacts facts) {
    }

    private static long paths;

    private static final Map<Path, Entry> CACHE = new LinkedHashMap<>(1024, 0.75f, true);

    private static long hits;
    private static long misses;

    private RustFactsCache() {
    }

    /** The facts of {@code text}, the file at {@code file}: from the cache when that text was read before. */
    static RustFileFacts facts(Path file, String text) {
        long hash = hash(text);
        synchronized (CACHE) {
            Entry e = CACHE.get(file);
            if (e != null && e.length() == text.length() && e.hash() == hash) {
                hits++;
                return e.facts();
            }
            misses++;
        }
        RustFileFacts facts = RustFileFacts.read(text);
        synchronized (CACHE) {
            Entry old = CACHE.put(file, new Entry(text.length(), hash, facts));
            paths += facts.weight() - (old == null ? 0 : old.facts().weight());
            var eldest = CACHE.entrySet().iterator();
            while ((CACHE.size() > MAX_ENTRIES || paths > MAX_PATHS) && eldest.hasNext()) {
                Entry e = eldest.next().getValue();
                if (e.facts() == facts) break;                   // never the entry just made
                paths -= e.facts().weight();
                eldest.remove();
            }
        }
        return facts;
    }

    /** {@code [entries, paths]} held now. */
    static long[] size() {
        synchronized (CACHE) {
            return new long[] {CACHE.size(), paths};
        }
    }

    /** {@code [hits, misses]} since the process started (for measurements and tests). */
    static long[] counts() {
        synchronized (CACHE) {
            return new long[] {hits, misses};
        }
    }

    /** 64-bit FNV-1a over the UTF-16 units. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = text.length(); i < n; i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
