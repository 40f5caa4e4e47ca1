package org.hielements.library.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.LibraryException;
import org.hielements.library.LibraryKind;
import org.hielements.library.Scope;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.config.PluginFixtures;
import org.hielements.wasm.WasmPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WASM adapter: loading problems, permissions and limits from the policy, error mapping, reload, trial calls. */
class WasmLibraryTest {
    /** A module with no section at all: valid WebAssembly, no export of the ABI. */
    static final byte[] EMPTY_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
    /** A module importing {@code env.foo}: a function the host does not provide. */
    static final byte[] FOREIGN_IMPORT = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x02, 0x0b, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x66, 0x6f, 0x6f, 0x00, 0x00};

    @TempDir
    Path dir;

    Path ws;
    CallContext ctx;
    WasmLibrary lib;

    @BeforeEach
    void setUp() throws Exception {
        ws = dir.toRealPath();
        ctx = CallContext.of(Workspace.of(ws));
        PluginFixtures.write(ws, "src/a.py", "a\n");
    }

    @AfterEach
    void tearDown() {
        if (lib != null) lib.close();
    }

    private WasmLibrary load(Path file, WasmPolicy policy) {
        lib = WasmLibrary.load("sample", file, policy, PluginFixtures.wasmHost());
        return lib;
    }

    private WasmPolicy.Builder readable() {
        return WasmPolicy.builder().readOnlyWorkspace(ws);
    }

    @Test
    void theSampleLoadsWithItsDocumentationKnownAtOnce() {
        WasmLibrary l = load(PluginFixtures.sampleWasm(), readable().build());
        assertTrue(l.isLoaded(), l.problems().toString());
        assertEquals(LibraryKind.WASM, l.kind());
        assertEquals(List.of(), l.problems());
        assertEquals("sample", l.knownFunctions().orElseThrow().name());
        assertEquals(List.of("simple_selector", "always_pass", "file_count_check", "has_extension", "prime_count"),
                l.knownFunctions().orElseThrow().allNames());
        assertTrue(l.knownFunctions().orElseThrow().function("prime_count").orElseThrow().arityKnown());
        assertTrue(l.loadTime().compareTo(Duration.ZERO) > 0);
        assertEquals(List.of(), l.trialProblems(Workspace.of(ws)), "a good plugin passes the trial calls");
    }

    @Test
    void withoutTheFilesystemPermissionTheWorkspaceIsNotVisible() {
        WasmLibrary l = load(PluginFixtures.sampleWasm(), WasmPolicy.defaults());
        LibraryException e = assertThrows(LibraryException.class,
                () -> l.call("simple_selector", List.of(Value.of("src")), ctx));
        assertEquals("E-32000", e.code());
        assertEquals("simple_selector: the workspace cannot be read: grant filesystem = [\"read\"] in this library's "
                + "[libraries.NAME.permissions] table in hielements.toml", e.error().message());
    }

    @Test
    void aMissingFileIsALoadErrorNamingIt() {
        Path missing = ws.resolve("nope.wasm");
        WasmLibrary l = load(missing, readable().build());
        assertFalse(l.isLoaded());
        assertEquals("E600", l.loadError().orElseThrow().code());
        assertEquals("WASM library 'sample' (" + missing + ") could not be loaded: no such file: " + missing,
                l.loadError().orElseThrow().message());
        LibraryException e = assertThrows(LibraryException.class, () -> l.check("always_pass", List.of(), ctx));
        assertEquals(l.loadError().orElseThrow(), e.error());
        assertTrue(l.knownFunctions().isEmpty());
        assertEquals("WASM library: nope.wasm", l.documentation().description());
    }

    @Test
    void notWebAssemblyMissingExportsAndUnknownImportsAreLoadErrors() throws Exception {
        Path garbage = PluginFixtures.write(ws, "garbage.wasm", "this is text");
        WasmLibrary g = load(garbage, readable().build());
        assertEquals("WASM library 'sample' (" + garbage + ") could not be loaded: not a WebAssembly module (bad magic "
                + "number: a binary module starts with \\0asm)", g.loadError().orElseThrow().message());
        g.close();
        Path empty = Files.write(ws.resolve("empty.wasm"), EMPTY_MODULE);
        WasmLibrary e = load(empty, readable().build());
        assertEquals(List.of("missing required exports: memory, alloc, library_call, library_check"), e.problems());
        e.close();
        Path foreign = Files.write(ws.resolve("foreign.wasm"), FOREIGN_IMPORT);
        WasmLibrary f = load(foreign, readable().build());
        assertTrue(f.problems().stream().anyMatch(p -> p.startsWith("unknown imports: env.foo")), f.problems().toString());
    }

    @Test
    void aTrapIsAnErrorAndTheTrialCallReportsIt() throws Exception {
        WasmLibrary l = load(PluginFixtures.plugins().resolve("broken/trap.wasm"), WasmPolicy.defaults());
        assertTrue(l.isLoaded(), l.problems().toString());
        LibraryException e = assertThrows(LibraryException.class, () -> l.call("anything", List.of(), ctx));
        assertEquals("E601", e.code());
        assertTrue(e.error().message().startsWith("WASM library 'sample', export library_call: trapped"),
                e.error().message());
        assertTrue(e.error().message().endsWith("; the instance was discarded"), e.error().message());
        List<String> trial = l.trialProblems(Workspace.of(ws));
        assertEquals(2, trial.size(), trial.toString());
        assertTrue(trial.get(0).startsWith("trial call of library_call: WASM library 'sample', export library_call: "
                + "trapped"), trial.get(0));
    }

    @Test
    void theTimeoutStopsAComputeHeavyCallAndTheNextCallWorks() throws Exception {
        WasmLibrary l = load(PluginFixtures.sampleWasm(), readable().timeout(Duration.ofMillis(200)).build());
        long t0 = System.nanoTime();
        LibraryException e = assertThrows(LibraryException.class,
                () -> l.check("prime_count", List.of(Value.of(10_000_000), Value.of(0)), ctx));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("E602", e.code());
        assertEquals("WASM library 'sample', export library_check: timed out after 200 ms; the instance was stopped "
                + "and discarded", e.error().message());
        assertTrue(ms < 3000, "stopped in " + ms + " ms");
        assertEquals(CheckResult.pass(), l.check("always_pass", List.of(), ctx));
    }

    @Test
    void theMemoryLimitIsEnforcedInsideTheGuest() throws Exception {
        // its memory starts at 128 KiB, and its table and globals count too: 128 KiB is not enough to start
        WasmLibrary tight = load(PluginFixtures.sampleWasm(), readable().memoryLimitBytes(128 * 1024).build());
        assertEquals(List.of("needs more than its memory limit of 128 KiB: a table of 6 slots would bring it to 129 KiB "
                + "(linear memory, tables and globals count together)"), tight.problems());
        tight.close();
        WasmLibrary l = load(PluginFixtures.sampleWasm(), readable().memoryLimitBytes(192 * 1024).build());
        assertTrue(l.isLoaded(), l.problems().toString());
        LibraryException e = assertThrows(LibraryException.class,
                () -> l.call("simple_selector", List.of(Value.of("src")), ctx));
        assertEquals("E603", e.code(), e.getMessage());
        assertTrue(e.error().message().startsWith("WASM library 'sample', export library_call: needs more than its "
                + "memory limit of 192 KiB: growing the memory to 3 pages would bring it to 193 KiB"), e.error().message());
    }

    @Test
    void theOutputLimitCoversDocumentationAndReplies() throws Exception {
        WasmLibrary l = load(PluginFixtures.sampleWasm(), readable().outputLimitBytes(100).build());
        assertTrue(l.isLoaded());
        assertTrue(l.knownFunctions().isEmpty(), "library_doc and library_metadata are over 100 bytes");
        assertEquals(2, l.problems().size(), l.problems().toString());
        assertTrue(l.problems().get(0).startsWith("library_doc: WASM library 'sample', export library_doc: reply of "),
                l.problems().get(0));
        LibraryException e = assertThrows(LibraryException.class,
                () -> l.call("simple_selector", List.of(Value.of("src")), ctx));
        assertEquals("E604", e.code());
        assertEquals(CheckResult.pass(), l.check("always_pass", List.of(), ctx), "a short reply is fine");
    }

    @Test
    void oneInstanceServesCallAfterCallWithoutGrowingItsMemory() throws Exception {
        WasmLibrary l = load(PluginFixtures.sampleWasm(), readable().build());
        List<Path> paths = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) paths.add(ws.resolve("src/package_" + (i / 50) + "/module_" + i + ".py"));
        List<Value> args = List.of(Scope.of(org.hielements.library.ScopeKind.FOLDER, "src", paths), Value.of("py"));
        assertEquals(CheckResult.pass(), l.check("has_extension", args, ctx));
        org.hielements.wasm.WasmPlugin.Stats first = l.plugin().orElseThrow().stats();
        for (int i = 0; i < 300; i++) {
            assertEquals(CheckResult.pass(), l.check("has_extension", args, ctx));
            assertEquals(CheckResult.pass(), l.check("always_pass", List.of(), ctx));
        }
        org.hielements.wasm.WasmPlugin.Stats after = l.plugin().orElseThrow().stats();
        System.out.println("WasmLibraryTest: 601 calls with a 1,000-path scope or none: " + after);
        assertEquals(first.linearMemoryBytes(), after.linearMemoryBytes(), "the guest's heap starts over after each call");
        assertEquals(1, after.instancesCreated());
        assertEquals(0, after.instancesRecycled());
    }

    @Test
    void aChangedModuleIsLoadedAgainOnTheNextRun() throws Exception {
        Path copy = ws.resolve("plugin.wasm");
        Files.copy(PluginFixtures.sampleWasm(), copy);
        WasmLibrary l = load(copy, readable().build());
        Scope s = (Scope) l.call("simple_selector", List.of(Value.of("src")), ctx);
        assertEquals(List.of(ws.resolve("src/a.py")), s.paths());
        Files.writeString(copy, "broken now");
        // the run that is going on keeps its module: the file is looked at once per run
        assertEquals(CheckResult.pass(), l.check("always_pass", List.of(), ctx));
        CallContext nextRun = CallContext.of(ctx.workspace().fresh());
        LibraryException e = assertThrows(LibraryException.class, () -> l.check("always_pass", List.of(), nextRun));
        assertEquals("E600", e.code());
        Files.copy(PluginFixtures.sampleWasm(), copy, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(CheckResult.pass(), l.check("always_pass", List.of(), CallContext.of(ctx.workspace().fresh())));
        assertTrue(l.knownFunctions().isPresent());
    }
}
