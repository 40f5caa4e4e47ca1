package org.hielements.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.Severity;
import org.hielements.library.FileIndex;
import org.hielements.library.InputProbe;
import org.hielements.library.Inputs;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryKind;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.ProductVersion;
import org.hielements.library.Workspace;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * Incremental checking: the outcomes of earlier runs with what each read, so that a run reuses an outcome whose
 * inputs did not change and computes the rest ({@link Evaluator#run(RunOptions, CheckCache)}).
 *
 * <p>A unit is one check of an element (its outcome) or the rest of an element's run (the values no check needed, the
 * requirement values: their diagnostics); its key hashes the product version, the workspace root, the text of every
 * {@code .hie} file of the model with the model's own diagnostics and the libraries' known functions, and the unit's
 * place in the plan, so a {@code .hie} edit makes new keys. Each unit keeps its inputs ({@link Inputs}): the files it
 * read (by path; their content's hash lives once in the file table, with the stamp that saw it), the kinds of paths it
 * asked, the folders whose listing it walked (the folder table: each folder's stamp and listing hash), the libraries it
 * called with their {@link Library#cacheIdentity}. A unit is reused only when every input is the same now: a file's
 * stamp (size, modification time, file key) equal and not recent when it was taken, else its content hashed again; a
 * folder listed again only when its stamp changed. A unit read a file the run saw change, or called a library that is
 * not deterministic, is not kept.
 *
 * <p>Bytes ({@link #write()}, {@link #read}) begin with a magic number, the format and the product version: a cache of
 * another version, or one that cannot be read whole, is ignored (the caller rebuilds it). Not thread-safe: one run at a
 * time.
 */
public final class CheckCache {
    static final int FORMAT = 3;
    private static final byte[] MAGIC = "HIECACHE".getBytes(StandardCharsets.US_ASCII);

    /**
     * A file as last seen: {@code state} is a text ({@link InputProbe#content}'s) or, read from bytes, the 16 bytes of
     * the usual {@code file:HASH}, turned into the text only when compared.
     */
    record FileEntry(InputProbe.Stamp stamp, boolean linked, Object state, long observedAt) {
        String stateText() {
            return state instanceof byte[] raw
                    ? FILE + java.util.Base64.getEncoder().withoutPadding().encodeToString(raw) : (String) state;
        }
    }

    /** A folder: its stamp, its listing's hash and, when a walk saw it, the listing (else null), for the next walk. */
    record FolderEntry(InputProbe.Stamp stamp, String listing, long observedAt, List<String> entries) {}

    /** A place: {@code source} indexes the model's files; -1 with {@code file}, a workspace file (evidence). */
    record Place(int source, String file, int start, int end, String message) {}

    record Diag(String code, Severity severity, String message, Place at, List<Place> related) {}

    record Stored(Outcome.Kind kind, String element, String check, Outcome.Status status, String message, String code,
            Place at, List<Place> related, String origin, boolean reportedStatically) {}

    record Unit(List<String> files, Map<String, String> kinds, List<String> trees, Map<String, String> libraries,
            Stored outcome, List<Diag> diagnostics) {}

    private final Map<String, FileEntry> files;
    /** The file table's names in order as they were read (a table written again is mostly the same names). */
    private List<String> readOrder = List.of();
    /**
     * The cache as read (null when it was not read from bytes) and where each entry of its file table begins (and, last,
     * where the table ends): writing again copies the bytes of every entry not renewed since.
     */
    private byte[] readBytes;
    private int[] readOffsets;
    /** The names whose entries were replaced since the table was read (each is encoded again on writing). */
    private final Set<String> renewed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Whether a name came into the table or left it since it was read (then every entry is encoded again). */
    private volatile boolean namesChanged;
    /** Each unit read, by identity, with where its bytes (key included) begin and end in {@link #readBytes}. */
    private Map<Unit, long[]> readUnits = Map.of();
    private final NavigableMap<String, FolderEntry> folders;
    private final Map<String, Unit> units;
    private boolean modified;

    private CheckCache(Map<String, FileEntry> files, NavigableMap<String, FolderEntry> folders, Map<String, Unit> units) {
        this.files = files;
        this.folders = folders;
        this.units = units;
    }

    /** A cache with nothing in it. */
    public static CheckCache empty() {
        return new CheckCache(new java.util.concurrent.ConcurrentHashMap<>(), new TreeMap<>(), new LinkedHashMap<>());
    }

    /** Whether a run changed it since it was made or read (else it need not be written again). */
    public boolean modified() {
        return modified;
    }

    /** How many units it holds. */
    public int size() {
        return units.size();
    }

    /** The files its table holds (every one read by a unit it keeps). */
    java.util.Set<String> tableFiles() {
        return java.util.Collections.unmodifiableSet(files.keySet());
    }

    // ============================================================================================ one run

    /** What a run does with the cache: look up, record, and at the end keep what is true now. */
    final class Session {
        private final SemanticModel model;
        private final LibraryRegistry registry;
        private final Workspace ws;
        private final Path root;
        private final String modelHash;
        private final Map<SourceText, Integer> sourceIndex = new IdentityHashMap<>();
        private final Map<String, Boolean> folderOk = new HashMap<>();
        private final Map<String, Boolean> treeOk = new HashMap<>();
        private final Map<String, String> kindsNow = new HashMap<>();
        private final Map<String, String> identities = new HashMap<>();
        private final Map<String, Unit> executed = new HashMap<>();
        private final Set<String> plan = new HashSet<>();
        private String why;
        private boolean prevalidated;
        /** The files of the table found changed when the run began. */
        private final Set<String> staleFiles = new HashSet<>();
        private boolean dirty;

        Session(SemanticModel model, LibraryRegistry registry, Workspace ws) {
            this.model = model;
            this.registry = registry;
            this.ws = ws;
            this.root = ws.root();
            ws.hashContents();
            // the listings the last walk saw: this run's walk reads again only the folders that changed since
            Map<String, FileIndex.Prior> prior = new HashMap<>();
            folders.forEach((rel, f) -> {
                if (f.entries() != null && f.stamp() != null) {
                    prior.put(rel, new FileIndex.Prior(f.stamp(), f.observedAt(), f.entries(), f.listing()));
                }
            });
            ws.priorListings(prior);
            List<SourceFile> fs = model.files();
            for (int i = 0; i < fs.size(); i++) sourceIndex.put(fs.get(i).source(), i);
            this.modelHash = modelHash();
        }

        private String modelHash() {
            StringBuilder b = new StringBuilder();
            b.append("format ").append(FORMAT).append('\0').append(ProductVersion.get()).append('\0').append(root)
                    .append('\0');
            for (SourceFile f : model.files()) {
                b.append(f.path()).append('\0').append(f.isRoot()).append('\0').append(f.source().text()).append('\0');
            }
            for (Diagnostic d : model.diagnostics()) {
                b.append(d.code()).append(' ').append(d.message()).append(' ').append(d.source().name()).append(' ')
                        .append(d.span()).append('\0');
            }
            // every library's name and kind, but the function lists only of the libraries the analysis looked up (the
            // others cannot have shaped the model): asking an unused library (the bundled TypeScript module) for its
            // list would load it, most of a small check's time
            for (Library lib : registry.libraries()) b.append(lib.name()).append(' ').append(lib.kind()).append('\0');
            // (a built-in's list is the product version's, already in the hash)
            for (org.hielements.semantics.LibrarySymbol lib : model.libraries()) {
                boolean builtin = registry.get(lib.name()).map(l -> l.kind() == LibraryKind.BUILTIN).orElse(false);
                b.append(lib.name()).append(' ').append(lib.known()).append(' ')
                        .append(builtin ? "builtin" : lib.doc().map(LibraryDoc::toString).orElse("?")).append('\0');
            }
            return InputProbe.hash(b.toString());
        }

        /** The key of a unit: {@code what} ("check 3", "rest") of {@code element}. */
        String key(ElementSymbol element, String what) {
            String k = InputProbe.hash(modelHash + '\0' + element.file().path() + '\0' + element.path() + '\0' + what);
            plan.add(k);
            return k;
        }

        /** A unit to replay: its outcome (null for the rest of an element) and diagnostics; null to compute it. */
        record Replay(Outcome outcome, List<Diagnostic> diagnostics) {}

        Replay lookup(String key) {
            if (!prevalidated) {        // every file of the table at once (or taken from an earlier prevalidate)
                prevalidated = true;
                Validation v = validation;
                validation = null;      // for one run only
                if (v == null || !v.root().equals(root)) v = validateFiles(root, ws.startedAt());
                staleFiles.addAll(v.stale());
                dirty |= v.renewed();
                // a file changed: some check will run again, and most ask for the listing; the walk starts now, on the
                // processor the outcomes replayed before that check leave idle
                if (!staleFiles.isEmpty()) ws.prefetchIndex();
            }
            Unit u = units.get(key);
            why = u == null ? "not in the cache" : changed(u);
            if (why != null) return null;
            why = "kept a place that is gone";
            Outcome o = null;
            if (u.outcome() != null) {
                o = decode(u.outcome());
                if (o == null) return null;
            }
            List<Diagnostic> ds = new ArrayList<>();
            for (Diag d : u.diagnostics()) {
                Diagnostic x = decode(d);
                if (x == null) return null;
                ds.add(x);
            }
            why = null;
            return new Replay(o, ds);
        }

        /** Keeps what a unit computed, when it may be reused. */
        void store(String key, Inputs inputs, Outcome outcome, List<Diagnostic> diagnostics) {
            Inputs.Flat flat = inputs.flatten();
            if (flat.whyUncacheable() != null) return;
            for (String f : flat.files()) {
                Workspace.Observed o = ws.observed().get(f);
                if (o == null || o.unstable()) return;
            }
            Stored s = null;
            if (outcome != null) {
                s = encode(outcome);
                if (s == null) return;
            }
            List<Diag> ds = new ArrayList<>();
            for (Diagnostic d : diagnostics) {
                Diag x = encode(d);
                if (x == null) return;
                ds.add(x);
            }
            dirty = true;
            executed.put(key, new Unit(List.copyOf(flat.files()), Map.copyOf(flat.kinds()), List.copyOf(flat.trees()),
                    Map.copyOf(flat.libraries()), s, ds));
        }

        // ------------------------------------------------------------------------------- validation

        /** Why the unit cannot be reused now (the first input found changed), or null when it can. */
        private String changed(Unit u) {
            for (Map.Entry<String, String> l : u.libraries().entrySet()) {
                if (!l.getValue().equals(identity(l.getKey()))) return "library " + l.getKey();
            }
            for (String t : u.trees()) {
                if (!treeOk.computeIfAbsent(t, this::checkTree)) return "the files under " + shown(t);
            }
            if (!staleFiles.isEmpty() || !prevalidated) {     // a unit's files are all in the table, checked above
                for (String f : u.files()) {
                    // every file of the table was checked when the run began; one outside it is not known
                    if (staleFiles.contains(f) || !files.containsKey(f)) return shown(f);
                }
            }
            for (Map.Entry<String, String> k : u.kinds().entrySet()) {
                // looked at once per run (a scope's folder is the input of every check on it; each look resolves links)
                String now = kindsNow.computeIfAbsent(k.getKey(), rel -> InputProbe.kind(root, abs(rel)));
                if (!now.equals(k.getValue())) return shown(k.getKey());
            }
            return null;
        }

        private static String shown(String rel) {
            return rel.isEmpty() ? "." : rel;
        }

        /** Why the last {@link #lookup} found nothing to reuse ("new", or the input that changed). */
        String why() {
            return why;
        }

        /** The identity of library {@code name} now ("missing" when the registry has none, "none" if not cacheable). */
        String identity(String name) {
            return identities.computeIfAbsent(name, n -> {
                Optional<Library> lib = registry.get(n);
                if (lib.isEmpty()) return "missing";
                String id = lib.get().cacheIdentity();
                return id == null ? "none" : id;
            });
        }

        private Path abs(String rel) {
            return rel.isEmpty() ? root : root.resolve(rel);
        }

        private boolean checkFolder(String rel) {
            FolderEntry e = folders.get(rel);
            if (e == null || e.stamp() == null) return false;
            Path p = abs(rel);
            InputProbe.Stamp now = InputProbe.stamp(p);
            if (now == null || !now.directory()) return false;
            if (now.equals(e.stamp()) && !e.stamp().racy(e.observedAt())) return true;
            String listing = InputProbe.listing(root, p);
            if (!listing.equals(e.listing())) return false;
            folders.put(rel, new FolderEntry(now, listing, ws.startedAt(), null));
            dirty = true;
            return true;
        }

        private boolean checkTree(String dir) {
            if (!folders.containsKey(dir)) {
                String a = ancestor(folders, dir);
                return a != null && folderOk.computeIfAbsent(a, this::checkFolder);
            }
            for (String f : under(folders, dir)) {
                if (!folderOk.computeIfAbsent(f, this::checkFolder)) return false;
            }
            return true;
        }

        // ------------------------------------------------------------------------------- the end of the run

        /**
         * Keeps the units of this run's plan that are still true, with the file and folder tables they need; returns
         * whether anything changed (else the cache need not be written again).
         */
        boolean finish() {
            int before = units.size();
            Set<String> changedFiles = new HashSet<>();
            ws.observed().forEach((rel, o) -> {
                FileEntry old = files.get(rel);
                if (old != null && !old.stateText().equals(o.state())) changedFiles.add(rel);
                if (o.unstable()) {
                    changedFiles.add(rel);
                    if (files.remove(rel) != null) namesChanged = true;
                } else {
                    putFile(rel, new FileEntry(o.stamp(), o.linked(), o.state(), ws.startedAt()));
                }
            });
            Map<String, FileIndex.Folder> walked = ws.walkedFolders();
            Set<String> changedFolders = new HashSet<>();
            NavigableMap<String, FolderEntry> oldFolders = new TreeMap<>(folders);
            if (!walked.isEmpty()) {
                for (Map.Entry<String, FolderEntry> e : oldFolders.entrySet()) {
                    FileIndex.Folder now = walked.get(e.getKey());
                    if (now == null || !now.listing().equals(e.getValue().listing())) changedFolders.add(e.getKey());
                }
                folders.clear();
                walked.forEach((rel, f) -> folders.put(rel,
                        new FolderEntry(f.stamp(), f.listing(), ws.startedAt(), f.entries())));
            }
            Map<String, Unit> kept = new LinkedHashMap<>();
            for (String key : plan) {
                Unit fresh = executed.get(key);
                if (fresh != null) {
                    kept.put(key, fresh);
                    continue;
                }
                Unit old = units.get(key);
                if (old == null) continue;
                // (every file of a unit is in the table, which lost only files found changed: with no change, none is)
                boolean anyChange = !changedFiles.isEmpty() || !changedFolders.isEmpty();
                if (!anyChange || !touched(old, changedFiles, changedFolders, oldFolders)) kept.put(key, old);
            }
            boolean same = executed.isEmpty() && changedFiles.isEmpty() && walked.isEmpty()
                    && kept.size() == units.size();
            Set<String> unneeded = same ? Set.of() : mayBeUnneeded(kept);
            units.clear();
            units.putAll(kept);
            if (same) {             // the same units over the same tables: nothing to collect
                modified |= dirty;
                return dirty;
            }
            boolean trees = false;
            for (Unit u : kept.values()) trees |= !u.trees().isEmpty();
            int filesBefore = files.size();
            int foldersBefore = folders.size();
            if (!unneeded.isEmpty()) {          // some may be: keep the files a kept unit read
                Set<String> needed = new HashSet<>();
                for (Unit u : kept.values()) needed.addAll(u.files());
                if (files.keySet().retainAll(needed)) namesChanged = true;
            }
            if (!trees) folders.clear();
            boolean changed = dirty || !changedFiles.isEmpty() || !walked.isEmpty() || units.size() != before
                    || files.size() != filesBefore || folders.size() != foldersBefore;
            modified |= changed;
            return changed;
        }

        /**
         * The files of the table that may no longer be read by any unit kept: those of the units not kept as they were
         * and those this run observed, less those the units this run computed read. Every other file of the table is
         * still read by the unit that read it before (each file of the table is some unit's, as each finish leaves it).
         * Usually empty after an edit: the checks run again read the files they read before.
         */
        private Set<String> mayBeUnneeded(Map<String, Unit> kept) {
            Set<String> maybe = new HashSet<>(ws.observed().keySet());
            for (Map.Entry<String, Unit> e : units.entrySet()) {
                if (kept.get(e.getKey()) != e.getValue()) maybe.addAll(e.getValue().files());
            }
            for (Unit fresh : executed.values()) {
                if (maybe.isEmpty()) break;
                maybe.removeAll(fresh.files());
            }
            return maybe;
        }

        /**
         * Whether a unit read a file or a listing this run found changed (then it is not kept). (A file the table lost
         * this run is among the changed ones: the table loses only files that changed while read.)
         */
        private boolean touched(Unit old, Set<String> changedFiles, Set<String> changedFolders,
                NavigableMap<String, FolderEntry> oldFolders) {
            for (String f : old.files()) {
                if (changedFiles.contains(f)) return true;
            }
            for (String t : old.trees()) {
                for (String c : changedFolders) {
                    if (covers(oldFolders, t, c)) return true;
                }
            }
            return false;
        }

        // ------------------------------------------------------------------------------- outcomes as data

        private Place place(SourceText source, Span span, String message, Path file) {
            if (file != null) {
                return new Place(-1, file.toString(), span.start(), span.end(), message);
            }
            Integer i = sourceIndex.get(source);
            return i == null ? null : new Place(i, null, span.start(), span.end(), message);
        }

        private List<Place> places(List<Diagnostic.Related> related) {
            List<Place> out = new ArrayList<>();
            for (Diagnostic.Related r : related) {
                Place p = place(r.source(), r.span(), r.message(), r.file());
                if (p == null) return null;
                out.add(p);
            }
            return out;
        }

        private Stored encode(Outcome o) {
            Place at = place(o.source(), o.span(), "", null);
            List<Place> rel = places(o.related());
            if (at == null || rel == null) return null;
            return new Stored(o.kind(), o.element(), o.check(), o.status(), o.message(), o.code(), at, rel, o.origin(),
                    o.reportedStatically());
        }

        private Diag encode(Diagnostic d) {
            Place at = place(d.source(), d.span(), "", null);
            List<Place> rel = places(d.related());
            if (at == null || rel == null) return null;
            return new Diag(d.code(), d.severity(), d.message(), at, rel);
        }

        private SourceText source(Place p) {
            if (p.source() >= 0) {
                return p.source() < model.files().size() ? model.files().get(p.source()).source() : null;
            }
            return ws.source(Path.of(p.file())).orElse(null);
        }

        private List<Diagnostic.Related> related(List<Place> places) {
            List<Diagnostic.Related> out = new ArrayList<>();
            for (Place p : places) {
                SourceText src = source(p);
                if (src == null || p.end() > src.text().length()) return null;
                out.add(new Diagnostic.Related(src, new Span(p.start(), p.end()), p.message(),
                        p.file() == null ? null : Path.of(p.file())));
            }
            return out;
        }

        private Outcome decode(Stored s) {
            SourceText src = source(s.at());
            List<Diagnostic.Related> rel = related(s.related());
            if (src == null || rel == null) return null;
            return new Outcome(s.kind(), s.element(), s.check(), s.status(), s.message(), s.code(), src,
                    new Span(s.at().start(), s.at().end()), rel, s.origin(), s.reportedStatically());
        }

        private Diagnostic decode(Diag d) {
            SourceText src = source(d.at());
            List<Diagnostic.Related> rel = related(d.related());
            if (src == null || rel == null) return null;
            return new Diagnostic(d.code(), d.severity(), d.message(), src, new Span(d.at().start(), d.at().end()),
                    rel);
        }
    }

    Session begin(SemanticModel model, LibraryRegistry registry, Workspace ws) {
        return new Session(model, registry, ws);
    }

    // ============================================================================================ the file table now

    /** The files of the table found changed, under {@code root}; {@code renewed}: an entry was hashed again, equal. */
    private record Validation(Path root, Set<String> stale, boolean renewed) {}

    /** A {@link #prevalidate} not used by a run yet. */
    private volatile Validation validation;

    /**
     * Compares every file of the table with the disk now, as the next run on {@code root} (absolute, real) would at its
     * first lookup: so that it can be done earlier, on another thread, while the run's files are parsed and analysed.
     * That run starts from this result: a file that changes between the two is as one that changes while a run replays
     * outcomes (what the run reads is observed then; the table keeps the stamp seen here, so the next run sees the
     * change). Entries hashed again here are renewed as observed when this began, before the run began: their stamps
     * are trusted no sooner than the run's own would be.
     */
    public void prevalidate(Path root) {
        validation = validateFiles(root, InputProbe.now());
    }

    /** Every file of the table at once, on every processor: one {@code lstat} each, a hash when the stamp is racy. */
    private Validation validateFiles(Path root, long observedAt) {
        String[] all = files.keySet().toArray(new String[0]);
        byte[] verdict = new byte[all.length];
        InputProbe.RealFolders realFolders = new InputProbe.RealFolders();
        java.util.stream.IntStream.range(0, all.length).parallel()
                .forEach(i -> verdict[i] = checkFile(root, all[i], realFolders, observedAt));
        Set<String> stale = new HashSet<>();
        boolean renewed = false;
        for (int i = 0; i < all.length; i++) {
            if (verdict[i] == CHANGED) stale.add(all[i]);
            renewed |= verdict[i] == RENEWED;
        }
        return new Validation(root, stale, renewed);
    }

    /** Replaces (or adds) a file's entry, noting it for the next {@link #write}. */
    private void putFile(String rel, FileEntry e) {
        if (files.put(rel, e) == null) namesChanged = true;
        renewed.add(rel);
    }

    private static final byte CHANGED = 0;
    private static final byte SAME = 1;
    private static final byte RENEWED = 2;

    /**
     * Whether file {@code rel} is as the table has it: its stamp unchanged (and trusted), or else its content hashed
     * again and equal, when its entry is renewed with the new stamp ({@link #RENEWED}).
     */
    private byte checkFile(Path root, String rel, InputProbe.RealFolders realFolders, long observedAt) {
        FileEntry e = files.get(rel);
        if (e == null) return CHANGED;
        Path p = rel.isEmpty() ? root : root.resolve(rel);
        if (e.stamp() != null && !e.linked() && !e.stamp().racy(e.observedAt())
                && e.stamp().equals(InputProbe.stamp(p))) {
            return SAME;
        }
        InputProbe.Content c = InputProbe.content(root, p, true, realFolders);
        if (!c.state().equals(e.stateText())) return CHANGED;
        putFile(rel, new FileEntry(c.stamp(), c.linked(), c.state(), observedAt));
        return RENEWED;
    }

    // ============================================================================================ folders

    /** The folders of the table under {@code dir}, {@code dir} included ({@code ""}: every folder). */
    static List<String> under(NavigableMap<String, ?> table, String dir) {
        if (dir.isEmpty()) return new ArrayList<>(table.keySet());
        List<String> out = new ArrayList<>();
        if (table.containsKey(dir)) out.add(dir);
        out.addAll(table.subMap(dir + "/", true, dir + "0", false).keySet());   // '0' follows '/'
        return out;
    }

    /** The nearest folder of the table above {@code dir}; null when there is none. */
    static String ancestor(NavigableMap<String, ?> table, String dir) {
        String d = dir;
        while (!d.isEmpty()) {
            int slash = d.lastIndexOf('/');
            d = slash < 0 ? "" : d.substring(0, slash);
            if (table.containsKey(d)) return d;
        }
        return table.containsKey("") && !dir.isEmpty() ? "" : null;
    }

    /** Whether a change of folder {@code changed}'s listing may change the listing under {@code tree}. */
    static boolean covers(NavigableMap<String, ?> table, String tree, String changed) {
        if (!table.containsKey(tree)) return changed.equals(ancestor(table, tree));
        return tree.isEmpty() || changed.equals(tree) || changed.startsWith(tree + "/");
    }

    // ============================================================================================ bytes

    /** The cache as bytes: magic number, format, product version, then the tables. */
    public byte[] write() {
        return write(true);
    }

    /** As {@link #write()}; without {@code reuse}, every entry is encoded again (the same bytes: a test compares). */
    byte[] write(boolean reuse) {
        CacheBytes.Out out = new CacheBytes.Out(64 * 1024 + files.size() * 64);
        try {
            out.write(MAGIC);
            out.writeInt(FORMAT);
            str(out, ProductVersion.get());
            // the file table sorted, each name as the length it shares with the previous one and the rest; a unit's
            // files as runs of consecutive indices. The folder and unit tables are written on another thread while
            // this one writes the file table; entries and units unchanged since the cache was read are copied as
            // bytes (a cold JVM took 45 ms to encode the tables of a 20,000-file repository again, 15-25 now).
            List<String> sorted = sortedNames();
            java.util.concurrent.CompletableFuture<CacheBytes.Out> rest =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        CacheBytes.Out o = new CacheBytes.Out(64 * 1024 + files.size() * 16);
                        try {
                            writeFolders(o);
                            writeUnits(o, sorted, reuse);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return o;
                    });
            out.writeInt(sorted.size());
            writeFileTable(out, sorted, reuse);
            out.write(rest.join());
            out.write(MAGIC);        // the end: a file cut short is never read as a smaller cache
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * The names of the file table, sorted: the names read that are still there when no other came (the case of an
     * edit: sorting 20,000 paths again was a tenth of writing), else every name sorted.
     */
    private List<String> sortedNames() {
        if (!namesChanged && readOrder.size() == files.size() && readBytes != null) return readOrder;
        List<String> sorted = new ArrayList<>(files.size());
        String last = null;
        boolean ordered = true;
        for (String name : readOrder) {
            if (!files.containsKey(name)) continue;
            ordered &= last == null || last.compareTo(name) < 0;      // sorted and without repeats, as written
            sorted.add(name);
            last = name;
        }
        if (ordered && sorted.size() == files.size()) return sorted;
        sorted = new ArrayList<>(files.keySet());
        sorted.sort(null);
        return sorted;
    }

    /**
     * The entries of the file table, in {@code sorted} order. When the names are those read, in the same order, an
     * entry still the object read is the bytes read (its name's encoding depends on the name before it only): runs of
     * them are copied, and only the entries a run renewed or changed are encoded again.
     */
    private void writeFileTable(CacheBytes.Out out, List<String> sorted, boolean reuse) throws IOException {
        if (!reuse || !sameNames(sorted)) {
            String prev = "";
            for (String name : sorted) {
                writeFile(out, prev, name, files.get(name));
                prev = name;
            }
            return;
        }
        // the names read, in their order: copy the bytes between the entries renewed since, encode those
        int[] changed = new int[renewed.size()];
        int n = 0;
        for (String name : renewed) {
            int i = java.util.Collections.binarySearch(readOrder, name);
            if (i >= 0) changed[n++] = i;
        }
        java.util.Arrays.sort(changed, 0, n);
        int from = 0;                   // the first entry not written yet
        for (int k = 0; k < n; k++) {
            int i = changed[k];
            if (i < from) continue;     // (listed twice)
            out.write(readBytes, readOffsets[from], readOffsets[i] - readOffsets[from]);
            String name = readOrder.get(i);
            writeFile(out, i == 0 ? "" : readOrder.get(i - 1), name, files.get(name));
            from = i + 1;
        }
        out.write(readBytes, readOffsets[from], readOffsets[readOrder.size()] - readOffsets[from]);
    }

    /** Whether {@code sorted} is the table's names as read, in their order (so their bytes can be copied). */
    private boolean sameNames(List<String> sorted) {
        return readBytes != null && !namesChanged && sorted == readOrder && readOffsets.length == sorted.size() + 1;
    }

    /** The position of each name in the sorted file table. */
    private static Map<String, Integer> indexOf(List<String> sorted) {
        Map<String, Integer> index = new HashMap<>(sorted.size() * 2);
        for (String name : sorted) index.put(name, index.size());
        return index;
    }

    private void writeFolders(CacheBytes.Out out) throws IOException {
        out.writeInt(folders.size());
        for (Map.Entry<String, FolderEntry> e : folders.entrySet()) {
            str(out, e.getKey());
            stamp(out, e.getValue().stamp());
            str(out, e.getValue().listing());
            out.writeLong(e.getValue().observedAt());
            List<String> entries = e.getValue().entries();
            out.writeInt(entries == null ? -1 : entries.size());
            if (entries != null) for (String x : entries) str(out, x);
        }
    }

    /**
     * The unit table. With the file table's names as read (so its indices too), a unit kept from the cache read is its
     * bytes as read (key included), copied; the others are encoded.
     */
    private void writeUnits(CacheBytes.Out out, List<String> sorted, boolean reuse) throws IOException {
        boolean copy = reuse && sameNames(sorted);
        Map<String, Integer> index = null;
        out.writeInt(units.size());
        for (Map.Entry<String, Unit> e : units.entrySet()) {
            long[] range = copy ? readUnits.get(e.getValue()) : null;
            if (range != null) {
                out.write(readBytes, (int) range[0], (int) (range[1] - range[0]));
                continue;
            }
            if (index == null) index = indexOf(sorted);
            str(out, e.getKey());
            writeUnit(out, e.getValue(), index);
        }
    }

    private static void writeUnit(CacheBytes.Out out, Unit u, Map<String, Integer> index) throws IOException {
        writeRuns(out, u.files(), index);
        map(out, u.kinds());
        strs(out, u.trees());
        map(out, u.libraries());
        out.writeBoolean(u.outcome() != null);
        if (u.outcome() != null) {
            Stored s = u.outcome();
            out.writeByte(s.kind().ordinal());
            str(out, s.element());
            str(out, s.check());
            out.writeByte(s.status().ordinal());
            str(out, s.message());
            str(out, s.code());
            place(out, s.at());
            out.writeInt(s.related().size());
            for (Place p : s.related()) place(out, p);
            str(out, s.origin());
            out.writeBoolean(s.reportedStatically());
        }
        out.writeInt(u.diagnostics().size());
        for (Diag d : u.diagnostics()) {
            str(out, d.code());
            out.writeByte(d.severity().ordinal());
            str(out, d.message());
            place(out, d.at());
            out.writeInt(d.related().size());
            for (Place p : d.related()) place(out, p);
        }
    }

    // The bodies of the loops over the tables are methods of their own: in a new JVM a loop of 20,000 turns runs in the
    // interpreter (compiled on the stack only past 60,000), a method called 20,000 times is compiled after 200 calls.

    /** One entry of the file table: its name as the length it shares with the previous name and the rest. */
    private static void writeFile(CacheBytes.Out out, String prev, String name, FileEntry e) throws IOException {
        int shared = Math.min(sharedPrefix(prev, name), 0xFFFF);
        out.writeShort(shared);
        str(out, name.substring(shared));
        stamp(out, e.stamp());
        out.writeBoolean(e.linked());
        state(out, e.state());
        out.writeLong(e.observedAt());
    }

    private static int sharedPrefix(String a, String b) {
        int max = Math.min(a.length(), b.length());
        int n = 0;
        while (n < max && a.charAt(n) == b.charAt(n)) n++;
        return n;
    }

    /** A unit's files as runs of consecutive indices of the sorted file table (every one is in it). */
    private static void writeRuns(CacheBytes.Out out, List<String> unitFiles, Map<String, Integer> index) {
        int[] ids = new int[unitFiles.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = index.get(unitFiles.get(i));
        java.util.Arrays.sort(ids);
        int[] starts = new int[ids.length];
        int[] lengths = new int[ids.length];
        int runs = 0;
        for (int id : ids) {
            if (runs > 0 && starts[runs - 1] + lengths[runs - 1] == id) {
                lengths[runs - 1]++;
            } else {
                starts[runs] = id;
                lengths[runs++] = 1;
            }
        }
        out.writeInt(runs);
        for (int r = 0; r < runs; r++) {
            out.writeInt(starts[r]);
            out.writeInt(lengths[r]);
        }
    }

    /** One entry of the file table, read after {@code prev}; its name is returned. */
    private static String readFile(CacheBytes.In in, String prev, Map<String, FileEntry> files) throws IOException {
        int shared = in.readUnsignedShort();
        String rest = str(in);
        if (shared > prev.length() || rest == null) throw new IOException("a name out of range");
        String name = prev.substring(0, shared).concat(rest);
        files.put(name, new FileEntry(stamp(in), in.readBoolean(), state(in), in.readLong()));
        return name;
    }

    /** A listing entry (a type letter and a name). */
    private static String readListingEntry(CacheBytes.In in) throws IOException {
        String x = str(in);
        if (x == null || x.isEmpty()) throw new IOException("an empty listing entry");
        return x;
    }

    /**
     * The cache in {@code bytes}; an empty cache when they are not a whole cache of this format and product version
     * ({@code problem} is told why).
     */
    public static CheckCache read(byte[] bytes, Consumer<String> problem) {
        try {
            CacheBytes.In in = new CacheBytes.In(bytes);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                problem.accept("not a cache file");
                return empty();
            }
            int format = in.readInt();
            String version = str(in);
            if (format != FORMAT || !ProductVersion.get().equals(version)) {
                problem.accept("written by another version (" + version + ", format " + format + ")");
                return empty();
            }
            Map<String, FileEntry> files = new java.util.concurrent.ConcurrentHashMap<>();
            List<String> names = new ArrayList<>();
            String prev = "";
            int tableSize = count(in);
            int[] offsets = new int[tableSize + 1];
            for (int i = 0; i < tableSize; i++) {
                offsets[i] = in.position();
                prev = readFile(in, prev, files);
                names.add(prev);
            }
            offsets[tableSize] = in.position();
            NavigableMap<String, FolderEntry> folders = new TreeMap<>();
            for (int i = 0, n = count(in); i < n; i++) {
                String rel = str(in);
                InputProbe.Stamp stamp = stamp(in);
                String listing = str(in);
                long observedAt = in.readLong();
                int m = in.readInt();
                List<String> entries = null;
                if (m >= 0) {
                    entries = new ArrayList<>(Math.min(m, 4096));
                    for (int k = 0; k < m; k++) entries.add(readListingEntry(in));
                } else if (m != -1) {
                    throw new IOException("a listing of negative size");
                }
                folders.put(rel, new FolderEntry(stamp, listing, observedAt, entries));
            }
            Map<String, Unit> units = new LinkedHashMap<>();
            Outcome.Kind[] kinds = Outcome.Kind.values();
            Outcome.Status[] statuses = Outcome.Status.values();
            Severity[] severities = Severity.values();
            Map<Unit, long[]> unitRanges = new java.util.IdentityHashMap<>();
            for (int i = 0, n = count(in); i < n; i++) {
                int unitStart = in.position();
                String key = str(in);
                List<String> fs = new ArrayList<>();
                for (int j = 0, m = count(in); j < m; j++) {
                    int first = in.readInt();
                    int length = in.readInt();
                    if (first < 0 || length < 0 || first + length > names.size()) throw new IOException("a bad run");
                    fs.addAll(names.subList(first, first + length));
                }
                Map<String, String> ks = map(in);
                List<String> ts = strs(in);
                Map<String, String> ls = map(in);
                Stored s = null;
                if (in.readBoolean()) {
                    Outcome.Kind kind = kinds[in.readUnsignedByte() % kinds.length];
                    String element = str(in);
                    String check = str(in);
                    Outcome.Status status = statuses[in.readUnsignedByte() % statuses.length];
                    String message = str(in);
                    String code = str(in);
                    Place at = place(in);
                    List<Place> rel = new ArrayList<>();
                    for (int j = 0, m = count(in); j < m; j++) rel.add(place(in));
                    s = new Stored(kind, element, check, status, message, code, at, rel, str(in), in.readBoolean());
                    if (element == null || check == null || (status != Outcome.Status.PASS && message == null)) {
                        throw new IOException("an outcome without its text");
                    }
                }
                List<Diag> ds = new ArrayList<>();
                for (int j = 0, m = count(in); j < m; j++) {
                    String code = str(in);
                    Severity sev = severities[in.readUnsignedByte() % severities.length];
                    String message = str(in);
                    Place at = place(in);
                    List<Place> rel = new ArrayList<>();
                    for (int k = 0, r = count(in); k < r; k++) rel.add(place(in));
                    if (code == null || message == null) throw new IOException("a diagnostic without its text");
                    ds.add(new Diag(code, sev, message, at, rel));
                }
                Unit unit = new Unit(fs, ks, ts, ls, s, ds);
                units.put(key, unit);
                unitRanges.put(unit, new long[] {unitStart, in.position()});
            }
            if (!java.util.Arrays.equals(in.readNBytes(MAGIC.length), MAGIC) || in.read() != -1) {
                problem.accept("damaged (its end is missing or followed by more bytes)");
                return empty();
            }
            CheckCache read = new CheckCache(files, folders, units);
            read.readOrder = names;
            if (names.size() == files.size()) {         // (no name twice: else every entry is written again)
                read.readBytes = bytes;
                read.readOffsets = offsets;
                read.readUnits = unitRanges;
            }
            return read;
        } catch (IOException | RuntimeException e) {
            problem.accept("damaged (" + e.getClass().getSimpleName() + ")");
            return empty();
        }
    }

    private static int count(CacheBytes.In in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) throw new IOException("a count past the end");
        return n;
    }

    private static void str(CacheBytes.Out out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(CacheBytes.In in) throws IOException {
        int n = in.readInt();
        if (n == -1) return null;
        if (n < 0 || n > in.available()) throw new IOException("a string past the end");
        return in.utf8(n);
    }

    private static void strs(CacheBytes.Out out, List<String> xs) throws IOException {
        out.writeInt(xs.size());
        for (String x : xs) str(out, x);
    }

    private static List<String> strs(CacheBytes.In in) throws IOException {
        List<String> out = new ArrayList<>();
        for (int i = 0, n = count(in); i < n; i++) out.add(java.util.Objects.requireNonNull(str(in)));
        return out;
    }

    /** A map, its keys in order (the same map is the same bytes, whatever the map's own order). */
    private static void map(CacheBytes.Out out, Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        List<String> keys = new ArrayList<>(m.keySet());
        if (keys.size() > 1) keys.sort(null);
        for (String k : keys) {
            str(out, k);
            str(out, m.get(k));
        }
    }

    private static Map<String, String> map(CacheBytes.In in) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (int i = 0, n = count(in); i < n; i++) {
            out.put(java.util.Objects.requireNonNull(str(in)), java.util.Objects.requireNonNull(str(in)));
        }
        return out;
    }

    private static final String FILE = "file:";
    private static final int HASH_CHARS = 22;

    /** A file's state: the usual {@code file:HASH} as 16 bytes, anything else as its text. */
    private static void state(CacheBytes.Out out, Object value) throws IOException {
        if (value instanceof byte[] raw) {
            out.writeByte(1);
            out.write(raw);
            return;
        }
        String state = (String) value;
        if (state.length() == FILE.length() + HASH_CHARS && state.startsWith(FILE)) {
            byte[] raw = java.util.Base64.getDecoder().decode(state.substring(FILE.length()));
            if (raw.length == 16) {
                out.writeByte(1);
                out.write(raw);
                return;
            }
        }
        out.writeByte(0);
        str(out, state);
    }

    private static Object state(CacheBytes.In in) throws IOException {
        int tag = in.readUnsignedByte();
        if (tag == 1) {
            byte[] raw = in.readNBytes(16);
            if (raw.length != 16) throw new IOException("a state cut short");
            return raw;
        }
        if (tag != 0) throw new IOException("a bad state");
        return java.util.Objects.requireNonNull(str(in));
    }

    private static void stamp(CacheBytes.Out out, InputProbe.Stamp s) throws IOException {
        out.writeBoolean(s != null);
        if (s == null) return;
        out.writeLong(s.size());
        out.writeLong(s.mtime());
        out.writeInt(s.key());
        out.writeBoolean(s.directory());
    }

    private static InputProbe.Stamp stamp(CacheBytes.In in) throws IOException {
        if (!in.readBoolean()) return null;
        return new InputProbe.Stamp(in.readLong(), in.readLong(), in.readInt(), in.readBoolean());
    }

    private static void place(CacheBytes.Out out, Place p) throws IOException {
        out.writeInt(p.source());
        str(out, p.file());
        out.writeInt(p.start());
        out.writeInt(p.end());
        str(out, p.message());
    }

    private static Place place(CacheBytes.In in) throws IOException {
        int source = in.readInt();
        String file = str(in);
        int start = in.readInt();
        int end = in.readInt();
        String message = str(in);
        if (start < 0 || end < start || (source < 0 && file == null)) throw new IOException("a place out of range");
        return new Place(source, file, start, end, message);
    }
}
