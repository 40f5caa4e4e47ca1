package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternEvaluationTest {
    @TempDir
    Path tmp;

    private static final String PATTERN = """
            pattern service:
                scope code
                ref port: integer
                check files.exists(code, 'main.py')
                check files.no_files_matching(code, '*.pyc')
            """;

    @Test
    void aPatternWithTwoChecksImplementedByThreeElementsGivesSixOutcomesEachOnItsElement() {
        CheckFixture f = new CheckFixture(tmp)
                .file("a/main.py", "").file("b/main.py", "").file("b/old.pyc", "").file("c/other.py", "")
                .hie("spec.hie", PATTERN + """
                        element a implements service:
                            scope code binds service.code = files.folder_selector('a')
                            ref port: integer binds service.port = 1
                        element b implements service:
                            scope src binds service.code = files.folder_selector('b')
                            ref p: integer binds service.port = 2
                        element c implements service:
                            scope code binds service.code = files.folder_selector('c')
                            service.port = 3
                        """);
        RunResult r = f.run();
        assertEquals(List.of(), f.staticDiagnostics());
        assertEquals(List.of(
                "PASS a :: files.exists(code, 'main.py') (service)",
                "PASS a :: files.no_files_matching(code, '*.pyc') (service)",
                "PASS b :: files.exists(code, 'main.py') (service)",
                "FAIL b :: files.no_files_matching(code, '*.pyc') (service) --> Found 1 files matching pattern "
                        + "'*.pyc': [\"b/old.pyc\"] [F001] @spec.hie:9:22 [service]",
                "FAIL c :: files.exists(code, 'main.py') (service) --> File 'main.py' does not exist in folder 'c' "
                        + "[F001] @spec.hie:12:22 [service]",
                "PASS c :: files.no_files_matching(code, '*.pyc') (service)"), CheckFixture.rows(r));
        for (Outcome o : r.outcomes()) {
            assertEquals(Outcome.Kind.PATTERN_CHECK, o.kind());
            assertEquals("service", CheckFixture.text(o.source(), o.span()));
            Diagnostic.Related rel = o.related().get(0);
            assertTrue(CheckFixture.text(rel.source(), rel.span()).startsWith("check files."), rel.toString());
            assertTrue(rel.message().startsWith("check of pattern 'service': files."), rel.message());
            assertTrue(CheckFixture.at(rel.source(), rel.span().start()).matches("spec\\.hie:[45]:5"));
        }
        assertEquals(List.of(), r.diagnostics());
    }

    @Test
    void aPlaceholderBoundToAFailingSelectorIsOneErrorOnTheBindingNotACascade() {
        CheckFixture f = new CheckFixture(tmp).file("a/main.py", "").hie("spec.hie", PATTERN + """
                element a implements service:
                    scope code binds service.code = files.folder_selector('../outside')
                    ref port: integer binds service.port = 1
                    scope derived = files.folder_selector('a')
                    check files.exists(derived, 'main.py')
                """);
        RunResult r = f.run();
        assertEquals(List.of("E101 @spec.hie:7:37 [files.folder_selector('../outside')] folder_selector requires a "
                + "path inside the workspace: '../outside' leaves it"), CheckFixture.diagnostics(r.diagnostics()));
        assertEquals(List.of(
                "PASS a :: files.exists(derived, 'main.py')",
                "ERROR a :: files.exists(code, 'main.py') (service) --> depends on failed scope `a.code` [E230] "
                        + "@spec.hie:6:22 [service]",
                "ERROR a :: files.no_files_matching(code, '*.pyc') (service) --> depends on failed scope `a.code` "
                        + "[E230] @spec.hie:6:22 [service]"), CheckFixture.rows(r));
        // each dependent outcome points at the check in the pattern and at the failed binding
        Outcome o = r.outcomes().get(1);
        assertEquals(2, o.related().size());
        assertEquals("files.folder_selector('../outside')",
                CheckFixture.text(o.related().get(1).source(), o.related().get(1).span()));
    }

    @Test
    void oldStyleBindingsAndPatternDefaultsAreEvaluatedPerImplementation() {
        CountingLibrary t = new CountingLibrary();
        CheckFixture f = new CheckFixture(tmp).library(t).hie("spec.hie", """
                pattern p:
                    scope code
                    scope conf = t.sel('conf')
                    ref level: integer = 3
                    element inner:
                        scope part
                    check t.args(code, conf, level, inner.part)
                element x implements p:
                    p.code = t.sel('x')
                    p.inner.part = t.sel('x/part')
                element y implements p:
                    scope mine binds p.code = t.sel('y')
                    p.inner.part = code_of_y
                    scope code_of_y = t.sel('y/part')
                    p.level = 'not a number'
                """);
        RunResult r = f.run();
        assertEquals(List.of(), f.staticDiagnostics());
        assertEquals(List.of("PASS x :: t.args(code, conf, level, inner.part) (p)",
                "ERROR y :: t.args(code, conf, level, inner.part) (p) --> depends on failed ref `p.level` of `y` "
                        + "[E230] @spec.hie:11:22 [p]"), CheckFixture.rows(r));
        List<Value> args = t.recorded.get(0);
        assertEquals("File('x')", args.get(0).display());
        assertEquals("File('conf')", args.get(1).display());
        assertEquals(Value.of(3L), args.get(2));
        assertEquals("File('x/part')", args.get(3).display());
        assertEquals(2, t.calls("sel", "conf"), "the default is evaluated once per implementation");
        assertEquals(List.of("E214 @spec.hie:15:15 ['not a number'] Type mismatch: the value bound to p.level for y "
                + "is declared integer but its value is a string ('not a number')"),
                CheckFixture.diagnostics(r.diagnostics()));
    }

    @Test
    void aFailingDefaultIsReportedOnTheImplementsClauseOfEachImplementation() {
        CheckFixture f = new CheckFixture(tmp).hie("spec.hie", """
                pattern p:
                    scope docker = files.file_selector('/Dockerfile')
                    check files.exists(docker, 'x')
                element a implements p:
                    scope s = files.folder_selector('.')
                """);
        RunResult r = f.run();
        assertEquals(List.of("E100 @spec.hie:4:22 [p] p.docker: file_selector requires a path inside the workspace: "
                + "'/Dockerfile' is absolute"), CheckFixture.diagnostics(r.diagnostics()));
        assertEquals(List.of("ERROR a :: files.exists(docker, 'x') (p) --> depends on failed scope `p.docker` of `a` "
                + "[E230] @spec.hie:4:22 [p]"), CheckFixture.rows(r));
        assertEquals("files.file_selector('/Dockerfile')", CheckFixture.text(r.diagnostics().get(0).related().get(0)
                .source(), r.diagnostics().get(0).related().get(0).span()));
    }

    @Test
    void refRequirementsWithValuesAreCheckedAgainstTheValues() {
        CheckFixture f = new CheckFixture(tmp).hie("spec.hie", """
                pattern web:
                    requires ref port: integer = 8080
                    requires descendant ref name: string
                element ok implements web:
                    ref port: integer = 8080
                    element inner:
                        ref name: string = 'svc'
                element bad implements web:
                    ref port: integer = 9090
                    element inner:
                        ref name: string = 'svc'
                        ref other: integer = 1
                """);
        RunResult r = f.run();
        assertEquals(List.of(), f.staticDiagnostics());
        List<String> ds = CheckFixture.diagnostics(r.diagnostics());
        assertEquals(List.of("E220 @spec.hie:8:24 [web] Requirement of pattern 'web' not met: requires ref port: "
                + "integer = 8080 (bad.port is 9090)"), ds);
        assertEquals("requires ref port: integer = 8080", CheckFixture.text(r.diagnostics().get(0).related().get(0)
                .source(), r.diagnostics().get(0).related().get(0).span()));
    }
}
