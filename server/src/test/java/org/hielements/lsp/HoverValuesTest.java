package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hover on a scope or ref shows its value once checks ran, on a workspace with real files. */
class HoverValuesTest {
    @TempDir
    Path root;

    static final String APP = """
            pattern svc {
                scope code
            }

            element app implements svc {
                scope src = files.folder_selector('src')
                scope lib binds svc.code = files.folder_selector('lib')
                ref port: integer = 8080
                check files.exists(src, 'a.py')
                check files.exists(svc.code, 'util.py')
            }
            """;

    /** The position of the cursor written into the first occurrence of {@code needle} ({@code |} in it). */
    private static Position cursor(String text, String needle) {
        String plain = needle.replace("|", "");
        assertTrue(text.contains(plain), needle);
        return TextWithCursor.of(text.replaceFirst(java.util.regex.Pattern.quote(plain),
                java.util.regex.Matcher.quoteReplacement(needle))).position();
    }

    private static String hover(LspHarness lsp, String uri, String text, String needle) throws Exception {
        Hover h = lsp.hover(uri, cursor(text, needle));
        assertNotNull(h, "no hover at " + needle);
        return h.getContents().getRight().getValue();
    }

    private static Map<?, ?> runChecks(LspHarness lsp, String uri) throws Exception {
        return (Map<?, ?>) lsp.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(
                "hielements.runChecks", List.of(uri))).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
    }

    @Test
    void valuesAfterARunUntilTheTextChanges() throws Exception {
        Files.createDirectories(root.resolve("src"));
        Files.createDirectories(root.resolve("lib"));
        for (String f : List.of("src/a.py", "src/b.py", "src/c.py", "lib/util.py")) {
            Files.writeString(root.resolve(f), "# " + f + "\n");
        }
        String scope = "Value: `Folder('src')` selected 3 files: `src/a.py`, `src/b.py`, `src/c.py`";
        try (LspHarness lsp = LspHarness.start(root)) {
            String uri = lsp.open("app.hie", APP);
            assertEquals(2, ((Number) runChecks(lsp, uri).get("passed")).intValue());

            String use = hover(lsp, uri, APP, "exists(sr|c");
            assertTrue(use.contains("scope `app.src`") && use.contains(scope), use);
            assertTrue(hover(lsp, uri, APP, "scope s|rc").contains(scope));
            String bound = "Value: `Folder('lib')` selected 1 file: `lib/util.py`";
            assertTrue(hover(lsp, uri, APP, "exists(svc.co|de").contains(bound), hover(lsp, uri, APP, "exists(svc.co|de"));
            assertTrue(hover(lsp, uri, APP, "binds svc.co|de").contains(bound));
            assertTrue(hover(lsp, uri, APP, "ref po|rt").contains("Value: `8080`"));

            // an edit: the values of the run are stale, none shown before the next run
            String edited = APP.replace("    ref port", "    ## the port\n    ref port");
            lsp.change(uri, 2, new Range(new Position(7, 0), new Position(7, 0)), "    ## the port\n");
            String before = hover(lsp, uri, edited, "exists(sr|c");
            assertTrue(before.contains("scope `app.src`"), before);
            assertFalse(before.contains("Value:"), before);
            assertFalse(hover(lsp, uri, edited, "ref po|rt").contains("Value:"));

            // after the run: shown again
            runChecks(lsp, uri);
            assertTrue(hover(lsp, uri, edited, "exists(sr|c").contains(scope));
            assertTrue(hover(lsp, uri, edited, "ref po|rt").contains("the port"));
            assertTrue(hover(lsp, uri, edited, "ref po|rt").contains("Value: `8080`"));

            // a file of the workspace changes on disk: forgotten until the next run, which sees it
            lsp.write("src/d.py", "# d\n");
            assertFalse(hover(lsp, uri, edited, "exists(sr|c").contains("Value:"));
            runChecks(lsp, uri);
            assertTrue(hover(lsp, uri, edited, "exists(sr|c").contains(
                    "selected 4 files: `src/a.py`, `src/b.py`, `src/c.py`, `src/d.py`"));
        }
    }
}
