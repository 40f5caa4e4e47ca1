package org.hielements.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.hielements.cli.Main;
import org.hielements.library.LibraryException;
import org.hielements.library.ValueCodec;
import org.hielements.library.Workspace;
import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin guide's Rust example, corrected ({@code sdk/rust/examples/seed}): it builds with Debian's rustc and
 * cargo offline, and its {@code module_selector} runs through {@code hielements check}; a reply shaped as the printed
 * example answers (a bare-string scope kind) gets an error naming what is wrong and the expected form.
 */
class RustSeedTest {
    @TempDir
    Path dir;

    @Test
    void theGuidesCorrectedExampleBuildsAndItsSelectorRunsThroughCheck() throws Exception {
        if (!Toolchains.rustOr(getClass().getSimpleName())) return;
        Path wasm = Toolchains.cargoBuild(Toolchains.sdk().resolve("rust/examples/seed"), "wasm32-wasi",
                "my_plugin.wasm");
        Path ws = dir.toRealPath();
        PluginFixtures.write(ws, "hielements.toml", "[libraries.seed]\npath = " + PluginFixtures.q(wasm)
                + "\n[libraries.seed.permissions]\nfilesystem = [\"read\"]\n");
        PluginFixtures.write(ws, "src/app/main.py", "print('hi')\n");
        PluginFixtures.write(ws, "src/app/util/helpers.py", "x = 1\n");
        PluginFixtures.write(ws, "arch.hie", "element app:\n"
                + "    scope modules = seed.module_selector('src/app')\n"
                + "    check files.exists(modules, 'main.py')\n"
                + "    check files.no_files_matching(modules, '**/helpers.py')\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", ws.resolve("arch.hie").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.contains("PASS app :: files.exists(modules, 'main.py')"), text);
        // the scope's paths come from the plugin's walk through WASI: the file two folders down is found
        assertTrue(text.contains("FAIL app :: files.no_files_matching(modules, '**/helpers.py')"), text);
        assertTrue(text.contains("--> Found 1 files matching pattern '**/helpers.py': [\"src/app/util/helpers.py\"]"), text);
    }

    @Test
    void theReplyOfThePrintedExampleIsRefusedNamingTheKindsShape() throws Exception {
        var reply = new ObjectMapper().readTree("{\"Scope\":{\"kind\":\"src\",\"paths\":[],\"resolved\":true}}");
        LibraryException e = assertThrows(LibraryException.class,
                () -> ValueCodec.decodeValue(reply, "seed", "module_selector", Workspace.of(dir)));
        assertEquals("E508", e.code());
        assertTrue(e.error().message().endsWith("the scope kind is the bare string \"src\"; it must be tagged with "
                + "its kind, such as {\"Folder\": \"src\"} (File, Folder or Glob; in Rust, a serde enum without "
                + "#[serde(untagged)])"), e.error().message());
    }
}
