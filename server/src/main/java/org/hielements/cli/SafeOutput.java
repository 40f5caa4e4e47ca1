package org.hielements.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The safe write of a command's output file ({@code doc -o FILE}; meant for any command that writes a file the user
 * names): only a regular file, created or replaced inside the allowed folder, never through a symbolic link.
 *
 * <ul>
 *   <li>the path is relative to the allowed folder and has no {@code ..}: it cannot leave the folder by its text;</li>
 *   <li>every folder on the way is looked at without following links ({@link LinkOption#NOFOLLOW_LINKS}): a symbolic
 *       link or anything but a folder there is refused; a missing folder is created, one level at a time;</li>
 *   <li>the file itself, when it exists, must be a regular file (a link, a folder, a FIFO or a device is refused);</li>
 *   <li>the text goes to a new file with a random name in the same folder, created exclusively and without following
 *       links ({@code O_CREAT|O_EXCL|O_NOFOLLOW}), then renamed over the target at once: a reader sees the old file or
 *       the new one, never half of it, and a link put in the target's place meanwhile is replaced, not followed.</li>
 * </ul>
 * A replaced file keeps its permissions.
 */
final class SafeOutput {
    private SafeOutput() {}

    /** A write refused because of what is on disk or in the path; the message says what, for the user. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Writes {@code text} (UTF-8) to {@code relative} under {@code folder}.
     *
     * @throws Refused     when the path or what is on disk makes the write unsafe
     * @throws IOException when writing fails
     */
    static void write(Path folder, String relative, String text) throws IOException {
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new Refused("'" + relative + "' is not a valid path: " + e.getReason());
        }
        if (relative.isEmpty() || rel.isAbsolute() || relative.startsWith("/")) {
            throw new Refused("the path must be relative to the current folder");
        }
        Path dir = folder.toAbsolutePath().normalize();
        int n = rel.getNameCount();
        for (int i = 0; i < n; i++) {
            String seg = rel.getName(i).toString();
            if (seg.equals("..")) throw new Refused("the path must stay inside the current folder: it contains '..'");
        }
        String shown = "";
        for (int i = 0; i < n - 1; i++) {
            String seg = rel.getName(i).toString();
            if (seg.isEmpty() || seg.equals(".")) continue;
            dir = dir.resolve(seg);
            shown = shown.isEmpty() ? seg : shown + "/" + seg;
            BasicFileAttributes a = attributes(dir);
            if (a == null) {
                try {
                    Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    // made meanwhile (or a link put there): looked at below
                }
                a = attributes(dir);
            }
            if (a == null) throw new NoSuchFileException(dir.toString());
            if (a.isSymbolicLink()) throw new Refused("'" + shown + "' is a symbolic link; refusing to write through it");
            if (!a.isDirectory()) throw new Refused("'" + shown + "' is not a folder");
        }
        String name = rel.getFileName().toString();
        if (name.equals(".")) throw new Refused("the path names a folder, not a file");
        Path target = dir.resolve(name);
        BasicFileAttributes existing = attributes(target);
        if (existing != null) {
            if (existing.isSymbolicLink()) {
                throw new Refused("'" + relative + "' is a symbolic link; refusing to write through it");
            }
            if (existing.isDirectory()) throw new Refused("'" + relative + "' is a folder");
            if (!existing.isRegularFile()) throw new Refused("'" + relative + "' is not a regular file");
        }
        Path temp = dir.resolve("." + name + "." + HexFormat.of().formatHex(randomBytes()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            if (existing != null) keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new Refused("cannot replace '" + relative + "' at once on this file system");
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The attributes of {@code p} itself (a link is not followed), or null when nothing is there. */
    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void keepPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView v = Files.getFileAttributeView(from, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (v == null) return;
            Set<PosixFilePermission> perms = v.readAttributes().permissions();
            Files.setPosixFilePermissions(to, perms);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // the new file keeps the default permissions
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }
}
