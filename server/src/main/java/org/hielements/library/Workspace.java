package org.hielements.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.hielements.text.SourceText;
import org.hielements.text.InputFile;
import org.hielements.text.Span;

/**
 * The folder a run checks. Create one per run ({@link #of(Path)}): it holds that run's single lazy file walk
 * ({@link #index()}), the memoized discovery lists built on it ({@link #memo}), and a bounded cache of file texts.
 *
 * <p>Containment: the root is absolute and real (symlinks resolved). A user path argument is resolved by
 * {@link #resolve}: an absolute path, or a {@code ..} that leaves the root, is an argument error with the calling
 * function's code. A path that stays inside lexically but reaches outside through a symbolic link is treated as
 * missing by {@link #realPathInside}, {@link #readText} and the {@code exists}-style tests; the walk never follows
 * links at all.
 */
public final class Workspace {
    private static final Logger LOG = Logger.getLogger(Workspace.class.getName());

    /**
     * Bytes of file text kept in the read cache per run (beyond it, files are read again each time): an ASCII text
     * counts one byte a character (a Latin-1 string holds it so), any other two (UTF-16 at most). A bound of 64 MiB of
     * characters counted a 86 MB Rust workspace of ASCII as 172 MB: a quarter of its files were read again by each
     * check that searched every file's text.
     */
    static final long TEXT_CACHE_LIMIT = 128L * 1024 * 1024;

    private final Path root;
    private final Object indexLock = new Object();
    private volatile FileIndex index;
    private final AtomicInteger walks = new AtomicInteger();
    private final ConcurrentHashMap<String, Object> memo = new ConcurrentHashMap<>();
    /**
     * The start size of a table that holds an entry per file a run reads (here and in the libraries' per-run facts): a
     * check of thousands of files otherwise spends part of its (cold) time growing it one doubling at a time. The
     * table itself is allocated at the first entry.
     */
    public static final int FILE_TABLE_SIZE = 1 << 11;
    private final Map<Path, Optional<String>> texts = new ConcurrentHashMap<>(FILE_TABLE_SIZE);
    private final Map<Path, SourceText> sources = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long startedAt = InputProbe.now();
    private final InputProbe.RealFolders realFolders = new InputProbe.RealFolders();
    private final Map<String, Observed> observed = new ConcurrentHashMap<>(FILE_TABLE_SIZE);
    private final ConcurrentHashMap<String, Inputs> memoInputs = new ConcurrentHashMap<>();
    private volatile Inputs recorder;
    private volatile boolean recording;
    /** A recorder set on one thread for a memo entry's own reads, over {@link #recorder}. */
    private final ThreadLocal<Inputs> nested = new ThreadLocal<>();

    /** A file's content as this run first saw it (later reads that saw another content make it unstable). */
    public record Observed(String state, InputProbe.Stamp stamp, boolean linked, boolean unstable) {}

    private Workspace(Path root) {
        this.root = root;
    }

    // ---------------------------------------------------------------- recording inputs

    /**
     * Makes {@code r} receive every input read from now on (null: none), returning the previous recorder. One run
     * is driven by one thread, so there is one current recorder per workspace (threads a computation starts, such as
     * a parallel read, record into it too).
     */
    public Inputs record(Inputs r) {
        if (r != null) recording = true;
        Inputs prev = recorder;
        recorder = r;
        return prev;
    }

    /**
     * Records that what is being computed used the content of {@code p}, read earlier in this run through
     * {@link #readText} (for a cache of facts drawn from a file: a later user depends on that file as the first did).
     */
    public void noteRead(Path p) {
        if (recorder() == null) return;            // nothing records: no path to work out
        String rel = relativeInsideNormal(p.toAbsolutePath().normalize());
        if (rel != null) recordContent(rel);
    }

    /** Makes every file read from now on observed with its content's hash (for incremental checking). */
    public void hashContents() {
        recording = true;
    }

