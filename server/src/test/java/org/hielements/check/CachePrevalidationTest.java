package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.hielements.library.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CheckCache#prevalidate}: the command line compares the cache's file table with the disk on another thread while
 * the files are analysed; the run then starts from that comparison. A change it saw makes the check run again; a change
 * after it is seen by the next run at the latest; a comparison made for another root is not used.
 */
class CachePrevalidationTest {
    @TempDir
    Path tmp;

    private static final String HIE = "element e:\n    scope s = files.folder_selector('.')\n"
            + "    check python.no_import(s, 'pickle')\n";

    private CheckFixture fixture(String name) throws IOException {
        CheckFixture fx = new CheckFixture(Files.createDirectories(tmp.resolve(name)))
                .file("a.py", "import os\n").hie("a.hie", HIE);
        fx.analyze();
        age(fx.root.resolve("a.py"));
        return fx;
    }

    /** As a file of a checkout made earlier: a stamp this old is trusted without reading the file. */
    private static void age(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
    }

    private static void edit(Path file, String text) throws IOException {
        Files.writeString(file, text);
        age(file);                       // the same old time: only the size and content tell
    }

    private static RunResult run(CheckFixture fx, CheckCache cache) {
        return new Evaluator(fx.model, fx.registry, Workspace.of(fx.root)).run(RunOptions.defaults(), cache);
    }

    @Test
    void aChangeThePrevalidationSawRunsTheCheckAgain() throws IOException {
        CheckFixture fx = fixture("saw");
        CheckCache cache = CheckCache.empty();
        assertEquals(Outcome.Status.PASS, run(fx, cache).outcomes().get(0).status());
        assertEquals(1, run(fx, cache).fromCache(), "nothing changed: reused");
        edit(fx.root.resolve("a.py"), "import pickle\n");
        cache.prevalidate(fx.root);
        RunResult r = run(fx, cache);
        assertEquals(0, r.fromCache());
        assertEquals(Outcome.Status.FAIL, r.outcomes().get(0).status(), CheckFixture.rows(r).toString());
    }

    @Test
    void aChangeAfterThePrevalidationIsSeenByTheNextRun() throws IOException {
        CheckFixture fx = fixture("after");
        CheckCache cache = CheckCache.empty();
        run(fx, cache);
        run(fx, cache);
        cache.prevalidate(fx.root);
        edit(fx.root.resolve("a.py"), "import pickle\n");
        RunResult replayed = run(fx, cache);
        // the run rests on the files as the prevalidation found them (as a change during a run): the old verdict
        assertEquals(1, replayed.fromCache());
        assertEquals(Outcome.Status.PASS, replayed.outcomes().get(0).status());
        RunResult next = run(fx, cache);       // no prevalidation now: the run compares the table itself
        assertEquals(0, next.fromCache(), "the table kept the stamp the prevalidation saw, so the change shows");
        assertEquals(Outcome.Status.FAIL, next.outcomes().get(0).status(), CheckFixture.rows(next).toString());
    }

    @Test
    void aPrevalidationOfAnotherRootOrAnEarlierRunIsNotUsed() throws IOException {
        CheckFixture fx = fixture("root");
        CheckFixture other = fixture("other");
        CheckCache cache = CheckCache.empty();
        run(fx, cache);
        run(fx, cache);
        cache.prevalidate(other.root);      // made for another workspace: no file of the table is there
        edit(fx.root.resolve("a.py"), "import pickle\n");
        RunResult r = run(fx, cache);
        assertEquals(0, r.fromCache());
        assertEquals(Outcome.Status.FAIL, r.outcomes().get(0).status());

        edit(fx.root.resolve("a.py"), "import os\n");
        cache.prevalidate(fx.root);
        assertTrue(run(fx, cache).outcomes().get(0).passed());
        edit(fx.root.resolve("a.py"), "import pickle # again\n");
        // the earlier prevalidation was that run's: this one compares again
        assertEquals(Outcome.Status.FAIL, run(fx, cache).outcomes().get(0).status());
    }
}
