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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writing a user's file without ever writing anywhere else, for every command that writes one ({@code format --write},
 * {@code doc -o}): the target must be a regular file (or not exist yet) and no component of its path may be a symbolic
 * link, so a link planted in a repository cannot send the write outside it; a link, a folder, a FIFO or a device in its
 * place is refused. The text goes to a new temporary file with a random name in the same folder, created exclusively
 * and without following links ({@code O_CREAT|O_EXCL|O_NOFOLLOW}), which then replaces the target in one atomic rename:
 * a crash leaves the old file or the new one, never half of one, and a link put in the target's place meanwhile is
 * replaced, not followed. A replaced file keeps its permissions.
 */
final class SafeWrite {
    private SafeWrite() {}

    /** A write refused because of the path or what is on disk; the message says what, for the user. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Made on first write (seeding it is a cost a run that writes nothing, as a check from the cache, need not pay). */
    private static final class Rng {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** Why {@code target} may not be written, or null when it may. */
    static String refusal(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path p = abs.getRoot();
        for (Path part : abs) {
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                return "'" + target + "' is reached through a symbolic link (" + p + "); links are never written through";
            }
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            return "'" + target + "' is not a regular file";
        }
        return null;
    }

    /**
     * Creates {@code target} with {@code text} in UTF-8; never replaces a file: anything already there (a file, a
     * link, a folder) is refused, as is a path through a link. The text is written to a temporary file first, then
     * linked into place, so a crash leaves no half file.
     */
    static void create(Path target, String text) throws IOException {
        String refused = refusal(target);
        if (refused != null) throw new Refused(refused);
        Path abs = target.toAbsolutePath().normalize();
        if (attributes(abs) != null) throw new Refused("'" + target + "' already exists");
        Path dir = abs.getParent();
        String name = abs.getFileName().toString();
        byte[] random = new byte[6];
        Rng.RANDOM.nextBytes(random);
        Path temp = dir.resolve("." + name + "." + HexFormat.of().formatHex(random) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system: the default permissions stay
            }
            try {
                Files.createLink(abs, temp);          // fails when anything appeared there meanwhile
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new Refused("'" + target + "' already exists");
            } catch (UnsupportedOperationException e) {
                Files.move(temp, abs);                // no hard links here: a move that refuses an existing target
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces (or creates) {@code target} with {@code text} in UTF-8; keeps an existing file's permissions. */
    static void replace(Path target, String text) throws IOException {
        String refused = refusal(target);
        if (refused != null) throw new Refused(refused);
        Path abs = target.toAbsolutePath().normalize();
        write(abs.getParent(), abs.getFileName().toString(), attributes(abs), text.getBytes(StandardCharsets.UTF_8),
                null);
    }

    /**
     * Writes {@code text} (UTF-8) to {@code relative} under {@code folder}, creating the folders on the way: the path
     * is relative and has no {@code ..} (it cannot leave the folder by its text); every folder on the way is looked at
     * without following links, and a missing one is created one level at a time.
     *
     * @throws Refused     when the path or what is on disk makes the write unsafe
     * @throws IOException when writing fails
     */
    static void replaceInside(Path folder, String relative, String text) throws IOException {
        replaceInside(folder, relative, text.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * As {@link #replaceInside(Path, String, String)} with bytes; a new file gets {@code permissions} (null:
     * {@code rw-r--r--}).
     */
    static void replaceInside(Path folder, String relative, byte[] bytes, Set<PosixFilePermission> permissions)
            throws IOException {
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new Refused("'" + relative + "' is not a valid path: " + e.getReason());
        }
        if (relative.isEmpty() || rel.isAbsolute() || relative.startsWith("/")) {
            throw new Refused("the path must be relative to the current folder");
        }
        for (Path seg : rel) {
            if (seg.toString().equals("..")) {
                throw new Refused("the path must stay inside the current folder: it contains '..'");
            }
        }
        Path dir = folder.toAbsolutePath().normalize();
        String shown = "";
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
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
        BasicFileAttributes existing = attributes(dir.resolve(name));
        if (existing != null) {
            if (existing.isSymbolicLink()) {
                throw new Refused("'" + relative + "' is a symbolic link; refusing to write through it");
            }
            if (existing.isDirectory()) throw new Refused("'" + relative + "' is a folder");
            if (!existing.isRegularFile()) throw new Refused("'" + relative + "' is not a regular file");
        }
        write(dir, name, existing, bytes, permissions);
    }

    /** The write itself: a new exclusive temporary file in {@code dir}, renamed over {@code dir/name}. */
    private static void write(Path dir, String name, BasicFileAttributes existing, byte[] bytes,
            Set<PosixFilePermission> permissions) throws IOException {
        Path target = dir.resolve(name);
        byte[] random = new byte[6];
        Rng.RANDOM.nextBytes(random);
        Path temp = dir.resolve("." + name + "." + HexFormat.of().formatHex(random) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            try {
                Set<PosixFilePermission> perms = existing != null
                        ? Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS)
                        : permissions != null ? permissions : PosixFilePermissions.fromString("rw-r--r--");
                Files.setPosixFilePermissions(temp, perms);
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system, or the target went meanwhile: the default permissions stay
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new Refused("cannot replace '" + target + "' at once on this file system");
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
}
