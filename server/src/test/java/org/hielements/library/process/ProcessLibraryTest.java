package org.hielements.library.process;

import static org.hielements.library.process.ProcessTestSupport.assertMessage;
import static org.hielements.library.process.ProcessTestSupport.ctx;
import static org.hielements.library.process.ProcessTestSupport.fails;
import static org.hielements.library.process.ProcessTestSupport.faulty;
import static org.hielements.library.process.ProcessTestSupport.gone;
import static org.hielements.library.process.ProcessTestSupport.lib;
import static org.hielements.library.process.ProcessTestSupport.othersStillWork;
import static org.hielements.library.process.ProcessTestSupport.pid;
import static org.hielements.library.process.ProcessTestSupport.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.hielements.library.FunctionDoc;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryException;
import org.hielements.library.Value;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.LibraryStatus;
import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process plugin lifetime (upstream-libraries.md §7 items 7, 8, 10, 11, 19, 21 as we chose them), trust, docs. */
class ProcessLibraryTest {
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

    private boolean load(String toml) {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return false;
        libs = ProcessTestSupport.load(ws, toml);
        return true;
    }

    @Test
    void loadingStartsNothingTheFirstCallStartsOneProcessAndLaterCallsReuseIt() throws Exception {
        if (!load(faulty("p", "", ""))) return;
        ProcessLibrary p = (ProcessLibrary) lib(libs, "p");
        assertEquals(ProcessLibrary.State.NOT_STARTED, p.state());
        assertTrue(p.pid().isEmpty());
        assertTrue(p.knownFunctions().isEmpty(), "knownFunctions never starts a process");
        assertEquals(LibraryStatus.State.NOT_STARTED, libs.status("p").orElseThrow().state());
        long first = pid(libs, "p", ws);
        assertEquals(first, p.pid().orElseThrow());
        for (int i = 0; i < 3; i++) assertEquals(first, pid(libs, "p", ws));
        assertEquals(1, p.starts());
        assertEquals(Value.of(5), p.call("id", List.of(), ctx(ws)), "ids are 1, 2, 3... per process");
        assertEquals(LibraryStatus.State.READY, libs.status("p").orElseThrow().state());
    }

    @Test
    void theProcessRunsInTheWorkspaceWithTheConfiguredEnvironment() throws Exception {
        // the bare name "python3", looked up on PATH, as users write it
        if (!load(faulty("p", "", "env = { PLUGIN_GREETING = \"hello\" }").replace(
                "executable = " + PluginFixtures.q(PluginFixtures.pythonCommand()), "executable = \"python3\""))) return;
        assertEquals(Value.of(ws.toString()), lib(libs, "p").call("cwd", List.of(), ctx(ws)));
        assertEquals(Value.of("hello"), lib(libs, "p").call("env", List.of(Value.of("PLUGIN_GREETING")), ctx(ws)));
        assertEquals(Value.of(System.getenv().getOrDefault("HOME", "")),
                lib(libs, "p").call("env", List.of(Value.of("HOME")), ctx(ws)), "our environment is inherited");
    }

    @Test
    void metadataAndDocAreAskedOnceOnTheRunningProcessAndCached() throws Exception {
        if (!load(faulty("p", "", ""))) return;
        ProcessLibrary p = (ProcessLibrary) lib(libs, "p");
        long pid = pid(libs, "p", ws);
        LibraryDoc doc = p.documentation();
        assertEquals("faulty", doc.name(), "the name comes from the reply");
        assertEquals(List.of("pid", "echo", "scope_of", "count_paths", "crash", "hang", "sleep", "env", "cwd", "null"),
                doc.functions().stream().map(FunctionDoc::name).toList());
        assertFalse(doc.functions().get(0).arityKnown(), "metadata gives names only");
        assertEquals(doc, p.knownFunctions().orElseThrow());
        assertEquals(List.of("library.doc: E-32601: Unknown method: library.doc"), p.documentationProblems());
        assertEquals(pid, pid(libs, "p", ws), "asked on the same process");
        assertEquals(1, p.starts());
        assertEquals(Value.of(5), p.call("id", List.of(), ctx(ws)), "pid, metadata, doc, pid, then this: asked once");
        p.documentation();
        assertEquals(Value.of(6), p.call("id", List.of(), ctx(ws)), "cached: not asked again");
    }

    @Test
    void aPluginAnsweringNeitherStillWorksWithoutAFunctionList() throws Exception {
        if (!load(faulty("p", "--no-doc", ""))) return;
        ProcessLibrary p = (ProcessLibrary) lib(libs, "p");
        LibraryDoc doc = p.documentation();
        assertEquals(new LibraryDoc("p", "External library: " + PluginFixtures.pythonCommand(), "0.1.0", List.of(), List.of()), doc);
        assertTrue(p.knownFunctions().isEmpty());
        assertTrue(pid(libs, "p", ws) > 0);
    }

