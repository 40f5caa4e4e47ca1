package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;

/** Imports (LANGUAGE.md §3): aliases, from-import, .hie files, E216, several files as one model. */
class ImportsTest {

    private static final String HEXAGONAL = """
            pattern hexagonal:
                element core:
                    scope module
            element shared:
                scope src = files.folder_selector('shared')
            language kotlin
            """;

    @Test
    void stringPathImportRelativeToTheImporterWithOptionalExtension() {
        for (String path : List.of("'./patterns/hexagonal.hie'", "'patterns/hexagonal'", "\"./patterns/hexagonal\"")) {
            SemanticModel m = new Fixture()
                    .file("app/main.hie", "import " + path + "\n" + """
                            element svc implements hexagonal:
                                scope m binds hexagonal.core.module = files.folder_selector('m')
                            """)
                    .file("app/patterns/hexagonal.hie", HEXAGONAL)
                    .analyze("app/main.hie");
            assertEquals(List.of(), Fixture.render(m), path);
            assertEquals(2, m.files().size());
            assertTrue(m.file(Fixture.ROOT.resolve("app/main.hie")).orElseThrow().isRoot());
            assertFalse(m.file(Fixture.ROOT.resolve("app/patterns/hexagonal.hie")).orElseThrow().isRoot());
            assertEquals(1, m.implementations().size());
        }
    }

    @Test
    void e216MissingFile() {
        SemanticModel m = new Fixture()
                .file("app/main.hie", """
                        import './patterns/hexagonl.hie'
                        element svc:
                            scope s = files.folder_selector('x')
                        """)
                .file("app/patterns/hexagonal.hie", HEXAGONAL)
                .analyze("app/main.hie");
        assertEquals(List.of("E216 app/main.hie:1:8 ['./patterns/hexagonl.hie'] Cannot import "
                + "'./patterns/hexagonl.hie': no such file (looked for patterns/hexagonl.hie)"), Fixture.render(m));
    }

    @Test
    void e216ImportCycleOnEachImportOfTheCycle() {
        SemanticModel m = new Fixture()
                .file("a.hie", "import './b.hie'\nelement a:\n    scope s = files.folder_selector('a')\n")
                .file("b.hie", "import './a.hie'\nelement b:\n    scope s = files.folder_selector('b')\n")
                .analyze("a.hie");
        assertEquals(List.of(
                "E216 a.hie:1:8 ['./b.hie'] Cannot import './b.hie': import cycle a.hie -> b.hie -> a.hie",
                "E216 b.hie:1:8 ['./a.hie'] Cannot import './a.hie': import cycle b.hie -> a.hie -> b.hie"),
                Fixture.render(m));
        SemanticModel ok = new Fixture()
                .file("a.hie", "import './b.hie'\nelement a:\n    scope s = files.folder_selector('a')\n")
                .file("b.hie", "element b:\n    scope s = files.folder_selector('b')\n")
                .analyze("a.hie");
        assertEquals(List.of(), Fixture.render(ok));
        SemanticModel self = Fixture.of("a.hie", "import './a'\nelement a:\n    scope s = files.folder_selector('a')\n")
                .analyze();
        assertEquals(List.of("E216 a.hie:1:8 ['./a'] Cannot import './a': import cycle a.hie -> a.hie"),
                Fixture.render(self));
    }

    @Test
    void aliasQualifiesTheImportedDeclarations() {
        SemanticModel m = new Fixture()
                .file("main.hie", """
                        import './patterns/hexagonal.hie' as hex
                        element svc:
                            scope s = files.folder_selector(hex.shared.src)
                        """)
                .file("patterns/hexagonal.hie", HEXAGONAL)
                .analyze("main.hie");
        assertEquals(List.of(), Fixture.render(m));
        assertEquals(List.of("E202 main.hie:3:48 [scr] Undefined reference: hex.shared.scr"), Fixture.render(new Fixture()
                .file("main.hie", """
                        import './patterns/hexagonal.hie' as hex
                        element svc:
                            scope s = files.folder_selector(hex.shared.scr)
                        """)
                .file("patterns/hexagonal.hie", HEXAGONAL)
                .analyze("main.hie")));
    }

