package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hielements.syntax.Ast;
import org.junit.jupiter.api.Test;

/** Names, dotted paths and library calls (LANGUAGE.md §2): each code with a file that triggers it and one that does not. */
class NamesTest {

    static List<String> diags(String text) {
        return Fixture.render(Fixture.of("main.hie", text).analyze());
    }

    static void assertClean(String text) {
        assertEquals(List.of(), diags(text));
    }

    // ------------------------------------------------------------------------------------------------ E200

    @Test
    void e200UndefinedIdentifier() {
        assertEquals(List.of("E200 main.hie:3:24 [sr] Undefined identifier: sr"), diags("""
                element a:
                    scope src = files.folder_selector('src')
                    check files.exists(sr, 'x')
                """));
        assertClean("""
                element a:
                    scope src = files.folder_selector('src')
                    check files.exists(src, 'x')
                """);
    }

    @Test
    void enclosingElementsInnermostFirstThenTopLevel() {
        SemanticModel m = Fixture.of("main.hie", """
                element outer:
                    scope src = files.folder_selector('outer')
                    scope only_outer = files.folder_selector('o')
                    element inner:
                        scope src = files.folder_selector('inner')
                        check files.exists(src, 'x')
                        check files.exists(only_outer, 'x')
                """).analyze();
        assertEquals(List.of(), Fixture.render(m));
        ElementSymbol inner = m.elements().get(1);
        Ast.Call c1 = (Ast.Call) inner.checks().get(0).check().expr();
        Ast.Call c2 = (Ast.Call) inner.checks().get(1).check().expr();
        assertSame(inner.member("src").orElseThrow(), m.resolution(c1.arguments().get(0)).orElseThrow().symbol());
        assertSame(m.elements().get(0).member("only_outer").orElseThrow(),
                m.resolution(c2.arguments().get(0)).orElseThrow().symbol());
    }

    @Test
    void noSuffixMatchingASiblingsScopeIsNotVisible() {
        assertEquals(List.of("E200 main.hie:5:28 [src] Undefined identifier: src"), diags("""
                element a:
                    element b:
                        scope src = files.folder_selector('b')
                    element c:
                        check files.exists(src, 'x')
                """));
        assertClean("""
                element a:
                    element b:
                        scope src = files.folder_selector('b')
                    element c:
                        check files.exists(b.src, 'x')
                """);
    }

    @Test
    void laterScopeAndChildScopeAreFine() {
        assertClean("""
                element a:
                    scope all = files.folder_selector(child.src)
                    scope first = files.folder_selector(second)
                    scope second = files.folder_selector('x')
                    element child:
                        scope src = files.folder_selector('c')
                """);
    }

    // ------------------------------------------------------------------------------------------------ E202

    @Test
    void e202UnknownSegmentAtThatSegment() {
        assertEquals(List.of("E202 main.hie:6:39 [scr] Undefined reference: system.backend.scr"), diags("""
                element system:
                    element backend:
                        scope src = files.folder_selector('b')
                element other:
                    scope s = files.folder_selector('o')
                    check files.exists(system.backend.scr, 'x')
                """));
        assertClean("""
                element system:
                    element backend:
                        scope src = files.folder_selector('b')
                element other:
                    scope s = files.folder_selector('o')
                    check files.exists(system.backend.src, 'x')
                """);
    }

    @Test
    void pathsThroughParentAndChild() {
        assertClean("""
                element parent:
                    element child:
                        scope src = files.folder_selector('c')
                    element sibling:
                        check files.exists(child.src, 'x')
                        check files.exists(parent.child.src, 'y')
                """);
    }

    // ------------------------------------------------------------------------------------------------ E203, W001

    @Test
    void e203UnknownLibrary() {
        assertEquals(List.of("E203 main.hie:2:15 [docker] Unknown library: docker"), diags("""
                element a:
                    scope d = docker.file_selector('Dockerfile')
                """));
        assertEquals(List.of("W001 main.hie:1:8 [docker] Unknown library 'docker' (will be resolved at runtime)"),
                diags("""
                        import docker
                        element a:
                            scope d = docker.file_selector('Dockerfile')
                        """));
    }

