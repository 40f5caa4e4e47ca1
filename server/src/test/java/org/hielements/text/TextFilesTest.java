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
class TextFilesTest {
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
    void aRegularFileIsReadWhole() throws IOException {
        Path f = Files.writeString(dir.resolve("a.hie"), "element a:\n    scope s = x\n");
        assertEquals("element a:\n    scope s = x\n", TextFiles.readUtf8(f, TextFiles.SOURCE_LIMIT));
        Path empty = Files.write(dir.resolve("empty.hie"), new byte[0]);
        assertArrayEquals(new byte[0], TextFiles.readBytes(empty, 10));
        Path exact = Files.write(dir.resolve("ten"), "0123456789".getBytes(StandardCharsets.UTF_8));
        assertEquals("0123456789", TextFiles.readUtf8(exact, 10));
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path p = fifo(dir.resolve("pipe.hie"));
        TextFiles.Unreadable e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(TextFiles.Unreadable.class, () -> TextFiles.readUtf8(p, TextFiles.SOURCE_LIMIT)));
        assertEquals(TextFiles.Problem.NOT_REGULAR, e.problem());
        assertEquals("a FIFO (named pipe), not a regular file; refused without reading it", e.reason());
        // through a symbolic link too: the file read is what counts
        Path link = Files.createSymbolicLink(dir.resolve("link.hie"), p);
        assertEquals(TextFiles.Problem.NOT_REGULAR, assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(TextFiles.Unreadable.class, () -> TextFiles.readUtf8(link, 100))).problem());
    }

    @Test
    void devicesAndFoldersAreRefused() {
        TextFiles.Unreadable zero = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(TextFiles.Unreadable.class, () -> TextFiles.readBytes(Path.of("/dev/zero"), 100)));
        assertEquals("a character device, not a regular file; refused without reading it", zero.reason());
        TextFiles.Unreadable folder = assertThrows(TextFiles.Unreadable.class, () -> TextFiles.readBytes(dir, 100));
        assertEquals("a folder, not a file", folder.reason());
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedFromItsSize() throws IOException {
        Path big = sparse(dir.resolve("big.hie"), 3L * 1024 * 1024 * 1024); // 3 GiB, never read
        TextFiles.Unreadable e = assertThrows(TextFiles.Unreadable.class,
                () -> TextFiles.readUtf8(big, TextFiles.SOURCE_LIMIT));
        assertEquals(TextFiles.Problem.TOO_LARGE, e.problem());
        assertEquals("larger than the 16 MiB limit (3 GiB)", e.reason());
        Path eleven = Files.write(dir.resolve("eleven"), "01234567890".getBytes(StandardCharsets.UTF_8));
        assertEquals("larger than the 10 bytes limit", assertThrows(TextFiles.Unreadable.class,
                () -> TextFiles.readBytes(eleven, 10)).reason());
    }

    @Test
    void aFileWhoseSizeLiesIsStillReadNoFurtherThanTheLimit() throws IOException {
        // /proc files say 0 bytes and have more: the reader grows its buffer, never past the limit
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(status));
        String text = TextFiles.readUtf8(status, 1024 * 1024);
        assertTrue(text.contains("Name:"), text);
        assertEquals(TextFiles.Problem.TOO_LARGE,
                assertThrows(TextFiles.Unreadable.class, () -> TextFiles.readBytes(status, 16)).problem());
    }

    @Test
    void missingAndUnreadableFilesSayWhich() throws IOException {
        assertEquals("no such file or directory", assertThrows(TextFiles.Unreadable.class,
                () -> TextFiles.readBytes(dir.resolve("missing.hie"), 10)).reason());
        assertEquals(TextFiles.Problem.MISSING, assertThrows(TextFiles.Unreadable.class,
                () -> TextFiles.readBytes(dir.resolve("missing/deeper.hie"), 10)).problem());
        Path secret = Files.writeString(dir.resolve("secret.hie"), "x");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(secret), "running as root: every file is readable");
        TextFiles.Unreadable e = assertThrows(TextFiles.Unreadable.class, () -> TextFiles.readBytes(secret, 10));
        assertEquals(TextFiles.Problem.DENIED, e.problem());
        assertEquals("cannot be read (permission denied)", e.reason());
    }

    @Test
    void sizesAreWrittenForPeople() {
        assertEquals("512 bytes", TextFiles.size(512));
        assertEquals("16 MiB", TextFiles.size(16L * 1024 * 1024));
        assertEquals("1.5 KiB", TextFiles.size(1536));
        assertEquals("2.0 GiB", TextFiles.size(2L * 1024 * 1024 * 1024 + 1));
    }
}
