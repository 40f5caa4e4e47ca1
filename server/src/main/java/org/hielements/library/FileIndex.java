package org.hielements.library;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one listing of a workspace: every regular file, directory and link under the root, found by a single walk
 * that does not follow symbolic links (a link is listed by name among {@link #links()}, never among the files, and a
 * symlinked directory is not entered, so
 * nothing outside the workspace is ever reached) and skips unreadable directories. Entries are sorted by path
 * segment, which is the order upstream's glob returns. Built by {@link Workspace#index()}, once per run.
 */
public final class FileIndex {
    private static final Logger LOG = Logger.getLogger(FileIndex.class.getName());

    /**
     * One listed file or directory: its workspace-relative path ({@code /}-separated), segments and absolute path. The
     * absolute path of an entry taken from a reused listing is made when first asked for (most never are: a walk that
     * reuses 20,000 entries made as many paths for nothing).
     */
    public static final class Entry {
        private final String path;
        private final List<String> segments;
        private final Path folder;
        private final String name;
        private Path absolute;          // immutable once made: a racy first use makes an equal one

        Entry(String path, List<String> segments, Path absolute) {
            this.path = path;
            this.segments = segments;
            this.absolute = absolute;
            this.folder = null;
            this.name = null;
        }

        /** An entry whose absolute path is {@code folder.resolve(name)}, made on first use. */
        Entry(String path, List<String> segments, Path folder, String name) {
            this.path = path;
            this.segments = segments;
            this.folder = folder;
            this.name = name;
        }

        public String path() {
            return path;
        }

        public List<String> segments() {
            return segments;
        }

        public Path absolute() {
            Path a = absolute;
            if (a == null) {
                a = folder.resolve(name);
                absolute = a;
            }
            return a;
        }

        /** The last segment. */
        public String name() {
            return segments.get(segments.size() - 1);
        }

        /** Whether the name ends in {@code .ext} after a non-empty stem (as Rust's {@code Path::extension}). */
        public boolean hasExtension(String ext) {
            String n = name();
            int dot = n.lastIndexOf('.');
            return dot > 0 && n.length() - dot - 1 == ext.length() && n.startsWith(ext, dot + 1);
        }

        /** The name without its extension (Rust's {@code Path::file_stem}). */
        public String stem() {
            String n = name();
            int dot = n.lastIndexOf('.');
            return dot > 0 ? n.substring(0, dot) : n;
        }

        /** Whether this entry lies strictly under the directory {@code dirSegments} (empty list: the root). */
        public boolean isUnder(List<String> dirSegments) {
            if (segments.size() <= dirSegments.size()) return false;
            for (int i = 0; i < dirSegments.size(); i++) {
                if (!segments.get(i).equals(dirSegments.get(i))) return false;
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && path.equals(e.path) && absolute().equals(e.absolute());
        }

        @Override
        public int hashCode() {
            return path.hashCode();
        }

        @Override
        public String toString() {
            return "Entry[" + path + "]";
        }
    }

    static final Comparator<Entry> SEGMENT_ORDER = (a, b) -> compareSegments(a.segments, b.segments);

    private final Path root;
    private final List<Entry> files;
    private final List<Entry> directories;
    private final List<Entry> links;
    private final Duration walkTime;
    private final Map<String, Folder> folders;
    private volatile Consumer<String> onTree = rel -> { };

    /**
     * A folder as the walk saw it: its stamp (taken before it was listed), its listing's hash, and the listing itself
     * (type letter and name per entry; null when unreadable), which the next run may reuse ({@link Prior}).
     */
    public record Folder(InputProbe.Stamp stamp, String listing, List<String> entries) {}

    /**
     * A folder's listing as an earlier run saw it, with the stamp it had then and when it was observed: a walk takes the
     * listing instead of reading the folder again while the folder's stamp is the same and was not taken too soon after
     * a change (a folder's modification time changes when an entry is added, removed or renamed, so its files need no
     * stat; its subfolders are still looked at, each against its own prior listing).
     */
    public record Prior(InputProbe.Stamp stamp, long observedAt, List<String> entries, String listing) {
        /** A prior listing whose hash is computed again when it is reused. */
        public Prior(InputProbe.Stamp stamp, long observedAt, List<String> entries) {
            this(stamp, observedAt, entries, null);
        }
    }

    /**
     * The order of a folder's listing entries (a type letter, then the name): by name. Walking a listing in this order
     * lists its files in {@link #SEGMENT_ORDER} (a subfolder's files come where its name sorts), so a walk that reuses
     * listings needs no real sort at the end.
     */
    static final Comparator<String> ENTRY_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 1; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) return x - y;
        }
        return a.length() - b.length();
    };

    private FileIndex(Path root, List<Entry> files, List<Entry> directories, List<Entry> links, Duration walkTime,
            Map<String, Folder> folders) {
        this.root = root;
        this.files = files;
        this.directories = directories;
        this.links = links;
        this.walkTime = walkTime;
        this.folders = folders;
    }

    /** Tells {@code listener} the folder (workspace-relative) whose whole listing each query depends on. */
    void onTree(Consumer<String> listener) {
        this.onTree = listener;
    }

    /** Every folder walked (the root as {@code ""}), with its stamp and listing, for incremental checking. */
    public Map<String, Folder> folders() {
        return folders;
    }

    /** Walks {@code root} (absolute, real) once. Never throws: what cannot be read is skipped and logged. */
    static FileIndex walk(Path root) {
        return walk(root, Map.of());
    }

    /** As {@link #walk(Path)}, reusing the listings of {@code prior} (by workspace-relative folder) still valid. */
    static FileIndex walk(Path root, Map<String, Prior> prior) {
        long start = System.nanoTime();
        List<Entry> files = new ArrayList<>();
        List<Entry> dirs = new ArrayList<>();
        List<Entry> links = new ArrayList<>();
        Map<Path, InputProbe.Stamp> stamps = new HashMap<>();
        Map<Path, List<String>> listings = new HashMap<>();
        Path privateFolder = root.resolve(InputProbe.PRIVATE_FOLDER);
        // folders whose listing came from the prior run: their entries are already listed
        java.util.Set<Path> reused = new java.util.HashSet<>();
        Map<Path, String> knownHashes = new HashMap<>();       // the listing hashes of the reused folders
        if (Files.isDirectory(root)) {
            try {
                Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        if (dir.equals(privateFolder)) return FileVisitResult.SKIP_SUBTREE;   // the cache: never an input
                        if (!dir.equals(root)) {
                            dirs.add(entry(root, dir));
                            if (!reused.contains(dir.getParent())) {
                                listings.computeIfAbsent(dir.getParent(), k -> new ArrayList<>())
                                        .add("d" + dir.getFileName());
                            }
                        }
                        InputProbe.Stamp stamp = InputProbe.of(attrs);
                        stamps.put(dir, stamp);
                        Prior p = prior.isEmpty() ? null : prior.get(InputProbe.relative(root, dir));
                        if (p == null || p.entries() == null || !stamp.equals(p.stamp()) || p.stamp().racy(p.observedAt())) {
                            listings.computeIfAbsent(dir, k -> new ArrayList<>());
                            return FileVisitResult.CONTINUE;
                        }
                        // unchanged since the prior run: its listing as it was, its subfolders walked on their own
                        reused.add(dir);
                        List<String> entries = new ArrayList<>(p.entries());
                        entries.sort(ENTRY_ORDER);      // as written (the sort only checks), so files come in order
                        listings.put(dir, entries);
                        if (p.listing() != null) knownHashes.put(dir, p.listing());
                        String dirRel = InputProbe.relative(root, dir);
                        String[] dirSegments = dirRel.isEmpty() ? new String[0] : dirRel.split("/");
                        for (String e : entries) {
                            if (e.charAt(0) == 'd') {
                                String name = e.substring(1);
                                if (dirRel.isEmpty() && name.equals(InputProbe.PRIVATE_FOLDER)) continue;
                                Files.walkFileTree(dir.resolve(name), Set.of(), Integer.MAX_VALUE, this);
                            } else {
                                listed(e, dirRel, dirSegments, dir, files, links);
                            }
                        }
                        return FileVisitResult.SKIP_SUBTREE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (file.equals(privateFolder)) return FileVisitResult.CONTINUE;
                        if (attrs.isRegularFile()) files.add(entry(root, file));
                        else links.add(entry(root, file));      // symlinks and special files: named, never followed
                        if (!reused.contains(file.getParent())) {
                            listings.computeIfAbsent(file.getParent(), k -> new ArrayList<>())
                                    .add(InputProbe.type(attrs) + file.getFileName().toString());
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) {
                        LOG.log(Level.FINE, "skipped unreadable {0}: {1}", new Object[] {file, exc.toString()});
                        if (!file.equals(privateFolder) && !file.equals(root) && file.getParent() != null
                                && !reused.contains(file.getParent())) {
                            listings.computeIfAbsent(file.getParent(), k -> new ArrayList<>())
                                    .add(InputProbe.type(file) + file.getFileName().toString());
                        }
                        if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            stamps.remove(file);            // unreadable: never trusted, never listed
                            listings.put(file, null);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "walking " + root + " stopped early", e);
            }
        }
        files.sort(SEGMENT_ORDER);
        dirs.sort(SEGMENT_ORDER);
        links.sort(SEGMENT_ORDER);
        Map<String, Folder> folders = new HashMap<>();
        listings.forEach((dir, entries) -> {
            InputProbe.Stamp st = stamps.get(dir);
            if (entries == null || st == null) {
                folders.put(InputProbe.relative(root, dir), new Folder(st, "unreadable", null));
                return;
            }
            if (!reused.contains(dir)) entries.sort(ENTRY_ORDER);      // a reused listing is in order already
            String known = knownHashes.get(dir);
            folders.put(InputProbe.relative(root, dir),
                    new Folder(st, known != null ? known : InputProbe.listingHash(entries), List.copyOf(entries)));
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        LOG.log(Level.FINE, "walked {0}: {1} files, {2} directories in {3} ms",
                new Object[] {root, files.size(), dirs.size(), took.toMillis()});
        return new FileIndex(root, Collections.unmodifiableList(files), Collections.unmodifiableList(dirs),
                Collections.unmodifiableList(links), took, Collections.unmodifiableMap(folders));
    }

    /**
     * Lists the file or link {@code e} of a reused listing (type letter and name) of folder {@code dir}. A method of its
     * own, so that it is compiled after its first calls (the loop that calls it runs in the interpreter in a new JVM).
     */
    private static void listed(String e, String dirRel, String[] dirSegments, Path dir, List<Entry> files,
            List<Entry> links) {
        Entry entry = entry(dirRel, dirSegments, e.substring(1), dir);
        (e.charAt(0) == 'f' ? files : links).add(entry);
    }

    /** The entry {@code name} of the folder {@code dirRel} (workspace-relative, its segments given) at {@code dir}. */
    private static Entry entry(String dirRel, String[] dirSegments, String name, Path dir) {
        String[] segments = Arrays.copyOf(dirSegments, dirSegments.length + 1);
        segments[dirSegments.length] = name;
        return new Entry(dirRel.isEmpty() ? name : dirRel + "/" + name, List.of(segments), dir, name);
    }

    private static Entry entry(Path root, Path p) {
        String rel = InputProbe.relative(root, p);      // from the path's text: no relativized path is made
        int n = 1;
        for (int i = rel.indexOf('/'); i >= 0; i = rel.indexOf('/', i + 1)) n++;
        String[] segments = new String[n];
        int from = 0;
        for (int k = 0; k < n - 1; k++) {
            int slash = rel.indexOf('/', from);
            segments[k] = rel.substring(from, slash);
            from = slash + 1;
        }
        segments[n - 1] = rel.substring(from);
        return new Entry(rel, List.of(segments), p);
    }

    static int compareSegments(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Splits a workspace-relative path into segments ({@code ""} is the root: no segment). */
    public static List<String> segmentsOf(String relative) {
        if (relative.isEmpty() || relative.equals(".")) return List.of();
        return Arrays.asList(relative.split("/"));
    }

    public Path root() {
        return root;
    }

    /** Every regular file, in segment order. */
    public List<Entry> files() {
        onTree.accept("");
        return files;
    }

    /** Every directory except the root, in segment order. */
    public List<Entry> directories() {
        onTree.accept("");
        return directories;
    }

    /**
     * Entries that are neither regular files nor directories (symbolic links, sockets, ...): listed by name only, so
     * a name-based test such as {@code no_files_matching} can count them; never followed, never read.
     */
    public List<Entry> links() {
        onTree.accept("");
        return links;
    }

    /** The regular files anywhere under the directory {@code dirSegments} ({@code List.of()}: all files). */
    public List<Entry> filesUnder(List<String> dirSegments) {
        onTree.accept(String.join("/", dirSegments));
        if (dirSegments.isEmpty()) return files;
        // in segment order the files under a folder are one run, after every entry that sorts before the folder itself
        int lo = 0;
        int hi = files.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareSegments(files.get(mid).segments(), dirSegments) <= 0) lo = mid + 1;
            else hi = mid;
        }
        List<Entry> out = new ArrayList<>();
        for (int i = lo; i < files.size() && files.get(i).isUnder(dirSegments); i++) out.add(files.get(i));
        return out;
    }

    /**
     * Language discovery on top of the listing: the files named {@code *.ext} none of whose directories (below the
     * root; the root itself is never filtered) is excluded by {@code excludedDirectory}.
     */
    public List<Entry> discover(String ext, Predicate<String> excludedDirectory) {
        onTree.accept("");
        List<Entry> out = new ArrayList<>();
        for (Entry e : files) {
            if (discovered(e, ext, excludedDirectory)) out.add(e);
        }
        return out;
    }

    /** Whether {@code e} is a {@code *.ext} file none of whose folders is excluded (a method: compiled early). */
    private static boolean discovered(Entry e, String ext, Predicate<String> excludedDirectory) {
        if (!e.hasExtension(ext)) return false;
        List<String> segs = e.segments();
        for (int i = 0; i < segs.size() - 1; i++) {
            if (excludedDirectory.test(segs.get(i))) return false;
        }
        return true;
    }

    /** How long the walk took. */
    public Duration walkTime() {
        return walkTime;
    }
}
