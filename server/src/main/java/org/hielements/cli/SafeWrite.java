package org.hielements.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writing a user's file without ever writing anywhere else: the target must be a regular file (or not exist yet) and
 * no component of its path may be a symbolic link, so a link planted in a repository cannot send the write outside it;
 * the text goes to a new temporary file in the same folder, which then replaces the target in one atomic rename (a
 * crash leaves the old file or the new one, never half of one).
 */
final class SafeWrite {
    private SafeWrite() {}

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

    /** Replaces (or creates) {@code target} with {@code text} in UTF-8; keeps an existing file's permissions. */
    static void replace(Path target, String text) throws IOException {
        String refused = refusal(target);
        if (refused != null) throw new IOException(refused);
        Path abs = target.toAbsolutePath().normalize();
        Path folder = abs.getParent();
        Path tmp = Files.createTempFile(folder, "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(abs, LinkOption.NOFOLLOW_LINKS));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the default permissions stay
                }
            } else {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // as above
                }
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