    @Test
    void importAliasCallsTheLibrary() {
        SemanticModel m = Fixture.of("main.hie", """
                import files as f
                element a:
                    scope s = f.folder_selector('x')
                """).analyze();
        assertEquals(List.of(), Fixture.render(m));
        Ast.Call call = (Ast.Call) m.elements().get(0).members().get(0).value();
        LibraryCall lc = m.call(call).orElseThrow();
        assertEquals("files", lc.libraryName());
        assertEquals("folder_selector", lc.functionName());
        assertEquals(List.of("E203 main.hie:3:15 [g] Unknown library: g"), diags("""
                import files as f
                element a:
                    scope s = g.folder_selector('x')
                """));
    }

    // ------------------------------------------------------------------------------------------------ E204, E205

    @Test
    void e204CheckNotACall() {
        assertEquals(List.of("E204 main.hie:2:11 ['text'] Check must be a function call"), diags("""
                element a:
                    check 'text'
                """));
        assertClean("""
                element a:
                    check files.exists(files.folder_selector('x'), 'text')
                """);
    }

    @Test
    void e205CalleeNotLibraryFunction() {
        assertEquals(List.of("E205 main.hie:3:11 [can_talk] Expected library.function"), diags("""
                element a:
                    scope s = files.folder_selector('x')
                    check can_talk(s)
                """));
        assertEquals(List.of("E205 main.hie:3:11 [s.b.c] Expected library.function"), diags("""
                element a:
                    scope s = files.folder_selector('x')
                    check s.b.c(s)
                """));
        assertEquals(List.of("E205 main.hie:3:11 [s.exists] Expected library.function"), diags("""
                element a:
                    scope s = files.folder_selector('x')
                    check s.exists(s)
                """));
        assertClean("""
                element a:
                    scope s = files.folder_selector('x')
                    check files.exists(s, 'y')
                """);
    }

    // ------------------------------------------------------------------------------------------------ E206, E207, E208

    @Test
    void e206UnknownFunctionWithSuggestion() {
        assertEquals(List.of("E206 main.hie:3:17 [exist] Unknown function: files.exist. Did you mean files.exists?"),
                diags("""
                        element a:
                            scope s = files.folder_selector('x')
                            check files.exist(s, 'y')
                        """));
        assertEquals(List.of("E206 main.hie:2:20 [public_functions] Unknown function: rust.public_functions"),
                diags("""
                        element a:
                            scope s = rust.public_functions('x')
                        """));
        assertClean("""
                element a:
                    scope s = files.folder_selector('x')
                    check files.exists(s, 'y')
                """);
    }

    @Test
    void unknownFunctionsOfALibraryWithoutAKnownListAreNotReported() {
        assertEquals(List.of("W001 main.hie:1:8 [sample] Unknown library 'sample' (will be resolved at runtime)"),
                diags("""
                        import sample
                        element a:
                            check sample.anything(1, 2, 3)
                        """));
    }

    @Test
    void e207ArgumentCount() {
        assertEquals(List.of("E207 main.hie:2:36 [('x', 'y')] files.folder_selector expects 1 argument(s), found 2"),
                diags("""
                        element a:
                            scope s = files.folder_selector('x', 'y')
                        """));
        assertEquals(List.of("E207 main.hie:3:23 [(s)] files.exists expects 2 argument(s), found 1"), diags("""
                element a:
                    scope s = files.folder_selector('x')
                    check files.exists(s)
                """));
        assertClean("""
                element a:
                    scope s = files.folder_selector('x')
                    check files.exists(s, 'y')
                """);
    }

    @Test
    void e208SelectorInCheckAndCheckAsSelector() {
        assertEquals(List.of("E208 main.hie:2:17 [folder_selector] files.folder_selector is a selector, not a check: "
                + "it selects a scope (use it in a scope or ref)"), diags("""
                        element a:
                            check files.folder_selector('x')
                        """));
        assertEquals(List.of("E208 main.hie:2:21 [exists] files.exists is a check, not a selector: it gives no value "
                + "(use it in a check)"), diags("""
                        element a:
                            scope s = files.exists(files.folder_selector('x'), 'y')
                        """));
        assertClean("""
                element a:
                    scope s = files.folder_selector('x')
                    check files.exists(files.folder_selector('x'), 'y')
                """);
    }

