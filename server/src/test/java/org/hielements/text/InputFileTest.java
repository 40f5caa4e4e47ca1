package org.hielements.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of input files: regular files only, never past a limit, never blocking on a FIFO or device. */
class InputFileTest {
    @TempDir
    Path dir;

    /** A named pipe nobody writes to: opening it for reading would block forever. */
    static Path fifo(Path at) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return at;
    }

    /** A sparse file of {@code size} bytes (nothing written: cheap at any size). */
    static Path sparse(Path at, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(at.toFile(), "rw")) {
            f.setLength(size);
        }
        return at;
    }

    @Test
    void aRegularFileIsReadWhole() throws IOException, InputFile.Refused {
        Path f = Files.writeString(dir.resolve("a.hie"), "element a:\n    scope s = x\n");
        assertEquals("element a:\n    scope s = x\n", new String(InputFile.read(f, InputFile.HIE_LIMIT), StandardCharsets.UTF_8));
        Path empty = Files.write(dir.resolve("empty.hie"), new byte[0]);
        assertArrayEquals(new byte[0], InputFile.read(empty, 10));
        Path exact = Files.write(dir.resolve("ten"), "0123456789".getBytes(StandardCharsets.UTF_8));
        assertEquals("0123456789", new String(InputFile.read(exact, 10), StandardCharsets.UTF_8));
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path p = fifo(dir.resolve("pipe.hie"));
        InputFile.Refused e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InputFile.Refused.class, () -> InputFile.read(p, InputFile.HIE_LIMIT)));
        assertEquals("is a FIFO (named pipe), not a regular file; it was not read", e.getMessage());
        // through a symbolic link too: the file read is what counts
        Path link = Files.createSymbolicLink(dir.resolve("link.hie"), p);
        assertEquals("is a FIFO (named pipe), not a regular file; it was not read", assertTimeoutPreemptively(
                Duration.ofSeconds(10), () -> assertThrows(InputFile.Refused.class, () -> InputFile.read(link, 100)))
                .getMessage());
    }

    @Test
    void devicesAndFoldersAreRefused() {
        InputFile.Refused zero = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InputFile.Refused.class, () -> InputFile.read(Path.of("/dev/zero"), 100)));
        assertEquals("is a character device, not a regular file; it was not read", zero.getMessage());
        InputFile.Refused folder = assertThrows(InputFile.Refused.class, () -> InputFile.read(dir, 100));
        assertEquals("is a folder, not a regular file; it was not read", folder.getMessage());
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedFromItsSize() throws IOException {
        Path big = sparse(dir.resolve("big.hie"), 3L * 1024 * 1024 * 1024); // 3 GiB, never read
        InputFile.Refused e = assertThrows(InputFile.Refused.class,
                () -> InputFile.read(big, InputFile.HIE_LIMIT));
        assertTrue(e.tooLarge());
        assertEquals("is larger than the limit of 16 MiB (3072 MiB); it was not read", e.getMessage());
        Path eleven = Files.write(dir.resolve("eleven"), "01234567890".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(InputFile.Refused.class, () -> InputFile.read(eleven, 10)).tooLarge());
    }

    @Test
    void aFileWhoseSizeLiesIsStillReadNoFurtherThanTheLimit() throws IOException, InputFile.Refused {
        // /proc files say 0 bytes and have more: the reader grows its buffer, never past the limit
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(status));
        String text = new String(InputFile.read(status, 1024 * 1024), StandardCharsets.UTF_8);
        assertTrue(text.contains("Name:"), text);
        assertTrue(assertThrows(InputFile.Refused.class, () -> InputFile.read(status, 16)).tooLarge());
    }

    @Test
    void missingAndUnreadableFilesSayWhich() throws IOException {
        assertTrue(assertThrows(InputFile.Refused.class, () -> InputFile.read(dir.resolve("missing.hie"), 10))
                .missing());
        assertTrue(assertThrows(InputFile.Refused.class,
                () -> InputFile.read(dir.resolve("missing/deeper.hie"), 10)).missing());
        Path secret = Files.writeString(dir.resolve("secret.hie"), "x");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(secret), "running as root: every file is readable");
        InputFile.Refused e = assertThrows(InputFile.Refused.class, () -> InputFile.read(secret, 10));
        assertEquals("cannot be read: permission denied", e.getMessage());
    }

}
