package org.hielements.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The diagnostics published for each document, kept per {@link DiagnosticKind}: an update of one kind replaces that
 * kind only, and the editor gets the union (with the newest version any kind describes). Updates for an older version than the one already published for that
 * kind are dropped, so a slow stale computation never overwrites a fresh one. Publishing happens under the hub's
 * lock, so the editor sees updates in the order they were accepted.
 */
public final class DiagnosticsHub {

    /** Receives the full set of a document's diagnostics each time one kind changes. */
    @FunctionalInterface
    public interface Listener {
        void publish(String uri, Integer version, List<DocumentDiagnostic> diagnostics);
    }

    private record Entry(Integer version, List<DocumentDiagnostic> diagnostics) {}

    private final Listener listener;
    private final Consumer<List<DocumentDiagnostic>> preparer;
    private final Map<String, EnumMap<DiagnosticKind, Entry>> byUri = new HashMap<>();

    public DiagnosticsHub(Listener listener) {
        this(listener, d -> {
        });
    }

    /**
     * @param preparer called (outside the lock, on the caller's thread) with diagnostics that are about to be
     *     published, so the editor layer can convert them ahead of time
     */
    public DiagnosticsHub(Listener listener, Consumer<List<DocumentDiagnostic>> preparer) {
        this.listener = listener;
        this.preparer = preparer;
    }

    /** Lets the editor layer convert diagnostics that {@link #update} will probably publish soon. */
    public void prepare(List<DocumentDiagnostic> diagnostics) {
        preparer.accept(diagnostics);
    }

    /**
     * Replaces the diagnostics of one kind of a document and publishes the union, unless {@code stillCurrent} says
     * the computation is stale (checked under the lock) or a newer version of that kind was already published.
     *
     * @return whether it was published
     */
    public synchronized boolean update(String uri, DiagnosticKind kind, Integer version,
            List<DocumentDiagnostic> diagnostics, BooleanSupplier stillCurrent) {
        if (!stillCurrent.getAsBoolean()) return false;
        EnumMap<DiagnosticKind, Entry> kinds = byUri.computeIfAbsent(uri, u -> new EnumMap<>(DiagnosticKind.class));
        Entry previous = kinds.get(kind);
        if (previous != null && previous.version() != null && version != null && version < previous.version()) {
            return false;
        }
        kinds.put(kind, new Entry(version, List.copyOf(diagnostics)));
        listener.publish(uri, newest(kinds), union(kinds));
        return true;
    }

    /** Forgets a document's diagnostics (all kinds) and publishes an empty set. */
    public synchronized void clear(String uri) {
        if (byUri.remove(uri) != null) listener.publish(uri, null, List.of());
    }

    /** Forgets one kind of a document's diagnostics and publishes what remains, when there was something. */
    public synchronized void clear(String uri, DiagnosticKind kind) {
        EnumMap<DiagnosticKind, Entry> kinds = byUri.get(uri);
        if (kinds == null || kinds.remove(kind) == null) return;
        listener.publish(uri, newest(kinds), union(kinds));
    }

    /** Whether diagnostics of {@code kind} for {@code version} (or newer) were published for the document. */
    public synchronized boolean has(String uri, DiagnosticKind kind, int version) {
        EnumMap<DiagnosticKind, Entry> kinds = byUri.get(uri);
        Entry e = kinds == null ? null : kinds.get(kind);
        return e != null && e.version() != null && e.version() >= version;
    }

    /** The diagnostics currently published for a document, all kinds. */
    public synchronized List<DocumentDiagnostic> current(String uri) {
        EnumMap<DiagnosticKind, Entry> kinds = byUri.get(uri);
        return kinds == null ? List.of() : union(kinds);
    }

    /** The URIs that have diagnostics of a kind. */
    public synchronized List<String> uris(DiagnosticKind kind) {
        List<String> out = new ArrayList<>();
        byUri.forEach((u, k) -> {
            if (k.containsKey(kind)) out.add(u);
        });
        return out;
    }

    /** The newest document version any kind describes (what the published set as a whole is about). */
    private static Integer newest(EnumMap<DiagnosticKind, Entry> kinds) {
        Integer v = null;
        for (Entry e : kinds.values()) {
            if (e.version() != null && (v == null || e.version() > v)) v = e.version();
        }
        return v;
    }

    private static List<DocumentDiagnostic> union(EnumMap<DiagnosticKind, Entry> kinds) {
        List<DocumentDiagnostic> all = new ArrayList<>();
        for (Entry e : kinds.values()) all.addAll(e.diagnostics());
        return all;
    }
}
