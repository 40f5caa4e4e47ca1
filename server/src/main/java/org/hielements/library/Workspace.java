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

    /** Characters of file text kept in the read cache per run (beyond it, files are read again each time). */
    static final long TEXT_CACHE_LIMIT = 64L * 1024 * 1024;

    private final Path root;
    private final Object indexLock = new Object();
    private volatile FileIndex index;
    private final AtomicInteger walks = new AtomicInteger();
    private final ConcurrentHashMap<String, Object> memo = new ConcurrentHashMap<>();
    private final Map<Path, Optional<String>> texts = new ConcurrentHashMap<>();
    private final Map<Path, SourceText> sources = new ConcurrentHashMap<>();
    private final AtomicLong cachedChars = new AtomicLong();

    private Workspace(Path root) {
        this.root = root;
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
        Optional<Path> real = realPathInside(p);
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
    public FileIndex index() {
        FileIndex i = index;
        if (i != null) return i;
        synchronized (indexLock) {
            if (index == null) {
                walks.incrementAndGet();
                index = FileIndex.walk(root);
            }
            return index;
        }
    }

    /** How many times this instance walked the tree (0 or 1). */
    public int walkCount() {
        return walks.get();
    }

    /** A value computed once per run under {@code key} (e.g. a language's discovered files). */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            Object prev = memo.putIfAbsent(key, v);
            if (prev != null) v = prev;
        }
        return (T) v;
    }

    // ---------------------------------------------------------------- file text

    /**
     * The text of a file inside the workspace, decoded as strict UTF-8; empty when it is missing, unreadable, not
     * UTF-8, or reaches outside the workspace (as upstream, such files are skipped). Cached for the run.
     */
    public Optional<String> readText(Path p) {
        Objects.requireNonNull(p, "p");
        Path key = p.toAbsolutePath().normalize();
        Optional<String> cached = texts.get(key);
        if (cached != null) return cached;
        Optional<String> text = load(key);
        long size = text.map(String::length).orElse(0);
        if (cachedChars.addAndGet(size) <= TEXT_CACHE_LIMIT) {
            texts.putIfAbsent(key, text);
        } else {
            cachedChars.addAndGet(-size);
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
        if (cached != null) return Optional.of(cached);
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

    private Optional<String> load(Path p) {
        Optional<Path> real = realPathInside(p);
        if (real.isEmpty() || !Files.isRegularFile(real.get())) return Optional.empty();
        try {
            byte[] bytes = Files.readAllBytes(real.get());
            if (ascii(bytes)) return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));   // same text, no decoder
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            LOG.log(Level.FINE, "{0} is not UTF-8; skipped", p);
        } catch (IOException | SecurityException e) {
            LOG.log(Level.FINE, "{0} cannot be read: {1}", new Object[] {p, e.toString()});
        }
        return Optional.empty();
    }

    /** Whether every byte is ASCII (then UTF-8 and Latin-1 read the same text, and Latin-1 is a plain copy). */
    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "Workspace[" + root + "]";
    }
}
