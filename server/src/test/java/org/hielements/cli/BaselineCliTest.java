package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hielements.baseline.Baseline;
import org.hielements.library.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frozen baseline on a copy of the python-src-layout fixture (four deliberate failures): accept them, then a
 * new violation fails, a fixed one is reported fixed (and dropped by the next update), lines inserted above a
 * baselined import leave it baselined; JSON and SARIF say the same (SARIF validated against the 2.1.0 schema).
 */
class BaselineCliTest {
    static final Path FIXTURE = Path.of("..", "test-fixtures", "workspaces", "python-src-layout");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path ws;

    @BeforeEach
    void copy() {
        ws = TestFiles.copyTree(FIXTURE, dir.resolve("ws"));
    }

    private MainTest.Run check(String... extra) {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(extra));
        args.add(ws.toString());
        return MainTest.run(args.toArray(String[]::new));
    }

    private JsonNode json(MainTest.Run r) throws IOException {
        return JSON.readTree(r.out());
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = ws.resolve(file);
        String text = Files.readString(p);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(p, text.replace(from, to));
    }

    private void accept() throws IOException {
        MainTest.Run before = check();
        assertEquals(1, before.code(), before.out());
        assertTrue(before.out().contains("Summary: 16 total, 12 passed, 4 failed, 0 errors\n"), before.out());
        MainTest.Run update = check("--update-baseline");
        assertEquals(0, update.code(), update.out() + update.err());
        assertTrue(update.err().contains("Baseline: 4 violations accepted in "), update.err());
        assertTrue(update.out().contains("Summary: 16 total, 12 passed, 0 failed, 0 errors, 4 baselined\n"),
                update.out());
    }

    @Test
    void acceptedViolationsNoLongerFailAndAreKeyedWithoutLineNumbers() throws IOException {
        accept();
        JsonNode file = JSON.readTree(ws.resolve(Baseline.FILE_NAME).toFile());
        assertEquals(1, file.get("version").asInt());
        assertEquals(4, file.get("violations").size());
        JsonNode sansio = null;
        for (JsonNode v : file.get("violations")) {
            if (v.get("element").asText().equals("flask.sansio")) sansio = v;
        }
        assertEquals("python.no_import(code, 'flask.ctx')", sansio.get("check").asText());
        List<String> places = new ArrayList<>();
        for (JsonNode p : sansio.get("evidence")) places.add(p.get("file").asText() + " | " + p.get("excerpt").asText());
        assertEquals(List.of("src/flask/sansio/app.py | from ..ctx import _AppCtxGlobals",
                "src/flask/sansio/scaffold.py | from .. import ctx",
                "src/flask/sansio/scaffold.py | from ..ctx import AppContext as Context"), places);
        assertFalse(Files.readString(ws.resolve(Baseline.FILE_NAME)).matches("(?s).*\\.py:\\d.*"),
                "no line number in the baseline");

        MainTest.Run again = check();
        assertEquals(0, again.code(), again.out());
        assertTrue(again.out().contains("  FAIL flask.sansio :: python.no_import(code, 'flask.ctx')  [baselined]\n"),
                again.out());
        JsonNode j = json(check("--format", "json"));
        assertEquals("ok", j.get("status").asText());
        assertEquals(4, j.get("summary").get("baselined").asInt());
        assertEquals(0, j.get("summary").get("failed").asInt());
        assertEquals(0, j.get("summary").get("fixed").asInt());

        // --no-baseline: every failure fails again
        assertEquals(1, check("--no-baseline").code());
    }

    @Test
    void linesInsertedAboveABaselinedImportKeepItBaselined() throws IOException {
        accept();
        edit("src/flask/sansio/app.py", "import logging\n", "import logging\n\n# one\n# two\n# three\n\n\n");
        edit("src/flask/sansio/scaffold.py", "from .. import ctx\n", "\n\n\nfrom .. import ctx\n");
        MainTest.Run r = check();
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("0 failed, 0 errors, 4 baselined\n"), r.out());
    }

    @Test
    void aViolationThatGrowsOrANewOneFails() throws IOException {
        accept();
        // one more offending import in the same rule: the whole violation is new, the new place named
        edit("src/flask/sansio/app.py", "    def debug_flag(self) -> bool:\n",
                "    def context(self):\n        from ..ctx import RequestContext\n\n"
                        + "    def debug_flag(self) -> bool:\n");
        MainTest.Run r = check();
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("new since the baseline: src/flask/sansio/app.py: from ..ctx import "
                + "RequestContext\n"), r.out());
        assertTrue(r.out().contains("1 failed, 0 errors, 3 baselined\n"), r.out());
        JsonNode j = json(check("--format", "json"));
        assertEquals("error", j.get("status").asText());
        for (JsonNode res : j.get("results")) {
            if (res.get("status").asText().equals("fail")) {
                boolean grown = res.get("element").asText().equals("flask.sansio");
                assertEquals(grown ? "new" : "unchanged", res.get("baseline").asText(), res.toString());
            }
        }

        // a rule that passed before: a new violation
        edit("src/flask/sansio/app.py", "        from ..ctx import RequestContext\n", "        pass\n");
        TestFiles.write(ws, "src/flask/sansio/extra.py", "import flask.cli\n");
        MainTest.Run r2 = check();
        assertEquals(1, r2.code(), r2.out());
        assertTrue(r2.out().contains("  FAIL flask.sansio :: python.no_import(code, 'flask.cli')\n"), r2.out());
        assertTrue(r2.out().contains("new since the baseline: src/flask/sansio/extra.py: import flask.cli\n"),
                r2.out());
        assertTrue(r2.out().contains("1 failed, 0 errors, 4 baselined\n"), r2.out());
    }

    @Test
    void aSecondIdenticalOffendingImportIsNew() throws IOException {
        accept();
        edit("src/flask/sansio/app.py", "    def debug_flag(self) -> bool:\n",
                "    def again(self):\n        from ..ctx import _AppCtxGlobals\n\n"
                        + "    def debug_flag(self) -> bool:\n");
        MainTest.Run r = check();
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("new since the baseline: src/flask/sansio/app.py: from ..ctx import "
                + "_AppCtxGlobals\n"), r.out());
    }

    @Test
    void aFixedViolationIsReportedFixedThenDroppedByTheNextUpdate() throws IOException {
        accept();
        // globals named ctx only in a string annotation; now it calls into it
        Files.writeString(ws.resolve("src/flask/globals.py"),
                Files.readString(ws.resolve("src/flask/globals.py")) + "\n\ndef app_ctx():\n    return ctx.AppContext(None)\n");
        MainTest.Run r = check();
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("Fixed since the baseline (run `hielements check --update-baseline` to drop them):\n"
                + "  flask.globals :: python.calls_scope(code, ctx)\n"), r.out());
        assertTrue(r.out().contains("Summary: 16 total, 13 passed, 0 failed, 0 errors, 3 baselined; 1 fixed since the "
                + "baseline\n"), r.out());
        JsonNode j = json(check("--format", "json"));
        assertEquals(1, j.get("summary").get("fixed").asInt());
        assertEquals("flask.globals", j.get("fixed").get(0).get("element").asText());

        MainTest.Run update = check("--update-baseline");
        assertEquals(0, update.code());
        assertTrue(update.err().contains("Baseline: 3 violations accepted in ") && update.err().contains("(1 fixed, "
                + "dropped)"), update.err());
        assertEquals(3, JSON.readTree(ws.resolve(Baseline.FILE_NAME).toFile()).get("violations").size());
        MainTest.Run after = check();
        assertFalse(after.out().contains("Fixed since"), after.out());
    }

    @Test
    void sarifMarksNewUnchangedAndAbsentAndStaysValid() throws IOException {
        SarifOutputTest.loadSchema();
        accept();
        Files.writeString(ws.resolve("src/flask/globals.py"),
                Files.readString(ws.resolve("src/flask/globals.py")) + "\n\ndef app_ctx():\n    return ctx.AppContext(None)\n");
        TestFiles.write(ws, "src/flask/sansio/extra.py", "import flask.cli\n");
        MainTest.Run r = check("--format", "sarif");
        assertEquals(1, r.code(), r.err());
        JsonNode log = JSON.readTree(r.out());
        assertEquals(Set.of(), SarifOutputTest.validate(log));
        List<String> states = new ArrayList<>();
        for (JsonNode res : log.get("runs").get(0).get("results")) {
            states.add(res.get("baselineState").asText() + " " + res.get("level").asText() + " "
                    + res.get("properties").get("element").asText());
        }
        assertEquals(List.of("unchanged note flask.sansio", "new error flask.sansio", "unchanged note flask.json",
                "unchanged note flask.json", "absent none flask.globals"), states);
        JsonNode absent = log.get("runs").get(0).get("results").get(4);
        assertEquals("pass", absent.get("kind").asText());
        assertTrue(absent.get("locations").isEmpty(), "the fixed violation had no evidence place");
    }

    @Test
    void aBrokenBaselineIsAClearErrorAndNothingIsWritten() throws IOException {
        Path file = ws.resolve(Baseline.FILE_NAME);
        Files.writeString(file, "{\"version\": 1, \"violations\": [{\"element\": 3}]}");
        MainTest.Run r = check();
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("cannot be read: violation 1: \"element\" is not a string; write it again with "
                + "`hielements check --update-baseline`"), r.err());
        assertEquals("{\"version\": 1, \"violations\": [{\"element\": 3}]}", Files.readString(file,
                StandardCharsets.UTF_8));
        Files.writeString(file, "not json");
        assertTrue(check().err().contains("is not JSON"));

        MainTest.Run filtered = check("--update-baseline", "--filter", "flask");
        assertEquals(2, filtered.code());
        assertTrue(filtered.err().contains("without --filter or --limit"), filtered.err());
        assertEquals("not json", Files.readString(file));
    }
}
