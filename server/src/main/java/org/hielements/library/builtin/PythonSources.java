package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * The facts of Python files ({@link PythonSource}) kept across runs, per file content: an entry is used again only
 * while the file's text is the same (same length and 64-bit fingerprint), so a language server re-reads only the files
 * that changed between two runs, and a file changed on disk or in an editor is read again. Bounded by the entries'
 * estimated size ({@link #LIMIT_BYTES}); the least recently used go first. Thread-safe.
 *
 * <p>Within one run, {@link PythonProject} asks here once per file, so every check of the run shares one reading.
 */
final class PythonSources {
    /** Estimated bytes of facts kept across runs. */
    static final long LIMIT_BYTES = 256L * 1024 * 1024;

    private record Entry(int length, long fingerprint, PythonSource source) {
    }

    private static final Cache<Path, Entry> CACHE = CacheBuilder.newBuilder()
            .maximumWeight(LIMIT_BYTES)
            .weigher((Path k, Entry v) -> (int) Math.min(Integer.MAX_VALUE, v.source().weight() + 128))
            .build();

    private static final AtomicLong READS = new AtomicLong();

    private PythonSources() {
    }

    /** The facts of {@code file} whose text is {@code text}: kept ones when the text is unchanged, else read now. */
    static PythonSource of(Path file, String text) {
        long fp = fingerprint(text);
        Entry e = CACHE.getIfPresent(file);
        if (e != null && e.length() == text.length() && e.fingerprint() == fp) return e.source();
        PythonSource s = PythonSource.read(text);
        READS.incrementAndGet();
        CACHE.put(file, new Entry(text.length(), fp, s));
        return s;
    }

    /** How many file texts were read (tokenized) since the process started (for tests and benchmarks). */
    static long reads() {
        return READS.get();
    }

    /** Forgets every kept entry (benchmarks measure a cold start with it). */
    static void clear() {
        CACHE.invalidateAll();
    }

    /** FNV-1a over the UTF-16 code units. */
    static long fingerprint(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
