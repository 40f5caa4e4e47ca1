package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.syntax.Ast;
import org.junit.jupiter.api.Test;

/** Patterns (LANGUAGE.md §4): E211, E212, E213, W003, E214, bindings, pattern checks. */
class PatternsTest {

    private static final String OBSERVABLE = """
            pattern observable:
                element metrics:
                    scope module<rust>
                    ref prometheus: MetricsHandler
                    check rust.has_tests(module)
                scope config = files.file_selector('metrics.toml')
                check files.exists(config, 'x')
            """;

    static List<String> diags(String text) {
        return Fixture.render(Fixture.of("main.hie", text).analyze());
    }

    @Test
    void e211UnknownPattern() {
        assertEquals(List.of("E211 main.hie:1:22 [observabl] Unknown pattern: observabl"), diags("""
                element a implements observabl:
                    scope s = files.folder_selector('x')
                pattern observable:
                    scope s = files.folder_selector('y')
                """));
        assertEquals(List.of(), diags("""
                element a implements observable:
                    scope s = files.folder_selector('x')
                pattern observable:
                    scope s = files.folder_selector('y')
                """));
    }

    @Test
    void e212NamesEachMissingPlaceholderWithRelatedDeclarations() {
        SemanticModel m = Fixture.of("main.hie", OBSERVABLE + """
                element svc implements observable:
                    scope mod<rust> binds observable.metrics.module = rust.module_selector('m')
                """).analyze();
        assertEquals(List.of("E212 main.hie:8:24 [observable] Pattern 'observable' has unbound placeholders: "
                + "observable.metrics.prometheus"), Fixture.render(m));
        Diagnostic d = m.diagnostics().get(0);
        assertEquals(1, d.related().size());
        assertEquals(3, d.source().line(d.related().get(0).span().start()));
        assertEquals(List.of(), diags(OBSERVABLE + """
                element svc implements observable:
                    scope mod<rust> binds observable.metrics.module = rust.module_selector('m')
                    ref h: MetricsHandler binds observable.metrics.prometheus = rust.function_selector('h')
                """));
    }

    @Test
    void oldBindingFormAndBindingsDeeperInTheSubtree() {
        assertEquals(List.of(), diags(OBSERVABLE + """
                element svc implements observable:
                    observable.metrics.module = rust.module_selector('m')
                    element part:
                        ref h: MetricsHandler binds observable.metrics.prometheus = rust.function_selector('h')
                """));
    }

    @Test
    void e213UnknownPlaceholder() {
        assertEquals(List.of("E213 main.hie:9:24 [scope] Pattern 'observable' declares no placeholder "
                + "observable.metrics.scope"), diags(OBSERVABLE + """
                        element svc implements observable:
                            observable.metrics.scope = rust.module_selector('m')
                            observable.metrics.module = rust.module_selector('m')
                            observable.metrics.prometheus = rust.function_selector('h')
                        """));
        assertEquals(List.of("E213 main.hie:9:30 [metrics] Pattern 'observable' declares no placeholder "
                + "observable.metrics"), diags(OBSERVABLE + """
                        element svc implements observable:
                            scope x binds observable.metrics = rust.module_selector('m')
                            observable.metrics.module = rust.module_selector('m')
                            observable.metrics.prometheus = rust.function_selector('h')
                        """));
    }

    @Test
    void e213BindingOfAPatternNoEnclosingElementImplements() {
        assertEquals(List.of("E213 main.hie:9:19 [observable.metrics.module] scope 'm' binds nothing: no enclosing "
                + "element implements pattern 'observable'"), diags(OBSERVABLE + """
                        element svc:
                            scope m binds observable.metrics.module = rust.module_selector('m')
                        """));
    }

    @Test
    void e211InABindsTarget() {
        assertEquals(List.of("E211 main.hie:2:19 [nowhere] Unknown pattern: nowhere"), diags("""
                element svc:
                    scope m binds nowhere.x = files.folder_selector('m')
                """));
    }

    @Test
    void w003LanguageDiffersFromThePlaceholders() {
        String base = OBSERVABLE + """
                element svc implements observable:
                    scope mod<LANG> binds observable.metrics.module = rust.module_selector('m')
                    observable.metrics.prometheus = rust.function_selector('h')
                """;
        assertEquals(List.of("W003 main.hie:9:15 [python] Language 'python' differs from the placeholder's "
                + "language 'rust'"), diags(base.replace("LANG", "python")));
        assertEquals(List.of(), diags(base.replace("LANG", "rust")));
    }

    @Test
    void e214RefTypeOrKindDiffersFromThePlaceholders() {
        String base = OBSERVABLE + """
                element svc implements observable:
                    observable.metrics.module = rust.module_selector('m')
                    ref h: TYPE binds observable.metrics.prometheus = rust.function_selector('h')
                """;
        assertEquals(List.of("E214 main.hie:10:12 [Handler] Type mismatch: ref 'h' has type Handler but placeholder "
                + "observable.metrics.prometheus has type MetricsHandler"), diags(base.replace("TYPE", "Handler")));
        assertEquals(List.of(), diags(base.replace("TYPE", "MetricsHandler")));
        assertEquals(List.of("E214 main.hie:10:19 [observable.metrics.prometheus] Type mismatch: scope 'h' binds ref "
                + "placeholder observable.metrics.prometheus"), diags(OBSERVABLE + """
                        element svc implements observable:
                            observable.metrics.module = rust.module_selector('m')
                            scope h binds observable.metrics.prometheus = rust.function_selector('h')
                        """));
    }

