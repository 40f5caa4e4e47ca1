package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.hielements.library.LibraryDoc;
import org.hielements.library.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key of a cached run asks a library's function list only when a {@code .hie} text of the model names it (asking
 * loads a WASM module); outcomes are reused all the same, and a text that names it asks.
 */
class CacheModelKeyTest {
    @TempDir
    Path tmp;

    private static final class Zebra extends CountingLibrary {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public String name() {
            return "zebralib";
        }

        @Override
        public Optional<LibraryDoc> knownFunctions() {
            asked.incrementAndGet();
            return super.knownFunctions();
        }
    }

    private static RunResult run(CheckFixture fx, CheckCache cache) {
        return new Evaluator(fx.model, fx.registry, Workspace.of(fx.root)).run(RunOptions.defaults(), cache);
    }

    @Test
    void aLibraryNoTextNamesIsNotAskedItsFunctions() throws java.io.IOException {
        Zebra zebra = new Zebra();
        CheckFixture fx = new CheckFixture(java.nio.file.Files.createDirectories(tmp.resolve("a"))).file("a.txt", "x\n")
                .hie("a.hie", "element e:\n    scope s = files.folder_selector('.')\n    check files.exists(s, 'a.txt')\n")
                .library(zebra);
        fx.analyze();
        zebra.asked.set(0);
        CheckCache cache = CheckCache.empty();
        RunResult cold = run(fx, cache);
        RunResult warm = run(fx, cache);
        assertEquals(0, zebra.asked.get(), "the function list of a library no text names");
        assertEquals(CheckFixture.rows(cold), CheckFixture.rows(warm));
        assertEquals(1, warm.fromCache());
        assertEquals(0, cold.fromCache());
    }

    @Test
    void aLibraryATextNamesIsAskedItsFunctions() throws java.io.IOException {
        Zebra zebra = new Zebra();
        CheckFixture fx = new CheckFixture(java.nio.file.Files.createDirectories(tmp.resolve("b"))).file("a.txt", "x\n")
                .hie("a.hie", "# zebralib is not called here, only named\nelement e:\n"
                        + "    scope s = files.folder_selector('.')\n    check files.exists(s, 'a.txt')\n")
                .library(zebra);
        fx.analyze();
        zebra.asked.set(0);
        CheckCache cache = CheckCache.empty();
        run(fx, cache);
        assertTrue(zebra.asked.get() > 0, "named in a text: its function list is part of the key");
        assertEquals(1, run(fx, cache).fromCache());
    }
}