    /** The recorder now receiving this thread's inputs, or null. */
    public Inputs recorder() {
        Inputs n = nested.get();
        return n != null ? n : recorder;
    }

    private <T> T nested(Inputs r, Supplier<T> body) {
        Inputs prev = nested.get();
        nested.set(r);
        try {
            return body.get();
        } finally {
            if (prev == null) nested.remove();
            else nested.set(prev);
        }
    }

    /**
     * Records {@code p} as read by what is being computed, though not read here: a file's content (observed now when
     * this run did not read it yet), a folder's kind and listing. For the scopes handed to a plugin, which reads them
     * itself.
     */
    public void recordPath(Path p) {
        recordPath(recorder(), p);
    }

    /**
     * As {@link #recordPath(Path)}, into {@code r} (null: nothing): for what a plugin read on another thread than the
     * one the recorder belongs to.
     */
    public void recordPath(Inputs r, Path p) {
        if (r == null || !p.isAbsolute()) return;
        Path n = p.normalize();
        String rel = relativeInsideNormal(n);
        if (rel == null) {
            r.uncacheable("a path outside the workspace: " + p);
            return;
        }
        // a path this run already observed as a file needs no new look (a WASM guest's whole history is recorded
        // again at each call: a stat per path and call otherwise)
        if (observed.containsKey(rel)) {
            r.file(rel);
            return;
        }
        if (Files.isDirectory(n)) {
            r.kind(rel, InputProbe.kind(root, n));
            r.tree(rel);
            index();
            return;
        }
        observe(rel, n, InputProbe.content(root, n, true, realFolders));
        r.file(rel);
    }

    /** When this run started, on the scale of file modification times (ns): stamps this recent are not trusted. */
    public long startedAt() {
        return startedAt;
    }

    /** The content of every file this run read, by workspace-relative path. */
    public Map<String, Observed> observed() {
        return java.util.Collections.unmodifiableMap(observed);
    }

    /** The folders this run's walk saw, or an empty map when it did not walk. */
    public Map<String, FileIndex.Folder> walkedFolders() {
        FileIndex i = index;
        return i == null ? Map.of() : i.folders();
    }

    private String relativeInside(Path p) {
        if (!p.isAbsolute()) return null;
        return relativeInsideNormal(p.normalize());
    }

    /** As {@link #relativeInside} for a path already absolute and normalized (normalizing again costs a pass). */
    private String relativeInsideNormal(Path n) {
        return n.startsWith(root) ? InputProbe.relative(root, n) : null;
    }

    private void recordKind(Path p) {
        Inputs r = recorder();
        if (r == null) return;
        String rel = relativeInside(p);
        if (rel != null) r.kind(rel, InputProbe.kind(root, p.normalize()));
    }

    private void recordContent(String rel) {
        Inputs r = recorder();
        if (r != null) r.file(rel);
    }

    /**
     * A workspace rooted at {@code root}: made absolute and normalized, then real (symlinks resolved) when it exists.
     */
    public static Workspace of(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        try {
            abs = abs.toRealPath();
        } catch (IOException e) {
            LOG.log(Level.FINE, "workspace root {0} cannot be resolved: {1}", new Object[] {abs, e.toString()});
        }
        return new Workspace(abs);
    }

    /** A fresh instance on the same root: a new walk and empty caches (for the next run). */
    public Workspace fresh() {
        return new Workspace(root);
    }

    public Path root() {
        return root;
    }

    /** The root as sent to plugins in the {@code workspace} field. */
    public String rootString() {
        return root.toString();
    }

    // ---------------------------------------------------------------- containment

    /**
     * Resolves a user path argument against the root, refusing escapes.
     *
     * @param function the function whose argument it is (named in the message)
     * @param code     that function's argument-error code (E100, E111, ...)
     * @throws LibraryException {@code code}: "{@code f requires a path inside the workspace: '/etc' is absolute}", or
     *                          "{@code ...: '../x' leaves it}"
     */
    public Path resolve(String argument, String function, String code) throws LibraryException {
        return resolveFrom(root, argument, function, code);
    }