    // ------------------------------------------------------------------------------------------------ E210

    @Test
    void e210DuplicateNames() {
        assertEquals(List.of("E210 main.hie:3:11 [src] Duplicate name 'src' in element a"), diags("""
                element a:
                    scope src = files.folder_selector('x')
                    scope src = files.folder_selector('y')
                """));
        assertEquals(List.of("E210 main.hie:3:13 [src] Duplicate name 'src' in element a"), diags("""
                element a:
                    scope src = files.folder_selector('x')
                    element src:
                        scope s = files.folder_selector('y')
                """));
        assertEquals(List.of("E210 main.hie:3:9 [a] Duplicate name 'a' in file main.hie"), diags("""
                element a:
                    scope src = files.folder_selector('x')
                pattern a:
                    scope p
                """));
        assertClean("""
                element a:
                    scope src = files.folder_selector('x')
                    element b:
                        scope src = files.folder_selector('y')
                """);
    }

    @Test
    void e210RelatedPointsAtTheFirstDeclaration() {
        SemanticModel m = Fixture.of("main.hie", """
                element a:
                    scope src = files.folder_selector('x')
                    ref src: string = files.folder_selector('y')
                """).analyze();
        var d = m.diagnostics().get(0);
        assertEquals(1, d.related().size());
        assertEquals(1, d.source().line(d.related().get(0).span().start()));
        assertEquals("first declared here", d.related().get(0).message());
    }

    // ------------------------------------------------------------------------------------------------ E215

    @Test
    void e215CycleOnEachScope() {
        assertEquals(List.of(
                "E215 main.hie:2:11 [a] Cycle: e.a -> e.b -> e.c -> e.a",
                "E215 main.hie:3:11 [b] Cycle: e.a -> e.b -> e.c -> e.a",
                "E215 main.hie:4:11 [c] Cycle: e.a -> e.b -> e.c -> e.a"), diags("""
                        element e:
                            scope a = files.folder_selector(b)
                            scope b = files.folder_selector(c)
                            scope c = files.folder_selector(a)
                            scope d = files.folder_selector('x')
                        """));
        assertClean("""
                element e:
                    scope a = files.folder_selector(b)
                    scope b = files.folder_selector(c)
                    scope c = files.folder_selector(d)
                    scope d = files.folder_selector('x')
                """);
    }

    @Test
    void e215SelfReferenceAndRefs() {
        assertEquals(List.of("E215 main.hie:2:9 [r] Cycle: e.r -> e.r"), diags("""
                element e:
                    ref r: string = files.folder_selector(r)
                """));
    }

    @Test
    void dependencyOrderPutsDependenciesFirst() {
        SemanticModel m = Fixture.of("main.hie", """
                element e:
                    scope a = files.folder_selector(b)
                    scope b = files.folder_selector(child.c)
                    element child:
                        scope c = files.folder_selector('x')
                """).analyze();
        List<String> order = m.graph().order().stream().map(ValueNode::displayName).toList();
        assertEquals(List.of("e.child.c", "e.b", "e.a"), order);
        ValueNode a = m.graph().nodes().get(0);
        assertEquals("e.a", a.displayName());
        assertEquals(List.of("e.b"), m.graph().dependencies(a).stream().map(ValueNode::displayName).toList());
        assertTrue(m.graph().cyclic().isEmpty());
    }

    @Test
    void resolutionsOfPathPrefixes() {
        SemanticModel m = Fixture.of("main.hie", """
                element sys:
                    element api:
                        scope src = files.folder_selector('x')
                    check files.exists(sys.api.src, 'y')
                """).analyze();
        Ast.Call c = (Ast.Call) m.elements().get(0).checks().get(0).check().expr();
        Ast.Member path = (Ast.Member) c.arguments().get(0);
        assertInstanceOf(MemberSymbol.class, m.resolution(path).orElseThrow().symbol());
        assertSame(m.elements().get(1), m.resolution(path.target()).orElseThrow().symbol());
        assertSame(m.elements().get(0), m.resolution(((Ast.Member) path.target()).target()).orElseThrow().symbol());
    }
}
