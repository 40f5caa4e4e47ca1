package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The facts of Python files ({@link PythonSource}) kept across runs, per file content: an entry is used again only
 * while the file's text is the same (compared in full with the text the facts were read from, which the facts keep
 * for their references anyway), so a language server re-reads only the files that changed between two runs, and a
 * file changed on disk or in an editor is read again. Bounded by the characters of the files kept
 * ({@link #LIMIT_CHARS}); the least recently used go first. Thread-safe.
 *
 * <p>Within one run, {@link PythonProject} asks here once per file, so every check of the run shares one reading.
 */
final class PythonSources {
    /**
     * Characters of source whose facts are kept across runs. A file's facts with its text take about four bytes per
     * character (an 11,000-file generated repository of 11 MB: about 45 MB), so this bounds the cache near 200 MB.
     */
    static final long LIMIT_CHARS = 48L * 1024 * 1024;

    private record Entry(String text, PythonSource source) {
    }

    /** In access order: the first entry is the least recently used. Guarded by itself. */
    private static final Map<Path, Entry> CACHE = new LinkedHashMap<>(1024, 0.75f, true);
    private static long cachedChars;

    private static final AtomicLong READS = new AtomicLong();

    private PythonSources() {
    }

    /** The facts of {@code file} whose text is {@code text}: kept ones when the text is unchanged, else read now. */
    static PythonSource of(Path file, String text) {
        Entry known;
        synchronized (CACHE) {
            known = CACHE.get(file);
        }
        if (known != null && known.text().equals(text)) return known.source();
        PythonSource s = PythonSource.read(text);
        READS.incrementAndGet();
        synchronized (CACHE) {
            Entry old = CACHE.put(file, new Entry(text, s));
            cachedChars += text.length() - (old == null ? 0 : old.text().length());
            Iterator<Entry> lru = CACHE.values().iterator();
            while (cachedChars > LIMIT_CHARS && lru.hasNext()) {
                cachedChars -= lru.next().text().length();
                lru.remove();
            }
        }
        return s;
    }

    /** How many file texts were read (tokenized) since the process started (for tests and benchmarks). */
    static long reads() {
        return READS.get();
    }

    /** Forgets every kept entry (benchmarks measure a cold start with it). */
    static void clear() {
        synchronized (CACHE) {
            CACHE.clear();
            cachedChars = 0;
        }
    }
}