    /** As {@link #resolve}, relative to {@code base} (a folder inside the workspace); the result must stay inside the root. */
    public Path resolveFrom(Path base, String argument, String function, String code) throws LibraryException {
        Path arg;
        try {
            arg = Path.of(argument);
        } catch (InvalidPathException e) {
            throw new LibraryException(code, function + " requires a valid path: '" + argument + "' " + e.getReason());
        }
        if (arg.isAbsolute() || argument.startsWith("/")) {
            throw new LibraryException(code,
                    function + " requires a path inside the workspace: '" + argument + "' is absolute");
        }
        Path p = base.resolve(arg).normalize();
        if (!p.startsWith(root)) {
            throw new LibraryException(code,
                    function + " requires a path inside the workspace: '" + argument + "' leaves it");
        }
        return p;
    }

    /** Whether {@code p} lies lexically inside the root (the root included). */
    public boolean contains(Path p) {
        return p.isAbsolute() && p.normalize().startsWith(root);
    }

    /** The real path of {@code p} when it exists and, symlinks followed, lies inside the root; empty otherwise. */
    public Optional<Path> realPathInside(Path p) {
        recordKind(p);
        return realInside(p);
    }

    private Optional<Path> realInside(Path p) {
        if (!p.isAbsolute()) return Optional.empty();
        try {
            Path real = p.toRealPath();
            if (real.startsWith(root)) return Optional.of(real);
            LOG.log(Level.FINE, "{0} leads outside the workspace ({1}); treated as missing", new Object[] {p, real});
        } catch (IOException | SecurityException e) {
            // missing or unreadable
        }
        return Optional.empty();
    }

    /** Exists (following links) and stays inside the workspace. */
    public boolean existsInside(Path p) {
        return realPathInside(p).isPresent();
    }

    public boolean isRegularFileInside(Path p) {
        return realPathInside(p).map(Files::isRegularFile).orElse(false);
    }

    public boolean isDirectoryInside(Path p) {
        return realPathInside(p).map(Files::isDirectory).orElse(false);
    }

    /** Size in bytes (links followed) of a file inside the workspace; empty when missing, unreadable or outside. */
    public OptionalLong size(Path p) {
        Path n = p.normalize();
        String rel = relativeInside(n);
        if (rel != null && recorder() != null) {
            observe(rel, n, InputProbe.content(root, n, true, realFolders));   // the size is the content's
            recordContent(rel);
        }
        Optional<Path> real = realInside(p);
        if (real.isEmpty()) return OptionalLong.empty();
        try {
            return OptionalLong.of(Files.readAttributes(real.get(), BasicFileAttributes.class).size());
        } catch (IOException | SecurityException e) {
            return OptionalLong.empty();
        }
    }

    // ---------------------------------------------------------------- display

    /** {@code p} relative to the root with {@code /} ({@code .} for the root); absolute when it lies outside. */
    public String display(Path p) {
        if (!p.isAbsolute()) return p.toString();
        Path n = p.normalize();
        if (!n.startsWith(root)) return n.toString();
        if (n.equals(root)) return ".";
        return root.relativize(n).toString();
    }

