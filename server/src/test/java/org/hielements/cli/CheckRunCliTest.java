package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.hielements.library.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hielements check} (running the checks) and {@code run}, in-process: output, formats and exit codes. */
class CheckRunCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path spec() {
        TestFiles.write(dir, "src/main.py", "import os\n");
        return TestFiles.write(dir, "spec.hie", """
                element app:
                    scope src = files.folder_selector('src')
                    check files.exists(src, 'main.py')
                    element api:
                        check files.exists(src, 'x.py')
                """);
    }

    @Test
    void humanRowsAndSummaryAsUpstreamsRunWithTheLocationAddedExitOneOnAFailure() {
        Path spec = spec();
        MainTest.Run r = MainTest.run("check", spec.toString());
        assertEquals(1, r.code());
        assertEquals("Starting Running checks in `" + spec + "` (workspace " + spec.getParent() + ")...\n\n"
                + "  PASS app :: files.exists(src, 'main.py')\n"
                + "  FAIL app.api :: files.exists(src, 'x.py')\n"
                + "        --> File 'x.py' does not exist in folder 'src'\n"
                + "        at " + spec + ":5:9 [F001]\n"
                + "\n"
                + "Summary: 2 total, 1 passed, 1 failed, 0 errors\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void everythingPassingIsExitZeroAndRunIsTheSameCommand() {
        TestFiles.write(dir, "src/main.py", "");
        Path spec = TestFiles.write(dir, "ok.hie", "element app:\n    scope src = files.folder_selector('src')\n"
                + "    check files.exists(src, 'main.py')\n");
        MainTest.Run check = MainTest.run("check", spec.toString());
        assertEquals(0, check.code(), check.out() + check.err());
        MainTest.Run run = MainTest.run("run", spec.toString());
        assertEquals(check, run);
        assertTrue(check.out().endsWith("Summary: 1 total, 1 passed, 0 failed, 0 errors\n"), check.out());
    }

    @Test
    void jsonKeepsUpstreamsShapeAndAddsFields() throws IOException {
        Path spec = spec();
        MainTest.Run r = MainTest.run("check", "--format", "json", spec.toString());
        assertEquals(1, r.code());
        JsonNode root = JSON.readTree(r.out());
        assertEquals(List.of("version", "status", "summary", "results", "errors", "warnings", "files", "workspace"),
                keys(root));
        assertEquals(spec.getParent().toString(), root.get("workspace").asText());
        assertEquals("1.0", root.get("version").asText());
        assertEquals("error", root.get("status").asText());
        assertEquals(List.of("total", "passed", "failed", "errors", "skipped", "total_errors", "total_warnings"),
                keys(root.get("summary")));
        assertEquals(2, root.get("summary").get("total").asInt());
        assertEquals(1, root.get("summary").get("failed").asInt());
        JsonNode pass = root.get("results").get(0);
        assertEquals(List.of("element", "check", "status", "message", "code", "file", "line", "column", "kind",
                "span"), keys(pass));
        assertTrue(pass.get("message").isNull());
        JsonNode fail = root.get("results").get(1);
        assertEquals("app.api", fail.get("element").asText());
        assertEquals("files.exists(src, 'x.py')", fail.get("check").asText());
        assertEquals("fail", fail.get("status").asText());
        assertEquals("File 'x.py' does not exist in folder 'src'", fail.get("message").asText());
        assertEquals("F001", fail.get("code").asText());
        assertEquals(spec.toString(), fail.get("file").asText());
        assertEquals(5, fail.get("line").asInt());
        assertEquals(9, fail.get("column").asInt());
        assertEquals("check", fail.get("kind").asText());
        assertEquals(0, root.get("errors").size());
        assertEquals(spec.toString(), root.get("files").get(0).asText());
    }

    @Test
    void diagnosticsComeFirstAndAFailingSelectorMakesTheRunFailEvenWithoutFailedChecks() throws IOException {
        Path spec = TestFiles.write(dir, "spec.hie", "import docker\nelement app:\n"
                + "    scope bad = files.folder_selector('/etc')\n");
        MainTest.Run r = MainTest.run("check", spec.toString());
        assertEquals(1, r.code());
        assertEquals("warning[W001] : Unknown library 'docker' (will be resolved at runtime)\n"
                + "  --> " + spec + ":1:8\n\n"
                + "Starting Running checks in `" + spec + "` (workspace " + spec.getParent() + ")...\n\n\n"
                + "error[E101] : folder_selector requires a path inside the workspace: '/etc' is absolute\n"
                + "  --> " + spec + ":3:17\n\n"
                + "Summary: 0 total, 0 passed, 0 failed, 0 errors\n", r.out());
        JsonNode json = JSON.readTree(MainTest.run("check", "-f", "json", spec.toString()).out());
        assertEquals("error", json.get("status").asText());
        assertEquals("E101", json.get("errors").get(0).get("code").asText());
        assertEquals("W001", json.get("warnings").get(0).get("code").asText());
    }

    @Test
    void filterLimitAndVerbose() {
        Path spec = spec();
        MainTest.Run filtered = MainTest.run("check", "--filter", "api", spec.toString());
        assertTrue(filtered.out().contains("  FAIL app.api"), filtered.out());
        assertFalse(filtered.out().contains("PASS app ::"), filtered.out());
        assertTrue(filtered.out().endsWith("Summary: 1 total, 0 passed, 1 failed, 0 errors, 1 skipped\n"));
        MainTest.Run limited = MainTest.run("run", "--limit", "1", spec.toString());
        assertEquals(0, limited.code(), "the failing check was not reached");
        assertTrue(limited.out().endsWith("Summary: 1 total, 1 passed, 0 failed, 0 errors, 1 skipped\n"), limited.out());
        MainTest.Run verbose = MainTest.run("check", "-v", "--filter", "app", spec.toString());
        assertTrue(verbose.err().startsWith("[verbose] Filter: app\n[verbose] Workspace directory: "), verbose.err());
        assertTrue(verbose.err().contains("[verbose] Evaluating scope: app.src\n  -> resolved 1 paths\n"),
                verbose.err());
        assertTrue(verbose.err().contains("[verbose] Running: app.api :: files.exists(src, 'x.py') ... FAIL: "
                + "File 'x.py' does not exist in folder 'src'\n"), verbose.err());
        assertFalse(verbose.out().contains("[verbose]"));
    }

    @Test
    void theWorkspaceIsTheFolderOfTheNearestHielementsTomlOrTheFilesFolderOrTheGivenOne() {
        TestFiles.write(dir, "hielements.toml", "[libraries]\n");
        TestFiles.write(dir, "top.txt", "");
        Path spec = TestFiles.write(dir, "arch/deep/spec.hie", "element a:\n    scope s = files.folder_selector('.')\n"
                + "    check files.exists(s, 'top.txt')\n");
        assertEquals(0, MainTest.run("check", spec.toString()).code(), "found hielements.toml two folders up");
        Path other = TestFiles.mkdir(dir, "other");
        TestFiles.write(other, "top.txt", "");
        MainTest.Run given = MainTest.run("check", "-w", other.toString(), spec.toString());
        assertEquals(0, given.code(), given.out());
        MainTest.Run elsewhere = MainTest.run("check", "--workspace", dir.resolve("arch").toString(),
                spec.toString());
        assertEquals(1, elsewhere.code());
        assertTrue(elsewhere.out().contains("File 'top.txt' does not exist in folder '.'"), elsewhere.out());
    }

    @Test
    void usageAndIoErrorsAreExitTwo() {
        Path spec = spec();
        MainTest.Run missing = MainTest.run("check", dir.resolve("nope.hie").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("Failed to read file"), missing.err());
        MainTest.Run badWorkspace = MainTest.run("check", "-w", dir.resolve("nope").toString(), spec.toString());
        assertEquals(2, badWorkspace.code());
        assertTrue(badWorkspace.err().contains("is not a folder"), badWorkspace.err());
        assertEquals(2, MainTest.run("check", "--limit", "-1", spec.toString()).code());
        assertEquals(2, MainTest.run("check", "--format", "xml", spec.toString()).code());
        assertEquals(2, MainTest.run("run", "--bogus", spec.toString()).code());
    }

    @Test
    void dryRunPrintsThePlanTreeAndRunsNothing() {
        Path spec = TestFiles.write(dir, "spec.hie", """
                language rust:
                    connection_check dep(source: scope[], target: scope[]):
                        rust.depends_on(source, target)
                pattern p:
                    scope code
                    check files.exists(code, 'x')
                element app implements p:
                    scope code<rust> binds p.code = files.folder_selector('/etc')
                    ref port: integer = 8080
                    check files.exists(code, 'y')
                    element lib:
                        scope code<rust> = files.folder_selector('lib')
                    code uses app.lib
                """);
        MainTest.Run r = MainTest.run("run", "--dry-run", spec.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("Info Dry run - showing checks that would be executed:\n"
                + "\n"
                + "element app implements p:\n"
                + "  scope code<rust> binds p.code = files.folder_selector('/etc')\n"
                + "  ref port: integer = 8080\n"
                + "  code uses app.lib\n"
                + "  \u2192 check files.exists(code, 'y')\n"
                + "  \u2192 check files.exists(code, 'x')  (pattern p)\n"
                + "  \u2192 check rust.depends_on(source, target)  (connection check rust.dep)\n"
                + "\n"
                + "  element lib:\n"
                + "    scope code<rust> = files.folder_selector('lib')\n"
                + "\n"
                + "Plan: 3 checks would run\n", r.out());
    }

    private Path twoElements() {
        return TestFiles.write(dir, "spec.hie", """
                element api:
                    scope s = files.folder_selector('.')
                    check files.exists(s, 'a')
                    check files.exists(s, 'b')
                element web:
                    check files.exists(s2, 'c')
                    scope s2 = files.folder_selector('.')
                """);
    }

    @Test
    void dryRunHonoursFilterLimitAndJson() throws IOException {
        Path spec = twoElements();
        MainTest.Run filtered = MainTest.run("run", "--dry-run", "--filter", "web", spec.toString());
        assertEquals(0, filtered.code(), filtered.out() + filtered.err());
        assertEquals("Info Dry run - showing checks that would be executed:\n\n"
                + "element web:\n"
                + "  scope s2 = files.folder_selector('.')\n"
                + "  \u2192 check files.exists(s2, 'c')\n"
                + "\nPlan: 1 checks would run, 2 skipped\n", filtered.out());

        MainTest.Run limited = MainTest.run("run", "--dry-run", "--limit", "1", spec.toString());
        assertTrue(limited.out().contains("  \u2192 check files.exists(s, 'a')\n"), limited.out());
        assertFalse(limited.out().contains("files.exists(s, 'b')"), limited.out());
        assertTrue(limited.out().endsWith("\nPlan: 1 checks would run, 2 skipped\n"), limited.out());

        MainTest.Run json = MainTest.run("run", "--dry-run", "--format", "json", "--limit", "2", spec.toString());
        assertEquals(0, json.code(), json.err());
        JsonNode root = JSON.readTree(json.out());
        assertTrue(root.get("dry_run").asBoolean());
        assertEquals(3, root.get("summary").get("total").asInt());
        assertEquals(2, root.get("summary").get("planned").asInt());
        assertEquals(1, root.get("summary").get("skipped").asInt());
        JsonNode web = root.get("elements").get(1);
        assertEquals("web", web.get("element").asText());
        assertEquals("files.exists(s2, 'c')", web.get("checks").get(0).get("check").asText());
        assertEquals("skipped", web.get("checks").get(0).get("status").asText());
        assertEquals("planned", root.get("elements").get(0).get("checks").get(1).get("status").asText());

        assertEquals(2, MainTest.run("run", "--dry-run", "--format", "sarif", spec.toString()).code());
    }

    @Test
    void aFilterThatMatchesNoElementIsAUsageErrorNamingIt() {
        Path spec = twoElements();
        for (String command : List.of("check", "run")) {
            MainTest.Run r = MainTest.run(command, "--filter", "wbe", spec.toString());
            assertEquals(2, r.code(), r.out());
            assertEquals("", r.out());
            assertEquals("error: --filter 'wbe' matches no element (an element is kept when its dotted path contains"
                    + " the filter; the elements are api, web)\n", r.err());
        }
        MainTest.Run dry = MainTest.run("run", "--dry-run", "--filter", "wbe", spec.toString());
        assertEquals(2, dry.code());
    }

    @Test
    void progressLineAppearsAfterItsDelayAndIsErased() {
        java.io.StringWriter sw = new java.io.StringWriter();
        ProgressLine quiet = new ProgressLine(new java.io.PrintWriter(sw), Long.MAX_VALUE);
        quiet.progress(new org.hielements.check.Progress(0, 2, 0, 10));
        quiet.finish();
        assertEquals("", sw.toString());
        ProgressLine line = new ProgressLine(new java.io.PrintWriter(sw), 0);
        line.progress(new org.hielements.check.Progress(0, 2, 3, 10));
        line.progress(new org.hielements.check.Progress(2, 2, 10, 10));
        assertTrue(line.shown());
        line.finish();
        String text = sw.toString();
        assertTrue(text.startsWith("\rChecking: 0/2 elements, 3/10 checks"), text);
        assertTrue(text.contains("\rChecking: 2/2 elements, 10/10 checks"), text);
        assertTrue(text.endsWith("\r" + " ".repeat("Checking: 2/2 elements, 10/10 checks".length()) + "\r"), text);
        MainTest.Run json = MainTest.run("check", "-f", "json", spec().toString());
        assertFalse(json.err().contains("Checking:"), "never in json output");
    }

    @Test
    void theDemoWorkspacePrintsItsOutcomesAndExitsOneForItsThreeDeliberateFailures() {
        MainTest.Run r = MainTest.run("check", Path.of("..", "test-fixtures", "workspaces", "demo").toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("Summary: 16 total, 13 passed, 3 failed, 0 errors\n"), r.out() + r.err());
        List<String> failed = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("  FAIL ") || line.startsWith("  ERROR ")) failed.add(line.trim());
        }
        assertEquals(List.of("FAIL shop.orders :: python.no_import(code, 'pickle')",
                "FAIL shop.payments :: python.imports(code, 'logging')  (pattern python_service)",
                "FAIL shop.engine :: sample_wasm.file_count_check(crate, 2)"), failed);
        assertTrue(r.out().contains("PASS shop :: sample_py.file_count_check(config, 3)"), r.out());
        assertTrue(r.out().contains("PASS shop.orders :: python.calls_scope(source, target)  (connection check "
                + "python.calls_into)"), r.out());
        assertTrue(r.out().contains("PASS shop.engine.pricing :: rust.depends_on(source, target)  (connection check "
                + "rust.depends)"), r.out());
    }

    @Test
    void limitOneOnTheDemoRunsOneCheckAndCountsTheOtherFifteenAsSkipped() {
        MainTest.Run r = MainTest.run("check", "--limit", "1",
                Path.of("..", "test-fixtures", "workspaces", "demo").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("Summary: 1 total, 1 passed, 0 failed, 0 errors, 15 skipped\n"), r.out());
    }

    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) out.add(it.next());
        return out;
    }
}
