package org.hielements.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hielements.text.SourceText;

/**
 * The documents an editor has open, as it sent them (full text on open, then incremental edits). Thread-safe: the
 * editor's notifications update it in order, requests read snapshots.
 */
public final class DocumentStore {
    private final Map<String, TextDocument> byUri = new ConcurrentHashMap<>();
    private final Map<Path, String> uriByPath = new ConcurrentHashMap<>();

    /** Opens (or replaces) a document. {@code name} is how it is named in messages. */
    public TextDocument open(String uri, int version, String text, String name) {
        Path path = Uris.pathOf(uri);
        TextDocument doc = new TextDocument(uri, path, version, new SourceText(name, text));
        byUri.put(uri, doc);
        uriByPath.put(path, uri);
        return doc;
    }

    /** Applies edits; empty when the document is not open (the edits are then ignored). */
    public Optional<TextDocument> change(String uri, int version, List<TextChange> changes) {
        TextDocument updated = byUri.computeIfPresent(uri, (u, d) -> d.apply(version, changes));
        return Optional.ofNullable(updated);
    }

    /** Closes a document; returns it when it was open. */
    public Optional<TextDocument> close(String uri) {
        TextDocument d = byUri.remove(uri);
        if (d != null) uriByPath.remove(d.path(), uri);
        return Optional.ofNullable(d);
    }

    public Optional<TextDocument> get(String uri) {
        return Optional.ofNullable(byUri.get(uri));
    }

    /** The open document for a file path. */
    public Optional<TextDocument> byPath(Path path) {
        String uri = uriByPath.get(path.toAbsolutePath().normalize());
        return uri == null ? Optional.empty() : get(uri);
    }

    /** The URI an editor uses for a path: the open document's, else the path's {@code file:} URI. */
    public String uriOf(Path path) {
        String uri = uriByPath.get(path.toAbsolutePath().normalize());
        return uri != null ? uri : Uris.of(path);
    }

    public List<TextDocument> all() {
        return new ArrayList<>(byUri.values());
    }
}
