package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hielements.library.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache read from bytes and written again copies the bytes of the file-table entries it did not change: the result
 * is byte for byte what encoding every entry afresh gives, after edits, new files and deleted ones alike.
 */
class CacheWriteReuseTest {
    @TempDir
    Path tmp;

    @Test
    void copiedEntriesAreWhatEncodingThemAgainGives() throws IOException {
        CheckFixture fx = new CheckFixture(Files.createDirectories(tmp.resolve("ws")));
        StringBuilder hie = new StringBuilder();
        for (int p = 0; p < 4; p++) {
            for (int m = 0; m < 30; m++) fx.file("pkg" + p + "/m" + m + ".py", "import os\nx = " + m + "\n");
            hie.append("element e").append(p).append(":\n    scope s = files.folder_selector('pkg").append(p)
                    .append("')\n    check python.no_import(s, 'pickle')\n    check files.max_size(s, 1000)\n");
        }
        fx.hie("a.hie", hie.toString());
        fx.analyze();
        age(fx.root);
        CheckCache cache = CheckCache.empty();
        run(fx, cache);
        byte[] bytes = cache.write();
        assertArrayEquals(bytes, cache.write(false), "a cache never read: encoded afresh either way");

        List<String> problems = new ArrayList<>();
        for (String[] edit : new String[][] {
                {"pkg1/m3.py", "import pickle\n"}, {"pkg2/m0.py", "y = 2\nimport sys\n"}, {"pkg0/new.py", "z = 1\n"},
                {"pkg3/m29.py", null}, {"pkg3/m28.py", null}, {"pkg1/m3.py", "import os\n"}}) {
            CheckCache read = CheckCache.read(bytes, problems::add);
            assertTrue(problems.isEmpty(), problems.toString());
            Path f = fx.root.resolve(edit[0]);
            if (edit[1] == null) Files.delete(f);
            else Files.writeString(f, edit[1]);
            age(fx.root);
            RunResult r = run(fx, read);
            assertTrue(r.fromCache() > 0 && r.fromCache() < r.outcomes().size() + 4, edit[0] + ": " + r.fromCache());
            if (edit[1] == null) assertFalse(read.tableFiles().contains(edit[0]), "a deleted file leaves the table");
            assertEquals(pythonFiles(fx.root), new java.util.TreeSet<>(read.tableFiles()),
                    "after " + edit[0] + ": the table holds the files the checks read, no other");
            byte[] reused = read.write();
            assertArrayEquals(read.write(false), reused, "after " + edit[0]);
            // and read back, the same outcomes are replayed
            CheckCache again = CheckCache.read(reused, problems::add);
            RunResult replay = run(fx, again);
            assertEquals(CheckFixture.rows(r), CheckFixture.rows(replay), edit[0]);
            bytes = again.modified() ? again.write() : reused;
        }
    }

    private static RunResult run(CheckFixture fx, CheckCache cache) {
        return new Evaluator(fx.model, fx.registry, Workspace.of(fx.root)).run(RunOptions.defaults(), cache);
    }

    private static java.util.Set<String> pythonFiles(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".py"))
                    .map(p -> root.relativize(p).toString()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /** Every file and folder as of an hour ago: stamps trusted. */
    private static void age(Path root) throws IOException {
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        try (var s = Files.walk(root)) {
            for (Path p : s.toList()) Files.setLastModifiedTime(p, old);
        }
    }
}