    @Test
    void aPluginThatNeverAnswersTheDocRequestsCostsOneTimeout() throws Exception {
        if (!load(faulty("p", "--silent-doc", "timeout = \"400ms\""))) return;
        ProcessLibrary p = (ProcessLibrary) lib(libs, "p");
        long t0 = System.nanoTime();
        LibraryDoc doc = p.documentation();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 350 && ms < 2500, "metadata timed out, doc was not asked: " + ms + " ms");
        assertEquals("External library: " + PluginFixtures.pythonCommand(), doc.description());
        assertTrue(p.knownFunctions().isEmpty());
        assertEquals(List.of("library.metadata: Library 'p': library.metadata timed out after 400 ms; the plugin "
                + "process was stopped and is restarted on the next call"), p.documentationProblems());
        assertTrue(pid(libs, "p", ws) > 0, "calls still work");
        p.documentation();
        assertEquals(2, p.starts(), "not asked again");
    }

    @Test
    void anUntrustedWorkspaceStartsNoProcess() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        PluginFixtures.write(ws, "hielements.toml", faulty("p", "", ""));
        libs = Libraries.load(ws, PluginFixtures.options().withAllowProcess(false));
        ProcessLibrary p = (ProcessLibrary) lib(libs, "p");
        assertMessage(fails(libs, "p", "pid", ws), "E532", "Library 'p' is a process plugin: the editor does not "
                + "start programs of a workspace it was not told to trust. In VS Code, trust the folder (command "
                + "\"Workspaces: Manage Workspace Trust\"); in another editor, set \"hielements.plugins.allowProcess\": "
                + "true for a folder you trust (or have the client send \"trustedWorkspace\": true in its "
                + "initializationOptions); hielements check on the command line runs it");
        assertEquals("External library: " + PluginFixtures.pythonCommand(), p.documentation().description());
        assertEquals(0, p.starts());
        assertEquals(LibraryStatus.State.NOT_ALLOWED, libs.status("p").orElseThrow().state());
        assertTrue(libs.registry().get("files").orElseThrow().call("folder_selector", List.of(Value.of(".")), ctx(ws))
                instanceof org.hielements.library.Scope);
    }

    @Test
    void aDisabledLibraryIsTriedAgainWhenItsScriptChanges() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        Path script = ws.resolve("plugin.py");
        Files.copy(PluginFixtures.faulty(), script);
        libs = ProcessTestSupport.load(ws, "[libraries.p]\nexecutable = " + PluginFixtures.q(PluginFixtures.pythonCommand())
                + "\nargs = [\"plugin.py\", "
                + "\"--exit-at-start\"]\n");
        for (int i = 0; i < 3; i++) assertEquals("E505", fails(libs, "p", "pid", ws).code());
        assertEquals("E531", fails(libs, "p", "pid", ws).code());
        Files.writeString(script, Files.readString(script).replace("if has(\"--exit-at-start\"):", "if False:"));
        assertTrue(pid(libs, "p", ws) > 0, "the changed plugin runs again");
        assertEquals(LibraryStatus.State.READY, libs.status("p").orElseThrow().state());
    }

    @Test
    void closeStopsAPoliteProcessAtOnceAndKillsOneIgnoringItsInput() throws Exception {
        if (!load(faulty("polite", "", "") + faulty("stubborn", "--ignore-eof", ""))) return;
        long polite = pid(libs, "polite", ws);
        long stubborn = pid(libs, "stubborn", ws);
        ProcessLibrary p = (ProcessLibrary) lib(libs, "polite");
        ProcessLibrary s = (ProcessLibrary) lib(libs, "stubborn");
        long t0 = System.nanoTime();
        p.close();
        long politeMs = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        s.close();
        long stubbornMs = (System.nanoTime() - t0) / 1_000_000;
        System.err.println("ProcessLibraryTest: close took " + politeMs + " ms (exits on EOF) and " + stubbornMs
                + " ms (ignores EOF)");
        assertTrue(gone(polite, 1000));
        assertTrue(gone(stubborn, 1000));
        assertTrue(politeMs < 450, "the polite plugin exits on end of input: " + politeMs + " ms");
        assertTrue(stubbornMs >= 450 && stubbornMs < 3000, "500 ms of grace, then killed: " + stubbornMs + " ms");
        assertMessage(fails(libs, "polite", "pid", ws), "E500", "Library 'polite' is closed");
        assertFalse(running(stubborn));
    }

    @Test
    void closingTheLibrariesStopsEveryProcess() throws Exception {
        if (!load(faulty("a", "", "") + faulty("b", "--ignore-eof", "") + faulty("good", "", ""))) return;
        othersStillWork(libs, ws);
        long a = pid(libs, "a", ws);
        long b = pid(libs, "b", ws);
        long good = pid(libs, "good", ws);
        libs.close();
        libs = null;
        for (long p : List.of(a, b, good)) assertTrue(gone(p, 2000), "process " + p + " is gone");
    }

    @Test
    void requestsFromManyThreadsAreServedOneAtATime() throws Exception {
        if (!load(faulty("p", "", ""))) return;
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 100;
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 25; i++) {
                        Value v = lib(libs, "p").call("echo", List.of(Value.of(base + i)), ctx(ws));
                        if (!v.equals(Value.of(base + i))) errors.add(new AssertionError(v + " != " + (base + i)));
                    }
                } catch (LibraryException | RuntimeException e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join(Duration.ofSeconds(20).toMillis());
        assertEquals(List.of(), List.copyOf(errors));
        assertEquals(1, ((ProcessLibrary) lib(libs, "p")).starts());
    }
}
