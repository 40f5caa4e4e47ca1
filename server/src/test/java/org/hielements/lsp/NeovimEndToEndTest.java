package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real editor drives the real server end to end: headless Neovim (Debian's 0.7, {@code vim.lsp.start_client})
 * loads the README's setup ({@code test-fixtures/lsp/nvim/hielements.lua}), opens a fixture file whose workspace
 * configures the WASM {@code sample} plugin, and reports what it got: the diagnostics (a check failure from the WASM
 * plugin, an undefined name), completion after {@code sample.}, hover on library functions. The server runs as {@code hielements lsp} (the command line's main
 * class on the test class path, so it runs in {@code mvn test} before packaging).
 */
class NeovimEndToEndTest {
    static final Path FIXTURES = Path.of(System.getProperty("hielements.fixtures", "../test-fixtures"))
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    static String nvim() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "nvim");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    /** Runs the driver; returns what it wrote, or null (after a loud message) when Neovim is not installed. */
    JsonObject drive(Path file, String completeAfter, String hoverOn, String waitCode) throws Exception {
        String nvim = nvim();
        if (nvim == null) {
            System.err.println("""
                    ************************************************************************
                    NEOVIM NOT INSTALLED: end-to-end test did not run
                    (apt-get install -y --no-install-recommends neovim; .ci/run installs it)
                    ************************************************************************""");
            return null;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        JsonArray cmd = new JsonArray();
        for (String s : List.of(java, "-cp", System.getProperty("java.class.path"), "org.hielements.cli.Main",
                "lsp")) {
            cmd.add(s);
        }
        Path out = tmp.resolve("out.json");
        ProcessBuilder pb = new ProcessBuilder(nvim, "--headless", "--clean", "-u", "NONE", "-c",
                "luafile " + FIXTURES.resolve("lsp/nvim/e2e.lua"));
        Map<String, String> env = pb.environment();
        env.put("HIE_SETUP", FIXTURES.resolve("lsp/nvim/hielements.lua").toString());
        env.put("HIE_SERVER_CMD", cmd.toString());
        env.put("HIE_FILE", file.toString());
        env.put("HIE_OUT", out.toString());
        env.put("HIE_COMPLETE_AFTER", completeAfter);
        env.put("HIE_HOVER_ON", hoverOn);
        env.put("HIE_WAIT_CODE", waitCode);
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        env.put("XDG_STATE_HOME", tmp.resolve("state").toString());
        env.put("XDG_DATA_HOME", tmp.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("nvim.log").toFile());
        Process p = pb.start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String nvimLog = Files.exists(tmp.resolve("nvim.log")) ? Files.readString(tmp.resolve("nvim.log")) : "";
        assertTrue(done, "neovim did not finish; its output:\n" + nvimLog);
        assertTrue(Files.exists(out), "the driver wrote nothing; exit " + p.exitValue() + ", output:\n" + nvimLog
                + lspLog());
        JsonObject result = JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();
        System.out.println("neovim end-to-end result: " + result);
        assertEquals(0, p.exitValue(), "driver failed: " + result + "\n" + nvimLog + lspLog());
        return result;
    }

    private String lspLog() throws java.io.IOException {
        for (String d : List.of("cache/nvim/lsp.log", "state/nvim/lsp.log")) {
            Path log = tmp.resolve(d);
            if (Files.exists(log)) return "\nlsp.log:\n" + Files.readString(log);
        }
        return "";
    }

    static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        JsonElement e = o.get(key);
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) out.add(x.getAsString());
        }
        return out;
    }

    @Test
    void neovimGetsDiagnosticsCompletionAndHoverFromTheServer() throws Exception {
        Path file = FIXTURES.resolve("lsp/workspace/architecture.hie");
        JsonObject r = drive(file, "check sample.", "exists,has_extension", "F001");
        if (r == null) return;
        assertEquals("hielements", r.get("filetype").getAsString());
        List<String> diagnostics = new ArrayList<>();
        for (JsonElement d : r.getAsJsonArray("diagnostics")) {
            JsonObject o = d.getAsJsonObject();
            diagnostics.add(o.get("line").getAsInt() + ":" + o.get("col").getAsInt() + " "
                    + (o.has("code") ? o.get("code").getAsString() : "?") + " " + o.get("message").getAsString());
        }
        diagnostics.sort(null);
        assertEquals(2, diagnostics.size(), diagnostics.toString());
        assertTrue(diagnostics.get(0).startsWith("5:4 F001 "), "the WASM plugin's check failure: " + diagnostics);
        assertTrue(diagnostics.get(0).contains("main.rs"), diagnostics.toString());
        assertEquals("6:23 E200 Undefined identifier: missing_scope", diagnostics.get(1));
        List<String> completion = strings(r, "completion");
        assertTrue(completion.containsAll(List.of("always_pass", "file_count_check", "has_extension", "prime_count")),
                "completion of sample. lists the WASM plugin's checks: " + completion);
        JsonObject hover = r.getAsJsonObject("hover");
        String files = hover.get("exists").getAsString();
        assertTrue(files.contains("files.exists(scope: Scope, filename: string) -> CheckResult"), files);
        assertTrue(files.contains("Check if a file exists within a scope."), files);
        String sample = hover.get("has_extension").getAsString();
        assertTrue(sample.contains("sample.has_extension(scope: Scope, ext: string) -> CheckResult"), sample);
        String original = r.get("original").getAsString();
        assertNotEquals(original, r.get("messy").getAsString(), "the driver untidied the check lines");
        assertEquals(original, r.get("formatted").getAsString(), "formatting in Neovim restored the file's spacing");
        assertTrue(r.get("tabbed").getAsString().contains("\n\tcheck files.exists(src, 'main.rs')\n"),
                "noexpandtab formatting indents with tabs: " + r.get("tabbed"));
        assertEquals(List.of("5:1"), strings(r, "after_format"),
                "after formatting with tabs the check outcome stays on its statement (it used to jump to the last line)");
    }

    @Test
    void theReadmeShowsTheSetupThisTestRuns() throws Exception {
        String readme = Files.readString(FIXTURES.getParent().resolve("README.md"));
        String setup = Files.readString(FIXTURES.resolve("lsp/nvim/hielements.lua"));
        assertTrue(readme.contains(setup.strip()), "README.md must contain test-fixtures/lsp/nvim/hielements.lua "
                + "verbatim (the Neovim recipe is the one the end-to-end test runs)");
    }
}
