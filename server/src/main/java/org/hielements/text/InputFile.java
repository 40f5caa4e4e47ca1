package org.hielements.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an input file the safe way: its type is checked from its attributes before it is opened (following symbolic
 * links), so a FIFO (which would block the reader forever), a device ({@code /dev/zero} never ends, {@code /dev/stdin}
 * is the language server's own protocol pipe), a socket or a folder is refused without being opened; its size is
 * checked against a limit, and the read stops one byte past the limit, so a file that grows meanwhile is refused too.
 */
public final class InputFile {
    /** The largest {@code .hie} file read (given on the command line, imported, or listed in a workspace): 16 MiB. */
    public static final long HIE_LIMIT = 16L * 1024 * 1024;
    /** The largest file of the checked code a check reads: 32 MiB. */
    public static final long CHECKED_FILE_LIMIT = 32L * 1024 * 1024;

    private InputFile() {
    }

    /** Why a file was not read, in words fit for a diagnostic ("is a FIFO (named pipe), not a regular file"). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean missing;
        private final boolean tooLarge;

        Refused(String reason, boolean missing) {
            this(reason, missing, false);
        }

        Refused(String reason, boolean missing, boolean tooLarge) {
            super(reason, null, false, false);
            this.missing = missing;
            this.tooLarge = tooLarge;
        }

        /** Whether the file does not exist (as opposed to existing and being refused or unreadable). */
        public boolean missing() {
            return missing;
        }

        /** Whether the file is larger than the limit. */
        public boolean tooLarge() {
            return tooLarge;
        }
    }

    /** The bytes of {@code file}, a regular file of at most {@code limit} bytes. */
    public static byte[] read(Path file, long limit) throws Refused {
        BasicFileAttributes a = attributes(file);
        if (!a.isRegularFile()) throw new Refused("is " + kind(file, a) + ", not a regular file; it was not read", false);
        if (a.size() > limit) throw tooLarge(a.size(), limit);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) throw tooLarge(-1, limit);
            return bytes;
        } catch (IOException e) {
            throw new Refused("cannot be read: " + reason(e), e instanceof NoSuchFileException);
        }
    }

    /** Bytes read: {@code array[0, length)}. */
    public record Bytes(byte[] array, int length) {
    }

    /**
     * The bytes of {@code file}, which {@code lstat} just showed is a regular file of {@code size} bytes and not a
     * symbolic link (its attributes, taken by the caller, say so): no further look at its type before it is opened.
     * It is opened without following links (a link put in its place since fails to open, and the caller is told
     * {@code null}: it may look again the careful way); the size limit is checked against {@code size} and again
     * while reading (the read stops one byte past the limit, so a file that grew meanwhile is refused too). The bytes
     * go into {@code buffer} when it has room for one byte more than {@code size} (a caller's buffer, reused from one
     * file to the next: what it holds is the caller's to copy), else into a new array.
     *
     * @return the bytes; null when it could not be opened as it was seen (replaced, for instance by a link)
     */
    public static Bytes readSeenRegular(Path file, long size, long limit, byte[] buffer) throws Refused {
        if (size > limit) throw tooLarge(size, limit);
        SeekableByteChannel ch;
        try {
            ch = Files.newByteChannel(file, NO_FOLLOW_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        try (ch) {
            int room = (int) size + 1;             // one byte more than the stamp said: a file that grew shows
            byte[] bytes = buffer != null && buffer.length >= room ? buffer : new byte[room];
            ByteBuffer buf = ByteBuffer.wrap(bytes, 0, room);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) return new Bytes(bytes, buf.position());   // the end
                // a regular file reads short only at its end: a read that reaches exactly the size lstat gave ends the
                // file, without asking for the end (a system call a file)
                if (buf.position() == size) return new Bytes(bytes, (int) size);
            }
            // it grew meanwhile: the rest, up to one byte past the limit
            ByteArrayOutputStream more = new ByteArrayOutputStream();
            more.write(bytes, 0, room);
            byte[] rest = Channels.newInputStream(ch).readNBytes((int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(0, limit + 1 - more.size())));
            more.write(rest, 0, rest.length);
            if (more.size() > limit) throw tooLarge(-1, limit);
            return new Bytes(more.toByteArray(), more.size());
        } catch (IOException e) {
            throw new Refused("cannot be read: " + reason(e), e instanceof NoSuchFileException);
        }
    }

    private static final Set<OpenOption> NO_FOLLOW_READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    /**
     * Checks, without opening it, that {@code file} is a regular file; the reason it is not otherwise ("is a
     * character device, not a regular file").
     */
    public static void checkRegular(Path file) throws Refused {
        BasicFileAttributes a = attributes(file);
        if (!a.isRegularFile()) throw new Refused("is " + kind(file, a) + ", not a regular file", false);
    }

    private static BasicFileAttributes attributes(Path file) throws Refused {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Refused("does not exist", true);
        } catch (IOException e) {
            throw new Refused("cannot be read: " + reason(e), false);
        }
    }

    private static Refused tooLarge(long size, long limit) {
        return new Refused("is larger than the limit of " + human(limit) + (size >= 0 ? " (" + human(size) + ")" : "")
                + "; it was not read", false, true);
    }

    /** What a file that is not regular is: "a folder", "a FIFO (named pipe)", "a character device"... */
    public static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) return "a folder";
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:mode");
            switch (((Integer) unix.get("mode")) & 0170000) {
                case 0010000:
                    return "a FIFO (named pipe)";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view on this system: say it generally
        }
        return "a special file (a FIFO, device or socket)";
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "it does not exist";
        return e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }

    /** {@code 1 MiB}, {@code 64 KiB}, {@code 2048 MiB}, {@code 1.5 MiB}, {@code 15.8 KiB}, {@code 100 bytes}. */
    public static String human(long bytes) {
        long mib = 1024L * 1024;
        if (bytes >= mib && bytes % mib == 0) return bytes / mib + " MiB";
        if (bytes >= mib) return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) mib);
        if (bytes >= 1024 && bytes % 1024 == 0) return bytes / 1024 + " KiB";
        if (bytes >= 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        return bytes + " bytes";
    }
}
