package org.hielements.text;

/**
 * A range of a source text, as UTF-16 offsets into the Java string ({@code start} inclusive, {@code end} exclusive).
 * Lines and columns are derived from it through {@link SourceText}, the one position converter.
 */
public record Span(int start, int end) {
    public static final Span EMPTY = new Span(0, 0);

    public Span {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span " + start + ".." + end);
    }

    public static Span at(int offset) {
        return new Span(offset, offset);
    }

    /** The smallest span covering both. */
    public Span cover(Span other) {
        return new Span(Math.min(start, other.start), Math.max(end, other.end));
    }

    public int length() {
        return end - start;
    }

    public boolean contains(int offset) {
        return offset >= start && offset <= end;
    }
}
