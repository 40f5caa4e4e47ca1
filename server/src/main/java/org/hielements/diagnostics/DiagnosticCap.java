package org.hielements.diagnostics;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * The cap on diagnostics per file: the first {@link #PER_FILE}, then one more (E021, or W004 when none of those left
 * out is an error) saying how many were left out. A file of millions of bad characters or broken lines gives a
 * readable report and bounded memory instead of millions of messages. Every producer (the lexer, the parser, the
 * semantic model) keeps at most that many per file, and every consumer (the command line's output, the language
 * server's publish) caps the union it prints: a count an earlier cap made is carried into the next one's.
 */
public final class DiagnosticCap {
    /** Diagnostics shown per file. */
    public static final int PER_FILE = 1_000;

    private static final Pattern COUNT = Pattern.compile("^([0-9][0-9,]*) more diagnostics in this file are not shown");

    private DiagnosticCap() {}

    /** Counts diagnostics past a cap as they are reported, keeping what a note about them needs. */
    public static final class Overflow {
        private long dropped;
        private boolean errors;
        private Span first;

        /** Notes one diagnostic that was left out (or a note of an earlier cap, with its count). */
        public void add(Diagnostic d) {
            long n = leftOutBy(d);
            dropped += n > 0 ? n : 1;
            errors |= d.isError();
            if (first == null) first = d.span();
        }

        /** Notes one left-out diagnostic without making it: its severity and where it starts. */
        public void add(Severity severity, Span at) {
            dropped++;
            errors |= severity == Severity.ERROR;
            if (first == null) first = at;
        }

        public long count() {
            return dropped;
        }

        /** The note about what was left out, at the first of it; null when nothing was. */
        public Diagnostic note(SourceText source, int kept) {
            if (dropped == 0) return null;
            return Diagnostic.of(errors ? Code.E021 : Code.W004, source, first, dropped, kept);
        }
    }

    /**
     * {@code diagnostics} of one file (in the order they are shown) capped: the first {@link #PER_FILE} that are not
     * notes, then one note counting the others (and what the notes among them counted).
     */
    public static List<Diagnostic> cap(List<Diagnostic> diagnostics) {
        if (diagnostics.size() <= PER_FILE && diagnostics.stream().noneMatch(d -> leftOutBy(d) > 0)) {
            return diagnostics;
        }
        return capPerFile(diagnostics);
    }

    /**
     * Diagnostics of several files capped per file ({@link Diagnostic#source()}): the kept ones in their order, each
     * file's note right after its last kept diagnostic.
     */
    public static List<Diagnostic> capPerFile(List<Diagnostic> diagnostics) {
        Map<SourceText, int[]> kept = new IdentityHashMap<>();
        Map<SourceText, Overflow> overflow = new IdentityHashMap<>();
        Map<SourceText, Integer> lastKept = new IdentityHashMap<>();
        List<Diagnostic> out = new ArrayList<>(Math.min(diagnostics.size(), PER_FILE + 1));
        for (Diagnostic d : diagnostics) {
            int[] n = kept.computeIfAbsent(d.source(), s -> new int[1]);
            if (leftOutBy(d) == 0 && n[0] < PER_FILE) {
                n[0]++;
                lastKept.put(d.source(), out.size());
                out.add(d);
            } else {
                overflow.computeIfAbsent(d.source(), s -> new Overflow()).add(d);
            }
        }
        if (overflow.isEmpty()) return out;
        List<Diagnostic> withNotes = new ArrayList<>(out.size() + overflow.size());
        Map<Integer, List<Diagnostic>> notesAfter = new java.util.HashMap<>();
        overflow.forEach((s, o) -> notesAfter.computeIfAbsent(lastKept.getOrDefault(s, -1), k -> new ArrayList<>())
                .add(o.note(s, kept.get(s)[0])));
        withNotes.addAll(notesAfter.getOrDefault(-1, List.of()));
        for (int i = 0; i < out.size(); i++) {
            withNotes.add(out.get(i));
            withNotes.addAll(notesAfter.getOrDefault(i, List.of()));
        }
        return withNotes;
    }

    /** How many diagnostics {@code d} stands for when it is the note of a cap; 0 for any other diagnostic. */
    public static long leftOutBy(Diagnostic d) {
        return leftOutBy(d.code(), d.message());
    }

    /** As {@link #leftOutBy(Diagnostic)}, from a diagnostic's code and message (an editor's copy of one). */
    public static long leftOutBy(String code, String message) {
        if (!code.equals(Code.E021.id()) && !code.equals(Code.W004.id())) return 0;
        Matcher m = COUNT.matcher(message);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }

    /** The message of a note: {@code dropped} diagnostics left out, {@code kept} shown. */
    public static String noteMessage(long dropped, int kept, boolean errors) {
        return (errors ? Code.E021 : Code.W004).format(dropped, kept);
    }
}
