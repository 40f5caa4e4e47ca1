package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Language declarations (LANGUAGE.md §6): which connection checks run for which {@code uses}. */
class ConnectionPlanTest {

    private static final String LANGUAGES = """
            language python:
                connection_check can_import(source: scope[], target: scope[]):
                    python.calls_scope(source, target)
                connection_check tidy(scopes: scope[]):
                    files.no_files_matching(scopes, '*.pyc')
            language rust:
                connection_check depends(source: scope[], target: scope[]):
                    rust.depends_on(source, target)
            """;

    private static List<String> names(List<ValueNode> nodes) {
        return nodes.stream().map(ValueNode::displayName).toList();
    }

    @Test
    void twoParameterChecksRunPerUsesWithTheTargetsScopesOfTheLanguage() {
        SemanticModel m = Fixture.of("main.hie", LANGUAGES + """
                element app:
                    element web:
                        scope views<python> = python.module_selector('web.views')
                        scope native<rust> = rust.module_selector('native')
                        views uses core
                        native uses core.engine
                    element core:
                        scope models<python> = python.module_selector('core.models')
                        scope engine<rust> = rust.module_selector('engine')
                        element db:
                            scope queries<python> = python.module_selector('core.db')
                """).analyze();
        assertEquals(List.of(), Fixture.render(m));
        List<ConnectionPlan.ConnectionRun> runs = m.connectionPlan().connectionRuns();
        assertEquals(2, runs.size());
        ConnectionPlan.ConnectionRun py = runs.get(0);
        assertEquals("python.can_import", py.check().qualifiedName());
        assertEquals("app.web.views", py.source().displayName());
        assertEquals(List.of("app.core.models", "app.core.db.queries"), names(py.targets()));
        assertEquals("views uses core", Texts.collapse(m.files().get(0).source().text(), py.uses().node().span()));
        ConnectionPlan.ConnectionRun rs = runs.get(1);
        assertEquals("rust.depends", rs.check().qualifiedName());
        assertEquals(List.of("app.core.engine"), names(rs.targets()));
    }

    @Test
    void oneParameterChecksRunOncePerElementWithAllItsScopesOfTheLanguage() {
        SemanticModel m = Fixture.of("main.hie", LANGUAGES + """
                element app:
                    scope a<python> = python.module_selector('a')
                    scope b<python> = python.module_selector('b')
                    scope c<rust> = rust.module_selector('c')
                    element child:
                        scope d<python> = python.module_selector('d')
                """).analyze();
        List<ConnectionPlan.ElementRun> runs = m.connectionPlan().elementRuns();
        assertEquals(2, runs.size());
        assertEquals("app", runs.get(0).element().path());
        assertEquals("python.tidy", runs.get(0).check().qualifiedName());
        assertEquals(List.of("app.a", "app.b"), names(runs.get(0).scopes()));
        assertEquals(List.of("app.child.d"), names(runs.get(1).scopes()));
    }

    @Test
    void undeclaredLanguagesAndUnannotatedSourcesPlanNothing() {
        SemanticModel m = Fixture.of("main.hie", """
                element app:
                    scope a<kotlin> = files.folder_selector('a')
                    scope b = files.folder_selector('b')
                    scope c<kotlin> = files.folder_selector('c')
                    a uses c
                    b uses c
                """).analyze();
        assertEquals(List.of(), Fixture.render(m));
        assertEquals(List.of(), m.connectionPlan().connectionRuns());
        assertEquals(List.of(), m.connectionPlan().elementRuns());
    }

    @Test
    void connectionCheckBodiesAreCheckedLikeChecks() {
        assertEquals(List.of("E206 main.hie:3:16 [imports_allowed] Unknown function: python.imports_allowed",
                "E208 main.hie:5:16 [module_selector] python.module_selector is a selector, not a check: it selects "
                        + "a scope (use it in a scope or ref)",
                "E200 main.hie:7:36 [tgt] Undefined identifier: tgt"), Fixture.render(Fixture.of("main.hie", """
                        language python:
                            connection_check a(source: scope[], target: scope[]):
                                python.imports_allowed(source, target)
                            connection_check b(scopes: scope[]):
                                python.module_selector(scopes)
                            connection_check c(source: scope[], target: scope[]):
                                python.calls_scope(source, tgt)
                        """).analyze()));
    }

    @Test
    void usesTargetsResolveLikePathsAndUnknownOnesAreReported() {
        assertEquals(List.of("E202 main.hie:5:17 [dbb] Undefined reference: core.dbb",
                "E200 main.hie:6:12 [nope] Undefined identifier: nope"), Fixture.render(Fixture.of("main.hie", """
                        element app:
                            element core:
                                scope db = files.folder_selector('db')
                            scope s = files.folder_selector('s')
                            s uses core.dbb
                            s uses nope
                        """).analyze()));
    }
}
