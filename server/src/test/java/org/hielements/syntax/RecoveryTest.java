package org.hielements.syntax;

import static org.hielements.syntax.Hie.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * LANGUAGE.md §1 change #9: recovery inside the broken statement. One broken statement gives one diagnostic and the
 * tree keeps every other declaration.
 */
class RecoveryTest {
    /** Ten different ways to break one statement, with the diagnostic each gives. */
    private static final String[][] BROKEN = {
        {"ref r = files.file_selector('x')", "E007 Expected ':', found '='"},
        {"scope s = files.folder_selector(", "E003 Expected expression, found the end of the line"},
        {"check files.exists(a b)", "E007 Expected ')' to close the call opened at %d:23, found the name 'b'"},
        {"scope 1 = files.folder_selector('x')", "E004 Expected identifier, found the number 1"},
        {"a = files.folder_selector('x')", "E002 Expected 'scope', 'ref', 'uses', 'check', or 'element', found the name 'a'"},
        {"requires language rust", "E012 'requires' is only allowed in templates, not in regular elements. "
                + "Move this constraint into a template and have the element implement it"},
        {"check files.exists((x))", "E003 Expected expression, found '('"},
        {"scope s<rust = files.folder_selector('x')", "E007 Expected '>', found '='"},
        {"p.q", "E003 Not a template binding"},
        {"check files.exists(src, 'x') ## trailing doc", "E008 Expected newline, found a doc comment"},
    };

    private static String file(boolean braces) {
        StringBuilder b = new StringBuilder("import files\n\n");
        for (int i = 0; i < BROKEN.length; i++) {
            String indent = "    ";
            b.append("## Element ").append(i).append('\n');
            b.append("element e").append(i).append(braces ? " {\n" : ":\n");
            b.append(indent).append("scope src = files.folder_selector('src").append(i).append("')\n");
            b.append(indent).append(BROKEN[i][0]).append('\n');
            b.append(indent).append("check files.exists(src, 'x")
                    .append(i).append("')\n");
            b.append(indent).append("element child:\n");
            b.append(indent).append(indent).append("scope inner = files.folder_selector('in')\n");
            b.append(indent).append("main uses child\n");
            if (braces) b.append("}\n");
            b.append('\n');
        }
        return b.toString();
    }

    @Test
    void tenElementsWithOneBrokenStatementEachGiveTenDiagnosticsAndKeepEverythingElse() {
        for (boolean braces : new boolean[] {false, true}) {
            String source = file(braces);
            ParseResult r = Hie.parse(source);
            List<String> expected = new ArrayList<>();
            List<String> lines = List.of(source.split("\n", -1));
            for (String[] b : BROKEN) {
                int line = 1 + lines.indexOf("    " + b[0]);             // where the call was opened
                expected.add(b[1].contains("%d") ? String.format(b[1], line) : b[1]);
            }
            assertEquals(expected, Hie.diags(r), braces ? "brace blocks" : "indentation blocks");
            List<Ast.Element> elements = r.file().elements();
            assertEquals(10, elements.size());
            for (int i = 0; i < 10; i++) {
                Ast.Element e = elements.get(i);
                assertEquals("e" + i, e.name().text());
                assertEquals("Element " + i, e.doc().text());
                List<String> items = new ArrayList<>(names(e.items()));
                // a broken statement whose name was read stays in the tree (without its value)
                items.removeIf(n -> n.equals("ref r") || n.equals("scope s") || n.equals("check <broken>"));
                assertEquals(List.of("scope src", "check files.exists(src, 'x" + i + "')", "element child",
                        "uses main child"), items, "items of e" + i);
                assertEquals(List.of("scope inner"), names(e.items(Ast.Element.class).get(0).items()));
            }
            // each diagnostic is on the line of its broken statement
            for (int i = 0; i < 10; i++) {
                Diagnostic d = r.diagnostics().get(i);
                int line = r.source().line(d.span().start());
                String text = r.source().text().substring(r.source().lineStart(line), r.source().lineEnd(line));
                assertTrue(text.contains(BROKEN[i][0].substring(0, Math.min(5, BROKEN[i][0].length()))),
                        "diagnostic " + i + " is on: " + text);
            }
        }
    }

