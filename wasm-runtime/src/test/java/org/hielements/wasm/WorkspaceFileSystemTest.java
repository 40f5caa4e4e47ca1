package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The confined read-only view on its own, through plain java.nio calls: the confinement does not
 * rely on Chicory's own path checks (which refuse only a leading ".." and absolute paths).
 */
class WorkspaceFileSystemTest {
    @TempDir
    Path tmp;
    Path ws;
    Path view;

    @BeforeEach
    void setUp() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("a.txt"), "A");
        Files.createDirectories(ws.resolve("d"));
        Files.createSymbolicLink(ws.resolve("out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(ws.resolve("outdir"), outside);
        Files.createSymbolicLink(ws.resolve("in"), Path.of("a.txt"));
        view = WorkspaceFileSystem.mount(ws);
    }

    @Test
    void readsInsideTheWorkspace() throws IOException {
        assertEquals("A", Files.readString(view.resolve("a.txt")));
        assertEquals("A", Files.readString(view.resolve("in")));
        assertEquals("A", Files.readString(view.resolve("d/../a.txt")));
        assertTrue(Files.isDirectory(view.resolve("d")));
        assertTrue(Files.isSymbolicLink(view.resolve("out")), "lstat of a link itself is allowed");
        assertEquals(1L, Files.readAttributes(view.resolve("a.txt"), "unix:size").get("size"));
    }

    @Test
    void refusesEveryWayOut() {
        for (String p : List.of("../outside/secret.txt", "d/../../outside/secret.txt", "out", "outdir/secret.txt",
                tmp.resolve("outside/secret.txt").toString(), "/etc/passwd")) {
            IOException e = assertThrows(IOException.class, () -> Files.readString(view.resolve(p)), p);
            assertTrue(e instanceof AccessDeniedException || e instanceof NoSuchFileException, p + ": " + e);
        }
        assertFalse(Files.exists(view.resolve("out")));
        assertFalse(Files.isDirectory(view.resolve("outdir")));
    }

    @Test
    void dotDotAboveTheRootStaysAtTheRoot() throws IOException {
        Path up = view.resolve("..");
        assertTrue(Files.isDirectory(up));
        assertEquals(Files.readAttributes(view, "unix:ino").get("ino"), Files.readAttributes(up, "unix:ino").get("ino"));
    }

    @Test
    void refusesEveryChange() throws IOException {
        Path a = view.resolve("a.txt");
        assertThrows(AccessDeniedException.class, () -> Files.writeString(view.resolve("new.txt"), "x"));
        assertThrows(AccessDeniedException.class, () -> Files.writeString(a, "x"));
        assertThrows(AccessDeniedException.class, () -> Files.delete(a));
        assertThrows(AccessDeniedException.class, () -> Files.createDirectory(view.resolve("nd")));
        assertThrows(AccessDeniedException.class, () -> Files.move(a, view.resolve("b.txt")));
        assertThrows(AccessDeniedException.class, () -> Files.createSymbolicLink(view.resolve("l"), a));
        assertThrows(AccessDeniedException.class, () -> Files.setLastModifiedTime(a, FileTime.fromMillis(0)));
        BasicFileAttributeView v = Files.getFileAttributeView(a, BasicFileAttributeView.class);
        assertThrows(AccessDeniedException.class, () -> v.setTimes(null, null, null));
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.READ)) {
            assertThrows(AccessDeniedException.class, () -> ch.truncate(0));
            assertThrows(AccessDeniedException.class, () -> ch.write(ByteBuffer.wrap(new byte[] {1})));
            ByteBuffer b = ByteBuffer.allocate(4);
            assertEquals(1, ch.read(b));
        }
        assertEquals("A", Files.readString(ws.resolve("a.txt")));
        assertFalse(Files.exists(ws.resolve("new.txt")));
        assertFalse(Files.exists(ws.resolve("nd")));
    }

    @Test
    void listingsShowOnlyWhatIsReachable() throws IOException {
        Set<String> names;
        try (Stream<Path> s = Files.list(view)) {
            names = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        // the links are listed (their names are inside) but those leading out do not resolve
        assertEquals(Set.of("a.txt", "d", "out", "outdir", "in"), names);
        assertTrue(Files.exists(view.resolve("in")));
        assertFalse(Files.exists(view.resolve("outdir")));
        assertTrue(Files.exists(view.resolve("outdir"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void pathsDoNotLeadBackToTheDefaultFileSystem() {
        assertThrows(UnsupportedOperationException.class, () -> view.toFile());
        assertThrows(UnsupportedOperationException.class, () -> view.toUri());
        assertTrue(view.getFileSystem().isReadOnly());
    }
}
