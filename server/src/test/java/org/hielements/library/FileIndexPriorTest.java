package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A walk given the listings of an earlier walk ({@link FileIndex.Prior}) takes a folder's listing from it while the
 * folder's stamp is unchanged and was not racy, and reads the folder again otherwise; either way the index equals a
 * walk from nothing.
 */
class FileIndexPriorTest {
    @TempDir
    Path tmp;

    private Path tree() throws IOException {
        Path root = tmp.toRealPath();
        for (String f : List.of("a/one.py", "a/two.py", "a/sub/three.py", "b/four.txt", "top.md")) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        Files.createSymbolicLink(root.resolve("a/link"), root.resolve("b"));
        Files.createDirectories(root.resolve(".hielements/cache"));
        Files.writeString(root.resolve(".hielements/cache/x.bin"), "cache");
        // stamps an hour old: trusted
        long old = System.currentTimeMillis() - 3_600_000L;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (!Files.isSymbolicLink(p)) Files.setLastModifiedTime(p, FileTime.fromMillis(old));
            }
        }
        return root;
    }

    private static Map<String, FileIndex.Prior> prior(FileIndex walked, long observedAt) {
        Map<String, FileIndex.Prior> out = new HashMap<>();
        walked.folders().forEach((rel, f) -> out.put(rel, new FileIndex.Prior(f.stamp(), observedAt, f.entries())));
        return out;
    }

    private static List<String> paths(List<FileIndex.Entry> entries) {
        return entries.stream().map(FileIndex.Entry::path).toList();
    }

    private static void assertSameIndex(FileIndex expected, FileIndex actual) {
        assertEquals(paths(expected.files()), paths(actual.files()));
        assertEquals(paths(expected.directories()), paths(actual.directories()));
        assertEquals(paths(expected.links()), paths(actual.links()));
        Map<String, String> a = new HashMap<>();
        Map<String, String> b = new HashMap<>();
        expected.folders().forEach((k, v) -> a.put(k, v.listing()));
        actual.folders().forEach((k, v) -> b.put(k, v.listing()));
        assertEquals(a, b);
    }

    @Test
    void anUnchangedTreeIsTakenFromThePriorAndEqualsAFreshWalk() throws IOException {
        Path root = tree();
        FileIndex first = FileIndex.walk(root);
        assertTrue(paths(first.files()).contains("a/sub/three.py"));
        assertTrue(paths(first.links()).contains("a/link"));
        assertTrue(paths(first.files()).stream().noneMatch(p -> p.startsWith(".hielements")));
        FileIndex again = FileIndex.walk(root, prior(first, InputProbe.now()));
        assertSameIndex(FileIndex.walk(root), again);

        // proof that the listing was taken, not read: a prior naming a file the folder does not hold is believed while
        // the folder's stamp is the one it had
        Map<String, FileIndex.Prior> lying = prior(first, InputProbe.now());
        FileIndex.Prior b = lying.get("b");
        lying.put("b", new FileIndex.Prior(b.stamp(), b.observedAt(), List.of("ffour.txt", "fghost.txt")));
        assertTrue(paths(FileIndex.walk(root, lying).files()).contains("b/ghost.txt"));
    }

    @Test
    void aChangedFolderIsReadAgain() throws IOException {
        Path root = tree();
        Map<String, FileIndex.Prior> before = prior(FileIndex.walk(root), InputProbe.now());
        Files.writeString(root.resolve("a/sub/new.py"), "new");     // a/sub's stamp changes
        Files.delete(root.resolve("b/four.txt"));                  // b's too
        FileIndex walked = FileIndex.walk(root, before);
        assertSameIndex(FileIndex.walk(root), walked);
        assertTrue(paths(walked.files()).contains("a/sub/new.py"));
        assertTrue(!paths(walked.files()).contains("b/four.txt"));
    }

    @Test
    void aRacyOrUnknownPriorIsNotTrusted() throws IOException {
        Path root = tree();
        FileIndex first = FileIndex.walk(root);
        // observed right when the folders were last modified: a change in the same clock tick could hide
        Map<String, FileIndex.Prior> racy = new HashMap<>();
        first.folders().forEach((rel, f) -> racy.put(rel, new FileIndex.Prior(f.stamp(), f.stamp().mtime(),
                List.of("fghost.txt"))));
        FileIndex walked = FileIndex.walk(root, racy);
        assertSameIndex(FileIndex.walk(root), walked);
        // no listing known (a folder checked without a walk): read
        Map<String, FileIndex.Prior> unknown = new HashMap<>();
        first.folders().forEach((rel, f) -> unknown.put(rel, new FileIndex.Prior(f.stamp(), InputProbe.now(), null)));
        assertSameIndex(FileIndex.walk(root), FileIndex.walk(root, unknown));
    }
}
