package org.hielements.syntax;

import org.hielements.text.Position;

import static org.hielements.syntax.Hie.at;
import static org.hielements.syntax.Hie.element;
import static org.hielements.syntax.Hie.expect;
import static org.hielements.syntax.Hie.lines;
import static org.hielements.syntax.Hie.names;
import static org.hielements.syntax.Hie.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 51 edge cases of upstream-language.md §6, one test each, named by number. Each asserts upstream's result, or,
 * where LANGUAGE.md §1 changes the front end, our behaviour; such tests say "CHANGED (#n)" with the number of the
 * change in LANGUAGE.md §1's table. Run-time parts of a case (E2xx) belong to the evaluator and are not asserted here.
 */
class EdgeCasesTest {
    private static final String E001 = "E001 Expected 'template', 'element', or 'language', found ";
    private static final String E002 = "E002 Expected 'scope', 'ref', 'uses', 'check', or 'element', found ";
    private static final String E002_PATTERN =
            "E002 Expected 'scope', 'ref', 'check', 'element', 'requires', 'allows', or 'forbids' in template, found ";
    private static final String E014_S =
            "E014 Unbounded scope 's' is only allowed in templates. In an element, give it a value: scope s = <expression>";

    @Test
    @DisplayName("§6.1 no final newline: OK")
    void case01() {
        ParseResult r = ok("element a:\n    scope s = x.y('a')");
        assertEquals(List.of("scope s"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.2 CRLF and a whitespace-only line in the body: OK")
    void case02() {
        ParseResult r = ok("element a:\r\n    scope s = x.y('a')\r\n    \r\n    scope t = x.y('b')\r\n");
        assertEquals(List.of("scope s", "scope t"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.3 a tab and four spaces are the same level: OK")
    void case03() {
        ParseResult r = ok("element a:\n\tscope s = x.y('a')\n    scope t = x.y('b')\n");
        assertEquals(List.of("scope s", "scope t"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.4 stack 0/4/8 then a line at 6: no error, the line belongs to the level-4 block")
    void case04() {
        ParseResult r = ok(lines("element a:", "    element b:", "        scope s = x.y('a')", "      scope t = x.y('b')",
                ""));
        assertEquals(List.of("element b", "scope t"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.5 an indented first line: E001 found a line indented deeper than the one before at 1:1, the element still parses. "
            + "CHANGED (#9): the matching Dedent at EOF is not reported again")
    void case05() {
        ParseResult r = expect("  element a:\n      scope s = x.y('a')\n", E001 + "a line indented deeper than the one before");
        assertEquals("1:1", at(r, 0));
        assertEquals(List.of("scope s"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.6 a deeper comment line after a body line. CHANGED (#7): no error (upstream: E002 found a line indented deeper than the one before)")
    void case06() {
        ParseResult r = ok(lines("element a:", "    scope s = x.y('a')", "        # note", "    scope t = x.y('b')", ""));
        assertEquals(List.of("scope s", "scope t"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.7 a comment at column 0 inside a body. CHANGED (#7): the block stays open, no error "
            + "(upstream: the block closes and every later token is an E001)")
    void case07() {
        ParseResult r = ok(lines("element a:", "    scope s = x.y('a')", "# note", "## doc of t", "    scope t = x.y('b')",
                ""));
        assertEquals(List.of("scope s", "scope t"), names(element(r, 0).items()));
        assertEquals("doc of t", ((Ast.Scope) element(r, 0).items().get(1)).doc().text());
    }

    @Test
    @DisplayName("§6.8 a body made only of a deeper comment is an empty body: OK")
    void case08() {
        ParseResult r = ok(lines("element a:", "    # todo", "element b:", "    scope s = x.y('a')", ""));
        assertEquals(List.of(), element(r, 0).items());
        assertNotNull(element(r, 0).block());
        assertEquals(List.of("scope s"), names(element(r, 1).items()));
        // the same with doc comments only (examples/hybrid_plugins.hie) and at the end of the file
        ParseResult docs = ok(lines("element a:", "    ## only docs", "", "    ## more", "## B", "element b:",
                "    # todo"));
        assertEquals(List.of(), element(docs, 0).items());
        assertEquals("B", element(docs, 1).doc().text());
        assertEquals(List.of(), element(docs, 1).items());
    }

    @Test
    @DisplayName("§6.9 'element a:' at EOF: E007 Expected an indented block, found the end of the file; before 'element b:': ...found 'element'")
    void case09() {
        expect("element a:", "E007 Expected an indented block, found the end of the file");
        ParseResult r = expect("element a:\nelement b:\n    scope s = x.y('a')\n", "E007 Expected an indented block, found 'element'");
        assertEquals(2, r.file().elements().size());
        assertNull(element(r, 0).block());
        assertEquals(List.of("scope s"), names(element(r, 1).items()));
    }

    @Test
    @DisplayName("§6.10 a final line of eight spaces with no newline after a level-4 body: E002 found a line indented deeper than the one before")
    void case10() {
        ParseResult r = expect("element a:\n    scope s = x.y('a')\n        ", E002 + "a line indented deeper than the one before");
        assertEquals(List.of("scope s"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.11 a trailing '#' comment is fine; a trailing '##' is E008 found a doc comment")
    void case11() {
        ok("element a:\n    scope s = x.y('a')  # c\n");
        ParseResult r = expect("element a:\n    scope s = x.y('a')  ## c\n", "E008 Expected newline, found a doc comment");
        assertEquals("2:25", at(r, 0));
    }

    @Test
    @DisplayName("§6.12 a block comment containing '#'. CHANGED (#2, L): E019 at the opening ###, the broken comment "
            + "runs to the next ###, the rest parses (upstream: E001 found Identifier)")
    void case12() {
        ParseResult r = Hie.parse(lines("###", "note # x", "###", "element a:", "    scope s = x.y('a')", ""));
        assertEquals(List.of("E019"), Hie.codes(r));
        assertTrue(r.diagnostics().get(0).message().startsWith("Unterminated block comment"));
        assertEquals("1:1", at(r, 0));
        assertEquals(List.of("scope s"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.13 '### c ###' inside a line: the tail of the line is a doc comment, so E008")
    void case13() {
        expect("element a:\n    scope s ### c ### = x.y('a')\n", "E008 Expected newline, found a doc comment");
    }

    @Test
    @DisplayName("§6.14 docs after the imports. CHANGED (#5): a.doc is \"A\" (upstream: null); b.doc is \"B\" "
            + "across blank lines")
    void case14() {
        ParseResult r = ok(lines("import files", "## A", "element a:", "    scope s = x.y('a')", "## B", "",
                "element b:", "    scope t = x.y('b')", ""));
        assertEquals("A", element(r, 0).doc().text());
        assertEquals("B", element(r, 1).doc().text());
    }

    @Test
    @DisplayName("§6.15 '## note' before scope, check and language. CHANGED (#5): attached (upstream: discarded)")
    void case15() {
        ParseResult r = ok(lines("element a:", "    ## note", "    scope s = x.y('a')", "    ## c", "    check x.y(s)",
                "## L", "language python", ""));
        Ast.Element a = element(r, 0);
        assertEquals("note", ((Ast.Scope) a.items().get(0)).doc().text());
        assertEquals("c", ((Ast.Check) a.items().get(1)).doc().text());
        assertEquals("L", r.file().languages().get(0).doc().text());
    }

    @Test
    @DisplayName("§6.16 '}' on the last statement's line. CHANGED (#8): OK (upstream: E008 found '}')")
    void case16() {
        ParseResult r = ok("element a { scope s = x.y('a') }\nelement b {\n    check x.y('a') }\n");
        assertEquals(List.of("scope s"), names(element(r, 0).items()));
        assertEquals(List.of("check x.y('a')"), names(element(r, 1).items()));
        assertTrue(element(r, 1).block().closed());
        assertEquals(2, r.file().elements().size());
    }

    @Test
    @DisplayName("§6.17 'element a {}' and 'element b {⏎}': empty bodies, OK")
    void case17() {
        ParseResult r = ok("element a {}\nelement b {\n}\n");
        assertEquals(List.of(), element(r, 0).items());
        assertEquals(Ast.BlockStyle.BRACES, element(r, 1).block().style());
        assertTrue(element(r, 1).block().closed());
    }

    @Test
    @DisplayName("§6.18 a '{' never closed. CHANGED (#6): same tree plus W002 at the '{' (upstream: silent)")
    void case18() {
        ParseResult r = expect("element a {\n    scope s = x.y('a')", "W002 block opened here is never closed");
        assertEquals("1:11", at(r, 0));
        assertFalse(r.hasErrors());
        assertFalse(element(r, 0).block().closed());
        assertEquals(List.of("scope s"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.19 braces inside indentation and indentation inside braces: OK; a '}' dedented below the "
            + "parent body: E002 found a line indented deeper than the one before")
    void case19() {
        ParseResult r = ok(lines("element p:", "    element c {", "        scope s = x.y('a')", "    }",
                "    scope t = x.y('b')", "element q {", "    element r:", "        scope u = x.y('c')", "}", ""));
        assertEquals(List.of("element c", "scope t"), names(element(r, 0).items()));
        assertEquals(List.of("scope u"), names(((Ast.Element) element(r, 1).items().get(0)).items()));
        ParseResult bad = expect(lines("element p:", "    element c {", "        scope s = x.y('a')", "}",
                "    scope t = x.y('b')", ""), E002 + "a line indented deeper than the one before");
        assertEquals(List.of("element c", "scope t"), names(element(bad, 0).items()));
    }

    @Test
    @DisplayName("§6.20 '}' in an indentation body: E002 found '}'; at top level: E001 found '}'")
    void case20() {
        expect("element a:\n    scope s = x.y('a')\n    }\n", E002 + "'}'");
        expect("element a:\n    scope s = x.y('a')\n}\n", E001 + "'}'");
    }

    @Test
    @DisplayName("§6.21 soft keywords as names: OK; as an expression start: E003 found 'to'")
    void case21() {
        ParseResult r = ok(lines("element scope:", "    scope check = x.y('a')", "    scope to = x.y('b')", ""));
        assertEquals("scope", element(r, 0).name().text());
        assertEquals(List.of("scope check", "scope to"), names(element(r, 0).items()));
        expect("element a:\n    check files.exists(to, 'x')\n", "E003 Expected expression, found 'to'");
    }

    @Test
    @DisplayName("§6.22 hard keywords as names: 'element true:' E004 found 'true'; 'scope from' E004 found 'from'")
    void case22() {
        ParseResult r = expect("element true:\n    scope s = x.y('a')\n", "E004 Expected identifier, found 'true'");
        // ours: the element keeps its body (with an empty name)
        assertEquals(List.of("scope s"), names(element(r, 0).items()));
        expect("element a:\n    scope from = x.y('a')\n", "E004 Expected identifier, found 'from'");
    }

    @Test
    @DisplayName("§6.23 a soft keyword as member is OK; a hard one is E004 found 'from'")
    void case23() {
        ParseResult r = ok("element a:\n    check files.scope(x)\n");
        assertEquals(List.of("check files.scope(x)"), names(element(r, 0).items()));
        expect("element a:\n    check files.from(x)\n", "E004 Expected identifier, found 'from'");
    }

    @Test
    @DisplayName("§6.24 untyped ref: E007 Expected ':', found '='; 'list[string]' type: E008 found '['")
    void case24() {
        expect("element a:\n    ref r = x.y('a')\n", "E007 Expected ':', found '='");
        expect("element a:\n    ref r: list[string] = x.y('a')\n", "E008 Expected newline, found '['");
    }

    @Test
    @DisplayName("§6.25 legacy 'scope s : python' is OK; 'scope s<rust> : python' is E008 found ':'")
    void case25() {
        ParseResult r = ok("element a:\n    scope s : python = x.y('a')\n");
        Ast.Scope s = (Ast.Scope) element(r, 0).items().get(0);
        assertEquals("python", s.language().text());
        assertTrue(s.legacyLanguage());
        expect("element a:\n    scope s<rust> : python = x.y('a')\n", "E008 Expected newline, found ':'");
    }

    @Test
    @DisplayName("§6.26 unbounded scope: E014 in an element, OK in an element of a pattern, E014 in an element "
            + "under 'requires element'")
    void case26() {
        ParseResult r = expect("element a:\n    scope s\n", E014_S);
        assertEquals("2:5", at(r, 0));
        assertEquals(7, r.diagnostics().get(0).span().length()); // the whole declaration "scope s"
        ok(lines("pattern p:", "    element e:", "        scope s", ""));
        expect(lines("pattern p:", "    requires element e:", "        element f:", "            scope s", ""), E014_S);
    }

    @Test
    @DisplayName("§6.27 unbounded ref: E015 in an element; with binds in a pattern OK; 'requires ref ... binds' E008")
    void case27() {
        expect("element a:\n    ref r: T\n", "E015 Unbounded ref 'r' is only allowed in templates. "
                + "In an element, give it a value: ref r: T = <expression>");
        ok("pattern p:\n    ref r: T binds p.x\n");
        expect("pattern p:\n    requires ref r: T binds a.b\n", "E008 Expected newline, found 'binds'");
    }

    @Test
    @DisplayName("§6.28 'scope s binds p = ...' (one-segment binds) is OK")
    void case28() {
        ParseResult r = ok("element a:\n    scope s binds p = x.y('a')\n");
        assertEquals("p", ((Ast.Scope) element(r, 0).items().get(0)).binds().text());
    }

    @Test
    @DisplayName("§6.29 bindings: 'p.e.s = ...' and 'p.x = ...' OK; 'a = ...' E002 found Identifier; "
            + "'a.b' E003 Not a template binding")
    void case29() {
        ParseResult r = ok("element a:\n    p.e.s = x.y('a')\n    p.x = x.y('b')\n");
        assertEquals(List.of("binding p.e.s", "binding p.x"), names(element(r, 0).items()));
        expect("element a:\n    a = x.y('a')\n", E002 + "the name 'a'");
        ParseResult b = expect("element a:\n    a.b\n", "E003 Not a template binding");
        assertEquals(1, b.diagnostics().get(0).span().length()); // the first segment
    }

    @Test
    @DisplayName("§6.30 uses: 'm uses core.lexer' OK; 'uses b' E016; 'to uses b' E002 found 'to'; in a pattern E002 "
            + "(template message)")
    void case30() {
        ParseResult r = ok("element a:\n    m uses core.lexer\n");
        assertEquals(List.of("uses m core.lexer"), names(element(r, 0).items()));
        expect("element a:\n    uses b\n", "E016 Expected identifier for uses source, found 'uses'");
        expect("element a:\n    scope to = x.y('a')\n    to uses b\n", E002 + "'to'");
        expect("pattern p:\n    m uses b\n", E002_PATTERN + "the name 'm'");
    }

    @Test
    @DisplayName("§6.31 requirements in an element, also an element nested in a pattern: E012")
    void case31() {
        expect("element a:\n    requires connection to x.*\n", "E012 'requires' is only allowed in templates, not in "
                + "regular elements. Move this constraint into a template and have the element implement it");
        expect("pattern p:\n    element e:\n        allows language rust\n", "E012 'allows' is only allowed in "
                + "templates, not in regular elements. Move this constraint into a template and have the element "
                + "implement it");
    }

    @Test
    @DisplayName("§6.32 'requires foo': E011 quoting 'requires '")
    void case32() {
        expect("pattern p:\n    requires foo\n", "E011 Expected 'scope', 'check', 'element', 'connection', 'ref', "
                + "'implements', or 'language' after 'requires ', found the name 'foo'");
        expect("pattern p:\n    requires descendant foo\n", "E011 Expected 'scope', 'check', 'element', "
                + "'connection', 'ref', 'implements', or 'language' after 'requires descendant', found the name 'foo'");
    }

    @Test
    @DisplayName("§6.33 connection patterns: 'to a.*' and 'connection api.*' OK; 'to *' E004; 'to a.*.b' E008 Dot; "
            + "'to a.scope' E008 Scope; 'to a.' OK with path [a]")
    void case33() {
        ParseResult r = ok("pattern p:\n    forbids connection to a.*\n    allows connection api.*\n"
                + "    requires connection to a.\n");
        List<Ast.Requirement> reqs = r.file().patterns().get(0).items(Ast.Requirement.class);
        Ast.ConnectionSpec first = (Ast.ConnectionSpec) reqs.get(0).spec();
        assertTrue(first.to());
        assertTrue(first.wildcard());
        assertEquals("a.*", first.text());
        assertFalse(((Ast.ConnectionSpec) reqs.get(1).spec()).to());
        Ast.ConnectionSpec trailingDot = (Ast.ConnectionSpec) reqs.get(2).spec();
        assertEquals("a", trailingDot.text());
        assertFalse(trailingDot.wildcard());
        expect("pattern p:\n    forbids connection to *\n", "E004 Expected identifier, found '*'");
        expect("pattern p:\n    forbids connection to a.*.b\n", "E008 Expected newline, found '.'");
        expect("pattern p:\n    forbids connection to a.scope\n", "E008 Expected newline, found 'scope'");
    }

    @Test
    @DisplayName("§6.34 'requires implements a, b' E008 found ','; 'requires descendant language rust' OK")
    void case34() {
        expect("pattern p:\n    requires implements a, b\n", "E008 Expected newline, found ','");
        ParseResult r = ok("pattern p:\n    requires descendant language rust\n");
        Ast.Requirement q = r.file().patterns().get(0).items(Ast.Requirement.class).get(0);
        assertTrue(q.descendant());
        assertEquals("rust", ((Ast.LanguageSpec) q.spec()).language().text());
    }

    @Test
    @DisplayName("§6.35 'requires element e: T implements q:' with a body is OK; a body line 's uses b' E002; "
            + "'requires element e: scope' E004 found the end of the line")
    void case35() {
        ParseResult r = ok(lines("pattern p:", "    requires element e: T implements q:", "        scope s<rust>",
                "        ref r: X", ""));
        Ast.ElementSpec spec = (Ast.ElementSpec) r.file().patterns().get(0).items(Ast.Requirement.class).get(0).spec();
        assertEquals("e", spec.name().text());
        assertEquals("T", spec.type().text());
        assertEquals("q", spec.implemented().text());
        assertEquals(List.of("scope s", "ref r"), names(spec.items()));
        ParseResult bad = expect(lines("pattern p:", "    requires element e:", "        s uses b",
                "        scope t", "    scope u", ""), E002_PATTERN + "the name 's'");
        // ours: the spec body keeps its other lines and the pattern its later items
        Ast.Pattern p = bad.file().patterns().get(0);
        assertEquals(List.of("scope t"), names(((Ast.ElementSpec) p.items(Ast.Requirement.class).get(0).spec()).items()));
        assertEquals(List.of("requires ElementSpec", "scope u"), names(p.items()));
        expect("pattern p:\n    requires element e: scope\n", "E004 Expected identifier, found the end of the line");
    }

    @Test
    @DisplayName("§6.36 'implements lib.p' ours: OK, a pattern of an imported file (upstream E007; LANGUAGE.md §3); "
            + "'implements lib.' E004; 'implements p,:' E004 found ':'; 'implements p, q {' OK")
    void case36() {
        ParseResult r = ok("element a implements lib.p, q:\n    scope s = x.y('a')\n");
        assertEquals(List.of("lib.p", "q"), element(r, 0).implemented().stream().map(Ast.Name::text).toList());
        assertEquals(List.of("scope s"), names(element(r, 0).items()));
        ParseResult dangling = expect("element a implements lib.:\n    scope s = x.y('a')\n",
                "E004 Expected identifier, found ':'");
        assertEquals(List.of("scope s"), names(element(dangling, 0).items())); // ours: the body is kept
        expect("element a implements p,:\n    scope s = x.y('a')\n", "E004 Expected identifier, found ':'");
        ParseResult two = ok("element a implements p, q {\n}\n");
        assertEquals(List.of("p", "q"), element(two, 0).implemented().stream().map(Ast.Name::text).toList());
    }

    @Test
    @DisplayName("§6.37 languages: 'language python' at EOF OK; 'return ...' E008 found Identifier; two body lines "
            + "E013; 'a: string' E007 Expected 'scope'; trailing comma OK; 'language x {' E008 found '{'")
    void case37() {
        ok("language python");
        ParseResult r = expect(lines("language python:", "    connection_check c(a: scope[]):",
                "        return python.x(a)", ""), "E008 Expected newline, found the name 'python'");
        assertEquals(1, r.file().languages().get(0).checks().size());
        assertNull(r.file().languages().get(0).checks().get(0).body());
        ParseResult two = expect(lines("language python:", "    connection_check c(a: scope[]):", "        python.x(a)",
                "        python.y(a)", "element e:", "    scope s = x.y('a')", ""),
                "E013 Expected 'connection_check' in language body, found the name 'python'");
        assertEquals("python.x(a)", AstPrinter.print(two.file().languages().get(0).checks().get(0).body()));
        assertEquals(1, two.file().elements().size());
        expect(lines("language python:", "    connection_check c(a: string):", "        python.x(a)", ""),
                "E007 Expected 'scope', found the name 'string'");
        ParseResult trailing = ok(lines("language python:", "    connection_check c(a: scope[], b: scope[],):",
                "        python.x(a, b)", ""));
        assertEquals(List.of("a", "b"), trailing.file().languages().get(0).checks().get(0).parameters().stream()
                .map(Ast.Name::text).toList());
        ParseResult brace = expect(lines("language x {", "    connection_check c(a: scope[]):", "        x.y(a)", "}",
                "element e:", "    scope s = x.y('a')", ""), "E008 Expected newline, found '{'");
        // ours: the brace body is still read, and nothing after it cascades
        assertEquals(1, brace.file().languages().get(0).checks().size());
        assertEquals(1, brace.file().elements().size());
    }

    @Test
    @DisplayName("§6.38 imports: after a declaration E001 (CHANGED #9: once for the line, upstream: once per token); "
            + "'import x from \"u\"' E008 found 'from'; the other forms OK")
    void case38() {
        expect("element a:\n    scope s = x.y('a')\nimport files\n", E001 + "'import'");
        expect("import x from \"u\"\n", "E008 Expected newline, found 'from'");
        ParseResult r = ok("from f import a, b\nimport './x.hie' as y\nimport a.b.c\n");
        List<Ast.Import> imports = r.file().imports();
        assertTrue(imports.get(0).from());
        assertEquals(List.of("a", "b"), imports.get(0).names().stream().map(Ast.Name::text).toList());
        assertEquals("./x.hie", ((Ast.ImportPath.StringPath) imports.get(1).path()).value());
        assertEquals("y", imports.get(1).alias().text());
        assertEquals("a.b.c", ((Ast.ImportPath.Dotted) imports.get(2).path()).name().text());
    }

    @Test
    @DisplayName("§6.39 '((1))' E003 found '('; '(a,)' E003 found ')'; '[1, 2,]' and '[[1],[]]' OK")
    void case39() {
        expect("element a:\n    check x.y((1))\n", "E003 Expected expression, found '('");
        expect("element a:\n    check x.y(a,)\n", "E003 Expected expression, found ')'");
        ParseResult r = ok("element a:\n    check x.y([1, 2,])\n    check x.y([[1],[]])\n");
        assertEquals(List.of("check x.y([1, 2])", "check x.y([[1], []])"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.40 '1.5.2' E004 found Number; '1e5' E007 Expected ')', found Identifier")
    void case40() {
        expect("element a:\n    check x.y(1.5.2)\n", "E004 Expected identifier, found the number 2");
        expect("element a:\n    check x.y(1e5)\n",
                "E007 Expected ')' to close the call opened at 2:14, found the name 'e5'");
    }

    @Test
    @DisplayName("§6.41 characters upstream drops. CHANGED (#3): '-5' is the number -5. CHANGED (#1): ';', '-' in a "
            + "name and 'é' are E017 (one diagnostic for the broken statement), lexing continues")
    void case41() {
        ParseResult r = ok("element a:\n    check files.max_size(s, -5)\n");
        Ast.Call call = (Ast.Call) ((Ast.Check) element(r, 0).items().get(0)).expr();
        assertEquals(-5.0, ((Ast.NumberLit) call.arguments().get(1)).value());
        assertEquals("check files.max_size(s, -5)", names(element(r, 0).items()).get(0));

        ParseResult semi = expect("element a:\n    scope s = f.g('x');\n", "E017 Unexpected character ';'");
        assertEquals("2:23", at(semi, 0));
        assertEquals(List.of("scope s"), names(element(semi, 0).items()));

        ParseResult dash = expect("element my-service:\n    scope s = f.g('x')\n", "E017 Unexpected character '-'");
        assertEquals("my", element(dash, 0).name().text());
        assertEquals(List.of("scope s"), names(element(dash, 0).items()));

        ParseResult cafe = expect("element a:\n    scope café = f.g('x')\n", "E017 Unexpected character 'é'");
        assertEquals(List.of("scope caf"), names(element(cafe, 0).items()));
    }

    @Test
    @DisplayName("§6.42 a line break inside call arguments: E003 found the end of the line (ours: the continuation line belongs "
            + "to the broken statement, the next statement is kept)")
    void case42() {
        ParseResult r = expect(lines("element a:", "    check files.exists(", "        s, 'x')",
                "    scope t = x.y('b')", ""), "E003 Expected expression, found the end of the line");
        assertEquals(List.of("check <broken>", "scope t"), names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.43 a string spanning lines keeps its line break. CHANGED (#4): later positions are right")
    void case43() {
        ParseResult r = ok("element a:\n    scope s = f.g('a\nb')\n    scope t = f.g('c')\n");
        Ast.Element a = element(r, 0);
        Ast.Call s = (Ast.Call) ((Ast.Scope) a.items().get(0)).value();
        assertEquals("a\nb", ((Ast.StringLit) s.arguments().get(0)).value());
        Ast.Scope t = (Ast.Scope) a.items().get(1);
        assertEquals(new Position(3, 10), r.source().position(t.name().span().start()));
    }

    @Test
    @DisplayName("§6.44 escapes: 'a\\'b\\q' has the value a'b\\q")
    void case44() {
        ParseResult r = ok("element a:\n    scope s = f.g('a\\'b\\q')\n");
        Ast.Call s = (Ast.Call) ((Ast.Scope) element(r, 0).items().get(0)).value();
        assertEquals("a'b\\q", ((Ast.StringLit) s.arguments().get(0)).value());
    }

    @Test
    @DisplayName("§6.45 an unterminated string. CHANGED (#2, L): E018 at the opening quote, one diagnostic, the string "
            + "ends at the end of its line and the next lines parse. (Strings may span lines, as upstream: a later "
            + "quote of the same kind closes it.)")
    void case45() {
        ParseResult r = expect("element a:\n    scope s = f.g('abc)\n    scope t = f.g(\"c\")\n",
                "E018 Unterminated string");
        assertEquals("2:19", at(r, 0));
        assertEquals(List.of("scope s", "scope t"), names(element(r, 0).items()));
        // a later ' closes the string that spans lines; the quote left over is the unterminated one
        ParseResult later = expect("element a:\n    scope s = f.g('abc)\n    scope t = f.g('c')\n",
                "E018 Unterminated string");
        assertEquals("3:21", at(later, 0));
    }

    @Test
    @DisplayName("§6.46 any expression parses as a check (E204/E205/E203 are reported later, not by the parser)")
    void case46() {
        ParseResult r = ok(lines("import files as f", "element a:", "    check 'text'", "    check can_talk(a)",
                "    check a.b.c(x)", "    check f.exists(x, 'y')", ""));
        List<Ast.Check> checks = element(r, 0).items(Ast.Check.class);
        assertInstanceOf(Ast.StringLit.class, checks.get(0).expr());
        assertInstanceOf(Ast.Identifier.class, ((Ast.Call) checks.get(1).expr()).callee());
        assertEquals("a.b.c(x)", AstPrinter.print(checks.get(2).expr()));
        assertEquals("f", r.file().imports().get(0).alias().text());
    }

    @Test
    @DisplayName("§6.47 parent checks on children, forward references: parse OK (resolution is the semantic model's)")
    void case47() {
        ParseResult r = ok(lines("element parent:", "    scope a = files.folder_selector(b)",
                "    scope b = files.folder_selector('x')", "    check files.exists(child.src, 'x')",
                "    element child:", "        scope src = files.folder_selector('c')", ""));
        assertEquals(List.of("scope a", "scope b", "check files.exists(child.src, 'x')", "element child"),
                names(element(r, 0).items()));
    }

    @Test
    @DisplayName("§6.48 recovery. CHANGED (#9): one E007, and the tree keeps a (with b and c) and d "
            + "(upstream: the AST has only c and d at top level, plus E001s)")
    void case48() {
        ParseResult r = expect(lines("element a:", "    element b:", "        ref r = x", "    element c:",
                "        scope s = x.y('c')", "element d:", "    scope t = x.y('d')", ""),
                "E007 Expected ':', found '='");
        assertEquals(List.of("a", "d"), r.file().elements().stream().map(e -> e.name().text()).toList());
        assertEquals(List.of("element b", "element c"), names(element(r, 0).items()));
        assertEquals(List.of("scope s"), names(((Ast.Element) element(r, 0).items().get(1)).items()));
    }

    @Test
    @DisplayName("§6.49 recovery. CHANGED (#9): a bad element does not drag the next pattern into a top-level "
            + "element: one diagnostic, no E014")
    void case49() {
        ParseResult r = expect(lines("element a:", "    ref r = x", "pattern p:", "    element e:",
                "        scope s", ""), "E007 Expected ':', found '='");
        assertEquals(1, r.file().patterns().size());
        assertEquals(List.of("element e"), names(r.file().patterns().get(0).items()));
    }

    @Test
    @DisplayName("§6.50 empty file, comments only: nothing; 'template' and 'connection_point' synonyms OK")
    void case50() {
        assertEquals(List.of(), ok("").file().declarations());
        assertEquals(List.of(), ok("# just\n## comments\n###\nblock\n###\n").file().declarations());
        ParseResult t = ok("template t {\n    scope s\n}\n");
        assertTrue(t.file().patterns().get(0).template());
        ParseResult cp = ok("element a:\n    connection_point p: integer = x.y('a')\n"
                + "pattern q:\n    requires connection_point c: integer\n");
        assertTrue(((Ast.Ref) element(cp, 0).items().get(0)).connectionPoint());
        assertInstanceOf(Ast.RefSpec.class, cp.file().patterns().get(0).items(Ast.Requirement.class).get(0).spec());
    }

    @Test
    @DisplayName("§6.51 duplicates, unknown patterns, binds to nowhere: no syntax diagnostics")
    void case51() {
        ok(lines("element a implements undefined_pattern:", "    scope s binds nowhere.x = x.y('a')",
                "    scope s = x.y('b')", "element a:", "    scope t = x.y('c')", ""));
    }
}
