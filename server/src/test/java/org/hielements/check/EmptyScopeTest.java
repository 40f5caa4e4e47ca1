package org.hielements.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 item 4: a check given a scope that selected no files is an error (E231), never a pass. */
class EmptyScopeTest {
    @TempDir
    Path tmp;

    @Test
    void aCheckOverAScopeThatSelectedNothingIsAnErrorNamingTheScopeAndItsSelector() {
        CheckFixture f = new CheckFixture(tmp).file("src/app/main.py", "import os\n").hie("spec.hie", """
                element app:
                    scope code = files.folder_selector('src/ap')
                    scope real = files.folder_selector('src/app')
                    check python.no_import(code, 'pickle')
                    check files.no_files_matching(code, '*.tmp')
                    check python.no_import(real, 'pickle')
                """);
        RunResult r = f.run();
        assertEquals(List.of(
                "ERROR app :: python.no_import(code, 'pickle') --> scope 'code' selected no files"
                        + " (files.folder_selector('src/ap')) [E231] @spec.hie:4:5 [check python.no_import(code, 'pickle')]",
                "ERROR app :: files.no_files_matching(code, '*.tmp') --> scope 'code' selected no files"
                        + " (files.folder_selector('src/ap')) [E231] @spec.hie:5:5 [check files.no_files_matching(code, '*.tmp')]",
                "PASS app :: python.no_import(real, 'pickle')"), CheckFixture.rows(r));
        Outcome first = r.outcomes().get(0);
        assertEquals(1, first.related().size());
        assertEquals("files.folder_selector('src/ap')", first.source().text().substring(
                first.related().get(0).span().start(), first.related().get(0).span().end()));
        assertTrue(first.toDiagnostic().isPresent());
    }

    @Test
    void theSelectorIsFoundThroughAScopeThatNamesAnotherAndThroughAPatternBinding() {
        CheckFixture f = new CheckFixture(tmp).file("lib/x.py", "x = 1\n").hie("spec.hie", """
                pattern service:
                    scope code
                    check python.imports(code, 'logging')
                element app:
                    scope typo = files.folder_selector('lib/none')
                    scope alias = typo
                    check files.exists(alias, 'x.py')
                    element svc implements service:
                        scope code binds service.code = files.glob_selector('lib/**/*.rs')
                """);
        RunResult r = f.run();
        List<String> rows = CheckFixture.rows(r);
        assertTrue(rows.get(0).startsWith("ERROR app :: files.exists(alias, 'x.py') --> scope 'alias' selected no"
                + " files (files.folder_selector('lib/none')) [E231]"), rows.get(0));
        assertTrue(rows.get(1).startsWith("ERROR app.svc :: python.imports(code, 'logging') (service) --> scope 'code'"
                + " selected no files (files.glob_selector('lib/**/*.rs')) [E231]"), rows.get(1));
    }

    @Test
    void anInlineSelectorThatSelectsNothingIsAnErrorToo() {
        CheckFixture f = new CheckFixture(tmp).file("a.txt", "").hie("spec.hie", """
                element app:
                    check files.exists(files.folder_selector('nowhere'), 'a.txt')
                """);
        List<String> rows = CheckFixture.rows(f.run());
        assertTrue(rows.get(0).startsWith("ERROR app :: files.exists(files.folder_selector('nowhere'), 'a.txt')"
                + " --> scope selected no files (Folder('nowhere')) [E231]"), rows.get(0));
    }
}
