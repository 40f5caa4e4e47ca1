package org.hielements.syntax;

import static org.hielements.syntax.Hie.lines;
import static org.hielements.syntax.Hie.names;
import static org.hielements.syntax.Hie.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammar of upstream-language.md §1.2-§1.5, as trees. */
class ParserTest {
    @Test
    void importsAndDeclarationsInAnyOrder() {
        ParseResult r = ok(lines("## dropped: an import follows", "import files", "import rust as r", "",
                "language python", "element a:", "    scope s = files.folder_selector('a')", "pattern p {", "}",
                "language rust:", "    connection_check dep(source: scope[], target: scope[]):",
                "        rust.dependency_exists(source, target)", "template t:", "    scope x", ""));
        assertEquals(2, r.file().imports().size());
        assertEquals("r", r.file().imports().get(1).alias().text());
        assertEquals(List.of("Language python", "Element a", "Pattern p", "Language rust", "Pattern t"),
                r.file().declarations().stream().map(d -> d.getClass().getSimpleName() + " " + d.name().text())
                        .toList());
        assertNull(r.file().languages().get(0).doc());
        Ast.ConnectionCheck dep = r.file().languages().get(1).checks().get(0);
        assertEquals(List.of("source", "target"), dep.parameters().stream().map(Ast.Name::text).toList());
    }

    @Test
    void everyRequirementForm() {
        ParseResult r = ok(lines("pattern p:", "    requires scope s<rust> binds q.x", "    allows descendant check f.g(s)",
                "    requires element e", "    requires element e2: T", "    forbids connection to a.b.*",
                "    requires ref r: T = f.g()", "    requires descendant implements q", "    forbids language go",
                "    requires element e3 implements q", ""));
        List<Ast.Requirement> reqs = r.file().patterns().get(0).items(Ast.Requirement.class);
        assertEquals(List.of("requires ScopeSpec", "allows descendant CheckSpec", "requires ElementSpec",
                "requires ElementSpec", "forbids ConnectionSpec", "requires RefSpec", "requires descendant ImplementsSpec",
                "forbids LanguageSpec", "requires ElementSpec"), names(reqs));
        Ast.Scope s = ((Ast.ScopeSpec) reqs.get(0).spec()).scope();
        assertEquals("rust", s.language().text());
        assertEquals("q.x", s.binds().text());
        assertNull(s.value());
        Ast.ElementSpec e = (Ast.ElementSpec) reqs.get(2).spec();
        assertNull(e.type());
        assertNull(e.block());
        assertEquals("T", ((Ast.ElementSpec) reqs.get(3).spec()).type().text());
        assertEquals("a.b.*", ((Ast.ConnectionSpec) reqs.get(4).spec()).text());
        assertEquals("q", ((Ast.ElementSpec) reqs.get(8).spec()).implemented().text());
    }

    @Test
    void softKeywordsAsNamesMembersAndPathSegments() {
        ParseResult r = ok(lines("element python_compiler implements compiler:",
                "    compiler.lexer.scope = rust.module_selector('x')", "    crate uses core.element",
                "    scope language = files.scope(x)", "    ref check: connection = x.to()", ""));
        List<Ast.Item> items = r.file().elements().get(0).items();
        assertEquals(List.of("binding compiler.lexer.scope", "uses crate core.element", "scope language",
                "ref check"), names(items));
        assertEquals("connection", ((Ast.Ref) items.get(3)).type().text());
    }

    @Test
    void nestedOneLineBraceBlocks() {
        ParseResult r = ok("element a { element b { scope s = x.y('a') } }\nelement c {}\n");
        Ast.Element a = r.file().elements().get(0);
        Ast.Element b = (Ast.Element) a.items().get(0);
        assertEquals(List.of("scope s"), names(b.items()));
        assertTrue(a.block().closed());
        assertEquals(2, r.file().elements().size());
    }

    @Test
    void aBraceBlockClosedOnAStatementLineInsideAnIndentationBody() {
        ParseResult r = ok(lines("element p:", "    element c {", "        scope s = x.y('a') }", "    scope t = x.y('b')",
                "element q:", "    scope u = x.y('c')", ""));
        assertEquals(List.of("element c", "scope t"), names(r.file().elements().get(0).items()));
        assertEquals(List.of("scope u"), names(r.file().elements().get(1).items()));
    }

    @Test
    void docCommentsOnNestedDeclarations() {
        ParseResult r = ok(lines("## Outer", "## second line", "element a:", "    ## Inner", "    element b:",
                "        ## the scope", "        scope s = x.y('a')", "    ## dangling at the end of a's body", ""));
        Ast.Element a = r.file().elements().get(0);
        assertEquals("Outer\nsecond line", a.doc().text());
        Ast.Element b = (Ast.Element) a.items().get(0);
        assertEquals("Inner", b.doc().text());
        assertEquals("the scope", ((Ast.Scope) b.items().get(0)).doc().text());
        assertEquals(1, a.items().size());
    }

    @Test
    void blocksKnowTheirStyle() {
        ParseResult r = ok("element a:\n    scope s = x.y('a')\nelement b {\n}\nelement c {}\n");
        assertEquals(Ast.BlockStyle.INDENT, r.file().elements().get(0).block().style());
        assertEquals(Ast.BlockStyle.BRACES, r.file().elements().get(1).block().style());
        assertTrue(r.file().elements().get(2).block().closed());
    }

    @Test
    void expressions() {
        ParseResult r = ok(lines("element a:", "    scope s = f.g('a', \"b\", 1, 2.5, true, false, [x, [y]], h.i(j))",
                "    check 'text'.len()", ""));
        Ast.Call call = (Ast.Call) ((Ast.Scope) r.file().elements().get(0).items().get(0)).value();
        assertInstanceOf(Ast.Member.class, call.callee());
        assertEquals(List.of("StringLit", "StringLit", "NumberLit", "NumberLit", "BoolLit", "BoolLit", "ListLit",
                "Call"), call.arguments().stream().map(e -> e.getClass().getSimpleName()).toList());
        assertTrue(((Ast.NumberLit) call.arguments().get(2)).isInteger());
        assertFalse(((Ast.NumberLit) call.arguments().get(3)).isInteger());
        assertEquals("'text'.len()", AstPrinter.print(r.file().elements().get(0).items(Ast.Check.class).get(0).expr()));
    }

    @Test
    void patternsAllowUnboundedScopesAndRefsAtAnyDepth() {
        ParseResult r = ok(lines("pattern p:", "    scope a", "    ref b: T", "    element e:", "        scope c<rust>",
                "        element f {", "            ref d: U", "        }", ""));
        assertEquals(List.of("scope a", "ref b", "element e"), names(r.file().patterns().get(0).items()));
    }

    @Test
    void aDocRunBeforeEofIsDropped() {
        ParseResult r = ok("element a:\n    scope s = x.y('a')\n\n## Migration notes\n## more\n");
        assertEquals(1, r.file().declarations().size());
    }

    @Test
    void parsingIsLinear() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20000; i++) {
            b.append("element e").append(i).append(":\n    scope s = files.folder_selector('x')\n")
                    .append("    check files.exists(s, 'y')\n");
        }
        String text = b.toString();
        for (int warm = 0; warm < 3; warm++) Hie.parse(text);
        long t0 = System.nanoTime();
        ParseResult r = Hie.parse(text);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(20000, r.file().elements().size());
        // linear: tens of ms; anything quadratic would take minutes
        assertTrue(ms < 10_000, "60k lines took " + ms + " ms");
    }
}
