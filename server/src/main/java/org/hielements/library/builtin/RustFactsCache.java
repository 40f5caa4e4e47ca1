package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The paths read from each Rust file ({@link RustFileFacts}), kept across runs while the file's text is unchanged: a
 * language server re-checking after an edit lexes only the files that changed. Keyed by absolute path; an entry is
 * used only when the text has the same length and 64-bit hash as the one it was read from. Bounded: the least
 * recently used entries go beyond {@link #MAX_ENTRIES} files. Shared by every workspace of the process; thread-safe.
 */
final class RustFactsCache {
    static final int MAX_ENTRIES = 50_000;

    private record Entry(int length, long hash, RustFileFacts facts) {
    }

    private static final Map<Path, Entry> CACHE = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

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
            CACHE.put(file, new Entry(text.length(), hash, facts));
        }
        return facts;
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
