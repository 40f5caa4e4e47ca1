package org.hielements.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.hielements.text.InputFile;

/**
 * How an input of the workspace is observed, the same way when a run reads it ({@link Workspace}) and when a cache
 * entry is validated: the state of a file's content (a hash of its bytes, or why it was not read), the kind of a path
 * (missing, file, folder, other; with its real path when links lead elsewhere), a folder's listing (the names and
 * types of its entries), and the stamps (size, modification time, file key) that let a validation skip reading what
 * did not change. An observation whose modification time is within {@link #RACY_NANOS} of the moment it was made may
 * be followed by a change that keeps the same time (the clock's granularity): such a stamp is not trusted, the content
 * is compared instead (as Git treats "racily clean" entries).
 */
public final class InputProbe {
    /** Stamps this close to (or after) the observation are verified by content. */
    public static final long RACY_NANOS = 2_000_000_000L;

    /** The folder under the workspace root that the walk never enters (the cache lives there). */
    public static final String PRIVATE_FOLDER = ".hielements";

    private InputProbe() {
    }

    /** What {@code lstat} says of a path: size, modification time (ns), a hash of its file key, and whether a folder. */
    public record Stamp(long size, long mtime, int key, boolean directory) {
        /** Whether a later change could have kept this stamp, for an observation made at {@code observedAt} (ns). */
        public boolean racy(long observedAt) {
            return mtime >= observedAt - RACY_NANOS;
        }

        // Written out, as the record's own: the generated methods spin method handles on their first call (a few
        // milliseconds of every short run: the cache compares stamps at each check).
        @Override
        public boolean equals(Object o) {
            return o instanceof Stamp s && size == s.size && mtime == s.mtime && key == s.key && directory == s.directory;
        }

        @Override
        public int hashCode() {
            return ((Long.hashCode(size) * 31 + Long.hashCode(mtime)) * 31 + key) * 31 + Boolean.hashCode(directory);
        }

        @Override
        public String toString() {
            return "Stamp[size=" + size + ", mtime=" + mtime + ", key=" + key + ", directory=" + directory + "]";
        }
    }

    /** The stamp of {@code p} itself (links not followed); null when it cannot be read. */
    public static Stamp stamp(Path p) {
        BasicFileAttributes a = lstat(p);
        return a == null || a.isSymbolicLink() ? null : of(a);
    }

