package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hielements.text.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hover shows the values of the last check run (CheckRuns keeps them per folder) while they are current. */
class HoverValuesTest {
    static final String APP = """
            pattern svc {
                scope code
                ref port: integer
            }

            element app implements svc {
                scope src = files.folder_selector('src')
                scope lib binds svc.code = files.folder_selector('lib')
                scope broken = files.folder_selector('../nope')
                ref port: integer binds svc.port = 8080
                ref name: string = 'x'
                ref items: list = [1, 'b']
                check files.exists(src, 'a.py')
                check files.exists(svc.code, 'util.py')
            }
            """;

    @TempDir
    Path root;

    private LanguageService service;
    private ExecutorService executor;
    private CheckRuns runs;
    private String uri;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.createDirectories(root.resolve("lib"));
        for (String f : List.of("src/a.py", "src/b.py", "src/c.py", "lib/util.py")) {
            Files.writeString(root.resolve(f), "# " + f + "\n");
        }
        service = new LanguageService(LibraryLoader.builtinsOnly());
        service.folders().add(root);
        executor = Executors.newSingleThreadExecutor();
        runs = new CheckRuns(service, new DiagnosticsHub((u, v, d) -> {}), executor, RunProgress.NONE);
        uri = root.resolve("app.hie").toUri().toString();
        service.open(uri, 1, APP);
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        service.close();
    }

    /** The position of the {@code |} in {@code needle} (written with it) inside the document text. */
    private static Position at(String text, String needle) {
        int cursor = needle.indexOf('|');
        int i = text.indexOf(needle.replace("|", ""));
        assertTrue(i >= 0 && text.indexOf(needle.replace("|", ""), i + 1) < 0, "one '" + needle + "' in the text");
        int offset = i + cursor;
        int line = 0;
        int lineStart = 0;
        for (int k = 0; k < offset; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    private String hover(String text, String needle) {
        return service.hover(uri, at(text, needle), runs).orElseThrow().markdown();
    }

    private void run() throws Exception {
        CheckRuns.Summary s = runs.runDocument(uri).get(30, TimeUnit.SECONDS);
        assertFalse(s.cancelled(), s.text());
    }

    @Test
    void valuesOfTheLastRunWhileCurrent() throws Exception {
        // before any run: what the name is, no value
        String before = hover(APP, "exists(sr|c, 'a.py')");
        assertTrue(before.contains("scope `app.src`"), before);
        assertFalse(before.contains("Value:"), before);

        run();
        String scope = "Value: `Folder('src')` selected 3 files: `src/a.py`, `src/b.py`, `src/c.py`";
        String use = hover(APP, "exists(sr|c, 'a.py')");
        assertTrue(use.contains("scope `app.src`") && use.contains(scope), use);
        assertTrue(hover(APP, "scope s|rc =").contains(scope), "at the declaration too");

        // a placeholder as bound in the implementing element, at a use and at the binds target
        String bound = "Value: `Folder('lib')` selected 1 file: `lib/util.py`";
        assertTrue(hover(APP, "exists(svc.co|de,").contains(bound), hover(APP, "exists(svc.co|de,"));
        assertTrue(hover(APP, "binds svc.co|de").contains(bound), hover(APP, "binds svc.co|de"));
        assertTrue(hover(APP, "scope l|ib").contains(bound), "the provider has the same value");
        assertTrue(hover(APP, "binds svc.po|rt").contains("Value: `8080`"), hover(APP, "binds svc.po|rt"));
        // inside the pattern a placeholder has one value per implementation: none shown
        assertFalse(hover(APP, "scope co|de\n").contains("Value:"), hover(APP, "scope co|de\n"));

        // other values as printed; a failed selector gives its error
        assertTrue(hover(APP, "ref na|me").contains("Value: `'x'`"), hover(APP, "ref na|me"));
        assertTrue(hover(APP, "ref it|ems").contains("Value: `[1, 'b']`"), hover(APP, "ref it|ems"));
        String broken = hover(APP, "scope bro|ken");
        assertTrue(broken.contains("Value: failed: folder_selector requires a path inside the workspace"), broken);

        // without the runs (a caller that has none) no value
        assertFalse(service.hover(uri, at(APP, "exists(sr|c, 'a.py')")).orElseThrow().markdown().contains("Value:"));

        // an edit makes the run's values stale: not shown until the next run
        String edited = APP + "## more\n";
        service.change(uri, 2, List.of(new TextChange(new Range(new Position(15, 0), new Position(15, 0)),
                "## more\n")));
        assertEquals(edited, service.analysis(uri).orElseThrow().source().text());
        assertFalse(hover(edited, "exists(sr|c, 'a.py')").contains("Value:"));
        run();
        assertTrue(hover(edited, "exists(sr|c, 'a.py')").contains(scope));

        // a file of the workspace changed on disk: forgotten until the next run
        Files.writeString(root.resolve("src/d.py"), "# d\n");
        runs.markStale();
        assertFalse(hover(edited, "exists(sr|c, 'a.py')").contains("Value:"));
        run();
        assertTrue(hover(edited, "exists(sr|c, 'a.py')").contains(
                "selected 4 files: `src/a.py`, `src/b.py`, `src/c.py`, `src/d.py`"));

        // closing the document forgets its run
        service.close(uri);
        runs.forget(uri);
        service.open(uri, 1, edited);
        assertFalse(hover(edited, "exists(sr|c, 'a.py')").contains("Value:"));
    }

    @Test
    void aWorkspaceRunGivesValuesToEveryOpenDocument() throws Exception {
        CheckRuns.Summary s = runs.runWorkspace().get(30, TimeUnit.SECONDS);
        assertFalse(s.cancelled(), s.text());
        String h = hover(APP, "exists(sr|c, 'a.py')");
        assertTrue(h.contains("selected 3 files"), h);
    }

    @Test
    void manyPathsAreCut() {
        org.hielements.library.Scope many = org.hielements.library.Scope.of(
                org.hielements.library.ScopeKind.GLOB, "**/*.py",
                java.util.stream.IntStream.range(0, 8).mapToObj(i -> root.resolve("f" + i + ".py")).toList());
        String line = Hover.valueLine(new org.hielements.check.RunResult.Computed(many, null), root);
        assertTrue(line.endsWith("`f3.py`, `f4.py` and 3 more"), line);
        assertTrue(line.contains("selected 8 files: `f0.py`"), line);
    }
}
