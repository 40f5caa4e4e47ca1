package org.hielements.service;

import java.util.Objects;
import org.hielements.text.Position;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/** A range of a document in editor positions (0-based lines, UTF-16 columns), {@code end} exclusive. */
public record Range(Position start, Position end) {
    public Range {
        Objects.requireNonNull(start);
        Objects.requireNonNull(end);
    }

    /** The range of a span of {@code source}, through the one position converter. */
    public static Range of(SourceText source, Span span) {
        return new Range(source.position(span.start()), source.position(span.end()));
    }

    /** An empty range at a position. */
    public static Range at(Position p) {
        return new Range(p, p);
    }

    /** Whether {@code p} lies in this range (both ends included, as an editor cursor touching a word). */
    public boolean contains(Position p) {
        return start.compareTo(p) <= 0 && p.compareTo(end) <= 0;
    }

    /** Whether the two ranges share at least one position (touching counts). */
    public boolean intersects(Range other) {
        return start.compareTo(other.end) <= 0 && other.start.compareTo(end) <= 0;
    }
}
