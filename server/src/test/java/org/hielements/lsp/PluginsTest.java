package org.hielements.lsp;

import static org.hielements.library.config.PluginFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.hielements.library.config.PluginFixtures;
import org.hielements.service.ConfiguredLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins in the editor: the WASM {@code sample} plugin's functions in completion and hover and its check failures
 * as diagnostics, {@code hielements.toml} diagnostics (on disk and while editing), reloading when it changes, and a
 * hanging process plugin that never delays syntax diagnostics.
 */
class PluginsTest {
    @TempDir
    Path root;

    static final String WASM_TOML = "[libraries.sample]\npath = " + q(PluginFixtures.sampleWasm()) + "\n"
            + "[libraries.sample.permissions]\nfilesystem = [\"read\"]\n";

    static String codes(PublishDiagnosticsParams p) {
        return String.join(",", p.getDiagnostics().stream().map(d -> d.getCode().getLeft()).sorted().toList());
    }

    private LspHarness start() throws Exception {
        return LspHarness.start(root, p -> {
        }, ConfiguredLibraries.loader());
    }

    @Test
    void wasmPluginFunctionsInCompletionHoverAndCheckDiagnostics() throws Exception {
        Files.writeString(root.resolve("hielements.toml"), WASM_TOML);
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/main.rs"), "fn main() {}\n");
        try (LspHarness lsp = start()) {
            String text = """
                    element app {
                        scope src = sample.simple_selector('src')
                        check sample.has_extension(src, '.py')
                        check sample.always_pass()
                    }
                    """;
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", text);
            PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri, mark, d -> codes(d).equals("F001"));
            String message = p.getDiagnostics().get(0).getMessage().getLeft();
            assertTrue(message.contains("main.rs"), "the plugin's own failure message: " + message);
            assertEquals(new Position(2, 4), p.getDiagnostics().get(0).getRange().getStart());

            List<String> checks = lsp.completion(uri, new Position(3, 17)).stream().map(CompletionItem::getLabel)
                    .toList();
            assertTrue(checks.containsAll(List.of("always_pass", "file_count_check", "has_extension", "prime_count")),
                    checks.toString());
            assertTrue(!checks.contains("simple_selector"), checks.toString());
            List<String> selectors = lsp.completion(uri, new Position(1, 23)).stream().map(CompletionItem::getLabel)
                    .toList();
            assertTrue(selectors.contains("simple_selector"), selectors.toString());

            Hover h = lsp.hover(uri, new Position(2, 20));
            assertNotNull(h);
            String md = h.getContents().getRight().getValue();
            assertTrue(md.contains("sample.has_extension(scope: Scope, ext: string) -> CheckResult"), md);
            assertTrue(md.contains("Passes when the name of every file of the scope ends with the extension"), md);
            Hover lib = lsp.hover(uri, new Position(2, 12));
            assertTrue(lib.getContents().getRight().getValue().contains("*plugin library*"),
                    lib.getContents().getRight().getValue());
        }
    }

    @Test
    void hielementsTomlProblemsAreDiagnosticsInThatFile() throws Exception {
        Files.writeString(root.resolve("hielements.toml"), "[libraries.sample]\npath = \"nowhere.wasm\"\n");
        try (LspHarness lsp = start()) {
            String tomlUri = root.resolve("hielements.toml").toUri().toString();
            PublishDiagnosticsParams onDisk = lsp.awaitDiagnostics(tomlUri, 0, d -> !d.getDiagnostics().isEmpty());
            assertEquals(DiagnosticSeverity.Error, onDisk.getDiagnostics().get(0).getSeverity());
            assertEquals(1, onDisk.getDiagnostics().get(0).getRange().getStart().getLine(), onDisk.toString());

            // while it is edited: the buffer's problems, with its version
            int mark = lsp.client.mark();
            lsp.remote.getTextDocumentService().didOpen(new org.eclipse.lsp4j.DidOpenTextDocumentParams(
                    new org.eclipse.lsp4j.TextDocumentItem(tomlUri, "toml", 1,
                            "[libraries.sample]\npath = " + q(PluginFixtures.sampleWasm()) + "\ncolour = 1\n")));
            PublishDiagnosticsParams open = lsp.awaitDiagnostics(tomlUri, mark, d -> Integer.valueOf(1).equals(
                    d.getVersion()));
            assertEquals(1, open.getDiagnostics().size(), open.toString());
            assertEquals(DiagnosticSeverity.Warning, open.getDiagnostics().get(0).getSeverity(), "an unknown key");
            assertEquals(2, open.getDiagnostics().get(0).getRange().getStart().getLine());
            int mark2 = lsp.client.mark();
            lsp.change(tomlUri, 2, new Range(new Position(0, 0), new Position(0, 1)), "");
            PublishDiagnosticsParams broken = lsp.awaitDiagnostics(tomlUri, mark2, d -> Integer.valueOf(2).equals(
                    d.getVersion()));
            assertTrue(broken.getDiagnostics().stream().anyMatch(d -> d.getSeverity() == DiagnosticSeverity.Error),
                    "a TOML syntax error: " + broken);
        }
    }

    @Test
    void aChangedTomlReloadsTheLibraries() throws Exception {
        try (LspHarness lsp = start()) {
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", "element app {\n    check sample.always_pass()\n}\n");
            lsp.awaitDiagnostics(uri, mark, d -> codes(d).equals("E203"));
            int mark2 = lsp.client.mark();
            Files.writeString(root.resolve("hielements.toml"), WASM_TOML);
            lsp.remote.getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(root.resolve("hielements.toml").toUri().toString(), FileChangeType.Created))));
            lsp.awaitDiagnostics(uri, mark2, d -> d.getDiagnostics().isEmpty());
        }
    }

    @Test
    void aHangingProcessPluginNeverDelaysSyntaxDiagnostics() throws Exception {
        if (!PluginFixtures.pythonOr("aHangingProcessPluginNeverDelaysSyntaxDiagnostics")) return;
        Files.writeString(root.resolve("hielements.toml"), "[libraries.stuck]\nexecutable = "
                + q(PluginFixtures.pythonCommand()) + "\nargs = [" + q(PluginFixtures.faulty()) + ", \"--silent-doc\"]\n"
                + "timeout = \"60s\"\n");
        try (LspHarness lsp = LspHarness.start(root, p -> p.setInitializationOptions(
                com.google.gson.JsonParser.parseString("{\"trustedWorkspace\": true}")), ConfiguredLibraries.loader())) {
            int mark = lsp.client.mark();
            String uri = lsp.open("app.hie", "element app {\n    scope s = stuck.hang()\n    check files.exists(s, 'x')\n}\n");
            lsp.awaitDiagnostics(uri, mark, d -> true);
            Thread.sleep(500); // the check run is now waiting on the plugin, and so is its documentation request
            for (int v = 2; v <= 5; v++) {
                int m = lsp.client.mark();
                long start = System.nanoTime();
                if (v % 2 == 0) lsp.change(uri, v, new Range(new Position(3, 1), new Position(3, 1)), " ;");
                else lsp.change(uri, v, new Range(new Position(3, 1), new Position(3, 3)), "");
                int version = v;
                PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri, m, d -> d.getVersion() == version);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms < 3000, "syntax diagnostics took " + ms + " ms while a plugin hangs");
                assertEquals(v % 2 == 0, codes(p).contains("E017"), codes(p));
            }
        }
    }
}
