package org.hielements.syntax;

import org.hielements.text.Span;

/**
 * One token: its kind, its UTF-16 offsets in the text ({@code start} inclusive, {@code end} exclusive) and, for
 * identifiers, keywords, numbers and doc comments, its text as written; for strings, the decoded value.
 */
public record Token(TokenKind kind, int start, int end, String text) {
    public Span span() {
        return new Span(start, end);
    }

    public boolean is(TokenKind k) {
        return kind == k;
    }

    @Override
    public String toString() {
        return kind.debugName() + (text != null ? "(" + text + ")" : "") + "@" + start + ".." + end;
    }
}
