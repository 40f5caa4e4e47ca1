package org.hielements.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one way input files are read: only regular files, and never more than a limit. A FIFO, a device, a socket or a
 * folder is refused from its attributes, without being opened (opening a FIFO blocks until someone writes to it;
 * reading {@code /dev/zero} never ends). A file larger than the limit is refused from its size, and a file that grows
 * while it is read (or whose reported size is wrong, as in {@code /proc}) is never read past the limit. Links are
 * followed: the attributes checked are those of the file read.
 *
 * <p>Limits (bytes): {@link #SOURCE_LIMIT} for {@code .hie} files (given on the command line, imported, or listed in a
 * workspace), {@link #WORKSPACE_FILE_LIMIT} for files a check reads. What remains is the short race between the check
 * of the attributes and the opening of the file (a regular file replaced by a FIFO in between); nothing in the JDK
 * opens a file without blocking.
 */
public final class TextFiles {
    /** The largest {@code .hie} file read: 16 MiB. */
    public static final long SOURCE_LIMIT = 16L * 1024 * 1024;
    /** The largest file of the checked code a check reads: 32 MiB. */
    public static final long WORKSPACE_FILE_LIMIT = 32L * 1024 * 1024;

    private TextFiles() {}

    /** What is wrong with a file that could not be read. */
    public enum Problem {
        /** No such file (or a folder on the way is missing). */
        MISSING,
        /** The file exists but we may not read it. */
        DENIED,
        /** A folder, FIFO, device or socket: refused without opening it. */
        NOT_REGULAR,
        /** Larger than the limit. */
        TOO_LARGE,
        /** Any other I/O failure. */
        FAILED
    }

    /** A file that could not be read; {@link #reason()} says why in words fit for a message. */
    public static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;
        private final Problem problem;

        Unreadable(Problem problem, String reason, Throwable cause) {
            super(reason, cause);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }

        /** Why, e.g. "no such file or directory", "a FIFO (named pipe), not a regular file; refused without reading it". */
        public String reason() {
            return getMessage();
        }
    }

    /** The bytes of a regular file of at most {@code limit} bytes. */
    public static byte[] readBytes(Path file, long limit) throws Unreadable {
        BasicFileAttributes attrs = regular(file);
        if (attrs.size() > limit) throw tooLarge(attrs.size(), limit);
        try (InputStream in = Files.newInputStream(file)) {
            int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16);
            // one byte more than the size: reading it tells the end without another buffer
            byte[] buf = new byte[(int) Math.min(attrs.size(), cap) + 1];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    // the size said less than there is: grow, never past the limit (one byte more tells)
                    if (n > cap) throw tooLarge(n, limit);
                    buf = Arrays.copyOf(buf, (int) Math.min((long) cap + 1, Math.max(8192, (long) n * 2)));
                }
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) break;
                n += r;
                if (n > cap) throw tooLarge(n, limit);
            }
            return n == buf.length ? buf : Arrays.copyOf(buf, n);
        } catch (Unreadable e) {
            throw e;
        } catch (IOException | SecurityException e) {
            throw unreadable(e);
        }
    }

    /** The text of a regular file of at most {@code limit} bytes, as UTF-8 (malformed bytes become U+FFFD). */
    public static String readUtf8(Path file, long limit) throws Unreadable {
        return new String(readBytes(file, limit), StandardCharsets.UTF_8);
    }

    /**
     * The attributes of {@code file} (links followed) when it is a regular file; otherwise why not. Opens nothing.
     */
    public static BasicFileAttributes regular(Path file) throws Unreadable {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | SecurityException | InvalidPathException e) {
            throw unreadable(e);
        }
        if (attrs.isRegularFile()) return attrs;
        if (attrs.isDirectory()) throw new Unreadable(Problem.NOT_REGULAR, "a folder, not a file", null);
        throw new Unreadable(Problem.NOT_REGULAR, kind(file) + ", not a regular file; refused without "
                + "reading it", null);
    }

    /** "a FIFO", "a character device", ... from the file's mode where the platform tells it. */
    private static String kind(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & 0170000) {
                    case 0010000: return "a FIFO (named pipe)";
                    case 0020000: return "a character device";
                    case 0060000: return "a block device";
                    case 0140000: return "a socket";
                    default: break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // the generic word below
        }
        return "a special file";
    }

    private static Unreadable tooLarge(long size, long limit) {
        return new Unreadable(Problem.TOO_LARGE, "larger than the " + size(limit) + " limit"
                + (size > limit + 1 ? " (" + size(size) + ")" : ""), null);
    }

    /** A size in words: "16 MiB", "2.0 GiB", "512 bytes". */
    public static String size(long bytes) {
        if (bytes < 1024) return bytes + " bytes";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " "
                + units[u];
    }

    private static Unreadable unreadable(Exception e) {
        if (e instanceof Unreadable u) return u;
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return new Unreadable(Problem.MISSING, "no such file or directory", e);
        }
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return new Unreadable(Problem.DENIED, "cannot be read (permission denied)", e);
        }
        if (e instanceof FileSystemLoopException) {
            return new Unreadable(Problem.FAILED, "cannot be read (too many levels of symbolic links)", e);
        }
        if (e instanceof InvalidPathException ip) {
            return new Unreadable(Problem.MISSING, "not a valid path: " + ip.getReason(), e);
        }
        String m = e.getMessage();
        if (m != null && m.contains("Too many levels of symbolic links")) {
            return new Unreadable(Problem.FAILED, "cannot be read (too many levels of symbolic links)", e);
        }
        return new Unreadable(Problem.FAILED, "cannot be read (" + (m == null ? e.getClass().getSimpleName() : m) + ")", e);
    }
}
