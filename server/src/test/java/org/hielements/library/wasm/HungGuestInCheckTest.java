package org.hielements.library.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.hielements.check.Evaluator;
import org.hielements.check.Outcome;
import org.hielements.check.RunOptions;
import org.hielements.check.RunResult;
import org.hielements.cli.Main;
import org.hielements.library.Workspace;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.PluginFixtures;
import org.hielements.semantics.Analyzer;
import org.hielements.semantics.KnownLibraries;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceProvider;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest runs on the thread that evaluates the checks (no worker thread in between): one that never answers still
 * stops at its time limit, the run goes on with the next check, and the evaluator's thread is left without an
 * interrupt. Through the {@link Evaluator} and through {@code hielements check} ({@link Main#run}), both on this test's
 * own thread. The time bounds are loose (the guest would otherwise run forever); the figures are printed.
 */
class HungGuestInCheckTest {
    @TempDir
    Path dir;

    private static Path hangWasm() {
        return PluginFixtures.fixtures().toAbsolutePath().normalize().getParent()
                .resolve("wasm-runtime/src/test/resources/wasm/hang.wasm");
    }

    private Path workspace() {
        PluginFixtures.write(dir, "hielements.toml", "[libraries.hang]\npath = " + PluginFixtures.q(hangWasm())
                + "\n[libraries.hang.limits]\ntimeout = \"300ms\"\n");
        PluginFixtures.write(dir, "src/a.py", "");
        return PluginFixtures.write(dir, "spec.hie", "element stuck:\n    check hang.spin()\n"
                + "element after:\n    scope src = files.folder_selector('src')\n    check files.exists(src, 'a.py')\n");
    }

    @Test
    void throughTheEvaluatorOnItsOwnThread() throws Exception {
        Path spec = workspace();
        Path root = dir.toRealPath();
        try (Libraries libs = Libraries.load(root, PluginFixtures.options())) {
            SourceText text = new SourceText(spec.toString(), java.nio.file.Files.readString(spec));
            SemanticModel model = new Analyzer(KnownLibraries.describing(libs.registry()), SourceProvider.disk(root),
                    root).analyze(Map.of(spec.toAbsolutePath(), Parser.parse(text)));
            Evaluator evaluator = new Evaluator(model, libs.registry(), Workspace.of(root));
            evaluator.run(RunOptions.defaults()); // the module is compiled and warm; the run below is the call itself
            long t0 = System.nanoTime();
            RunResult r = evaluator.run(RunOptions.defaults());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("HungGuestInCheckTest: a guest that never answers, limit 300 ms: the evaluator's run "
                    + "took " + ms + " ms");
            List<Outcome> outcomes = r.outcomes();
            assertEquals(2, outcomes.size(), outcomes.toString());
            assertEquals("E602", outcomes.get(0).code(), outcomes.get(0).toString());
            assertTrue(outcomes.get(0).message().contains("timed out after 300 ms"), outcomes.get(0).message());
            assertEquals(1, r.passed(), "the next check ran: " + outcomes);
            assertFalse(Thread.currentThread().isInterrupted(), "no interrupt is left on the evaluator's thread");
            assertTrue(ms >= 300 && ms < 5_000, "stopped after " + ms + " ms");
        }
    }

    @Test
    void throughHielementsCheckOnItsOwnThread() throws Exception {
        Path spec = workspace();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code = Main.run(new String[] {"check", spec.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String o = out.toString(StandardCharsets.UTF_8);
        System.out.println("HungGuestInCheckTest: hielements check with a guest that never answers, limit 300 ms: "
                + ms + " ms (load and compile included)");
        assertEquals(1, code, o + err.toString(StandardCharsets.UTF_8));
        assertTrue(o.contains("timed out after 300 ms"), o);
        assertTrue(o.contains("PASS after :: files.exists(src, 'a.py')"), o);
        assertFalse(Thread.currentThread().isInterrupted(), "no interrupt is left on the thread that ran check");
        assertTrue(ms < 30_000, "stopped after " + ms + " ms");
    }
}
