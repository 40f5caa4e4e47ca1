package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonPrimitive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressCancelParams;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.eclipse.lsp4j.WorkDoneProgressNotification;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.hielements.service.LibraryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Check outcomes as diagnostics, code lenses, commands, progress, and checks that never block the editor. */
class ChecksTest {
    @TempDir
    Path root;

    static final String APP = """
            element app {
                scope src = files.folder_selector('src')
                check files.exists(src, 'main.rs')
                check files.exists(src, 'missing.rs')
            }
            """;

    private static String codes(PublishDiagnosticsParams p) {
        return String.join(",", p.getDiagnostics().stream().map(d -> d.getCode().getLeft()).sorted().toList());
    }

    private List<CodeLens> lenses(LspHarness lsp, String uri) throws Exception {
        return lsp.remote.getTextDocumentService().codeLens(new CodeLensParams(new TextDocumentIdentifier(uri)))
                .get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS).stream().map(l -> (CodeLens) l).toList();
    }

    /** A failure the workspace's baseline accepts is a hint saying so; a new one stays an error. */
    @Test
    void baselinedFailuresAreHintsAndNewOnesErrors() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/a.py"), "import os\nimport pickle\n");
        Files.writeString(root.resolve("hielements-baseline.json"), """
                {"version": 1, "violations": [{"element": "app", "kind": "check",
                  "check": "python.no_import(src, 'os')",
                  "evidence": [{"file": "src/a.py", "excerpt": "import os"}]}]}
                """);
        try (LspHarness lsp = LspHarness.start(root)) {
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", """
                    element app:
                        scope src = files.folder_selector('src')
                        check python.no_import(src, 'os')
                        check python.no_import(src, 'pickle')
                    """);
            PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri, mark, x -> codes(x).equals("F001,F001"));
            var byLine = new java.util.TreeMap<Integer, org.eclipse.lsp4j.Diagnostic>();
            p.getDiagnostics().forEach(d -> byLine.put(d.getRange().getStart().getLine(), d));
            assertEquals(org.eclipse.lsp4j.DiagnosticSeverity.Hint, byLine.get(2).getSeverity());
            assertTrue(byLine.get(2).getMessage().getLeft().startsWith("[baselined] "), byLine.get(2).getMessage().getLeft());
            assertEquals(org.eclipse.lsp4j.DiagnosticSeverity.Error, byLine.get(3).getSeverity());
            assertTrue(byLine.get(3).getMessage().getLeft().contains("import pickle"), byLine.get(3).getMessage().getLeft());
        }
    }

    @Test
    void failedCheckIsADiagnosticThatEditsDoNotWipeOut() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/main.rs"), "fn main() {}\n");
        try (LspHarness lsp = LspHarness.start(root)) {
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", APP);
            PublishDiagnosticsParams withCheck = lsp.awaitDiagnostics(uri, mark, p -> codes(p).equals("F001"));
            var f001 = withCheck.getDiagnostics().get(0);
            assertEquals(new Position(3, 4), f001.getRange().getStart(), "on the check statement");
            assertTrue(f001.getMessage().getLeft().contains("missing.rs"), f001.getMessage().getLeft());

            // an edit adds a semantic error: the check failure stays (separate kinds), the E200 joins it
            int mark2 = lsp.client.mark();
            lsp.change(uri, 2, new Range(new Position(4, 0), new Position(4, 0)), "    check files.exists(nope, 'x')\n");
            PublishDiagnosticsParams both = lsp.awaitDiagnostics(uri, mark2, p -> p.getVersion() == 2);
            assertEquals("E200,F001", codes(both));
        }
    }

    /** Lines added above a failed check move its diagnostic with it in every publish until the checks run again. */
    @Test
    void aKeptCheckOutcomeMovesWithItsText() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/lib.rs"), "\n");
        try (LspHarness lsp = LspHarness.start(root)) {
            int mark = lsp.client.mark();
            String uri = lsp.open("moves.hie", APP);
            lsp.awaitDiagnostics(uri, mark, p -> codes(p).equals("F001,F001"));

            int mark2 = lsp.client.mark();
            lsp.change(uri, 2, new Range(new Position(0, 0), new Position(0, 0)), "## The app.\n## Two lines.\n");
            PublishDiagnosticsParams moved = lsp.awaitDiagnostics(uri, mark2, p -> p.getVersion() == 2);
            assertEquals(List.of(new Position(4, 4), new Position(5, 4)), moved.getDiagnostics().stream()
                    .map(d -> d.getRange().getStart()).sorted(java.util.Comparator.comparingInt(Position::getLine))
                    .toList(), "the check statements are on lines 4 and 5 now");

            int mark3 = lsp.client.mark();
            lsp.change(uri, 3, new Range(new Position(4, 4), new Position(4, 4)), "  ");
            PublishDiagnosticsParams shifted = lsp.awaitDiagnostics(uri, mark3, p -> p.getVersion() == 3);
            assertTrue(shifted.getDiagnostics().stream().anyMatch(d -> d.getRange().getStart().equals(
                    new Position(4, 6))), "moved right on its line: " + shifted.getDiagnostics());
        }
    }

    /** Issue 16: a failing check's evidence (the offending import in a .py file) is its related information. */
    @Test
    void aFailingChecksEvidenceIsRelatedInformationInTheCodeFile() throws Exception {
        Files.createDirectories(root.resolve("src/app"));
        Files.writeString(root.resolve("src/app/__init__.py"), "");
        Files.writeString(root.resolve("src/app/store.py"), "# pickle is mentioned here only\nimport os\n"
                + "def load():\n    import pickle\n    return pickle\n");
        try (LspHarness lsp = LspHarness.start(root)) {
            int mark = lsp.client.mark();
            String uri = lsp.open("layers.hie", """
                    element app:
                        scope code = files.folder_selector('src/app')
                        check python.no_import(code, 'pickle')
                    """);
            PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri, mark, d -> codes(d).equals("F001"));
            var d = p.getDiagnostics().get(0);
            assertEquals("Scope imports 'pickle' but should not: src/app/store.py:4 import pickle",
                    d.getMessage().getLeft());
            var related = d.getRelatedInformation();
            assertEquals(1, related.size(), related.toString());
            assertEquals(root.resolve("src/app/store.py").toUri().toString().replace("file:///", "file:/"),
                    related.get(0).getLocation().getUri().replace("file:///", "file:/"));
            assertEquals(new Position(3, 4), related.get(0).getLocation().getRange().getStart());
            assertEquals("import pickle", related.get(0).getMessage());
        }
    }

    /**
     * Issue 16: after textDocument/formatting (applied by the client as the edits the server sent, or as a whole-text
     * replacement as some clients do) every check outcome stays on its statement; it used to jump to the last line.
     */
    @Test
    void checkOutcomesStayOnTheirStatementsThroughFormatting() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/lib.rs"), "\n");
        String untidy = """
                element app:
                  scope src = files.folder_selector( 'src' )
                  check files.exists(src,'main.rs')
                  element api:
                     check files.exists(src,   'api.rs')
                """;
        try (LspHarness lsp = LspHarness.start(root)) {
            for (boolean whole : new boolean[] {false, true}) {
                int mark = lsp.client.mark();
                String uri = lsp.open(whole ? "whole.hie" : "ranges.hie", untidy);
                lsp.awaitDiagnostics(uri, mark, p -> codes(p).equals("F001,F001"));
                List<? extends org.eclipse.lsp4j.TextEdit> edits = lsp.remote.getTextDocumentService().formatting(
                        new org.eclipse.lsp4j.DocumentFormattingParams(new TextDocumentIdentifier(uri),
                                new org.eclipse.lsp4j.FormattingOptions(4, false)))
                        .get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
                assertEquals(1, edits.size());
                int mark2 = lsp.client.mark();
                org.eclipse.lsp4j.TextEdit e = edits.get(0);
                String formatted = "element app:\n\tscope src = files.folder_selector('src')\n"
                        + "\tcheck files.exists(src, 'main.rs')\n\telement api:\n\t\tcheck files.exists(src, 'api.rs')\n";
                if (whole) lsp.changeAll(uri, 2, formatted);
                else lsp.change(uri, 2, e.getRange(), e.getNewText());
                PublishDiagnosticsParams after = lsp.awaitDiagnostics(uri, mark2, p -> p.getVersion() == 2);
                assertEquals(List.of(new Position(2, 1), new Position(4, 2)), after.getDiagnostics().stream()
                        .map(d -> d.getRange().getStart()).sorted(java.util.Comparator.comparingInt(Position::getLine))
                        .toList(), (whole ? "whole text: " : "range edit: ") + after.getDiagnostics());
                lsp.close(uri);
            }
        }
    }

    @Test
    void codeLensesCountOutcomesAndOfferRunChecks() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/main.rs"), "fn main() {}\n");
        try (LspHarness lsp = LspHarness.start(root)) {
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", APP);
            lsp.awaitDiagnostics(uri, mark, p -> codes(p).equals("F001"));
            List<CodeLens> lenses = lenses(lsp, uri);
            List<String> titles = lenses.stream().map(l -> l.getCommand().getTitle()).toList();
            assertEquals(List.of("1 passed, 1 failed, 0 errored", "Run checks", "Show diagram"), titles);
            CodeLens run = lenses.get(1);
            assertEquals("hielements.runChecks", run.getCommand().getCommand());
            assertEquals(uri, ((JsonPrimitive) run.getCommand().getArguments().get(0)).getAsString());

            // a file of the workspace changes: the results are stale until the next run
            lsp.remote.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(root.resolve("src/main.rs").toUri().toString(), FileChangeType.Changed))));
            assertTrue(lenses(lsp, uri).get(0).getCommand().getTitle().endsWith("(stale)"));

            // the command runs them again
            Object summary = lsp.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    "hielements.runChecks", List.of(uri))).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
            Map<?, ?> s = (Map<?, ?>) summary;
            assertEquals(1, ((Number) s.get("passed")).intValue());
            assertEquals(1, ((Number) s.get("failed")).intValue());
            assertEquals("1 passed, 1 failed, 0 errored", lenses(lsp, uri).get(0).getCommand().getTitle());
        }
    }

    @Test
    void patternImplementationsGetTheirOwnLens() throws Exception {
        Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("api/README.md"), "the api\n");
        try (LspHarness lsp = LspHarness.start(root)) {
            int mark = lsp.client.mark();
            String uri = lsp.open("p.hie", """
                    pattern service {
                        scope api
                        check files.exists(api, 'openapi.yaml')
                    }
                    element shop implements service {
                        scope a binds service.api = files.folder_selector('api')
                    }
                    """);
            PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri, mark, d -> codes(d).equals("F001"));
            assertEquals(4, p.getDiagnostics().get(0).getRange().getStart().getLine(), "on the implements clause");
            assertEquals(1, p.getDiagnostics().get(0).getRelatedInformation().size(), "points at the pattern's check");
            List<String> titles = lenses(lsp, uri).stream().map(l -> l.getCommand().getTitle()).toList();
            assertEquals(List.of("0 passed, 1 failed, 0 errored", "Run checks", "Show diagram",
                    "pattern service: 0 passed, 1 failed, 0 errored"),
                    titles);
        }
    }

    @Test
    void saveRunsTheChecksAgain() throws Exception {
        try (LspHarness lsp = LspHarness.start(root)) {
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", APP);
            lsp.awaitDiagnostics(uri, mark, p -> codes(p).equals("E231,E231"));   // no src folder: nothing to check
            Files.createDirectories(root.resolve("src"));
            Files.writeString(root.resolve("src/main.rs"), "fn main() {}\n");
            Files.writeString(root.resolve("src/missing.rs"), "\n");
            int mark2 = lsp.client.mark();
            lsp.remote.getTextDocumentService().didSave(new DidSaveTextDocumentParams(new TextDocumentIdentifier(uri)));
            lsp.awaitDiagnostics(uri, mark2, p -> p.getDiagnostics().isEmpty());
        }
    }

    @Test
    void runChecksWithoutADocumentRunsTheWholeWorkspace() throws Exception {
        Files.writeString(root.resolve("a.hie"), "element a {\n    scope s = files.folder_selector('.')\n"
                + "    check files.exists(s, 'nothing-here')\n}\n");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/b.hie"), "element b {\n    scope s = files.folder_selector('.')\n"
                + "    check files.exists(s, 'a.hie')\n}\n");
        try (LspHarness lsp = LspHarness.start(root)) {
            int mark = lsp.client.mark();
            Map<?, ?> s = (Map<?, ?>) lsp.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    "hielements.runChecks", List.of())).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
            assertEquals(1, ((Number) s.get("passed")).intValue());
            assertEquals(1, ((Number) s.get("failed")).intValue());
            PublishDiagnosticsParams a = lsp.awaitDiagnostics(root.resolve("a.hie").toUri().toString(), mark,
                    p -> true);
            assertEquals("F001", codes(a));
        }
    }

    @Test
    void longRunsReportProgressAndTheClientCanCancelThem() throws Exception {
        StringBuilder text = new StringBuilder("element slowpoke {\n");
        for (int i = 0; i < 40; i++) text.append("    check slow.wait()\n");
        text.append("}\n");
        try (LspHarness lsp = LspHarness.start(root, p -> {
        }, SlowLibrary.loader(100))) {
            lsp.open("slow.hie", text.toString());
            WorkDoneProgressBegin begin = lsp.client.await(() -> {
                for (var p : lsp.client.progress) {
                    WorkDoneProgressNotification n = p.getValue().getLeft();
                    if (n instanceof WorkDoneProgressBegin b) return b;
                }
                return null;
            }, LspHarness.TIMEOUT);
            assertNotNull(begin, "a long run shows progress");
            assertTrue(begin.getCancellable());
            assertTrue(begin.getTitle().startsWith("Running the checks of"), begin.getTitle());
            Either<String, Integer> token = lsp.client.progress.get(0).getToken();
            lsp.remote.cancelProgress(new WorkDoneProgressCancelParams(token));
            WorkDoneProgressEnd end = lsp.client.await(() -> {
                for (var p : lsp.client.progress) {
                    if (p.getValue().getLeft() instanceof WorkDoneProgressEnd e) return e;
                }
                return null;
            }, LspHarness.TIMEOUT);
            assertNotNull(end);
            assertTrue(end.getMessage().contains("(cancelled)"), end.getMessage());
            int passed = Integer.parseInt(end.getMessage().substring(0, end.getMessage().indexOf(' ')));
            assertTrue(passed < 40, "stopped early: " + end.getMessage());
        }
    }

    @Test
    void aHangingLibraryNeverDelaysSyntaxDiagnosticsOrCompletion() throws Exception {
        try (LspHarness lsp = LspHarness.start(root, p -> {
        }, SlowLibrary.loader(30_000))) {
            int mark = lsp.client.mark();
            String uri = lsp.open("hang.hie", "element a {\n    check slow.wait()\n}\n");
            lsp.awaitDiagnostics(uri, mark, p -> true);
            // the check is now hanging in the background; the editor must not notice
            for (int v = 2; v <= 4; v++) {
                int m = lsp.client.mark();
                long start = System.nanoTime();
                lsp.change(uri, v, new Range(new Position(2, 0), new Position(2, 0)), v % 2 == 0 ? ";\n" : "");
                int version = v;
                lsp.awaitDiagnostics(uri, m, p -> p.getVersion() == version);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms < 3000, "diagnostics took " + ms + " ms while a check hangs");
            }
            long start = System.nanoTime();
            assertTrue(lsp.completion(uri, new Position(1, 16)).stream().anyMatch(i -> i.getLabel().equals("wait")));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
        }
    }

    /** Closing a document stops its run: no outcome appears for it afterwards, and nothing is logged as a problem. */
    @Test
    void aDocumentClosedWhileItsChecksRunGetsNoOutcomes() throws Exception {
        StringBuilder text = new StringBuilder("element slowpoke {\n");
        for (int i = 0; i < 10; i++) text.append("    check slow.wait()\n");
        text.append("    check files.exists(nowhere, 'x')\n}\n");
        try (LogRecorder log = LogRecorder.install(); LspHarness lsp = LspHarness.start(root, p -> {
        }, SlowLibrary.loader(150))) {
            int mark = lsp.client.mark();
            String uri = lsp.open("closing.hie", text.toString());
            lsp.awaitDiagnostics(uri, mark, p -> codes(p).equals("E200"));
            lsp.close(uri);
            Thread.sleep(2_500); // longer than the whole run would take
            List<PublishDiagnosticsParams> all = lsp.client.of(uri);
            assertEquals(List.of(), all.get(all.size() - 1).getDiagnostics(), "cleared on close, and stays so");
            assertTrue(all.stream().noneMatch(p -> codes(p).contains("F")), "no outcome was published");
            assertEquals(List.of(), log.problems());
        }
    }

    @Test
    void reloadLibrariesCommand() throws Exception {
        try (LspHarness lsp = LspHarness.start(root, p -> {
        }, LibraryLoader.builtinsOnly())) {
            Object r = lsp.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                    "hielements.reloadLibraries", List.of())).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
            assertEquals(null, r);
        }
    }
}