    @Test
    void placeholderBoundTwice() {
        assertEquals(List.of("E210 main.hie:10:5 [observable.metrics.module] Placeholder observable.metrics.module "
                + "is bound twice for element 'svc'"), diags(OBSERVABLE + """
                        element svc implements observable:
                            scope m binds observable.metrics.module = rust.module_selector('m')
                            observable.metrics.module = rust.module_selector('m')
                            observable.metrics.prometheus = rust.function_selector('h')
                        """));
    }

    @Test
    void bindingTableForEachImplementation() {
        SemanticModel m = Fixture.of("main.hie", OBSERVABLE + """
                element svc implements observable:
                    scope mod<rust> binds observable.metrics.module = rust.module_selector('m')
                    observable.metrics.prometheus = rust.function_selector('h')
                """).analyze();
        assertEquals(List.of(), Fixture.render(m));
        Implementation impl = m.implementations().get(0);
        PatternSymbol p = m.patterns().get(0);
        MemberSymbol module = p.memberAt("metrics.module").orElseThrow();
        MemberSymbol prometheus = p.memberAt("metrics.prometheus").orElseThrow();
        MemberSymbol config = p.memberAt("config").orElseThrow();
        assertEquals(List.of(module, prometheus, config), List.copyOf(impl.bindings().keySet()));
        PlaceholderBinding.Declared d = assertInstanceOf(PlaceholderBinding.Declared.class, impl.binding(module));
        assertSame(impl.element().member("mod").orElseThrow(), d.provider());
        PlaceholderBinding.Expression x = assertInstanceOf(PlaceholderBinding.Expression.class,
                impl.binding(prometheus));
        assertEquals("observable.metrics.prometheus", x.binding().target().text());
        assertInstanceOf(PlaceholderBinding.Default.class, impl.binding(config));
        assertEquals(List.of(module, prometheus), p.placeholders());
        assertSame(module, m.bindsTarget(d.provider()).orElseThrow());
    }

    @Test
    void twoChecksThreeImplementationsSixPatternChecks() {
        StringBuilder text = new StringBuilder(OBSERVABLE);
        for (String name : List.of("a", "b", "c")) {
            text.append("element ").append(name).append(" implements observable:\n")
                    .append("    observable.metrics.module = rust.module_selector('").append(name).append("')\n")
                    .append("    observable.metrics.prometheus = rust.function_selector('h')\n");
        }
        SemanticModel m = Fixture.of("main.hie", text.toString()).analyze();
        assertEquals(List.of(), Fixture.render(m));
        assertEquals(6, m.patternChecks().size());
        assertEquals(List.of("a", "a", "b", "b", "c", "c"),
                m.patternChecks().stream().map(pc -> pc.implementation().element().name()).toList());
        for (Implementation impl : m.implementations()) assertEquals(2, impl.checks().size());
        // the check inside the pattern resolves `module` to the pattern member; the evaluator substitutes per element
        PatternCheck first = m.patternChecks().get(0);
        Ast.Call call = (Ast.Call) first.site().check().expr();
        Resolution r = m.resolution(call.arguments().get(0)).orElseThrow();
        assertNull(r.implementation());
        ValueNode v = r.valueNode(first.implementation());
        assertEquals("a: observable.metrics.module", v.displayName());
    }

    @Test
    void patternQualifiedPathFromTheImplementingElementCarriesItsImplementation() {
        SemanticModel m = Fixture.of("main.hie", OBSERVABLE + """
                element svc implements observable:
                    observable.metrics.module = rust.module_selector('m')
                    observable.metrics.prometheus = rust.function_selector('h')
                    element inner:
                        check rust.has_tests(observable.metrics.module)
                """).analyze();
        assertEquals(List.of(), Fixture.render(m));
        ElementSymbol inner = m.elements().get(1);
        Ast.Call call = (Ast.Call) inner.checks().get(0).check().expr();
        Resolution r = m.resolution(call.arguments().get(0)).orElseThrow();
        assertSame(m.implementations().get(0), r.implementation());
        assertEquals(new ValueNode.Bound(m.implementations().get(0), m.patterns().get(0).memberAt("metrics.module")
                .orElseThrow()), r.valueNode(null));
    }

    @Test
    void placeholderPathOutsideAnImplementationIsE202() {
        assertEquals(List.of("E202 main.hie:9:26 [observable.metrics.module] Undefined reference: "
                + "observable.metrics.module is a member of pattern 'observable' and has a value only inside "
                + "'observable' or inside an element implementing it"), diags(OBSERVABLE + """
                        element other:
                            check rust.has_tests(observable.metrics.module)
                        """));
    }

    @Test
    void boundPlaceholderCyclesAreE215() {
        assertEquals(List.of(
                "E215 main.hie:4:5 [p.b] Cycle: svc.x -> svc: p.b -> svc.x",
                "E215 main.hie:5:11 [x] Cycle: svc.x -> svc: p.b -> svc.x"), diags("""
                        pattern p:
                            scope b
                        element svc implements p:
                            p.b = files.folder_selector(x)
                            scope x = files.folder_selector(p.b)
                        """));
    }
}
