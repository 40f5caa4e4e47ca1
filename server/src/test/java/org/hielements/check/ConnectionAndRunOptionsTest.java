package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hielements.library.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionAndRunOptionsTest {
    @TempDir
    Path tmp;

    private CheckFixture rustWorkspace() {
        return new CheckFixture(tmp)
                .file("core/src/lexer.rs", "pub struct Token;\n")
                .file("core/src/parser.rs", "use crate::lexer::Token;\npub fn parse() {}\n")
                .file("core/src/eval.rs", "pub fn run() {}\n")
                .file("tools/gen.py", "import os\n");
    }

    @Test
    void twoParameterConnectionChecksRunForEachUsesWithTheSourceAndTheTargetsScopes() {
        CheckFixture f = rustWorkspace().hie("spec.hie", """
                language rust:
                    connection_check uses_module(source: scope[], target: scope[]):
                        rust.depends_on(source, target)
                element core:
                    element lexer:
                        scope code<rust> = files.file_selector('core/src/lexer.rs')
                    element parser:
                        scope code<rust> = files.file_selector('core/src/parser.rs')
                        code uses core.lexer
                    element eval:
                        scope code<rust> = files.file_selector('core/src/eval.rs')
                        code uses core.lexer
                        code uses core.tools
                    element tools:
                        scope py<python> = files.folder_selector('tools')
                """);
        RunResult r = f.run();
        assertEquals(List.of(), f.staticDiagnostics());
        assertEquals(List.of(
                "PASS core.parser :: rust.depends_on(source, target) (rust.uses_module)",
                "FAIL core.eval :: rust.depends_on(source, target) (rust.uses_module) --> No dependency found: source "
                        + "does not use 'crate::lexer' [F001] @spec.hie:12:9 [code uses core.lexer]",
                "ERROR core.eval :: rust.depends_on(source, target) (rust.uses_module) --> `core.tools` has no scope "
                        + "annotated <rust> to check the connection against [E230] @spec.hie:13:9 "
                        + "[code uses core.tools]"), CheckFixture.rows(r));
        Outcome o = r.outcomes().get(1);
        assertEquals(Outcome.Kind.CONNECTION_CHECK, o.kind());
        assertTrue(CheckFixture.text(o.related().get(0).source(), o.related().get(0).span())
                .startsWith("connection_check uses_module"));
    }

    @Test
    void listsOfScopesReachPluginsAsListsAndOneParameterChecksRunPerElement() {
        CountingLibrary t = new CountingLibrary();
        CheckFixture f = rustWorkspace().library(t).hie("spec.hie", """
                language rust:
                    connection_check pair(source: scope[], target: scope[]):
                        t.args(source, target)
                    connection_check each(all: scope[]):
                        t.args(all)
                element core:
                    scope a<rust> = files.file_selector('core/src/lexer.rs')
                    scope b<rust> = files.file_selector('core/src/eval.rs')
                    a uses core.lib
                    element lib:
                        scope x<rust> = files.file_selector('core/src/parser.rs')
                        scope y<rust> = files.file_selector('core/src/eval.rs')
                """);
        RunResult r = f.run();
        assertEquals(List.of(
                "PASS core :: t.args(source, target) (rust.pair)",
                "PASS core :: t.args(all) (rust.each)",
                "PASS core.lib :: t.args(all) (rust.each)"), CheckFixture.rows(r));
        List<Value> pair = t.recorded.get(0);
        assertEquals("[File('core/src/lexer.rs')]", pair.get(0).display());
        assertEquals("[File('core/src/parser.rs'), File('core/src/eval.rs')]", pair.get(1).display());
        assertEquals("[File('core/src/lexer.rs'), File('core/src/eval.rs')]", t.recorded.get(1).get(0).display());
        assertEquals("core", CheckFixture.text(r.outcomes().get(1).source(), r.outcomes().get(1).span()));
    }

    private CheckFixture threeElements(CountingLibrary t) {
        return new CheckFixture(tmp).library(t).hie("spec.hie", """
                element api:
                    scope s = t.sel('api')
                    check t.ok(s)
                    check t.no(s)
                element api_v2:
                    scope s = t.sel('api_v2')
                    check t.ok(s)
                element web:
                    scope s = t.sel('web')
                    check t.ok(s)
                    check t.ok(s)
                """);
    }

    @Test
    void filterKeepsElementsWhosePathContainsItOthersAreSkippedAndNotEvaluated() {
        CountingLibrary t = new CountingLibrary();
        RunResult r = threeElements(t).run(RunOptions.defaults().withFilter("api"));
        assertEquals(List.of("PASS api :: t.ok(s)", "FAIL api :: t.no(s) --> no: File('api') [F001] @spec.hie:4:5 "
                + "[check t.no(s)]", "PASS api_v2 :: t.ok(s)"), CheckFixture.rows(r));
        assertEquals(2, r.skipped());
        assertEquals(0, t.calls("sel", "web"));
    }

    @Test
    void limitStopsAfterNOutcomesEveryRemainingCheckCountsAsSkippedAndLaterElementsAreNotEvaluated() {
        CountingLibrary t = new CountingLibrary();
        RunResult r = threeElements(t).run(RunOptions.defaults().withLimit(1));
        assertEquals(List.of("PASS api :: t.ok(s)"), CheckFixture.rows(r));
        assertEquals(4, r.skipped());           // t.no(s) of api, api_v2's one, web's two
        assertEquals(0, t.calls("sel", "api_v2"));
    }

    @Test
    void progressIsReportedAfterEachCheckAndElementAndCancellingStopsBetweenChecks() {
        CountingLibrary t = new CountingLibrary();
        CheckFixture f = threeElements(t);
        List<Progress> seen = new ArrayList<>();
        RunResult all = f.run(RunOptions.defaults().withProgress(seen::add));
        assertEquals(5, all.total());
        assertEquals(new Progress(0, 3, 0, 5), seen.get(0));
        assertEquals(new Progress(3, 3, 5, 5), seen.get(seen.size() - 1));
        assertEquals(1 + 5 + 3, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).checksDone() >= seen.get(i - 1).checksDone());
        }

        AtomicInteger asked = new AtomicInteger();
        RunResult cancelled = f.run(RunOptions.defaults().withCancel(() -> asked.incrementAndGet() > 3));
        assertTrue(cancelled.cancelled());
        assertEquals(List.of("PASS api :: t.ok(s)", "FAIL api :: t.no(s) --> no: File('api') [F001] @spec.hie:4:5 "
                + "[check t.no(s)]"), CheckFixture.rows(cancelled));
    }

    @Test
    void verboseWritesUpstreamsLines() {
        CountingLibrary t = new CountingLibrary();
        List<String> lines = new ArrayList<>();
        threeElements(t).run(RunOptions.defaults().withFilter("web").withVerbose(lines::add));
        assertEquals(List.of("[verbose] Evaluating scope: web.s", "  -> resolved 1 paths",
                "[verbose] Running: web :: t.ok(s) ... PASS", "[verbose] Running: web :: t.ok(s) ... PASS"), lines);
    }
}
