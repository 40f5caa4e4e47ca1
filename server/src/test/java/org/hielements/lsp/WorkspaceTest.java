package org.hielements.lsp;

import static org.hielements.library.config.PluginFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.WorkspaceFoldersChangeEvent;
import org.hielements.library.config.PluginFixtures;
import org.hielements.service.ConfiguredLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings (pulled, initializationOptions fallback, changed), multi-root folders, watched-file registration. */
class WorkspaceTest {
    @TempDir
    Path root;

    static String codes(PublishDiagnosticsParams p) {
        return String.join(",", p.getDiagnostics().stream().map(d -> d.getCode().getLeft()).sorted().toList());
    }

    /**
     * Opens a doc with no failing check, then adds one without saving: F001 appears only when checks run on change.
     * The workspace holds a file, so that the scope selects something (an empty scope is E231, never F001).
     */
    private boolean checksRunOnChange(LspHarness lsp) throws Exception {
        Files.writeString(root.resolve("present.txt"), "a file for the scope to select\n");
        int mark = lsp.client.mark();
        String uri = lsp.open("app.hie", "element app {\n    scope s = files.folder_selector('.')\n}\n");
        lsp.awaitDiagnostics(uri, mark, d -> true);
        // the run that opening starts must be over before the edit, or it could read the edited text itself
        lsp.awaitCheckRun(uri);
        int mark2 = lsp.client.mark();
        lsp.change(uri, 2, new Range(new Position(2, 0), new Position(2, 0)), "    check files.exists(s, 'nope')\n");
        lsp.awaitDiagnostics(uri, mark2, d -> d.getVersion() == 2);
        try {
            // checks on change run about half a second after the edit; 3 s is plenty, and the negative case waits it
            lsp.client.awaitDiagnostics(uri, mark2, d -> codes(d).contains("F001"), 3000);
            return true;
        } catch (AssertionError timeout) {
            return false;
        }
    }

    @Test
    void settingsArePulledFromTheClient() throws Exception {
        try (LspHarness lsp = LspHarness.start(root)) {
            lsp.client.configuration = JsonParser.parseString("{\"checks\": {\"onChange\": true}}");
            lsp.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{}")));
            assertTrue(lsp.client.await(() -> lsp.client.configurationRequests.size() >= 2 ? true : null, 5000));
            assertEquals("hielements", lsp.client.configurationRequests.get(0).getItems().get(0).getSection());
            Thread.sleep(200);
            assertTrue(checksRunOnChange(lsp));
        }
    }

    @Test
    void initializationOptionsAreTheFallback() throws Exception {
        try (LspHarness lsp = LspHarness.start(root, p -> {
            p.getCapabilities().getWorkspace().setConfiguration(false);
            p.setInitializationOptions(JsonParser.parseString("{\"hielements\": {\"checks\": {\"onChange\": true}}}"));
        })) {
            assertTrue(lsp.client.configurationRequests.isEmpty(), "no pull when the client cannot answer");
            assertTrue(checksRunOnChange(lsp));
        }
    }

    @Test
    void withoutTheSettingChecksWaitForSave() throws Exception {
        try (LspHarness lsp = LspHarness.start(root)) {
            assertFalse(checksRunOnChange(lsp));
        }
    }

    @Test
    void fileWatchingIsRegisteredWhenTheClientCan() throws Exception {
        try (LspHarness lsp = LspHarness.start(root)) {
            var reg = lsp.client.await(() -> lsp.client.registrations.isEmpty() ? null
                    : lsp.client.registrations.get(0), 5000);
            assertEquals("workspace/didChangeWatchedFiles", reg.getRegistrations().get(0).getMethod());
        }
    }

    @Test
    void eachWorkspaceFolderHasItsOwnLibrariesAndImports() throws Exception {
        Path withPlugin = Files.createDirectories(root.resolve("one"));
        Path without = Files.createDirectories(root.resolve("two"));
        Files.writeString(withPlugin.resolve("hielements.toml"), "[libraries.sample]\npath = "
                + q(PluginFixtures.sampleWasm()) + "\n");
        Files.createDirectories(withPlugin.resolve("shared"));
        Files.writeString(withPlugin.resolve("shared/patterns.hie"), "pattern layered {\n    scope api\n}\n");
        Files.createDirectories(without.resolve("shared"));
        Files.writeString(without.resolve("shared/patterns.hie"), "pattern layered {\n    scope api\n}\n");
        try (LspHarness lsp = LspHarness.start(root, p -> p.setWorkspaceFolders(List.of(
                new WorkspaceFolder(withPlugin.toUri().toString(), "one"),
                new WorkspaceFolder(without.toUri().toString(), "two"))), ConfiguredLibraries.loader())) {
            String text = "import shared.patterns\nelement app implements layered {\n"
                    + "    scope a binds layered.api = files.folder_selector('.')\n    check sample.always_pass()\n}\n";
            int mark = lsp.client.mark();
            String a = lsp.open("one/sub/app.hie", text);
            String b = lsp.open("two/sub/app.hie", text);
            PublishDiagnosticsParams pa = lsp.awaitDiagnostics(a, mark, d -> true);
            PublishDiagnosticsParams pb = lsp.awaitDiagnostics(b, mark, d -> true);
            assertEquals("", codes(pa), "folder one: its plugin and its shared/patterns.hie");
            assertEquals("E203", codes(pb), "folder two: its own shared/patterns.hie, but no plugin");
            List<String> inOne = lsp.completion(a, new Position(3, 17)).stream().map(CompletionItem::getLabel).toList();
            assertTrue(inOne.contains("always_pass"), inOne.toString());

            // a folder removed: its files fall back to a folder of their own (their own folder here: no
            // hielements.toml above them), where shared/patterns.hie is not found: the pattern is unknown
            int mark2 = lsp.client.mark();
            lsp.remote.getWorkspaceService().didChangeWorkspaceFolders(new DidChangeWorkspaceFoldersParams(
                    new WorkspaceFoldersChangeEvent(List.of(), List.of(new WorkspaceFolder(without.toUri().toString(),
                            "two")))));
            PublishDiagnosticsParams after = lsp.awaitDiagnostics(b, mark2, d -> codes(d).contains("E211"));
            assertTrue(codes(after).contains("E203"), codes(after));
        }
    }
}
