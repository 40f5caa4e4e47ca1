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

    /**
     * One kind's diagnostics: computed for {@code version}, their positions moved through the edits up to version
     * {@code at} (see {@link #edited}).
     */
    private record Entry(Integer version, List<DocumentDiagnostic> diagnostics, Integer at) {}

    /**
     * The recent edits of a document, to move diagnostics computed for an earlier version to where their text is. It
     * has its own lock: the editor connection's reader thread notes edits without waiting for a publish in progress.
     */
    private static final class EditLog {
        /** Edit maps, each with the version it leads to, oldest first. */
        private final java.util.ArrayDeque<Map.Entry<Integer, EditMap>> edits = new java.util.ArrayDeque<>();
        /** The newest version edited to. */
        private int latest;
        /** Every edit after this version is in {@link #edits} (all of them since the document was opened, at first). */
        private int since = Integer.MIN_VALUE;

        synchronized void add(int version, EditMap map) {
            edits.addLast(Map.entry(version, map));
            if (edits.size() > MAX_EDITS) since = edits.removeFirst().getKey();
            latest = version;
        }

        /** What moving positions of version {@code at} needs: the newest version and the maps after {@code at}. */
        synchronized Moves since(int at) {
            if (at >= latest) return new Moves(latest, List.of(), true);
            List<EditMap> maps = new ArrayList<>();
            for (Map.Entry<Integer, EditMap> m : edits) {
                if (m.getKey() > at) maps.add(m.getValue());
            }
            return new Moves(latest, maps, at >= since);
        }
    }

    /** The edits after some version up to {@code latest}; {@code complete} when none of them is missing. */
    private record Moves(int latest, List<EditMap> maps, boolean complete) {}

    /** Edits kept per document: a check run that started more edits ago than this is published where it was. */
    static final int MAX_EDITS = 1_000;

    private final Listener listener;
    private final Consumer<List<DocumentDiagnostic>> preparer;
    private final Map<String, EnumMap<DiagnosticKind, Entry>> byUri = new HashMap<>();
    private final Map<String, EditLog> logs = new java.util.concurrent.ConcurrentHashMap<>();

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

    /**
     * Lets the editor layer convert what the next publish of {@code uri} will send: {@code diagnostics} (about to
     * replace the kind {@code replacing}) and the other kinds as moved through the edits so far.
     */
    public void prepare(String uri, DiagnosticKind replacing, List<DocumentDiagnostic> diagnostics) {
        List<DocumentDiagnostic> kept = new ArrayList<>();
        synchronized (this) {
            EnumMap<DiagnosticKind, Entry> kinds = byUri.get(uri);
            if (kinds != null) {
                catchUp(uri, kinds);
                kinds.forEach((k, e) -> {
                    if (k != replacing) kept.addAll(e.diagnostics());
                });
            }
        }
        List<DocumentDiagnostic> all = new ArrayList<>(diagnostics.size() + kept.size());
        all.addAll(diagnostics);
        all.addAll(kept);
        preparer.accept(DocumentDiagnostic.cap(all));
    }

    /**
     * Notes an edit of an open document ({@code changes} lead to {@code version}): the diagnostics kept from earlier
     * versions are published, from now on, where their text moved to. Cheap: the moving happens when they are next
     * prepared or published.
     */
    void edited(String uri, int version, EditMap edits) {
        logs.computeIfAbsent(uri, u -> new EditLog()).add(version, edits);
    }

    /** Notes the edit that gave {@code document} (its {@link TextDocument#edits()}). */
    public void edited(TextDocument document) {
        edited(document.uri(), document.version(), document.edits());
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
        // kept capped: what is never published is not kept either (a run of 50,000 failing checks)
        kinds.put(kind, new Entry(version, List.copyOf(DocumentDiagnostic.cap(diagnostics)), version));
        List<DocumentDiagnostic> all = union(uri, kinds); // first: it moves them to the newest version
        listener.publish(uri, newest(kinds), all);
        return true;
    }

    /** Forgets a document's diagnostics (all kinds) and edits, and publishes an empty set. */
    public synchronized void clear(String uri) {
        logs.remove(uri);
        if (byUri.remove(uri) != null) listener.publish(uri, null, List.of());
    }

    /** Forgets one kind of a document's diagnostics and publishes what remains, when there was something. */
    public synchronized void clear(String uri, DiagnosticKind kind) {
        EnumMap<DiagnosticKind, Entry> kinds = byUri.get(uri);
        if (kinds == null || kinds.remove(kind) == null) return;
        List<DocumentDiagnostic> all = union(uri, kinds); // first: it moves them to the newest version
        listener.publish(uri, newest(kinds), all);
    }

    /** Moves each kind's diagnostics through the edits made since the version their positions are for. */
    private void catchUp(String uri, EnumMap<DiagnosticKind, Entry> kinds) {
        EditLog log = logs.get(uri);
        if (log == null) return;
        for (Map.Entry<DiagnosticKind, Entry> k : kinds.entrySet()) {
            Entry e = k.getValue();
            if (e.at() == null) continue;
            Moves moves = log.since(e.at());
            if (e.at() >= moves.latest()) continue;
            List<DocumentDiagnostic> moved = e.diagnostics();
            if (moves.complete()) {
                moved = new ArrayList<>(e.diagnostics().size());
                for (DocumentDiagnostic d : e.diagnostics()) {
                    for (EditMap m : moves.maps()) d = m.map(d, uri);
                    moved.add(d);
                }
                moved = List.copyOf(moved);
            }
            k.setValue(new Entry(e.version(), moved, moves.latest()));
        }
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
        return kinds == null ? List.of() : union(uri, kinds);
    }

    /** The URIs that have diagnostics of a kind. */
    public synchronized List<String> uris(DiagnosticKind kind) {
        List<String> out = new ArrayList<>();
        byUri.forEach((u, k) -> {
            if (k.containsKey(kind)) out.add(u);
        });
        return out;
    }

    /**
     * The newest document version any kind was computed for (what the published set as a whole is about). Not the
     * version moved positions are for: a publish tagged with a version must hold that version's syntax and semantic
     * diagnostics, which an editor (or a test) waiting for that version relies on.
     */
    private static Integer newest(EnumMap<DiagnosticKind, Entry> kinds) {
        Integer v = null;
        for (Entry e : kinds.values()) {
            if (e.version() != null && (v == null || e.version() > v)) v = e.version();
        }
        return v;
    }

    /** Every kind's diagnostics, where their text is now; capped ({@link DocumentDiagnostic#cap}). */
    private List<DocumentDiagnostic> union(String uri, EnumMap<DiagnosticKind, Entry> kinds) {
        catchUp(uri, kinds);
        List<DocumentDiagnostic> all = new ArrayList<>();
        for (Entry e : kinds.values()) all.addAll(e.diagnostics());
        return DocumentDiagnostic.cap(all);
    }
}
