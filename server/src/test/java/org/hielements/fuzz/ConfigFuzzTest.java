package org.hielements.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.config.ConfigLoader;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.LibrariesConfig;
import org.hielements.library.config.PluginFixtures;
import org.hielements.fuzz.FuzzRunner.Outcome;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hielements.toml} mutated: every text gives a configuration with its diagnostics, each inside the text, and
 * the libraries built from it (nothing started: process plugins are not allowed here; WASM modules are lazy until
 * their status is asked) describe themselves and close; nothing escapes, no case runs past the deadline. Bounded in
 * {@code mvn verify}; {@code -Dfuzz.iterations=10000} for the larger run.
 */
class ConfigFuzzTest {
    @TempDir
    Path ws;

    private static String[] seeds() {
        String wasm = PluginFixtures.q(PluginFixtures.sampleWasm());
        return new String[] {
            "[libraries]\nmylib = { executable = \"python3\", args = [\"plugin.py\"] }\n",
            "[libraries.sample]\npath = " + wasm + "\n[libraries.sample.permissions]\nfilesystem = [\"read\"]\n"
                    + "environment = [\"HOME\"]\nnetwork = [\"example\"]\n[libraries.sample.limits]\nmemory = \"32MiB\"\n"
                    + "timeout = \"2s\"\noutput = \"1MiB\"\nmodule = \"1MiB\"\n",
            "[libraries]\na = { type = \"wasm\", path = \"x.wasm\" }\nb = { type = \"external\", executable = \"./b\", "
                    + "env = { K = \"v\" }, timeout = \"500ms\" }\n\"quoted\" = { path = \"tool\" }\n",
            "# comment\n[libraries.x]\nexecutable = \"/bin/true\"\nargs = []\n[libraries.y]\npath = \"y.wasm\"\n"
                    + "limits = { memory = 65536 }\n",
            "top = 1\n[libraries]\nbad = \"string\"\n[other]\nk = [1, 2]\n",
            "[libraries]\nml = { executable = \"x\",\n  args = [] }\n\"\" = { executable = \"x\" }\n\"a.b\" = { path = \"a.wasm\" }\n",
        };
    }

    private static final byte[][] DICTIONARY = {
        "[".getBytes(), "]".getBytes(), "[[".getBytes(), "{".getBytes(), "}".getBytes(), "=".getBytes(),
        "\"".getBytes(), "'".getBytes(), "\"\"\"".getBytes(), "\n".getBytes(), "\r\n".getBytes(), "\r".getBytes(),
        ".".getBytes(), "#".getBytes(), ",".getBytes(), "\\u0000".getBytes(), "\\".getBytes(),
        "[libraries.".getBytes(), "path = ".getBytes(), "executable = ".getBytes(), "type = \"wasm\"".getBytes(),
        "limits".getBytes(), "permissions".getBytes(), "1979-05-27T07:32:00Z".getBytes(), "inf".getBytes(),
        "0x7FFFFFFFFFFFFFFF".getBytes(), "\"/dev/zero\"".getBytes(), "\t".getBytes(),
        "\u001b[31m".getBytes(StandardCharsets.UTF_8), "\u00e9".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xF0, (byte) 0x9F}, new byte[] {0},
    };

    private Outcome load(String text) throws Exception {
        LibrariesConfig config = ConfigLoader.parse(new SourceText(ws.resolve("hielements.toml").toString(), text), ws,
                Map.of("PATH", "/usr/bin:/bin"));
        for (Diagnostic d : config.diagnostics()) checkInside(d, text);
        try (Libraries libs = Libraries.build(ws, config, PluginFixtures.options().withAllowProcess(false))) {
            libs.statuses().forEach(s -> assertNotNull(s.state()));
            for (Diagnostic d : libs.diagnostics()) checkInside(d, text);
        }
        return config.diagnostics().isEmpty() ? Outcome.ACCEPTED : Outcome.REFUSED;
    }

    private static void checkInside(Diagnostic d, String text) {
        assertNotNull(d.message());
        assertTrue(d.span().start() >= 0 && d.span().end() <= text.length() && d.span().start() <= d.span().end(),
                d.code() + " at " + d.span() + " outside a text of " + text.length() + " characters");
    }

    @Test
    void mutatedConfigurationsGiveDiagnosticsNeverAnException() throws Exception {
        Files.copy(PluginFixtures.sampleWasm(), ws.resolve("x.wasm"));
        String[] seeds = seeds();
        Random r = FuzzRunner.random("toml");
        FuzzRunner.run("hielements-toml", FuzzRunner.iterations(2000), i -> {
            byte[] seed = seeds[r.nextInt(seeds.length)].getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(10) == 0) seed = (seeds[r.nextInt(seeds.length)] + seeds[r.nextInt(seeds.length)])
                    .getBytes(StandardCharsets.UTF_8);
            return new String(FuzzRunner.mutate(seed, r, DICTIONARY), StandardCharsets.UTF_8);
        }, s -> s.getBytes(StandardCharsets.UTF_8), this::load, NoRefusal.class, Duration.ofSeconds(10));
    }

    /** Configurations are never refused by an exception: every problem is a diagnostic. */
    static final class NoRefusal extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
