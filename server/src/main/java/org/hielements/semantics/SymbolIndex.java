package org.hielements.semantics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every name occurrence of a model and the symbol it resolves to: what definition, references, rename, hover and
 * document highlights need. Occurrences of one file are sorted by position; those of one symbol by file, then
 * position. Thread-safe.
 */
public final class SymbolIndex {
    private static final Comparator<Occurrence> BY_POSITION = Comparator
            .comparingInt((Occurrence o) -> o.span().start()).thenComparingInt(o -> o.span().end());
    private static final Comparator<Occurrence> BY_FILE_POSITION = Comparator
            .comparingInt((Occurrence o) -> o.file().ordinal).thenComparing(BY_POSITION);

    private final Map<SourceFile, List<Occurrence>> byFile = new IdentityHashMap<>();
    private final Map<Symbol, List<Occurrence>> bySymbol;
    /** Lists already sorted (sorting happens on first query, so a rebuild per keystroke pays only for what is asked). */
    private final Set<List<Occurrence>> sorted = Collections.newSetFromMap(new IdentityHashMap<>());

    SymbolIndex() {
        this(0);
    }

    /** @param expectedSymbols a capacity hint (the symbol count of a previous model of the same workspace) */
    SymbolIndex(int expectedSymbols) {
        this(expectedSymbols, Map.of());
    }

    /**
     * @param expectedSymbols  a capacity hint (the symbol count of a previous model of the same roots)
     * @param expectedPerFile  capacity hints for each file's occurrence list, by path (from the same model)
     */
    SymbolIndex(int expectedSymbols, Map<java.nio.file.Path, Integer> expectedPerFile) {
        bySymbol = new IdentityHashMap<>(Math.max(32, expectedSymbols));
        this.expectedPerFile = expectedPerFile;
    }

    private final Map<java.nio.file.Path, Integer> expectedPerFile;

    /** The number of occurrences of each file, by path (a capacity hint for a later index of the same files). */
    synchronized Map<java.nio.file.Path, Integer> occurrenceCounts() {
        Map<java.nio.file.Path, Integer> out = new java.util.HashMap<>();
        byFile.forEach((f, l) -> out.put(f.path(), l.size()));
        return out;
    }

    /** The number of distinct symbols with occurrences. */
    synchronized int symbolCount() {
        return bySymbol.size();
    }

    void add(Occurrence o) {
        byFile.computeIfAbsent(o.file(), f -> new ArrayList<>(expectedPerFile.getOrDefault(f.path(), 10))).add(o);
        bySymbol.computeIfAbsent(o.symbol(), s -> new ArrayList<>(2)).add(o);
    }

    void freeze() {
        // nothing more is added; lists are sorted lazily by sortedFile/sortedSymbol
    }

    private synchronized List<Occurrence> sortedFile(SourceFile file) {
        List<Occurrence> l = byFile.get(file);
        if (l == null) return List.of();
        if (sorted.add(l)) l.sort(BY_POSITION);
        return l;
    }

    private synchronized List<Occurrence> sortedSymbol(Symbol symbol) {
        List<Occurrence> l = bySymbol.get(symbol);
        if (l == null) return List.of();
        if (sorted.add(l)) l.sort(BY_FILE_POSITION);
        return l;
    }

    /** The occurrences of a file, by position. */
    public List<Occurrence> occurrences(SourceFile file) {
        return Collections.unmodifiableList(sortedFile(file));
    }

    /**
     * The occurrence whose span contains {@code offset} (touching its end counts, as an editor cursor right after a
     * name does); the innermost (shortest) one when several do.
     */
    public Optional<Occurrence> at(SourceFile file, int offset) {
        List<Occurrence> l = sortedFile(file);
        if (l.isEmpty()) return Optional.empty();
        int lo = 0;
        int hi = l.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (l.get(mid).span().start() <= offset) lo = mid + 1;
            else hi = mid;
        }
        Occurrence best = null;
        for (int i = lo - 1; i >= 0 && i >= lo - 8; i--) {
            Occurrence o = l.get(i);
            if (o.span().contains(offset) && (best == null || o.span().length() < best.span().length())) best = o;
        }
        return Optional.ofNullable(best);
    }

    /** Every occurrence of {@code symbol} (declaration included), by file and position. */
    public List<Occurrence> occurrences(Symbol symbol) {
        return Collections.unmodifiableList(sortedSymbol(symbol));
    }

    /** The uses of {@code symbol}, optionally with its declaration. */
    public List<Occurrence> references(Symbol symbol, boolean includeDeclaration) {
        List<Occurrence> out = new ArrayList<>();
        for (Occurrence o : occurrences(symbol)) {
            if (includeDeclaration || !o.declaration()) out.add(o);
        }
        return out;
    }

    /** Every symbol with at least one occurrence. */
    public synchronized List<Symbol> symbols() {
        List<Symbol> out = new ArrayList<>(bySymbol.keySet());
        out.sort(Comparator.comparing(Symbol::qualifiedName).thenComparing(s -> s.kind().name()));
        return out;
    }

    /** Total number of occurrences (for tests and benchmarks). */
    public synchronized int size() {
        int n = 0;
        for (List<Occurrence> l : byFile.values()) n += l.size();
        return n;
    }
}