    @Test
    void brokenStatementsKeepTheirNamesWithoutValues() {
        ParseResult r = Hie.parse(Hie.lines("element a:", "    scope s = files.folder_selector(", "    ref r: T = f.g(,",
                "    check f.g(", "    p.x = f.g(", ""));
        assertEquals(4, r.diagnostics().size());
        List<Ast.Item> items = r.file().elements().get(0).items();
        assertEquals(List.of("scope s", "ref r", "check <broken>", "binding p.x"), names(items));
        assertEquals(null, ((Ast.Scope) items.get(0)).value());
        assertEquals("T", ((Ast.Ref) items.get(1)).type().text());
        assertEquals(null, ((Ast.Binding) items.get(3)).value());
        for (Ast.Item item : items) assertTrue(r.hasErrors());
    }

    @Test
    void aBrokenHeaderKeepsItsBody() {
        ParseResult r = Hie.expect(Hie.lines("element a implements x.y = {", "    scope s = f.g('a')", "}",
                "pattern p implements q:", "    scope t", "element", "    scope u = f.g('b')", "element c:",
                "    scope v = f.g('c')", ""),
                "E007 Expected ':', found '='", "E007 Expected ':', found 'implements'",
                "E004 Expected identifier, found the end of the line");
        assertEquals(List.of("scope s"), names(r.file().elements().get(0).items()));
        assertEquals(List.of("scope t"), names(r.file().patterns().get(0).items()));
        assertEquals("", r.file().elements().get(1).name().text());
        assertEquals(List.of("scope u"), names(r.file().elements().get(1).items()));
        assertEquals(List.of("scope v"), names(r.file().elements().get(2).items()));
    }

    @Test
    void aMissingColonBeforeAnIndentedBodyIsOneError() {
        ParseResult r = Hie.expect(Hie.lines("element a", "    scope s = f.g('a')", "element b:", "    scope t = f.g('b')",
                ""), "E007 Expected ':', found the end of the line");
        assertEquals(List.of("scope s"), names(r.file().elements().get(0).items()));
        assertEquals(List.of("scope t"), names(r.file().elements().get(1).items()));
    }

    @Test
    void garbageAtTopLevelIsOneErrorPerLineAndItsIndentedBlockGoesWithIt() {
        ParseResult r = Hie.expect(Hie.lines("elemnt a:", "    scope s = f.g('a')", "    check f.h(s)", "what is this",
                "element b:", "    scope t = f.g('b')", ""),
                "E001 Expected 'template', 'element', or 'language', found the name 'elemnt'",
                "E001 Expected 'template', 'element', or 'language', found the name 'what'");
        assertEquals(1, r.file().elements().size());
        assertEquals(List.of("scope t"), names(r.file().elements().get(0).items()));
    }

    @Test
    void aStrayIndentedLineIsOneErrorAndItsStatementsStayInTheBlock() {
        ParseResult r = Hie.expect(Hie.lines("element a:", "    scope s = f.g('a')", "        scope t = f.g('b')",
                "        scope u = f.g('c')", "    scope v = f.g('d')", ""),
                "E002 Expected 'scope', 'ref', 'uses', 'check', or 'element', found a line indented deeper than the one before");
        assertEquals(List.of("scope s", "scope t", "scope u", "scope v"), names(r.file().elements().get(0).items()));
    }

    @Test
    void aLexicalErrorInAStatementIsItsOnlyDiagnostic() {
        ParseResult r = Hie.expect(Hie.lines("element a:", "    check a != b", "    scope s = f.g('a')", ""),
                "E017 Unexpected character '!'");
        assertEquals(List.of("check <broken>", "scope s"), names(r.file().elements().get(0).items()));
    }

    @Test
    void deepNestingIsE020NotACrash() {
        StringBuilder deep = new StringBuilder("element a:\n    check f.g(");
        for (int i = 0; i < 5000; i++) deep.append('[');
        deep.append('\n');
        ParseResult r = Hie.parse(deep.toString());
        assertEquals(List.of("E020"), Hie.codes(r));
        StringBuilder braces = new StringBuilder();
        for (int i = 0; i < 5000; i++) braces.append("element e").append(i).append(" { ");
        ParseResult b = Hie.parse(braces.toString());
        assertTrue(Hie.codes(b).contains("E020"));
        assertEquals(1, b.file().elements().size());
    }
}
