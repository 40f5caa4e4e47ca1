package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hielements.text.Span;
import org.junit.jupiter.api.Test;

/** The symbol index: what definition, references and rename in the language server use. */
class IndexTest {

    private static int offsetOf(SourceFile f, String text, int nth) {
        int at = -1;
        for (int i = 0; i <= nth; i++) at = f.source().text().indexOf(text, at + 1);
        assertTrue(at >= 0, text);
        return at;
    }

    private static String at(Occurrence o) {
        SourceFile f = o.file();
        Span s = o.span();
        return f.name() + ":" + f.source().cliLine(s.start()) + ":" + f.source().cliColumn(s.start())
                + (o.declaration() ? " decl" : "");
    }

    @Test
    void placeholderDeclarationBindsAndPatternQualifiedUsesAcrossFiles() {
        SemanticModel m = new Fixture()
                .file("lib.hie", """
                        pattern observable:
                            element metrics:
                                scope module
                                check files.exists(module, 'm.py')
                        """)
                .file("app.hie", """
                        import './lib.hie'
                        element svc implements observable:
                            scope mod binds observable.metrics.module = files.folder_selector('m')
                            element inner:
                                check files.exists(observable.metrics.module, 'x')
                        element other implements observable:
                            observable.metrics.module = files.folder_selector('o')
                        """)
                .analyze("app.hie");
        assertEquals(List.of(), Fixture.render(m));
        SourceFile lib = m.file(Fixture.ROOT.resolve("lib.hie")).orElseThrow();
        SourceFile app = m.file(Fixture.ROOT.resolve("app.hie")).orElseThrow();
        Occurrence decl = m.index().at(lib, offsetOf(lib, "module", 0) + 2).orElseThrow();
        MemberSymbol placeholder = assertInstanceOf(MemberSymbol.class, decl.symbol());
        assertTrue(decl.declaration());
        assertEquals(List.of("app.hie:3:40", "app.hie:5:47", "app.hie:7:24", "lib.hie:3:15 decl", "lib.hie:4:28"),
                m.index().occurrences(placeholder).stream().map(IndexTest::at).sorted().toList());
        // from a use, definition is the declaration
        Occurrence use = m.index().at(app, offsetOf(app, "module", 1)).orElseThrow();
        assertSame(placeholder, use.symbol());
        assertEquals(lib, placeholder.declaration().orElseThrow().file());
        // the pattern name: declaration, two implements clauses, binds and qualified paths
        PatternSymbol p = m.patterns().get(0);
        assertEquals(5, m.index().references(p, false).size());
        assertEquals(6, m.index().references(p, true).size());
    }

    @Test
    void elementsScopesLibrariesAliasesAndLanguages() {
        SemanticModel m = Fixture.of("main.hie", """
                import files as f
                language python
                element sys:
                    element api:
                        scope src<python> = f.folder_selector('api')
                    check f.exists(api.src, 'x')
                    check f.exists(sys.api.src, 'y')
                """).analyze();
        assertEquals(List.of(), Fixture.render(m));
        SourceFile file = m.files().get(0);
        MemberSymbol src = (MemberSymbol) m.index().at(file, offsetOf(file, "src", 0)).orElseThrow().symbol();
        assertEquals(List.of("main.hie:5:15 decl", "main.hie:6:24", "main.hie:7:28"),
                m.index().occurrences(src).stream().map(IndexTest::at).toList());
        ImportSymbol alias = (ImportSymbol) m.index().at(file, offsetOf(file, "as f", 0) + 3).orElseThrow().symbol();
        assertEquals("files", alias.target().name());
        assertEquals(4, m.index().occurrences(alias).size());
        FunctionSymbol exists = (FunctionSymbol) m.index().at(file, offsetOf(file, "exists", 0)).orElseThrow()
                .symbol();
        assertEquals("files.exists", exists.qualifiedName());
        assertTrue(exists.doc().isPresent());
        LanguageSymbol python = m.languages().get(0);
        assertEquals(List.of("main.hie:2:10 decl", "main.hie:5:19"),
                m.index().occurrences(python).stream().map(IndexTest::at).toList());
        ElementSymbol api = m.elements().get(1);
        assertEquals(List.of("main.hie:4:13 decl", "main.hie:6:20", "main.hie:7:24"),
                m.index().occurrences(api).stream().map(IndexTest::at).toList());
    }

    @Test
    void editorHelpers() {
        SemanticModel m = Fixture.of("main.hie", """
                pattern p:
                    scope x
                element sys:
                    scope top = files.folder_selector('t')
                    element api:
                        scope src = files.folder_selector('api')
                        check files.exists(src, 'x')
                """).analyze();
        SourceFile file = m.files().get(0);
        ContainerSymbol api = m.containerAt(file, offsetOf(file, "check", 0)).orElseThrow();
        assertEquals("sys.api", api.path());
        assertEquals(List.of("src", "top", "api", "p", "sys"), List.copyOf(m.visibleNames(file, api).keySet()));
        assertSame(m.elements().get(0).member("top").orElseThrow(), m.lookup(file, api, "top", false).orElseThrow());
        assertTrue(m.lookup(file, api, "api", false).isEmpty(), "a bare name does not find a child element");
        assertSame(api, m.lookup(file, api, "api", true).orElseThrow());
        assertEquals(List.of("p"), List.copyOf(m.visiblePatterns(file).keySet()));
    }
}
