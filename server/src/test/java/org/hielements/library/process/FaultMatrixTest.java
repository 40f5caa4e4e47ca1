package org.hielements.library.process;

import static org.hielements.library.process.ProcessTestSupport.assertMessage;
import static org.hielements.library.process.ProcessTestSupport.ctx;
import static org.hielements.library.process.ProcessTestSupport.fails;
import static org.hielements.library.process.ProcessTestSupport.faulty;
import static org.hielements.library.process.ProcessTestSupport.gone;
import static org.hielements.library.process.ProcessTestSupport.lib;
import static org.hielements.library.process.ProcessTestSupport.othersStillWork;
import static org.hielements.library.process.ProcessTestSupport.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.LibraryStatus;
import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix of issue 6 with real processes ({@code test-fixtures/plugins/faulty/faulty.py}): for each fault, the
 * message the user sees, and that the other libraries of the same registry (a well-behaved process plugin
 * {@code good} and the built-in {@code files}) still work.
 */
class FaultMatrixTest {
    @TempDir
    Path dir;

    Path ws;
    Libraries libs;

    @BeforeEach
    void setUp() throws Exception {
        ws = dir.toRealPath();
    }

    @AfterEach
    void tearDown() {
        if (libs != null) libs.close();
    }

    private boolean load(String badOptions, String badExtra) {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return false;
        libs = ProcessTestSupport.load(ws, faulty("bad", badOptions, badExtra) + faulty("good", "", ""));
        return true;
    }

