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
 * The key of a cached run holds the function lists of the libraries the analysis looked up, and asks no other library
 * for its list (asking loads a WASM module); outcomes are reused all the same, and a library the texts call whose list
 * changed makes a new key.
 */
class CacheModelKeyTest {
    @TempDir
    Path tmp;

    private static final class Zebra extends CountingLibrary {
        final AtomicInteger asked = new AtomicInteger();
        boolean extra;

        @Override
        public String name() {
            return "zebralib";
        }

        @Override
        public String cacheIdentity() {
            return "zebra 1";   // a deterministic library: its outcomes may be reused
        }

        @Override
        public Optional<LibraryDoc> knownFunctions() {
            asked.incrementAndGet();
            LibraryDoc d = super.knownFunctions().orElseThrow();
            if (!extra) return Optional.of(d);
            java.util.List<org.hielements.library.FunctionDoc> checks = new java.util.ArrayList<>(d.checks());
            checks.add(new org.hielements.library.FunctionDoc("extra", "", java.util.List.of(), "CheckResult", null,
                    false));
            return Optional.of(new LibraryDoc(d.name(), d.description(), d.version(), d.functions(), checks));
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
    void aLibraryTheTextsCallHaveItsFunctionListInTheKey() throws java.io.IOException {
        Zebra zebra = new Zebra();
        CheckFixture fx = new CheckFixture(java.nio.file.Files.createDirectories(tmp.resolve("b"))).file("a.txt", "x\n")
                .hie("a.hie", "element e:\n    check zebralib.ok()\n")
                .library(zebra);
        fx.analyze();
        CheckCache cache = CheckCache.empty();
        assertEquals(0, run(fx, cache).fromCache());
        assertEquals(1, run(fx, cache).fromCache(), "the same model: reused");
        zebra.extra = true;                  // the library now lists one more check: a model analysed with it
        fx.analyze();
        assertEquals(0, run(fx, cache).fromCache(), "another function list: another key");
        assertEquals(1, run(fx, cache).fromCache());
    }
}
