package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hielements.library.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code hielements init --from-code DIR} on copies of the fixture repositories (their own .hie files removed): the
 * model it writes is formatted and {@code check} passes on it, with the elements, uses and layering checks the code
 * has; it never overwrites a file.
 */
class InitFromCodeTest {
    @TempDir
    Path dir;

    private Path copy(String fixture) throws IOException {
        Path ws = TestFiles.copyTree(Path.of("..", "test-fixtures", "workspaces", fixture), dir.resolve(fixture));
        try (Stream<Path> s = Files.list(ws)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".hie")).toList()) Files.delete(p);
        }
        return ws;
    }

    @ParameterizedTest
    @ValueSource(strings = {"python-src-layout", "rust-graph", "python-layers"})
    void theModelIsFormattedAndPassesCheckOnTheCodeItCameFrom(String fixture) throws IOException {
        Path ws = copy(fixture);
        MainTest.Run init = MainTest.run("init", "--from-code", ws.toString());
        assertEquals(0, init.code(), init.err());
        Path hie = ws.resolve("architecture.hie");
        assertTrue(init.out().contains("Created files:\n  " + hie + "\n"), init.out());
        String text = Files.readString(hie);
        MainTest.Run format = MainTest.run("format", "--check", hie.toString());
        assertEquals(0, format.code(), "formatted: " + format.out() + format.err());
        MainTest.Run check = MainTest.run("check", ws.toString());
        assertEquals(0, check.code(), text + "\n" + check.out() + check.err());
        assertTrue(check.out().contains(" 0 failed, 0 errors"), check.out());
        assertFalse(check.out().contains("Summary: 0 total"), "the model has checks: " + check.out());
    }

    @Test
    void aLayeredPackageGetsItsElementsUsesAndTheWaysBackForbidden() throws IOException {
        Path ws = copy("python-layers");
        MainTest.Run init = MainTest.run("init", "--from-code", ws.toString());
        assertEquals(0, init.code(), init.err());
        assertTrue(init.out().contains("Found 4 packages (elements), 3 dependencies between them (uses) and 2 layering "
                + "rules (checks).\n"), init.out());
        String text = Files.readString(ws.resolve("architecture.hie"));
        assertTrue(text.contains("""
                    ## Python package shop.core (2 files).
                    element core:
                        scope code = python.module_selector('shop.core')
                        code uses shop.api
                        code uses shop.db
                """), text);
        assertTrue(text.contains("""
                    element db:
                        scope code = python.module_selector('shop.db')
                        ## shop.api depends on shop.db, never the other way.
                        check python.no_import(code, 'shop.api')
                        ## shop.core depends on shop.db, never the other way.
                        check python.no_import(code, 'shop.core')
                """), text);
        // api and core import each other: no rule between them
        assertFalse(text.contains("no_import(code, 'shop.core')\n        code uses"), text);
    }

    @Test
    void cratesGetNoDependencyChecksOnTheirScopes() throws IOException {
        Path ws = copy("rust-graph");
        assertEquals(0, MainTest.run("init", "--from-code", ws.toString()).code());
        String text = Files.readString(ws.resolve("architecture.hie"));
        assertTrue(text.contains("""
                element alpha_core:
                    scope code = rust.crate_selector('alpha-core')
                    ## gamma_cli depends on alpha_core, never the other way.
                    check rust.no_dependency(code, gamma_cli.code)
                """), text);
        assertTrue(text.contains("""
                element gamma_cli:
                    scope code = rust.crate_selector('gamma-cli')
                    code uses alpha_core
                    code uses beta
                """), text);
    }

    @Test
    void neverOverwritesAndSaysWhatIsWrong() throws IOException {
        Path ws = copy("python-layers");
        Path hie = ws.resolve("architecture.hie");
        Files.writeString(hie, "## mine\n");
        MainTest.Run again = MainTest.run("init", "--from-code", ws.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already exists; nothing was written"), again.err());
        assertEquals("## mine\n", Files.readString(hie));

        Path empty = Files.createDirectories(dir.resolve("empty"));
        TestFiles.write(empty, "notes.txt", "no code\n");
        MainTest.Run none = MainTest.run("init", "--from-code", empty.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no Python package nor Cargo package under"), none.err());
        assertFalse(Files.exists(empty.resolve("architecture.hie")));

        MainTest.Run noName = MainTest.run("init");
        assertEquals(2, noName.code());
        assertTrue(noName.err().contains("init needs a NAME"), noName.err());
    }
}
