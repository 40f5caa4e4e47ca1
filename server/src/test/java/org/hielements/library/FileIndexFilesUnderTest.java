package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileIndex#filesUnder} finds a folder's files as one run of the sorted listing: the same files, in the same
 * order, as a look at every entry, for names that sort around the folder's own ({@code a.b}, {@code a-b}, {@code ab}
 * beside {@code a/}), deep and empty folders, a folder that is a file's name, and a walk that reused its listings.
 */
class FileIndexFilesUnderTest {
    @TempDir
    Path tmp;

    @Test
    void aFoldersFilesAreTheRunASearchFinds() throws IOException {
        Path root = tmp.toRealPath();
        for (String f : List.of("a", "a.b", "a-b/x", "ab/y", "a0", "b/a/z", "c/a/b/c/d.py", "c/a/b/e.py", "c/a.py",
                "c/a/f.py", "c/ab/g.py", "d/h", "A/i", "\u00e9/j", "z")) {
            if (f.equals("a")) continue;            // "a" is a folder below
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        for (String f : List.of("a/1", "a/b/2", "a/b/c/3", "a/.x", "a/a/a")) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        Files.createDirectories(root.resolve("empty/inner"));
        long old = System.currentTimeMillis() - 3_600_000L;      // stamps an hour old: trusted, the listings reused
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) Files.setLastModifiedTime(p, FileTime.fromMillis(old));
        }
        FileIndex cold = FileIndex.walk(root);
        Map<String, FileIndex.Prior> prior = new HashMap<>();
        long now = InputProbe.now();
        cold.folders().forEach((rel, f) -> prior.put(rel, new FileIndex.Prior(f.stamp(), now, f.entries(), f.listing())));
        FileIndex reused = FileIndex.walk(root, prior);
        // a reused entry makes its absolute path on first use
        assertTrue(reused.files().stream().allMatch(e -> e.absolute().equals(root.resolve(e.path()))));
        for (FileIndex index : List.of(cold, reused)) {
            for (String dir : List.of("a", "a/b", "a/b/c", "a/a", "a.b", "a-b", "ab", "b", "b/a", "c", "c/a", "c/a/b",
                    "c/ab", "d", "A", "\u00e9", "empty", "empty/inner", "missing", "z", "c/a.py")) {
                List<String> segments = FileIndex.segmentsOf(dir);
                List<String> expected = new ArrayList<>();
                for (FileIndex.Entry e : index.files()) {
                    if (e.isUnder(segments)) expected.add(e.path());
                }
                assertEquals(expected, index.filesUnder(segments).stream().map(FileIndex.Entry::path).toList(), dir);
            }
            assertEquals(index.files().size(), index.filesUnder(List.of()).size());
        }
        assertEquals(cold.files().stream().map(FileIndex.Entry::path).toList(),
                reused.files().stream().map(FileIndex.Entry::path).toList());
        assertEquals(cold.files().stream().map(FileIndex.Entry::absolute).toList(),
                reused.files().stream().map(FileIndex.Entry::absolute).toList());
        assertEquals(List.of("a/.x", "a/1", "a/a/a", "a/b/2", "a/b/c/3"),
                cold.filesUnder(List.of("a")).stream().map(FileIndex.Entry::path).toList());
    }
}