    /** What {@code lstat} says of {@code p}; null when it cannot be read. */
    private static BasicFileAttributes lstat(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    static Stamp of(BasicFileAttributes a) {
        Object k = a.fileKey();
        long mtime = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        return new Stamp(a.isDirectory() ? 0 : a.size(), mtime, k == null ? 0 : k.hashCode(), a.isDirectory());
    }

    /** The current time on the scale of file modification times (ns). */
    public static long now() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /**
     * One observation of a file's content: its state and, when it was read, its bytes ({@code bytes[0, length)}).
     * The bytes may lie in a buffer of the calling thread that its next read of a content overwrites: a caller
     * keeping them copies them first (as {@link Workspace} makes its text).
     */
    public record Content(String state, Stamp stamp, boolean linked, byte[] bytes, int length,
            InputFile.Refused refused) {}

    /** The state of a file read in its own place without its hash (nothing records). */
    private static final String UNHASHED = "file:unhashed";

    /** Buffers up to this size are kept per thread for the next read ({@link #content}). */
    private static final int SPARE_BYTES = 1 << 20;
    private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();

    /**
     * The content of {@code abs} (absolute, normalized, inside {@code root} lexically) as {@link Workspace#readText}
     * sees it. The stamp is taken before the read, so a change during the read shows at the next validation. Without
     * {@code hash} (nothing records), the content's hash is not computed.
     */
    public static Content content(Path root, Path abs, boolean hash) {
        return content(root, abs, hash, null);
    }

    /**
     * As {@link #content(Path, Path, boolean)}, with the real paths of folders remembered in {@code folders} (null:
     * none): a file that is not itself a link has the real path of its folder followed by its name, so a run asks the
     * real path of each folder once instead of resolving every component of every file's path (seven system calls a
     * file in a deep tree).
     */
    public static Content content(Path root, Path abs, boolean hash, RealFolders folders) {
        BasicFileAttributes seen = lstat(abs);
        Stamp stamp = seen == null || seen.isSymbolicLink() ? null : of(seen);
        Path real = folders != null && stamp != null ? folders.realInside(root, abs) : realInside(root, abs);
        if (real == null) return new Content("absent", null, true, null, 0, null);
        boolean linked = !real.equals(abs);
        String where = linked ? "@" + relative(root, real) + ":" : "";
        try {
            // a regular file in a real folder, as lstat just showed: opened without another look (nor following a
            // link); anything else (a link, a folder, a special file, a file replaced meanwhile) the careful way
            InputFile.Bytes read = null;
            if (!linked && stamp != null && seen.isRegularFile()) {
                byte[] spare = SPARE.get();
                read = InputFile.readSeenRegular(abs, seen.size(), InputFile.CHECKED_FILE_LIMIT, spare);
                if (read != null && read.array() != spare && read.array().length <= SPARE_BYTES) SPARE.set(read.array());
            }
            if (read == null) {
                byte[] b = InputFile.read(real, InputFile.CHECKED_FILE_LIMIT);
                read = new InputFile.Bytes(b, b.length);
            }
            byte[] bytes = read.array();
            int length = read.length();
            String state = !hash && where.isEmpty() ? UNHASHED : "file:" + where + (hash ? hash(bytes, length) : "unhashed");
            return new Content(state, stamp, linked, bytes, length, null);
        } catch (InputFile.Refused e) {
            String state = e.tooLarge() ? "large:" + where + (stamp == null ? -1 : stamp.size())
                    : "refused:" + where + e.getMessage();
            return new Content(state, stamp, linked, null, 0, e);
        }
    }

    /** The kind of {@code abs} as the workspace's {@code exists}-style tests see it (links followed, containment). */
    public static String kind(Path root, Path abs) {
        Path real = realInside(root, abs);
        if (real == null) return "absent";
        String kind = Files.isRegularFile(real) ? "file" : Files.isDirectory(real) ? "dir" : "other";
        return kind + (real.equals(abs) ? "" : "@" + relative(root, real));
    }

    /**
     * The real paths of the folders a run read files in, each resolved once (links followed), for {@link #content}.
     * Only for a file whose own stamp ({@code lstat}) showed it is not a link. Thread-safe.
     */
    public static final class RealFolders {
        private static final Path NONE = Path.of("");
        private final java.util.concurrent.ConcurrentHashMap<Path, Path> real = new java.util.concurrent.ConcurrentHashMap<>();

        /** The real path of {@code abs} (absolute, normalized, not a link) when it lies inside {@code root}; else null. */
        Path realInside(Path root, Path abs) {
            Path parent = abs.getParent();
            Path name = abs.getFileName();
            if (parent == null || name == null) return InputProbe.realInside(root, abs);
            Path dir = real.computeIfAbsent(parent, d -> {
                try {
                    return d.toRealPath();
                } catch (IOException | SecurityException e) {
                    return NONE;
                }
            });
            if (dir == NONE) return null;
            Path r = dir.resolve(name);
            return r.startsWith(root) ? r : null;
        }
    }

    /** The real path of {@code abs} when it exists and lies inside {@code root}; null otherwise. */
    static Path realInside(Path root, Path abs) {
        try {
            Path real = abs.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** The listing of a folder, read again: a hash of its entries' names and types ({@link #listingHash}). */
    public static String listing(Path root, Path dir) {
        List<String> entries = new ArrayList<>();
        boolean isRoot = dir.equals(root);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path child : s) {
                String name = child.getFileName().toString();
                if (isRoot && name.equals(PRIVATE_FOLDER)) continue;
                entries.add(type(child) + name);
            }
        } catch (IOException | SecurityException e) {
            return "unreadable";
        }
        return listingHash(entries);
    }

    /** The type letter of an entry, links not followed: {@code d} folder, {@code f} regular file, {@code o} other. */
    static char type(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return type(a);
        } catch (IOException | SecurityException e) {
            return 'o';
        }
    }

    static char type(BasicFileAttributes a) {
        return a.isDirectory() ? 'd' : a.isRegularFile() ? 'f' : 'o';
    }

    /** The hash of a listing: its entries (type letter and name) sorted. */
    static String listingHash(List<String> entries) {
        List<String> sorted = new ArrayList<>(entries);
        Collections.sort(sorted);
        return hash(String.join("/", sorted).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code p} relative to {@code root}, {@code /}-separated ({@code ""} for the root). */
    public static String relative(Path root, Path p) {
        String r = root.toString();
        String s = p.toString();               // a path's text is kept by the path: no new path is made
        if (s.length() > r.length() && s.startsWith(r) && (r.endsWith("/") || s.charAt(r.length()) == '/')
                && p.isAbsolute() && root.isAbsolute() && p.startsWith(root)) {
            return s.substring(r.endsWith("/") ? r.length() : r.length() + 1);
        }
        if (p.equals(root)) return "";
        return root.relativize(p).toString();
    }

    /** A content hash: the first 16 bytes of SHA-256, in Base64. */
    public static String hash(byte[] bytes) {
        return hash(bytes, bytes.length);
    }

    /** The content hash of {@code bytes[0, length)}. */
    static String hash(byte[] bytes, int length) {
        MessageDigest md = SHA256.get();
        md.update(bytes, 0, length);
        byte[] d = md.digest();                    // digest() also resets it for the next use
        return Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
    }

    /** One digest per thread: asking the providers for a new one each time cost more than hashing a small file. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    });

    /** The hash of a text (UTF-8). */
    public static String hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }
}
