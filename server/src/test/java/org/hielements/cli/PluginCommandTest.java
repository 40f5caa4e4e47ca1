package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.hielements.library.config.PluginFixtures;
import org.hielements.sdk.Toolchains;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hielements plugin new} and {@code plugin test}: from an empty folder, a new C plugin builds with its one
 * command, {@code check} runs its check and {@code libraries} shows its documentation; {@code plugin test} reports a
 * good module and names the export of each problem of a broken one.
 */
class PluginCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path runtimeFixture(String name) {
        return PluginFixtures.fixtures().resolveSibling("wasm-runtime/src/test/resources/wasm").resolve(name);
    }

    @Test
    void aNewCPluginBuildsAndItsCheckRunsAndItsDocumentationShows() throws Exception {
        Path root = dir.toRealPath();
        Path project = created(root, "c", 13, "demo.c", "hielements_plugin.h");

        if (!Toolchains.clangOr(getClass().getSimpleName() + " (build of the new C plugin)")) return;
        Toolchains.run(project, "sh", "build.sh");
        endToEnd(project, "packed-i64 shape", "14 files");
    }

    @Test
    void aNewRustPluginBuildsAndItsCheckRunsAndItsDocumentationShows() throws Exception {
        Path root = dir.toRealPath();
        Path project = created(root, "rust", 16, "src/lib.rs", "Cargo.toml", ".cargo/config.toml",
                "hielements-plugin/src/lib.rs", "hielements-plugin/Cargo.toml");
        if (!Toolchains.rustOr(getClass().getSimpleName() + " (build of the new Rust plugin)")) return;
        // the build folder outside the project, kept between runs (a second run only checks it is up to date) and
        // shared with RustSeedTest: the same profile, so serde_json is compiled once
        String target = Toolchains.cargoTargetDir().toString();
        Toolchains.run(project, java.util.Map.of("CARGO_TARGET_DIR", target, "TARGET", "wasm32-unknown-unknown"),
                "sh", "build.sh");
        Run bare = run("plugin", "test", project.resolve("demo.wasm").toString(), "-w", project.toString());
        assertEquals(0, bare.code(), bare.all());
        assertTrue(bare.out().contains(", imports nothing\n"), bare.out());
        Toolchains.run(project, java.util.Map.of("CARGO_TARGET_DIR", target), "sh", "build.sh");
        endToEnd(project, "packed-i64 shape", "17 files");
    }

    @Test
    void aNewAssemblyScriptPluginBuildsAndItsCheckRunsAndItsDocumentationShows() throws Exception {
        Path root = dir.toRealPath();
        Path project = created(root, "assemblyscript", 13, "assembly/index.ts", "package.json", "hielements/index.ts");
        Path modules = Toolchains.assemblyScriptOr(getClass().getSimpleName() + " (build of the new AssemblyScript "
                + "plugin)");
        if (modules == null) return;
        Files.createSymbolicLink(project.resolve("node_modules"), modules);
        Toolchains.run(project, "sh", "build.sh");
        Run test = run("plugin", "test", project.resolve("demo.wasm").toString(), "-w", project.toString());
        assertTrue(test.out().contains(", imports nothing\n"), test.out());
        assertTrue(test.out().contains("  _initialize  function () -> ()\n"), test.out());
        Files.delete(project.resolve("node_modules"));
        endToEnd(project, "packed-i64 shape", "14 files");
    }

    /** plugin new NAME=demo in root: the project, its files checked; plugin new again and a bad name refused. */
    private Path created(Path root, String lang, int count, String... own) {
        Run created = run("plugin", "new", "demo", "--lang", lang, "-d", root.toString());
        assertEquals(0, created.code(), created.all());
        Path project = root.resolve("demo");
        assertTrue(created.out().startsWith("created " + project + " (" + lang + " plugin 'demo', " + count
                + " files)"), created.out());
        java.util.List<String> files = new java.util.ArrayList<>(java.util.List.of(own));
        files.addAll(java.util.List.of("build.sh", "test.sh", "hielements.toml", "checks.hie", "README.md",
                ".gitignore", "example/notes/a.txt", "package.json", "hielements-plugin.json"));
        for (String f : files) assertTrue(Files.isRegularFile(project.resolve(f)), f);
        // ready for npm publish (docs/REGISTRY.md): the keyword, the module and manifest shipped, the manifest valid
        try {
            com.fasterxml.jackson.databind.JsonNode pkg = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(project.resolve("package.json").toFile());
            assertEquals("hie-demo", pkg.path("name").asText());
            assertFalse(pkg.has("private"), "a private package cannot be published");
            assertEquals("[\"hielements-plugin\"]", pkg.path("keywords").toString());
            assertEquals("[\"demo.wasm\",\"hielements-plugin.json\",\"README.md\"]", pkg.path("files").toString());
            assertEquals("./build.sh", pkg.path("scripts").path("prepack").asText());
            org.hielements.library.registry.PluginManifest m = org.hielements.library.registry.PluginManifest.parse(
                    Files.readAllBytes(project.resolve("hielements-plugin.json")));
            assertEquals("demo", m.library());
            assertEquals("demo.wasm", m.module());
            assertEquals("filesystem read", m.permissions().describe());
        } catch (java.io.IOException | org.hielements.library.registry.InvalidPackage e) {
            throw new AssertionError(e);
        }
        assertTrue(Files.isExecutable(project.resolve("build.sh")));
        Run again = run("plugin", "new", "demo", "--lang", lang, "-d", root.toString());
        assertEquals(2, again.code());
        assertEquals("error: '" + project + "' already exists; nothing was written\n", again.err());
        Run bad = run("plugin", "new", "9lives", "--lang", lang, "-d", root.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: '9lives' is not a valid library name"), bad.err());
        assertFalse(Files.exists(root.resolve("9lives")));
        return project;
    }

    /** The built project: its check through check (pass, then fail), libraries and doc, plugin test. */
    private void endToEnd(Path project, String shape, String files) throws Exception {
        assertTrue(Files.isRegularFile(project.resolve("demo.wasm")));

        Run check = run("check", project.resolve("checks.hie").toString());
        assertEquals(0, check.code(), check.all());
        assertTrue(check.out().contains("PASS example :: demo.at_most(notes, 2)"), check.out());
        Files.writeString(project.resolve("example/notes/c.txt"), "a third note\n");
        Run over = run("check", project.resolve("checks.hie").toString());
        assertEquals(1, over.code(), over.all());
        assertTrue(over.out().contains("FAIL example :: demo.at_most(notes, 2)"), over.out());
        assertTrue(over.out().contains("the scope has 3 files, more than 2"), over.out());

        Run libs = run("libraries", "-w", project.toString());
        assertEquals(0, libs.code(), libs.all());
        assertTrue(libs.out().contains("\ndemo (WASM plugin)  ready, loaded in "), libs.out());
        assertTrue(libs.out().contains("  selectors: with_suffix(scope: Scope, suffix: string) -> Scope\n"
                + "  checks: at_most(scope: Scope, n: integer) -> CheckResult\n"), libs.out());
        Run doc = run("doc", "-w", project.toString(), "-l", "demo");
        assertTrue(doc.out().contains("Passes when a scope has at most n files."), doc.all());

        Run test = run("plugin", "test", project.resolve("demo.wasm").toString(), "-w", project.toString());
        assertEquals(0, test.code(), test.all());
        assertTrue(test.out().contains("  library_call  function (i32, i32) -> (i64)  (" + shape + ")\n"),
                test.out());
        assertTrue(test.out().contains("  selector with_suffix(scope: Scope, suffix: string) -> Scope  The files of a "
                + "scope whose name ends with a suffix.\n"), test.out());
        assertTrue(test.out().contains("  at_most(Scope Folder '.' (" + files + "), 1) -> fail: the scope has "
                + files + ", more than 1\n"), test.out());
        assertTrue(test.out().contains("  memory  memory\n"), test.out());
        assertTrue(test.out().contains("  alloc  function (i32) -> (i32)\n"), test.out());
        assertTrue(test.out().endsWith("no problem found\n"), test.out());
    }

    @Test
    void pluginTestNamesTheExportOfEachProblem() throws Exception {
        Path ws = dir.toRealPath();
        Run missing = run("plugin", "test", runtimeFixture("missing_export.wasm").toString(), "-w", ws.toString());
        assertEquals(1, missing.code(), missing.all());
        assertTrue(missing.out().endsWith("  does not load (E600)\n\nproblem: missing required exports: memory, "
                + "library_check\n1 problem found\n"), missing.out());
        Run shape = run("plugin", "test", runtimeFixture("badshape.wasm").toString(), "-w", ws.toString());
        assertEquals(1, shape.code(), shape.all());
        assertTrue(shape.out().contains("\nproblem: export library_call has type (i32) -> (i32); expected one of "
                + "(i32, i32) -> (i32, i32) (multi-value), (i32, i32) -> (i64) (packed-i64), (i32, i32, i32) -> () "
                + "(out-pointer)\n"), shape.out());
        assertTrue(shape.out().contains("\nproblem: export library_check has type (i32, i32) -> (f64); expected "),
                shape.out());
        assertTrue(shape.out().endsWith("4 problems found\n"), shape.out());
        Run trap = run("plugin", "test", PluginFixtures.plugins().resolve("broken/trap.wasm").toString(),
                "-w", ws.toString());
        assertEquals(1, trap.code(), trap.all());
        assertTrue(trap.out().contains("problem: trial call of library_call: WASM library 'trap', export "
                + "library_call: trapped"), trap.out());
        assertTrue(trap.out().contains("problem: trial call of library_check: WASM library 'trap', export "
                + "library_check: trapped"), trap.out());
        Run none = run("plugin", "test", ws.resolve("nope.wasm").toString(), "-w", ws.toString());
        assertEquals(1, none.code(), none.all());
        assertTrue(none.out().contains("problem: no such file: " + ws.resolve("nope.wasm")), none.out());
    }
}
