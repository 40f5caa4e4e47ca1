package org.hielements.service;

/**
 * One edit of a document as an editor sends it: replace {@code range} by {@code text}; a null range replaces the
 * whole text (full synchronisation).
 */
public record TextChange(Range range, String text) {
    public TextChange {
        java.util.Objects.requireNonNull(text);
    }

    public static TextChange full(String text) {
        return new TextChange(null, text);
    }
}
