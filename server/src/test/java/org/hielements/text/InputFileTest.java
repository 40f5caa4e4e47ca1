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

    /** A file read as lstat saw it: the size given, the caller's buffer, a change since then still read right. */
    @Test
    void aFileSeenRegularIsReadAsItIsNow() throws IOException, InputFile.Refused {
        Path f = Files.writeString(dir.resolve("a.py"), "import os\n");
        byte[] buffer = new byte[64];
        InputFile.Bytes read = InputFile.readSeenRegular(f, 10, InputFile.CHECKED_FILE_LIMIT, buffer);
        assertTrue(read.array() == buffer, "read into the caller's buffer");
        assertEquals("import os\n", new String(read.array(), 0, read.length(), StandardCharsets.UTF_8));
        // a buffer without room for one byte past the size: a new array
        InputFile.Bytes own = InputFile.readSeenRegular(f, 10, InputFile.CHECKED_FILE_LIMIT, new byte[10]);
        assertEquals("import os\n", new String(own.array(), 0, own.length(), StandardCharsets.UTF_8));
        // grown since lstat said 4 bytes: all of it; shrunk since it said 40: what is there
        InputFile.Bytes grown = InputFile.readSeenRegular(f, 4, InputFile.CHECKED_FILE_LIMIT, null);
        assertEquals("import os\n", new String(grown.array(), 0, grown.length(), StandardCharsets.UTF_8));
        InputFile.Bytes shrunk = InputFile.readSeenRegular(f, 40, InputFile.CHECKED_FILE_LIMIT, buffer);
        assertEquals("import os\n", new String(shrunk.array(), 0, shrunk.length(), StandardCharsets.UTF_8));
        // grown past the limit: refused as too large, though lstat's size was within it
        InputFile.Refused large = assertThrows(InputFile.Refused.class, () -> InputFile.readSeenRegular(f, 4, 8, null));
        assertTrue(large.tooLarge(), large.getMessage());
        // a size over the limit: refused before it is opened
        assertTrue(assertThrows(InputFile.Refused.class, () -> InputFile.readSeenRegular(f, 9, 8, null)).tooLarge());
        // a link put in its place since: not followed, the caller is told to look again
        Path target = Files.writeString(dir.resolve("target.py"), "x = 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("now-a-link.py"), target);
        assertEquals(null, InputFile.readSeenRegular(link, 6, InputFile.CHECKED_FILE_LIMIT, buffer));
        // gone since: missing
        assertTrue(InputFile.readSeenRegular(dir.resolve("gone.py"), 6, 100, buffer) == null);
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
