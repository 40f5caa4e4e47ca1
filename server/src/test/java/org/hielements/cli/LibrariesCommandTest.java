package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hielements libraries}: what a plugin author sees about each library, in both formats, and the exit code. */
class LibrariesCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path workspace(String toml) throws Exception {
        Path ws = dir.resolve("ws");
        PluginFixtures.write(ws, "hielements.toml", toml);
        PluginFixtures.write(ws, "src/a.py", "a\n");
        return ws.toRealPath();
    }

    private static String wasm(String name, Path file) {
        return "[libraries." + name + "]\npath = " + PluginFixtures.q(file) + "\n[libraries." + name
                + ".permissions]\nfilesystem = [\"read\"]\n";
    }

    @Test
    void aHealthyWorkspaceListsEveryLibraryAndExitsZero() throws Exception {
        String toml = wasm("sample", PluginFixtures.sampleWasm());
        boolean python = PluginFixtures.pythonOr(getClass().getSimpleName() + " (process part)");
        if (python) {
            toml += "[libraries.pysample]\nexecutable = " + PluginFixtures.q(PluginFixtures.pythonCommand())
                    + "\nargs = [" + PluginFixtures.q(PluginFixtures.samplePython()) + "]\n";
        }
        Path ws = workspace(toml);
        Run r = run("libraries", "--workspace", ws.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("Workspace: " + ws + "\nConfiguration: " + ws.resolve("hielements.toml") + "\n"),
                r.out());
        assertTrue(r.out().contains("\nfiles (built-in)  ready\n  selectors: file_selector, folder_selector, "
                + "glob_selector\n"), r.out());
        assertTrue(r.out().contains("\nsample (WASM plugin)  ready, loaded in "), r.out());
        assertTrue(r.out().contains("  selectors: simple_selector(path: string) -> Scope\n  checks: always_pass() -> "
                + "CheckResult, file_count_check(scope: Scope, max: integer) -> CheckResult, has_extension(scope: "
                + "Scope, ext: string) -> CheckResult, prime_count(n: integer, expected: integer) -> CheckResult\n"),
                r.out());
        if (python) {
            assertTrue(r.out().contains("\npysample (process plugin)  ready, started in "), r.out());
            assertTrue(r.out().contains("  from: " + PluginFixtures.pythonCommand() + " "
                    + PluginFixtures.samplePython()), r.out());
        }
        assertTrue(!r.out().contains("problem:"), r.out());
    }

    @Test
    void aBrokenWorkspaceExplainsEachProblemAndExitsOne() throws Exception {
        Path trap = PluginFixtures.plugins().resolve("broken/trap.wasm");
        Path ws = workspace("[libraries]\nempty = {}\nfiles = { path = \"x.wasm\" }\n"
                + "gone = { path = \"plugins/gone.wasm\" }\n" + wasm("trap", trap));
        Files.write(ws.resolve("x.wasm"), new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        Run r = run("libraries", "-w", ws.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.contains("\nempty (unknown kind)  not-loaded\n  problem: hielements.toml:2:1: E512 Library "
                + "'empty': cannot tell its type"), out);
        assertTrue(out.contains("\nfiles (WASM plugin)  shadowed\n"), out);
        assertTrue(out.contains("\ngone (WASM plugin)  failed, loaded in "), out);
        assertTrue(out.contains("  problem: does not load: no such file: " + ws.resolve("plugins/gone.wasm")), out);
        assertTrue(out.contains("\ntrap (WASM plugin)  ready, loaded in "), out);
        assertTrue(out.contains("  problem: trial call of library_call: WASM library 'trap', export library_call: "
                + "trapped"), out);
        assertTrue(out.contains("\nerror[E515]: Library 'files' shadows a built-in library; the built-in 'files' is "
                + "used\n  --> " + ws.resolve("hielements.toml") + ":3:1\n"), out);
        assertTrue(out.contains("error[E518]: Library 'gone': WASM module \"plugins/gone.wasm\" not found"), out);
    }

    @Test
    void jsonHasEveryLibraryWithItsFunctionsAndProblems() throws Exception {
        Path ws = workspace(wasm("sample", PluginFixtures.sampleWasm()) + "[libraries.empty]\n");
        Run r = run("libraries", "-w", ws.toString(), "--format", "json");
        assertEquals(1, r.code(), r.out() + r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(ws.toString(), root.get("workspace").asText());
        // files, python, rust, the bundled typescript, then the entries of hielements.toml
        assertEquals(6, root.get("libraries").size());
        assertEquals("typescript", root.get("libraries").get(3).get("name").asText());
        JsonNode sample = root.get("libraries").get(4);
        assertEquals("sample", sample.get("name").asText());
        assertEquals("wasm", sample.get("kind").asText());
        assertEquals("ready", sample.get("status").asText());
        assertTrue(sample.get("load_time_ms").asDouble() > 0);
        assertEquals(5, sample.get("functions").size());
        assertEquals("simple_selector", sample.get("functions").get(0).get("name").asText());
        assertEquals("selector", sample.get("functions").get(0).get("kind").asText());
        assertEquals("path", sample.get("functions").get(0).get("parameters").get(0).get("name").asText());
        assertEquals(0, sample.get("problems").size());
        JsonNode empty = root.get("libraries").get(5);
        assertEquals("not-loaded", empty.get("status").asText());
        assertTrue(empty.get("kind").isNull());
        assertTrue(empty.get("functions").isNull());
        assertEquals("E512", root.get("diagnostics").get(0).get("code").asText());
        assertEquals(5, root.get("diagnostics").get(0).get("span").get("start").get("line").asInt());
    }

    @Test
    void withoutAConfigurationOnlyTheBuiltinsAreListed() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("plain"));
        Run r = run("libraries", "-w", ws.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Configuration: none (hielements.toml not found: built-in libraries only)"),
                r.out());
        assertTrue(r.out().contains("\nrust (built-in)  ready\n"), r.out());
        assertEquals(2, run("libraries", "-w", ws.resolve("missing").toString()).code());
    }
}
