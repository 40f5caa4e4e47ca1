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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language server's runs are incremental (CheckRuns keeps a CheckCache per document): after a save that changed
 * one scope's file, only that scope's checks run again; the others' outcomes are kept, and every outcome is the one a
 * run from nothing gives.
 */
class IncrementalRunsTest {
    static final String APP = """
            element app:
                element api:
                    scope code = files.folder_selector('api')
                    check python.no_import(code, 'pickle')
                    check files.no_files_matching(code, '*.log')
                    check files.max_size(code, 1000)
                element data:
                    scope code = files.folder_selector('data')
                    check python.no_import(code, 'pickle')
                    check files.max_size(code, 1000)
                element web:
                    scope code = files.folder_selector('web')
                    check python.imports(code, 'logging')
            """;

    @TempDir
    Path root;

    private LanguageService service;
    private ExecutorService executor;
    private CheckRuns runs;
    private String uri;

    @BeforeEach
    void start() throws Exception {
        for (String f : List.of("api/a.py", "api/b.py", "data/store.py", "web/app.py")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), "import logging\nimport os\n");
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

    private CheckRuns.Summary run() throws Exception {
        CheckRuns.Summary s = runs.runDocument(uri).get(30, TimeUnit.SECONDS);
        assertFalse(s.cancelled(), s.text());
        return s;
    }

    /** The outcomes of the document's last run, as text. */
    private List<String> outcomes() {
        return runs.lastRun(uri).orElseThrow().outcomes().stream()
                .map(o -> o.element() + " :: " + o.check() + " " + o.status() + " " + o.message()).toList();
    }

    /** The same document's outcomes from a service that never ran before (no cache). */
    private List<String> cold() throws Exception {
        LanguageService fresh = new LanguageService(LibraryLoader.builtinsOnly());
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            fresh.folders().add(root);
            CheckRuns r = new CheckRuns(fresh, new DiagnosticsHub((u, v, d) -> {}), ex, RunProgress.NONE);
            fresh.open(uri, 1, APP);
            CheckRuns.Summary s = r.runDocument(uri).get(30, TimeUnit.SECONDS);
            assertEquals(0, s.fromCache());
            return r.lastRun(uri).orElseThrow().outcomes().stream()
                    .map(o -> o.element() + " :: " + o.check() + " " + o.status() + " " + o.message()).toList();
        } finally {
            ex.shutdownNow();
            fresh.close();
        }
    }

    @Test
    void aSaveTouchingOneScopesFileRerunsOnlyThatScopesChecks() throws Exception {
        CheckRuns.Summary first = run();
        assertEquals(0, first.fromCache());
        assertEquals(6, first.passed(), first.text());

        CheckRuns.Summary second = run();               // saved without a change on disk: everything reused
        assertEquals(6, second.fromCache(), second.text());
        assertEquals(cold(), outcomes());

        // the user saves api/b.py with a forbidden import: the watched-file event marks outcomes stale, a run follows
        Files.writeString(root.resolve("api/b.py"), "import pickle\n");
        runs.markStale();
        CheckRuns.Summary third = run();
        // api's checks that read b.py ran again; no_files_matching reads names only (the listing did not change)
        assertEquals(4, third.fromCache(), "api's no_import and max_size ran again, the others were kept: "
                + third.text());
        assertEquals(1, third.failed(), third.text());
        List<String> now = outcomes();
        assertEquals(cold(), now);
        assertTrue(now.stream().anyMatch(o -> o.startsWith("app.api :: python.no_import(code, 'pickle') FAIL")), now.toString());

        // a new file in data/: data's checks run again, and the Python checks that resolve imports against the module
        // names of every Python file may; the files checks of api and web are kept
        Files.writeString(root.resolve("data/extra.py"), "import os\n");
        runs.markStale();
        CheckRuns.Summary fourth = run();
        assertTrue(fourth.fromCache() >= 2 && fourth.fromCache() <= 4, fourth.text());
        assertEquals(cold(), outcomes());
    }

    @Test
    void anEditOfTheDocumentItselfRunsItsChecksAgain() throws Exception {
        run();
        String edited = APP.replace("max_size(code, 1000)\n    element data", "max_size(code, 10)\n    element data");
        assertFalse(edited.equals(APP));
        service.change(uri, 2, List.of(new TextChange(null, edited)));
        CheckRuns.Summary s = run();
        assertEquals(0, s.fromCache(), "another text: the model's key changed, no outcome reused: " + s.text());
        assertEquals(1, s.failed(), s.text());
    }
}