    @Test
    void implementsAPatternQualifiedByTheImportAlias() {
        SemanticModel m = new Fixture()
                .file("main.hie", """
                        import './patterns/hexagonal.hie' as hex
                        element svc implements hex.hexagonal:
                            scope m binds hex.hexagonal.core.module = files.folder_selector('m')
                        """)
                .file("patterns/hexagonal.hie", HEXAGONAL)
                .analyze("main.hie");
        assertEquals(List.of(), Fixture.render(m));
        assertEquals(1, m.implementations().size());
        Implementation impl = m.implementations().get(0);
        assertEquals("hexagonal", impl.pattern().name());
        assertEquals(List.of(), impl.unbound());
        // the pattern's occurrence in the clause is its own name only, so a rename of the pattern keeps the alias
        String main = "import './patterns/hexagonal.hie' as hex\nelement svc implements hex.hexagonal:";
        assertTrue(m.index().occurrences(impl.pattern()).stream()
                .filter(o -> o.file().path().endsWith("main.hie"))
                .anyMatch(o -> o.span().start() == main.indexOf("hexagonal:") && o.span().length() == 9));

        assertEquals(List.of("E212 main.hie:2:24 [hex.hexagonal] Pattern 'hexagonal' has unbound "
                + "placeholders: hexagonal.core.module"), Fixture.render(new Fixture()
                .file("main.hie", """
                        import './patterns/hexagonal.hie' as hex
                        element svc implements hex.hexagonal:
                            scope m = files.folder_selector('m')
                        """)
                .file("patterns/hexagonal.hie", HEXAGONAL)
                .analyze("main.hie")));
        assertEquals(List.of("E211 main.hie:2:24 [hex.hexagon] Unknown pattern: hex.hexagon"), Fixture.render(new Fixture()
                .file("main.hie", """
                        import './patterns/hexagonal.hie' as hex
                        element svc implements hex.hexagon:
                            scope m = files.folder_selector('m')
                        """)
                .file("patterns/hexagonal.hie", HEXAGONAL)
                .analyze("main.hie")));
    }

    @Test
    void dottedImportNextToTheFileOrUnderTheWorkspaceRoot() {
        String main = """
                import patterns.hexagonal
                element svc implements hexagonal:
                    scope m binds hexagonal.core.module = files.folder_selector('m')
                    scope s = files.folder_selector(hexagonal.shared.src)
                """;
        SemanticModel next = new Fixture().file("app/main.hie", main)
                .file("app/patterns/hexagonal.hie", HEXAGONAL).analyze("app/main.hie");
        assertEquals(List.of(), Fixture.render(next));
        SemanticModel underRoot = new Fixture().file("app/main.hie", main)
                .file("patterns/hexagonal.hie", HEXAGONAL).analyze("app/main.hie");
        assertEquals(List.of(), Fixture.render(underRoot));
        SemanticModel missing = new Fixture().file("app/main.hie", main).analyze("app/main.hie");
        assertEquals(List.of(
                "W001 app/main.hie:1:8 [patterns] Unknown library 'patterns' (will be resolved at runtime)",
                "E211 app/main.hie:2:24 [hexagonal] Unknown pattern: hexagonal",
                "E211 app/main.hie:3:19 [hexagonal] Unknown pattern: hexagonal",
                "E200 app/main.hie:4:37 [hexagonal] Undefined identifier: hexagonal"), Fixture.render(missing));
    }

    @Test
    void fromImportBringsNamesInUnqualified() {
        SemanticModel m = new Fixture()
                .file("main.hie", """
                        from './patterns/hexagonal.hie' import shared
                        element svc:
                            scope s = files.folder_selector(shared.src)
                        """)
                .file("patterns/hexagonal.hie", HEXAGONAL)
                .analyze("main.hie");
        assertEquals(List.of(), Fixture.render(m));
        SemanticModel bad = new Fixture()
                .file("main.hie", """
                        from './patterns/hexagonal.hie' import shred
                        element svc:
                            scope s = files.folder_selector('x')
                        """)
                .file("patterns/hexagonal.hie", HEXAGONAL)
                .analyze("main.hie");
        assertEquals(List.of("E202 main.hie:1:40 [shred] Undefined reference: './patterns/hexagonal.hie'.shred"),
                Fixture.render(bad));
    }

    @Test
    void bareNamesFromTwoImportsAreAmbiguous() {
        SemanticModel m = new Fixture()
                .file("main.hie", """
                        import './a.hie'
                        import './b.hie'
                        element svc:
                            scope s = files.folder_selector(shared.src)
                            scope t = files.folder_selector(a.shared.src)
                        """)
                .file("a.hie", "element shared:\n    scope src = files.folder_selector('a')\n")
                .file("b.hie", "element shared:\n    scope src = files.folder_selector('b')\n")
                .analyze("main.hie");
        assertEquals(List.of("E200 main.hie:4:37 [shared] Ambiguous identifier: shared is declared in a.hie and b.hie; "
                + "qualify it with the import name"), Fixture.render(m));
    }