    /** The segments of {@code p} relative to the root ({@code p} must lie inside). */
    public List<String> segments(Path p) {
        Path rel = root.relativize(p.normalize());
        List<String> out = new ArrayList<>();
        for (Path seg : rel) {
            String s = seg.toString();
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    // ---------------------------------------------------------------- the shared walk

    /** The listing of the workspace; the first call walks the tree, every later call of this run reuses it. */
    /** Folder listings of an earlier run the walk may reuse while their folders' stamps are unchanged. */
    private volatile Map<String, FileIndex.Prior> priorListings = Map.of();

    /** Gives the walk of this run the listings an earlier run saw ({@link FileIndex.Prior}); before the walk only. */
    public void priorListings(Map<String, FileIndex.Prior> prior) {
        priorListings = Map.copyOf(prior);
    }

    /** The walk started ahead by {@link #prefetchIndex}, or null. */
    private java.util.concurrent.FutureTask<FileIndex> prefetch;

    /**
     * Starts this run's walk on a thread of its own, for a run that will most likely ask for it (a check to run again
     * after an edit): the first {@link #index()} then waits for it instead of walking. Does nothing once the walk began.
     */
    public void prefetchIndex() {
        synchronized (indexLock) {
            if (index != null || prefetch != null) return;
            Map<String, FileIndex.Prior> prior = priorListings;
            prefetch = new java.util.concurrent.FutureTask<>(() -> FileIndex.walk(root, prior));
            Thread t = new Thread(prefetch, "hielements-walk");
            t.setDaemon(true);
            t.start();
        }
    }

    public FileIndex index() {
        FileIndex i = index;
        if (i != null) return i;
        synchronized (indexLock) {
            if (index == null) {
                walks.incrementAndGet();
                FileIndex walked = prefetch != null ? prefetched() : FileIndex.walk(root, priorListings);
                walked.onTree(rel -> {
                    Inputs r = recorder();
                    if (r != null) r.tree(rel);
                });
                index = walked;
            }
            return index;
        }
    }

    private FileIndex prefetched() {
        try {
            return com.google.common.util.concurrent.Uninterruptibles.getUninterruptibly(prefetch);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** How many times this instance walked the tree (0 or 1). */
    public int walkCount() {
        return walks.get();
    }

    /** A value computed once per run under {@code key} (e.g. a language's discovered files). */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, Supplier<T> compute) {
        Inputs mine = memoInputs.computeIfAbsent(key, k -> new Inputs());
        Inputs caller = recorder();
        if (caller != null) caller.use(mine);       // also on a hit: what the entry read, it reads for the caller
        Object v = memo.get(key);
        if (v == null) {
            v = nested(mine, compute);
            Object prev = memo.putIfAbsent(key, v);
            if (prev != null) v = prev;
        }
        return (T) v;
    }

    // ---------------------------------------------------------------- file text

    /**
     * The text of a file inside the workspace, decoded as strict UTF-8; empty when it is missing, unreadable, not
     * a regular file (a FIFO or device is never opened), not UTF-8, or reaches outside the workspace (as upstream,
     * such files are skipped). Cached for the run.
     *
     * @throws FileTooLarge when the file is larger than {@link InputFile#CHECKED_FILE_LIMIT}
     */
    public Optional<String> readText(Path p) {
        Objects.requireNonNull(p, "p");
        Path key = p.toAbsolutePath().normalize();
        Optional<String> cached = texts.get(key);
        if (cached != null) {
            if (recorder() != null) {
                String rel = relativeInsideNormal(key);
                if (rel != null) recordContent(rel);
            }
            return cached;
        }
        String rel = relativeInsideNormal(key);
        if (rel != null) recordContent(rel);
        Loaded loaded = load(key, rel);
        Optional<String> text = loaded.text();
        long size = text.isEmpty() ? 0 : (long) text.get().length() * (loaded.ascii() ? 1 : 2);
        if (cachedBytes.addAndGet(size) <= TEXT_CACHE_LIMIT) {
            texts.putIfAbsent(key, text);
        } else {
            cachedBytes.addAndGet(-size);
        }
        return text;
    }

    /**
     * The text of a workspace file with its line index, named as {@link #display} names it; empty when
     * {@link #readText} is. Built once per run for each file that gives evidence.
     */
    public Optional<SourceText> source(Path p) {
        Path key = p.toAbsolutePath().normalize();
        SourceText cached = sources.get(key);
        if (cached != null) {
            String rel = relativeInsideNormal(key);
            if (rel != null) recordContent(rel);
            return Optional.of(cached);
        }
        Optional<String> text = readText(key);
        if (text.isEmpty()) return Optional.empty();
        return Optional.of(sources.computeIfAbsent(key, k -> new SourceText(display(k), text.get())));
    }

    /**
     * The evidence at {@code [start, end)} (UTF-16 offsets into the text {@link #readText} gave) of a workspace
     * file; empty when the file cannot be read.
     */
    public Optional<Evidence> evidence(Path file, int start, int end) {
        Path key = file.toAbsolutePath().normalize();
        return source(key).map(src -> Evidence.of(key, src, new Span(start, end)));
    }

    private void observe(String rel, Path p, InputProbe.Content c) {
        Observed fresh = new Observed(c.state(), c.stamp(), c.linked(), false);
        Observed prev = observed.putIfAbsent(rel, fresh);
        if (prev != null && !prev.unstable() && !prev.state().equals(c.state())) {
            LOG.log(Level.FINE, "{0} changed during the run", p);
            observed.put(rel, new Observed(prev.state(), prev.stamp(), prev.linked(), true));
        }
    }

    /** A file's text (empty when it has none) and whether it was ASCII throughout. */
    private record Loaded(Optional<String> text, boolean ascii) {
        static final Loaded NONE = new Loaded(Optional.empty(), true);
    }

    private Loaded load(Path p, String rel) {
        try {
            byte[] bytes;
            int length;
            if (rel == null) {                          // named from outside the root: not recorded, not reused
 Inputs r = recorder();
                if (r != null) r.uncacheable("read " + p + ", outside the workspace");
                Optional<Path> real = realInside(p);
                if (real.isEmpty()) return Loaded.NONE;
                bytes = InputFile.read(real.get(), InputFile.CHECKED_FILE_LIMIT);
                length = bytes.length;
            } else {
                InputProbe.Content c = InputProbe.content(root, p, recording, realFolders);
                observe(rel, p, c);
                if (c.refused() != null) throw c.refused();
                if (c.bytes() == null) return Loaded.NONE;
                bytes = c.bytes();            // perhaps the thread's read buffer: the text below is a copy
                length = c.length();
            }
            if (ascii(bytes, length)) {       // the same text as UTF-8 gives, without a decoder
                return new Loaded(Optional.of(new String(bytes, 0, length, StandardCharsets.ISO_8859_1)), true);
            }
            return new Loaded(Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString()), false);
        } catch (CharacterCodingException e) {
            LOG.log(Level.FINE, "{0} is not UTF-8; skipped", p);
        } catch (InputFile.Refused e) {
            if (e.tooLarge()) {
                throw new FileTooLarge(new LibraryError(LibraryError.UNCODED, "the file '" + display(p) + "' "
                        + e.getMessage()));
            }
            LOG.log(Level.FINE, "{0} skipped: {1}", new Object[] {p, e.getMessage()});
        }
        return Loaded.NONE;
    }

    /** Whether every byte is ASCII (then UTF-8 and Latin-1 read the same text, and Latin-1 is a plain copy). */
    private static boolean ascii(byte[] bytes, int length) {
        int any = 0;
        for (int i = 0; i < length; i++) any |= bytes[i];     // no branch a byte: most files are ASCII throughout
        return any >= 0;
    }

    /**
     * Thrown by {@link #readText} (and what reads through it) for a file larger than
     * {@link InputFile#CHECKED_FILE_LIMIT}: the check that needed it cannot be decided, which the library reports as
     * an error of that check (skipping the file silently could make a check pass that should fail).
     */
    public static final class FileTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient LibraryError error;

        public FileTooLarge(LibraryError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        public LibraryError error() {
            return error;
        }
    }

    @Override
    public String toString() {
        return "Workspace[" + root + "]";
    }
}
