package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second real editor: Emacs in batch mode with eglot loads the README's setup ({@code test-fixtures/lsp/emacs/
 * hielements.el}, which starts {@code hielements lsp}; a {@code hielements} script on the PATH runs the server from
 * the test class path), opens the fixture file and reports the diagnostics flymake shows, a completion and a hover.
 */
class EmacsEndToEndTest {
    static final Path FIXTURES = NeovimEndToEndTest.FIXTURES;

    @TempDir
    Path tmp;

    static String emacs() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "emacs");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    @Test
    void emacsEglotGetsDiagnosticsCompletionAndHover() throws Exception {
        String emacs = emacs();
        if (emacs == null) {
            System.err.println("""
                    ************************************************************************
                    EMACS NOT INSTALLED: eglot end-to-end test did not run
                    (apt-get install -y --no-install-recommends emacs-nox elpa-eglot)
                    ************************************************************************""");
            return;
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path launcher = bin.resolve("hielements");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' org.hielements.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = tmp.resolve("out.json");
        ProcessBuilder pb = new ProcessBuilder(emacs, "--batch", "-l",
                FIXTURES.resolve("lsp/emacs/e2e.el").toString());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("HOME", tmp.toString());
        env.put("HIE_SETUP", FIXTURES.resolve("lsp/emacs/hielements.el").toString());
        env.put("HIE_FILE", FIXTURES.resolve("lsp/workspace/architecture.hie").toString());
        env.put("HIE_OUT", out.toString());
        env.put("HIE_COMPLETE_AFTER", "check sample.");
        env.put("HIE_HOVER_ON", "exists");
        env.put("HIE_WAIT_TEXT", "do not end with");
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("emacs.log").toFile());
        Process p = pb.start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String log = Files.readString(tmp.resolve("emacs.log"));
        assertTrue(done, "emacs did not finish:\n" + log);
        assertTrue(Files.exists(out), "the driver wrote nothing; exit " + p.exitValue() + ":\n" + log);
        JsonObject r = JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();
        System.out.println("emacs end-to-end result: " + r);
        assertEquals("hielements-mode", r.get("mode").getAsString());
        assertEquals("connected", r.get("server").getAsString(), log);
        List<String> diagnostics = new ArrayList<>();
        for (JsonElement d : r.getAsJsonArray("diagnostics")) {
            JsonObject o = d.getAsJsonObject();
            diagnostics.add(o.get("line").getAsInt() + " " + o.get("type").getAsString() + " " + o.get("text")
                    .getAsString());
        }
        diagnostics.sort(null);
        assertEquals(2, diagnostics.size(), diagnostics + "\n" + log);
        assertTrue(diagnostics.get(0).startsWith("6 eglot-error") && diagnostics.get(0).contains("do not end with '.py'"),
                "the WASM plugin's check failure: " + diagnostics);
        assertTrue(diagnostics.get(1).startsWith("7 eglot-error")
                && diagnostics.get(1).contains("Undefined identifier: missing_scope"), diagnostics.toString());
        List<String> completion = NeovimEndToEndTest.strings(r, "completion");
        assertTrue(completion.containsAll(List.of("always_pass", "file_count_check", "has_extension", "prime_count")),
                completion.toString());
        String hover = r.get("hover").getAsString();
        assertTrue(hover.contains("files.exists(scope: Scope, filename: string) -> CheckResult"), hover);
        String original = r.get("original").getAsString();
        assertNotEquals(original, r.get("messy").getAsString(), "the driver untidied the check lines");
        assertEquals(original, r.get("formatted").getAsString(), "eglot-format-buffer restored the file's spacing: "
                + r.get("log"));
    }

    @Test
    void theReadmeShowsTheSetupThisTestRuns() throws Exception {
        String readme = Files.readString(FIXTURES.getParent().resolve("README.md"));
        String setup = Files.readString(FIXTURES.resolve("lsp/emacs/hielements.el"));
        assertTrue(readme.contains(setup.strip()), "README.md must contain test-fixtures/lsp/emacs/hielements.el "
                + "verbatim (the Emacs recipe is the one the end-to-end test runs)");
    }
}
