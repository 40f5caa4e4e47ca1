package org.hielements.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.hielements.text.SourceText;

/**
 * One open document at one version: its URI, the file path it stands for, and its text. Immutable; an edit gives a
 * new document ({@link #apply}).
 */
public final class TextDocument {
    private final String uri;
    private final Path path;
    private final int version;
    private final SourceText text;
    private final EditMap edits;

    public TextDocument(String uri, Path path, int version, SourceText text) {
        this(uri, path, version, text, EditMap.identity());
    }

    private TextDocument(String uri, Path path, int version, SourceText text, EditMap edits) {
        this.uri = Objects.requireNonNull(uri);
        this.path = Objects.requireNonNull(path);
        this.version = version;
        this.text = Objects.requireNonNull(text);
        this.edits = Objects.requireNonNull(edits);
    }

    /** Where positions of the version this one was edited from are in this one (identity for an opened document). */
    EditMap edits() {
        return edits;
    }

    public String uri() {
        return uri;
    }

    /** Absolute, normalized: the identity the semantic model uses. */
    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    public SourceText text() {
        return text;
    }

    /**
     * The document after {@code changes}, applied in order (each range refers to the text left by the previous
     * change, as LSP says). Positions past the end are clamped by {@link SourceText#offset}.
     */
    public TextDocument apply(int newVersion, List<TextChange> changes) {
        SourceText current = text;
        EditMap.Builder map = new EditMap.Builder();
        for (TextChange c : changes) {
            String t = current.text();
            String next;
            if (c.range() == null) {
                next = c.text();
                SourceText after = new SourceText(text.name(), next);
                map.replaceAll(current, after);
                current = after;
                continue;
            } else {
                int a = current.offset(c.range().start());
                int b = current.offset(c.range().end());
                if (b < a) {
                    int x = a;
                    a = b;
                    b = x;
                }
                next = new StringBuilder(t.length() - (b - a) + c.text().length())
                        .append(t, 0, a).append(c.text()).append(t, b, t.length()).toString();
                SourceText after = new SourceText(text.name(), next);
                map.change(current, a, b, c.text(), after);
                current = after;
            }
        }
        return new TextDocument(uri, path, newVersion, current, map.build());
    }

    @Override
    public String toString() {
        return uri + "@" + version;
    }
}