    @Test
    void exitsAtStartFailsFastAndIsDisabledAfterThreeTries() throws Exception {
        if (!load("--exit-at-start", "")) return;
        for (int i = 0; i < 3; i++) {
            LibraryException e = fails(libs, "bad", "pid", ws);
            assertMessage(e, "E505", "Library 'bad': the plugin process exited with status 3 before answering 'pid'. "
                    + "Last stderr lines: faulty: cannot start: configuration missing; it is restarted on the next call");
        }
        long t0 = System.nanoTime();
        LibraryException disabled = fails(libs, "bad", "pid", ws);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 200, "a disabled library fails at once, took " + ms + " ms");
        assertMessage(disabled, "E531", "Library 'bad' is disabled: its process failed 3 times within a minute "
                + "(last: Library 'bad': the plugin process exited with status 3 before answering 'pid'. Last stderr "
                + "lines: faulty: cannot start: configuration missing; it is restarted on the next call); it is tried "
                + "again when the plugin or hielements.toml changes");
        assertEquals(LibraryStatus.State.FAILED, libs.status("bad").orElseThrow().state());
        assertEquals(3, ((ProcessLibrary) lib(libs, "bad")).starts());
        othersStillWork(libs, ws);
    }

    @Test
    void crashMidCallIsReportedWithItsStderrAndTheNextCallRestartsIt() throws Exception {
        if (!load("", "")) return;
        long before = pid(libs, "bad", ws);
        LibraryException e = fails(libs, "bad", "crash", ws);
        assertMessage(e, "E505", "Library 'bad': the plugin process exited with status 70 before answering 'crash'. "
                + "Last stderr lines: faulty: simulated crash in crash(); it is restarted on the next call");
        assertTrue(gone(before, 2000));
        assertEquals(LibraryStatus.State.STOPPED, libs.status("bad").orElseThrow().state());
        long after = pid(libs, "bad", ws);
        assertNotEquals(before, after, "a new process");
        othersStillWork(libs, ws);
    }

    @Test
    void hangIsKilledAtTheTimeoutAndTheNextCallStartsAFreshProcess() throws Exception {
        if (!load("", "timeout = \"700ms\"")) return;
        long first = pid(libs, "bad", ws);
        long t0 = System.nanoTime();
        LibraryException e = fails(libs, "bad", "hang", ws);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertMessage(e, "E530", "Library 'bad': 'hang' timed out after 700 ms; the plugin process was stopped and "
                + "is restarted on the next call");
        assertTrue(ms >= 650 && ms < 3000, "took " + ms + " ms");
        assertTrue(gone(first, 2000), "the hanging process was killed");
        long second = pid(libs, "bad", ws);
        assertNotEquals(first, second);
        othersStillWork(libs, ws);
    }

    @Test
    void bannerAndDebugLinesAreSkippedAndRepliesStayMatched() throws Exception {
        if (!load("--banner", "")) return;
        for (int i = 0; i < 5; i++) {
            Value v = lib(libs, "bad").call("echo", List.of(Value.of(i)), ctx(ws));
            assertEquals(Value.of(i), v, "reply " + i + " is its own, not shifted by the banner");
        }
        assertEquals(Value.of(6), lib(libs, "bad").call("id", List.of(), ctx(ws)), "ids count 1, 2, 3...");
        othersStillWork(libs, ws);
    }

    @Test
    void linesThatAreNotUtf8AreSkipped() throws Exception {
        if (!load("--invalid-utf8", "")) return;
        for (int i = 0; i < 3; i++) {
            assertEquals(Value.of(i), lib(libs, "bad").call("echo", List.of(Value.of(i)), ctx(ws)));
        }
        othersStillWork(libs, ws);
    }

    @Test
    void wrongIdsAreDroppedAndTheCallTimesOutSayingWhy() throws Exception {
        if (!load("--wrong-ids", "timeout = \"500ms\"")) return;
        LibraryException e = fails(libs, "bad", "pid", ws);
        assertMessage(e, "E530", "Library 'bad': 'pid' timed out after 500 ms; the plugin process was stopped and "
                + "is restarted on the next call; it answered with an id no request had (1001)");
        othersStillWork(libs, ws);
    }

    @Test
    void garbageIsSkippedAndTheCallTimesOutShowingIt() throws Exception {
        if (!load("--garbage", "timeout = \"500ms\"")) return;
        LibraryException e = fails(libs, "bad", "pid", ws);
        assertMessage(e, "E530", "Library 'bad': 'pid' timed out after 500 ms; the plugin process was stopped and "
                + "is restarted on the next call; it wrote 1 line that is not JSON-RPC (last: 'this is not json {')");
        othersStillWork(libs, ws);
    }

    @Test
    void tenMegabytesOfStderrDoNotBlockAndNeverReachStdout() throws Exception {
        if (!load("--stderr-flood 10", "")) return;
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        long pid;
        try {
            System.setOut(new PrintStream(captured, true));
            pid = pid(libs, "bad", ws);
            pid(libs, "bad", ws);
        } finally {
            System.setOut(saved);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.err.println("FaultMatrixTest: two calls each after 10 MB of stderr took " + ms + " ms");
        assertTrue(pid > 0);
        assertEquals(0, captured.size(), "nothing of the plugin's stderr reaches our stdout");
        List<String> tail = ((ProcessLibrary) lib(libs, "bad")).stderrTail();
        assertEquals(20, tail.size(), "the last lines are kept");
        assertEquals("E".repeat(500), tail.get(19), "each cut at 500 characters");
        othersStillWork(libs, ws);
    }

    @Test
    void aScopeOfTenThousandPathsTravelsBothWays() throws Exception {
        if (!load("", "")) return;
        Scope big = (Scope) lib(libs, "bad").call("scope_of", List.of(Value.of(10_000)), ctx(ws));
        assertEquals(10_000, big.paths().size());
        assertEquals(ScopeKind.GLOB, big.kind());
        assertEquals(ws.resolve("generated/dir099/file09999.txt"), big.paths().get(9_999));
        long replyBytes = big.paths().stream().mapToLong(p -> p.toString().length() + 3).sum();
        assertTrue(replyBytes > 64 * 1024, "over 64 KiB: " + replyBytes);
        Value n = lib(libs, "bad").call("count_paths", List.of(big), ctx(ws));
        assertEquals(Value.of(10_000), n, "the 10k-path scope was sent to the plugin");
        Value echoed = lib(libs, "bad").call("echo", List.of(big), ctx(ws));
        assertEquals(big, echoed);
        othersStillWork(libs, ws);
    }

    @Test
    void aJsonRpcErrorWithANullIdIsTheCallsError() throws Exception {
        if (!load("--null-id-error", "")) return;
        LibraryException e = fails(libs, "bad", "pid", ws);
        assertMessage(e, "E-32700", "Parse error: cannot read the request");
        LibraryException c = org.junit.jupiter.api.Assertions.assertThrows(LibraryException.class,
                () -> lib(libs, "bad").check("ok", List.of(), ctx(ws)));
        assertEquals("E-32700", c.code());
        othersStillWork(libs, ws);
    }

    @Test
    void aMissingExecutable() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        libs = ProcessTestSupport.load(ws, "[libraries.bad]\nexecutable = \"./plugins/no-such-plugin\"\n"
                + faulty("good", "", ""));
        LibraryException e = fails(libs, "bad", "pid", ws);
        assertMessage(e, "E500", "Failed to start external library 'bad': executable "
                + ws.resolve("plugins/no-such-plugin") + " not found");
        assertEquals("E518", libs.diagnostics().get(0).code(), "and hielements.toml says so at the key");
        LibraryStatus s = libs.status("bad").orElseThrow();
        assertTrue(s.problems().get(0).contains("not found"), s.problems().toString());
        LibraryException bare = org.junit.jupiter.api.Assertions.assertThrows(LibraryException.class,
                () -> new ProcessLibrary(ProcessPluginSpec.of("bare", ws, List.of("no-such-tool-xyz")))
                        .call("f", List.of(), ctx(ws)));
        assertMessage(bare, "E500", "Failed to start external library 'bare': executable 'no-such-tool-xyz' not found "
                + "on PATH");
        othersStillWork(libs, ws);
    }

    @Test
    void aFileThatIsNotExecutable() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        Path script = PluginFixtures.plugins().resolve("faulty/not_executable.sh");
        libs = ProcessTestSupport.load(ws, "[libraries.bad]\nexecutable = " + PluginFixtures.q(script) + "\n"
                + faulty("good", "", ""));
        LibraryException e = fails(libs, "bad", "pid", ws);
        assertMessage(e, "E500", "Failed to start external library 'bad': " + script + " is not executable (make it "
                + "executable, or name its interpreter as 'executable' and the script in 'args')");
        othersStillWork(libs, ws);
    }

    @Test
    void anEmptyResultAndPluginErrorsFromChecks() throws Exception {
        if (!load("", "")) return;
        assertMessage(fails(libs, "bad", "null", ws), "E507",
                "Library 'bad', function 'null': External process returned empty result");
        LibraryException e = org.junit.jupiter.api.Assertions.assertThrows(LibraryException.class,
                () -> lib(libs, "bad").check("error", List.of(), ctx(ws)));
        assertMessage(e, "E-32000", "check went wrong");
        assertEquals(org.hielements.library.CheckResult.fail("failed on purpose"),
                lib(libs, "bad").check("fail", List.of(), ctx(ws)));
        assertMessage(fails(libs, "bad", "nope", ws), "E-32000", "Unknown function: nope");
        othersStillWork(libs, ws);
    }

    @Test
    void severalLibrariesFailingAtOnceLeaveTheRestWorking() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        libs = ProcessTestSupport.load(ws, faulty("a", "--exit-at-start", "") + faulty("b", "--garbage",
                "timeout = \"300ms\"") + faulty("c", "--null-id-error", "") + faulty("good", "", ""));
        List<String> codes = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) codes.add(fails(libs, n, "pid", ws).code());
        assertEquals(List.of("E505", "E530", "E-32700"), codes);
        othersStillWork(libs, ws);
    }
}
