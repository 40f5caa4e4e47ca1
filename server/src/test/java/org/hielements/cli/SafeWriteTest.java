package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safe write ({@code doc -o}): a regular file created or replaced inside the folder, never through a symbolic
 * link, whatever is in the way; nothing outside is touched.
 */
class SafeWriteTest {
    @TempDir
    Path tmp;

    private Path folder;
    private Path outside;
    private Path victim;

    @BeforeEach
    void layout() throws IOException {
        folder = Files.createDirectories(tmp.resolve("project"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        victim = Files.writeString(outside.resolve("victim.txt"), "precious\n");
    }

    private void assertOutsideUntouched() throws IOException {
        assertEquals("precious\n", Files.readString(victim));
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(victim), s.toList());
        }
    }

    @Test
    void writesANewFileAndItsFoldersAndReplacesAnOldOne() throws IOException {
        SafeWrite.replaceInside(folder, "docs/api/catalog.md", "one\n");
        assertEquals("one\n", Files.readString(folder.resolve("docs/api/catalog.md")));
        Files.setPosixFilePermissions(folder.resolve("docs/api/catalog.md"), PosixFilePermissions.fromString("rw-r-----"));
        SafeWrite.replaceInside(folder, "./docs/api/catalog.md", "two\n");
        assertEquals("two\n", Files.readString(folder.resolve("docs/api/catalog.md")));
        assertEquals("rw-r-----", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve("docs/api/catalog.md"))));
        try (Stream<Path> s = Files.list(folder.resolve("docs/api"))) {
            assertEquals(List.of(folder.resolve("docs/api/catalog.md")), s.toList(), "no temporary file left");
        }
    }

    @Test
    void aFileThatIsASymbolicLinkIsNeverWrittenThrough() throws IOException {
        Files.createSymbolicLink(folder.resolve("catalog.md"), Path.of("../outside/victim.txt"));
        SafeWrite.Refused e = assertThrows(SafeWrite.Refused.class,
                () -> SafeWrite.replaceInside(folder, "catalog.md", "overwritten\n"));
        assertEquals("'catalog.md' is a symbolic link; refusing to write through it", e.getMessage());
        assertOutsideUntouched();
        assertTrue(Files.isSymbolicLink(folder.resolve("catalog.md")));
        // a dangling link would create its target
        Files.createSymbolicLink(folder.resolve("new.md"), Path.of("../outside/created.txt"));
        assertThrows(SafeWrite.Refused.class, () -> SafeWrite.replaceInside(folder, "new.md", "x"));
        assertOutsideUntouched();
    }

    @Test
    void aFolderReachedThroughASymbolicLinkIsNeverWrittenInto() throws IOException {
        Files.createSymbolicLink(folder.resolve("docs"), Path.of("../outside"));
        SafeWrite.Refused e = assertThrows(SafeWrite.Refused.class,
                () -> SafeWrite.replaceInside(folder, "docs/new.md", "x"));
        assertEquals("'docs' is a symbolic link; refusing to write through it", e.getMessage());
        Files.createDirectories(folder.resolve("a/b"));
        Files.createSymbolicLink(folder.resolve("a/b/c"), outside);
        assertEquals("'a/b/c' is a symbolic link; refusing to write through it", assertThrows(
                SafeWrite.Refused.class, () -> SafeWrite.replaceInside(folder, "a/b/c/d/new.md", "x")).getMessage());
        assertOutsideUntouched();
        assertFalse(Files.exists(outside.resolve("d"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void specialFilesFoldersAndEscapesAreRefused() throws Exception {
        Process p = new ProcessBuilder("mkfifo", folder.resolve("pipe.md").toString()).start();
        assertEquals(0, p.waitFor());
        assertEquals("'pipe.md' is not a regular file", assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(SafeWrite.Refused.class, () -> SafeWrite.replaceInside(folder, "pipe.md", "x")))
                .getMessage());
        Files.createDirectories(folder.resolve("dir.md"));
        assertEquals("'dir.md' is a folder",
                assertThrows(SafeWrite.Refused.class, () -> SafeWrite.replaceInside(folder, "dir.md", "x")).getMessage());
        Files.writeString(folder.resolve("file"), "x");
        assertEquals("'file' is not a folder",
                assertThrows(SafeWrite.Refused.class, () -> SafeWrite.replaceInside(folder, "file/x.md", "x")).getMessage());
        assertThrows(SafeWrite.Refused.class, () -> SafeWrite.replaceInside(folder, "../outside/victim.txt", "x"));
        assertThrows(SafeWrite.Refused.class, () -> SafeWrite.replaceInside(folder, victim.toString(), "x"));
        assertThrows(SafeWrite.Refused.class, () -> SafeWrite.replaceInside(folder, "", "x"));
        assertOutsideUntouched();
    }

    @Test
    void theDocCommandUsesIt() throws IOException {
        // doc -o writes relative to the current folder: the links live in target/ there
        Path here = Files.createDirectories(Path.of("target", "safe-output-test", tmp.getFileName().toString()))
                .toAbsolutePath();
        Files.createSymbolicLink(here.resolve("catalog.md"), victim);
        Files.createSymbolicLink(here.resolve("docs"), outside);
        String base = Path.of("").toAbsolutePath().relativize(here).toString();
        MainTest.Run r = MainTest.run("doc", "-o", base + "/catalog.md", "-w", folder.toString());
        assertEquals(2, r.code());
        assertEquals("error: cannot write '" + base + "/catalog.md': '" + base
                + "/catalog.md' is a symbolic link; refusing to write through it\n", r.err());
        MainTest.Run d = MainTest.run("doc", "-o", base + "/docs/new.md", "-w", folder.toString());
        assertEquals(2, d.code());
        assertEquals("error: cannot write '" + base + "/docs/new.md': '" + base
                + "/docs' is a symbolic link; refusing to write through it\n", d.err());
        assertOutsideUntouched();
        MainTest.Run ok = MainTest.run("doc", "-o", base + "/real/catalog.md", "-w", folder.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.readString(here.resolve("real/catalog.md"), StandardCharsets.UTF_8).contains("files"));
    }

    @Test
    void createWritesANewFileAndNeverReplacesOrFollowsALink() throws IOException {
        Path fresh = tmp.resolve("new.hie");
        SafeWrite.create(fresh, "element a:\n");
        assertEquals("element a:\n", Files.readString(fresh));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        SafeWrite.Refused again = assertThrows(SafeWrite.Refused.class, () -> SafeWrite.create(fresh, "x"));
        assertTrue(again.getMessage().contains("already exists"), again.getMessage());
        assertEquals("element a:\n", Files.readString(fresh));
        Path elsewhere = tmp.resolve("elsewhere.txt");
        Path link = tmp.resolve("link.hie");
        Files.createSymbolicLink(link, elsewhere);
        assertThrows(SafeWrite.Refused.class, () -> SafeWrite.create(link, "x"));
        assertFalse(Files.exists(elsewhere), "nothing written through the dangling link");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }
}