    @Test
    void aFileImportedByTwoRootsIsOneFileOfTheModel() {
        SemanticModel m = new Fixture()
                .file("one.hie", "import './lib.hie'\nelement one implements p:\n    scope x binds p.x = files.folder_selector('1')\n")
                .file("two.hie", "import './lib.hie'\nelement two implements p:\n    scope x binds p.x = files.folder_selector('2')\n")
                .file("lib.hie", "pattern p:\n    scope x\n    check files.exists(x, 'f')\n")
                .analyze();
        assertEquals(List.of(), Fixture.render(m));
        assertEquals(3, m.files().size());
        assertEquals(1, m.patterns().size());
        assertEquals(2, m.patterns().get(0).implementations().size());
        assertEquals(2, m.patternChecks().size());
    }

    @Test
    void declarationsOfAnotherRootAreNotVisibleWithoutImport() {
        SemanticModel m = new Fixture()
                .file("one.hie", "element one implements p:\n    scope x = files.folder_selector('1')\n")
                .file("lib.hie", "pattern p:\n    scope y = files.folder_selector('y')\n")
                .analyze();
        assertEquals(List.of("E211 one.hie:1:24 [p] Unknown pattern: p"), Fixture.render(m));
    }

    @Test
    void anImportThatCannotBeReadSaysSoNotThatItIsMissing() {
        Fixture f = new Fixture()
                .file("main.hie", "import './lib.hie'\nelement e:\n    scope x = files.folder_selector('1')\n");
        SourceProvider files = f.provider();
        Path lib = Fixture.ROOT.resolve("lib.hie");
        // as SourceProvider.disk says it of a file it may not read (InputFileTest reads a real one when not root)
        SourceProvider denied = new SourceProvider() {
            @Override
            public java.util.Optional<SourceText> read(Path file) {
                return files.read(file);
            }

            @Override
            public Loaded load(Path file) {
                return file.equals(lib) ? new Loaded.Missing(false,
                        "cannot be read: permission denied") : SourceProvider.super.load(file);
            }
        };
        SemanticModel m = new Analyzer(Fixture.BUILTINS, denied, Fixture.ROOT)
                .analyzeFiles(List.of(Fixture.ROOT.resolve("main.hie")));
        assertEquals(List.of("E216 main.hie:1:8 ['./lib.hie'] Cannot import './lib.hie': lib.hie cannot be read: "
                + "permission denied"), Fixture.render(m));
    }

    @Test
    void unsavedBuffersComeFromTheSourceProvider() {
        Fixture disk = new Fixture()
                .file("main.hie", "import './lib.hie'\nelement e implements p:\n    scope x = files.folder_selector('1')\n")
                .file("lib.hie", "pattern p:\n    scope y = files.folder_selector('y')\n");
        Path lib = Fixture.ROOT.resolve("lib.hie");
        SourceProvider edited = disk.provider().withOverlay(Map.of(lib, new SourceText("lib.hie", "pattern p:\n    scope y\n")));
        SemanticModel m = new Analyzer(Fixture.BUILTINS, edited, Fixture.ROOT).analyzeFiles(List.of(Fixture.ROOT.resolve("main.hie")));
        assertEquals(List.of("E212 main.hie:2:22 [p] Pattern 'p' has unbound placeholders: p.y"), Fixture.render(m));
        assertEquals(List.of(), Fixture.render(disk.analyze("main.hie")));
    }

    @Test
    void analyzerReusesTheParseOfAnUnchangedImportedFile() {
        Fixture f = new Fixture()
                .file("main.hie", "import './lib.hie'\nelement e:\n    scope x = files.folder_selector('1')\n")
                .file("lib.hie", "pattern p:\n    scope y = files.folder_selector('y')\n");
        Analyzer analyzer = new Analyzer(Fixture.BUILTINS, f.provider(), Fixture.ROOT);
        SemanticModel first = analyzer.analyzeFiles(List.of(Fixture.ROOT.resolve("main.hie")));
        SemanticModel second = analyzer.analyzeFiles(List.of(Fixture.ROOT.resolve("main.hie")));
        Path lib = Fixture.ROOT.resolve("lib.hie");
        assertSame(first.file(lib).orElseThrow().parse(), second.file(lib).orElseThrow().parse());
    }

    @Test
    void w001OnlyForUnknownLibraries() {
        assertEquals(List.of("W001 main.hie:1:8 [nope] Unknown library 'nope' (will be resolved at runtime)"),
                Fixture.render(Fixture.of("main.hie", "import nope\nimport files\nimport rust as r\n").analyze()));
        assertEquals(List.of(), Fixture.render(Fixture.of("main.hie", "import files\nimport python\n").analyze()));
    }
}
