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
import org.hielements.library.LibraryCatalog;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hielements doc} and {@code hielements init}, in-process. */
class DocInitCliTest {
    @TempDir
    Path dir;

    private static LibraryCatalog builtins() {
        return LibraryCatalog.of(LibraryRegistry.withBuiltins());
    }

    @Test
    void docPrintsTheCatalogInMarkdownOrJsonForTheChosenLibraries() throws IOException {
        // the built-ins' catalog is upstream's; the bundled typescript library is documented after them
        MainTest.Run md = MainTest.run("doc", "-l", "files,python,rust", "-w", dir.toString());
        assertEquals(0, md.code(), md.err());
        assertEquals(builtins().toMarkdown() + "\n", md.out());
        assertTrue(md.out().startsWith("# Hielements Library Documentation\n"));
        MainTest.Run all = MainTest.run("doc", "-w", dir.toString());
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("- [rust](#rust)\n- [typescript](#typescript)\n"), all.out());
        assertTrue(all.out().contains("#### `typescript.no_cycles(scope: Scope) -> CheckResult`"), all.out());

        MainTest.Run json = MainTest.run("doc", "--format", "json", "--library", "rust, files", "-w", dir.toString());
        assertEquals(0, json.code());
        assertEquals(builtins().only("rust,files").toJson() + "\n", json.out());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(2, root.get("libraries").size());
        assertEquals("files", root.get("libraries").get(0).get("name").asText());

        MainTest.Run unknown = MainTest.run("doc", "-l", "nosuch", "-w", dir.toString());
        assertEquals(0, unknown.code());
        assertTrue(unknown.err().contains("warning: no library named 'nosuch' (known: files, python, rust, typescript)"),
                unknown.err());
        assertEquals(2, MainTest.run("doc", "--format", "html").code());
    }

    @Test
    void docListsThePluginsOfTheWorkspaceUnderTheirConfiguredNames() {
        MainTest.Run r = MainTest.run("doc", "-w", Path.of("..", "test-fixtures", "workspaces", "demo").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("- [sample_py](#sample_py)\n- [sample_wasm](#sample_wasm)\n"), r.out());
        assertTrue(r.out().contains("#### `sample_wasm.file_count_check(scope: Scope, max: integer) -> CheckResult`"),
                r.out());
        assertTrue(r.out().contains("#### `sample_py.simple_selector(path: string) -> Scope`"), r.out());
    }

    @Test
    void docOutputFileIsWrittenExactlyAndAbsoluteOrParentPathsAreRefused() throws IOException {
        String rel = "target/doc-cli-test/" + dir.getFileName() + "/catalog.md";
        MainTest.Run r = MainTest.run("doc", "-o", rel, "-l", "files,python,rust", "-w", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Success Documentation written to '" + rel + "'\n", r.out());
        assertEquals(builtins().toMarkdown(), Files.readString(Path.of(rel), StandardCharsets.UTF_8));

        Path abs = dir.resolve("abs.md");
        MainTest.Run absolute = MainTest.run("doc", "-o", abs.toString(), "-w", dir.toString());
        assertEquals(2, absolute.code());
        assertTrue(absolute.err().contains("is absolute"), absolute.err());
        assertFalse(Files.exists(abs));
        MainTest.Run parent = MainTest.run("doc", "-o", "target/../../escape.md", "-w", dir.toString());
        assertEquals(2, parent.code());
        assertTrue(parent.err().contains("contains '..'"), parent.err());
        assertFalse(Files.exists(Path.of("..", "escape.md")));
    }

    @Test
    void initScaffoldsAFileThatChecksCleanAndNeverOverwrites() throws IOException {
        Path project = dir.resolve("shop");
        MainTest.Run r = MainTest.run("init", "shop", "-d", project.toString());
        assertEquals(0, r.code(), r.err());
        Path hie = project.resolve("shop.hie");
        Path toml = project.resolve("hielements.toml");
        assertTrue(r.out().startsWith("Created files:\n  " + hie + "\n  " + toml + "\n"), r.out());
        assertTrue(Files.readString(toml).contains("[libraries]"));
        assertTrue(Files.readString(toml).contains("# [libraries.sample]"));

        MainTest.Run check = MainTest.run("check", project.toString());
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(check.out().contains("PASS shop :: files.exists(root, 'shop.hie')"), check.out());
        assertEquals(0, MainTest.run("libraries", "-w", project.toString()).code());

        Files.writeString(hie, "element mine {}\n");
        MainTest.Run again = MainTest.run("init", "shop", "-d", project.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists; nothing was written"), again.err());
        assertEquals("element mine {}\n", Files.readString(hie));

        Files.writeString(toml, "# mine\n[libraries]\n");
        MainTest.Run second = MainTest.run("init", "other", "-d", project.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().startsWith("Info '" + toml + "' already exists, skipping\n"), second.out());
        assertEquals("# mine\n[libraries]\n", Files.readString(toml));
        assertTrue(Files.exists(project.resolve("other.hie")));
    }

    @Test
    void initRefusesNamesThatAreNotIdentifiers() throws IOException {
        for (String bad : new String[] {"", "1st", "a-b", "café", "element", "import"}) {
            MainTest.Run r = MainTest.run("init", bad, "-d", dir.toString());
            assertEquals(2, r.code(), bad);
            assertTrue(r.err().startsWith("error: '" + bad + "' is"), r.err());
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void initSuggestsAValidNameForOneThatIsNot() {
        MainTest.Run r = MainTest.run("init", "my-app", "-d", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().trim().endsWith("; try: hielements init my_app"), r.err());
        assertEquals("my_app", InitCommand.suggestion("my app"));
        assertEquals("_2048_game", InitCommand.suggestion("2048-game"));
        assertEquals("caf", InitCommand.suggestion("café"));
        assertEquals("element_arch", InitCommand.suggestion("element-"));
        assertEquals(null, InitCommand.suggestion("--"));
        MainTest.Run keyword = MainTest.run("init", "element", "-d", dir.toString());
        assertTrue(keyword.err().contains("(try: hielements init element_arch)"), keyword.err());
    }
}
