package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Scope;
import org.hielements.library.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    @TempDir
    Path tmp;

    private CheckFixture fx() {
        return new CheckFixture(tmp);
    }

    @Test
    void plainChecksPassFailAndErrorEachWithTheCheckStatementsPosition() {
        CheckFixture f = fx().file("src/main.py", "print(1)\n").hie("spec.hie", """
                element app:
                    scope src = files.folder_selector('src')
                    check files.exists(src, 'main.py')
                    check files.exists(src, 'missing.py')
                    check files.max_size(src, -1)
                """);
        RunResult r = f.run();
        assertEquals(List.of(
                "PASS app :: files.exists(src, 'main.py')",
                "FAIL app :: files.exists(src, 'missing.py') --> File 'missing.py' does not exist in folder 'src'"
                        + " [F001] @spec.hie:4:5 [check files.exists(src, 'missing.py')]",
                "ERROR app :: files.max_size(src, -1) --> " + r.outcomes().get(2).message() + " [E117] "
                        + "@spec.hie:5:5 [check files.max_size(src, -1)]"), CheckFixture.rows(r));
        assertTrue(r.outcomes().get(2).message().contains("negative"), r.outcomes().get(2).message());
        assertEquals(Map.of("total", 3, "passed", 1, "failed", 1, "errors", 1, "skipped", 0),
                CheckFixture.counts(r));
        assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
        assertFalse(r.ok());
    }

    @Test
    void valuesAreComputedOnDemandInDependencyOrderEachOncePerRun() {
        CountingLibrary t = new CountingLibrary();
        CheckFixture f = fx().library(t).hie("spec.hie", """
                element app:
                    check t.args(later, child.inner)
                    check t.args(later)
                    scope later = t.sel('a')
                    element child:
                        scope inner = t.sel('b')
                        check t.args(inner, later)
                """);
        RunResult r = f.run();
        assertEquals(List.of(), f.staticDiagnostics());
        assertEquals(List.of("PASS app :: t.args(later, child.inner)", "PASS app :: t.args(later)",
                "PASS app.child :: t.args(inner, later)"), CheckFixture.rows(r));
        assertEquals(1, t.calls("sel", "a"));
        assertEquals(1, t.calls("sel", "b"));
        Scope a = (Scope) t.recorded.get(0).get(0);
        assertEquals(f.root.resolve("a"), a.paths().get(0));
        assertEquals(a, t.recorded.get(2).get(1));

        // a second run starts from nothing
        f.run();
        assertEquals(2, t.calls("sel", "a"));
    }

    @Test
    void unusedValuesAreComputedTooSoEveryFailingSelectorIsReported() {
        CountingLibrary t = new CountingLibrary();
        CheckFixture f = fx().library(t).hie("spec.hie", """
                element app:
                    scope unused = t.sel('u')
                    scope bad = t.broken('nobody needs me')
                """);
        RunResult r = f.run();
        assertEquals(1, t.calls("sel", "u"));
        assertEquals(List.of("E900 @spec.hie:3:17 [t.broken('nobody needs me')] broken: nobody needs me"),
                CheckFixture.diagnostics(r.diagnostics()));
        assertFalse(r.ok());
    }

    @Test
    void aFailingSelectorIsOneDiagnosticAndEachDependentCheckSaysDependsOnFailedScope() {
        CheckFixture f = fx().file("src/a.py", "").hie("spec.hie", """
                element app:
                    scope outside = files.folder_selector('/etc')
                    scope derived = files.folder_selector('src')
                    scope list = [outside, derived]
                    check files.exists(outside, 'passwd')
                    check files.exists(derived, 'a.py')
                    element child:
                        ref again: list = list
                        check files.exists(again, 'x')
                """);
        RunResult r = f.run();
        assertEquals(List.of(), f.staticDiagnostics());
        assertEquals(List.of(
                "E101 @spec.hie:2:21 [files.folder_selector('/etc')] folder_selector requires a path inside the "
                        + "workspace: '/etc' is absolute"), CheckFixture.diagnostics(r.diagnostics()));
        assertEquals(List.of(
                "ERROR app :: files.exists(outside, 'passwd') --> depends on failed scope `app.outside` [E230] "
                        + "@spec.hie:5:5 [check files.exists(outside, 'passwd')]",
                "PASS app :: files.exists(derived, 'a.py')",
                "ERROR app.child :: files.exists(again, 'x') --> depends on failed scope `app.outside` [E230] "
                        + "@spec.hie:9:9 [check files.exists(again, 'x')]"), CheckFixture.rows(r));
        Outcome o = r.outcomes().get(0);
        assertEquals(1, o.related().size());
        assertEquals("scope `app.outside` failed: folder_selector requires a path inside the workspace: '/etc' is "
                + "absolute", o.related().get(0).message());
        assertEquals("files.folder_selector('/etc')",
                CheckFixture.text(o.related().get(0).source(), o.related().get(0).span()));
        // as diagnostics: the scope's error, then one E230 per dependent check, F001 for nothing (none failed)
        assertEquals(List.of("E101", "E230", "E230"),
                r.allDiagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void refsAreEvaluatedPassedAsArgumentsAndTheirBasicTypesChecked() {
        CountingLibrary t = new CountingLibrary();
        CheckFixture f = fx().library(t).hie("spec.hie", """
                element app:
                    ref port: integer = 8080
                    ref ratio: float = 2
                    ref name: string = 'x'
                    ref flag: boolean = true
                    ref items: list = [1, 2.5]
                    ref src: scope = t.sel('s')
                    ref wrong: integer = 'eighty'
                    ref custom: HttpHandler = 'anything'
                    check t.args(port, ratio, name, flag, items, src, custom)
                    check t.args(wrong)
                """);
        RunResult r = f.run();
        assertEquals(List.of("PASS app :: t.args(port, ratio, name, flag, items, src, custom)",
                "ERROR app :: t.args(wrong) --> depends on failed ref `app.wrong` [E230] @spec.hie:11:5 "
                        + "[check t.args(wrong)]"), CheckFixture.rows(r));
        List<Value> args = t.recorded.get(0);
        assertEquals(Value.of(8080L), args.get(0));
        assertEquals(Value.of(2L), args.get(1));
        assertEquals(Value.list(Value.of(1L), Value.of(2.5)), args.get(4));
        assertEquals(List.of("E214 @spec.hie:8:16 [integer] Type mismatch: ref wrong is declared integer but its "
                + "value is a string ('eighty')"), CheckFixture.diagnostics(r.diagnostics()));
    }

    @Test
    void checksThatCannotRunAreErrorsWithUpstreamsMessagesAndTheStaticCode() {
        CheckFixture f = fx().hie("spec.hie", """
                element app:
                    scope src = files.folder_selector('.')
                    check files.exists(nothing, 'x')
                    check docker.has_healthcheck(src)
                    check src.exists('x')
                    check files.exists(app, 'x')
                    check 'text'
                """);
        f.analyze();
        RunResult r = f.run();
        assertEquals(List.of(
                "ERROR app :: files.exists(nothing, 'x') --> Undefined identifier: nothing [E200] @spec.hie:3:5 "
                        + "[check files.exists(nothing, 'x')]",
                "ERROR app :: docker.has_healthcheck(src) --> Unknown library: docker [E203] @spec.hie:4:5 "
                        + "[check docker.has_healthcheck(src)]",
                "ERROR app :: src.exists('x') --> Expected library.function [E205] @spec.hie:5:5 "
                        + "[check src.exists('x')]",
                "ERROR app :: files.exists(app, 'x') --> app cannot be evaluated directly: it is an element, not a "
                        + "scope or ref [E201] @spec.hie:6:5 [check files.exists(app, 'x')]",
                "ERROR app :: 'text' --> Check must be a function call [E204] @spec.hie:7:5 [check 'text']"),
                CheckFixture.rows(r));
        // the static analysis reported every one of them (E201 too): as diagnostics they are not repeated
        assertEquals(List.of(true, true, true, true, true),
                r.outcomes().stream().map(Outcome::reportedStatically).toList());
        assertEquals(List.of(), r.allDiagnostics().stream().map(Diagnostic::code).toList());
        assertTrue(f.model.diagnostics().stream().anyMatch(d -> d.code().equals("E201")
                && d.message().equals("app cannot be evaluated directly: it is an element, not a scope or ref")));
    }

    @Test
    void scopesInACycleAreNotEvaluatedAndTheirChecksSayWhy() {
        CountingLibrary t = new CountingLibrary();
        CheckFixture f = fx().library(t).hie("spec.hie", """
                element app:
                    scope a = [b]
                    scope b = [a]
                    scope ok = t.sel('ok')
                    check t.args(a)
                    check t.args(ok)
                """);
        f.analyze();
        assertEquals(List.of("E215", "E215"), f.model.diagnostics().stream().map(Diagnostic::code).toList());
        RunResult r = f.run();
        assertEquals(List.of("ERROR app :: t.args(a) --> depends on failed scope `app.a` [E230] @spec.hie:5:5 "
                + "[check t.args(a)]", "PASS app :: t.args(ok)"), CheckFixture.rows(r));
        assertTrue(r.outcomes().get(0).related().get(0).message().contains("dependency cycle"),
                r.outcomes().get(0).related().toString());
        assertEquals(List.of(), r.diagnostics(), "the cycle is reported statically only");
    }

    @Test
    void aLibraryThatThrowsGivesAnErrorOutcomeAndTheRunGoesOn() {
        CheckFixture f = fx().library(new CountingLibrary() {
            @Override
            public org.hielements.library.CheckResult check(String function, List<Value> args,
                    org.hielements.library.CallContext context) throws org.hielements.library.LibraryException {
                if (function.equals("no")) throw new IllegalStateException("boom");
                return super.check(function, args, context);
            }
        }).hie("spec.hie", """
                element app:
                    check t.no()
                    check t.ok()
                """);
        RunResult r = f.run();
        assertEquals(List.of("ERROR app :: t.no() --> library 't' failed in no: java.lang.IllegalStateException: boom "
                + "[E230] @spec.hie:2:5 [check t.no()]", "PASS app :: t.ok()"), CheckFixture.rows(r));
    }
}
