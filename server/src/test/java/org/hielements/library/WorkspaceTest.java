package org.hielements.library;

import static org.hielements.library.TestFiles.mkdir;
import static org.hielements.library.TestFiles.symlink;
import static org.hielements.library.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path tmp;

    private Workspace ws() throws IOException {
        return Workspace.of(tmp.resolve("ws"));
    }

    private Path root() throws IOException {
        return Files.createDirectories(tmp.resolve("ws")).toRealPath();
    }

    @Test
    void userPathsResolveInsideAndEscapesAreArgumentErrors() throws IOException, LibraryException {
        Path root = root();
        Workspace ws = ws();
        assertEquals(root, ws.root());
        assertEquals(root.resolve("src/a.rs"), ws.resolve("src/a.rs", "file_selector", "E100"));
        assertEquals(root.resolve("b"), ws.resolve("a/../b", "file_selector", "E100"));
        assertEquals(root, ws.resolve("", "folder_selector", "E101"));
        assertEquals(root, ws.resolve(".", "folder_selector", "E101"));
        assertEquals(root, ws.resolve("./src/..", "folder_selector", "E101"));

        LibraryException abs = assertThrows(LibraryException.class, () -> ws.resolve("/etc/hosts", "file_selector", "E100"));
        assertEquals(new LibraryError("E100", "file_selector requires a path inside the workspace: '/etc/hosts' is absolute"),
                abs.error());
        LibraryException up = assertThrows(LibraryException.class, () -> ws.resolve("../x", "folder_selector", "E101"));
        assertEquals(new LibraryError("E101", "folder_selector requires a path inside the workspace: '../x' leaves it"),
                up.error());
        assertThrows(LibraryException.class, () -> ws.resolve("src/../../x", "glob_selector", "E102"));
        LibraryException nul = assertThrows(LibraryException.class, () -> ws.resolve("a\u0000b", "file_selector", "E100"));
        assertEquals("E100", nul.code());
        assertTrue(nul.error().message().startsWith("file_selector requires a valid path: "), nul.getMessage());

        Path src = root.resolve("src");
        assertEquals(root.resolve("x"), ws.resolveFrom(src, "../x", "exists", "E111"), "inside the workspace is fine");
        assertThrows(LibraryException.class, () -> ws.resolveFrom(src, "../../x", "exists", "E111"));
    }

    @Test
    void displayIsRelativeInsideAndAbsoluteOutside() throws IOException {
        Path root = root();
        Workspace ws = ws();
        assertEquals("src/a.rs", ws.display(root.resolve("src/a.rs")));
        assertEquals(".", ws.display(root));
        assertEquals("/elsewhere/x", ws.display(Path.of("/elsewhere/x")));
        assertEquals(List.of("src", "a.rs"), ws.segments(root.resolve("src/a.rs")));
        assertTrue(ws.contains(root.resolve("src")));
        assertFalse(ws.contains(root.getParent()));
    }

    @Test
    void aSymlinkedRootIsResolvedToItsRealPath() throws IOException {
        Path real = root();
        write(real, "a.txt", "a");
        Path link = symlink(tmp.resolve("link-to-ws"), real);
        Workspace ws = Workspace.of(link);
        assertEquals(real, ws.root());
        assertEquals(List.of("a.txt"), ws.index().files().stream().map(FileIndex.Entry::path).toList());
    }

    @Test
    void symlinksLeadingOutsideAreMissingAndTheWalkNeverFollowsLinks() throws IOException {
        Path root = root();
        Path outside = mkdir(tmp, "outside");
        write(outside, "secret.txt", "secret");
        write(outside, "deep/more.py", "import os\n");
        write(root, "src/main.py", "print(1)\n");
        write(root, "src/util.py", "x = 1\n");
        symlink(root.resolve("out-file.txt"), outside.resolve("secret.txt"));
        symlink(root.resolve("out-dir"), outside);
        symlink(root.resolve("in-file.py"), root.resolve("src/main.py"));
        symlink(root.resolve("in-dir"), root.resolve("src"));
        symlink(root.resolve("src/loop"), root);          // a loop must not hang the walk
        Workspace ws = ws();

        FileIndex index = assertTimeoutPreemptively(Duration.ofSeconds(10), ws::index);
        assertEquals(List.of("src/main.py", "src/util.py"), index.files().stream().map(FileIndex.Entry::path).toList(),
                "symlinked files are not listed and symlinked directories are not entered");
        assertEquals(List.of("src"), index.directories().stream().map(FileIndex.Entry::path).toList());

        assertTrue(ws.realPathInside(root.resolve("out-file.txt")).isEmpty());
        assertTrue(ws.realPathInside(root.resolve("out-dir/secret.txt")).isEmpty());
        assertFalse(ws.existsInside(root.resolve("out-dir")));
        assertTrue(ws.readText(root.resolve("out-file.txt")).isEmpty(), "never read through a link leading outside");
        assertTrue(ws.size(root.resolve("out-file.txt")).isEmpty());
        assertTrue(ws.existsInside(root.resolve("in-file.py")), "a link inside the workspace is followed");
        assertEquals("print(1)\n", ws.readText(root.resolve("in-file.py")).orElseThrow());
        assertTrue(ws.isDirectoryInside(root.resolve("in-dir")));
    }

    @Test
    void theWalkHappensOncePerRunAndFreshStartsANewOne() throws IOException {
        Path root = root();
        write(root, "a.py", "");
        Workspace ws = ws();
        assertEquals(0, ws.walkCount(), "lazy: nothing walked before it is needed");
        FileIndex first = ws.index();
        write(root, "b.py", "");
        assertSame(first, ws.index());
        assertEquals(1, ws.index().files().size(), "the listing is the run's snapshot");
        assertEquals(1, ws.walkCount());
        Workspace next = ws.fresh();
        assertEquals(2, next.index().files().size());
        assertEquals(1, next.walkCount());
        assertEquals("v", ws.memo("k", () -> "v"));
        assertEquals("v", ws.memo("k", () -> "other"), "memoized per run");
    }

    @Test
    void textIsStrictUtf8AndCached() throws IOException {
        Path root = root();
        Path good = write(root, "good.py", "héllo\n");
        Path bad = root.resolve("bad.py");
        Files.write(bad, new byte[] {'a', (byte) 0xff, 'b'});
        Workspace ws = ws();
        assertEquals("héllo\n", ws.readText(good).orElseThrow());
        Files.writeString(good, "changed");
        assertEquals("héllo\n", ws.readText(good).orElseThrow(), "one read per file per run");
        assertTrue(ws.readText(bad).isEmpty(), "not UTF-8: skipped, as upstream's read_to_string");
        assertTrue(ws.readText(root.resolve("missing.py")).isEmpty());
        assertTrue(ws.readText(root).isEmpty(), "a directory has no text");
        assertEquals(3, ws.size(bad).getAsLong());
    }

    @Test
    void discoveryFiltersDirectoriesBelowTheRootOnly() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));       // a workspace root named like an exclusion
        write(build, "app/main.py", "");
        write(build, "build/gen.py", "");
        write(build, "pkg.egg-info/setup.py", "");
        write(build, "venv/lib/site.py", "");
        write(build, "app/build.py", "");                                  // a file named like an exclusion is kept
        Workspace ws = Workspace.of(build);
        Set<String> excluded = Set.of("build", "venv");
        List<String> found = ws.index().discover("py", n -> excluded.contains(n) || n.endsWith(".egg-info"))
                .stream().map(FileIndex.Entry::path).toList();
        assertEquals(List.of("app/build.py", "app/main.py"), found);
    }

    @Test
    void entriesAreInGlobOrderBySegment() throws IOException {
        Path root = root();
        write(root, "a-b/x.txt", "");
        write(root, "a/x.txt", "");
        write(root, "a/B.txt", "");
        write(root, "Z.txt", "");
        List<String> order = ws().index().files().stream().map(FileIndex.Entry::path).toList();
        assertEquals(List.of("Z.txt", "a/B.txt", "a/x.txt", "a-b/x.txt"), order);
    }

    /**
     * ~20k files: one walk, then the discovery filters on top of it. Prints figures; no timed assertion. The tree is
     * built in /dev/shm when there is one: creating 20k files on this machine's disk takes ~20 s, on tmpfs under 1 s.
     */
    @Test
    void largeTreeWalkIsFastAndShared() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "hie-walk") : tmp;
        try {
            largeTree(base.resolve("ws"), base.equals(tmp) ? "the temp folder" : "/dev/shm");
        } finally {
            if (!base.equals(tmp)) deleteTree(base);
        }
    }

    private void largeTree(Path rootDir, String where) throws IOException {
        Path root = Files.createDirectories(rootDir).toRealPath();
        long c0 = System.nanoTime();
        int files = 0;
        for (int d = 0; d < 40; d++) {
            for (int s = 0; s < 10; s++) {
                Path dir = Files.createDirectories(root.resolve("pkg" + d).resolve("sub" + s));
                for (int f = 0; f < 50; f++) {
                    String ext = (f % 3 == 0) ? ".py" : (f % 3 == 1) ? ".rs" : ".txt";
                    Files.createFile(dir.resolve("f" + f + ext));
                    files++;
                }
            }
        }
        Files.createDirectories(root.resolve("node_modules/x"));
        long createMs = (System.nanoTime() - c0) / 1_000_000;
        Workspace ws = Workspace.of(root);
        long t0 = System.nanoTime();
        FileIndex index = ws.index();
        long walkMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        int py = index.discover("py", n -> n.equals("node_modules")).size();
        int rs = index.discover("rs", n -> n.equals("target")).size();
        int under = index.filesUnder(List.of("pkg7")).size();
        long filterMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(files, index.files().size());
        assertEquals(6800, py);
        assertEquals(6800, rs);
        assertEquals(500, under);
        assertEquals(1, ws.walkCount());
        System.out.println("[WorkspaceTest] created " + files + " files in " + where + " in " + createMs + " ms; walked "
                + index.files().size() + " files / " + index.directories().size() + " directories in " + walkMs
                + " ms; python+rust discovery and one folder filter on the listing: " + filterMs + " ms");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
