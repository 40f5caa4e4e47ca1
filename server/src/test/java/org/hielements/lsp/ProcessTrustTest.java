package org.hielements.lsp;

import static org.hielements.library.config.PluginFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.hielements.library.config.PluginFixtures;
import org.hielements.service.ConfiguredLibraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a cloned repository in the editor never runs its programs: process plugins are off in the language server
 * unless the client says the workspace is trusted ({@code "trustedWorkspace": true} in {@code initializationOptions})
 * or the user set {@code hielements.plugins.allowProcess} to true; a client saying the workspace is not trusted wins
 * over that setting. A check calling a plugin that did not start gets one error naming how to enable it. (Before,
 * {@code allowProcess} defaulted to true: {@code executable = "/bin/sh"} ran on open.)
 */
class ProcessTrustTest {
    @TempDir
    Path root;

    private LspHarness start(String initializationOptions) throws Exception {
        Files.writeString(root.resolve("hielements.toml"), "[libraries.probe]\nexecutable = "
                + q(PluginFixtures.pythonCommand()) + "\nargs = [" + q(PluginFixtures.faulty()) + ", \"--fork-child\"]\n");
        Consumer<InitializeParams> customize = p -> {
            p.getCapabilities().getWorkspace().setConfiguration(false);
            if (initializationOptions != null) p.setInitializationOptions(JsonParser.parseString(initializationOptions));
        };
        return LspHarness.start(root, customize, ConfiguredLibraries.loader());
    }

    /** Opens a file whose check calls the process plugin; returns the check's diagnostic (null when it passed). */
    private Diagnostic checkOutcome(LspHarness lsp) throws Exception {
        int mark = lsp.client.mark();
        String uri = lsp.open("app.hie", "element app {\n    check probe.ok()\n}\n");
        PublishDiagnosticsParams p = lsp.awaitDiagnostics(uri, mark, d -> !d.getDiagnostics().isEmpty()
                || Files.exists(root.resolve("faulty-plugin.pid")));
        if (p.getDiagnostics().isEmpty()) return null;
        return p.getDiagnostics().get(0);
    }

    private void assertNotStarted(LspHarness lsp) throws Exception {
        Diagnostic d = checkOutcome(lsp);
        System.out.println("ProcessTrustTest: " + (d == null ? "(passed)" : d.getCode().getLeft() + " "
                + d.getMessage().getLeft()));
        assertTrue(d != null, "the check could not pass");
        assertEquals("E532", d.getCode().getLeft());
        assertTrue(d.getMessage().getLeft().contains("trust the folder (command \"Workspaces: Manage Workspace Trust\")")
                && d.getMessage().getLeft().contains("set \"hielements.plugins.allowProcess\": true for a folder you "
                + "trust (or have the client send \"trustedWorkspace\": true in its initializationOptions)"),
                d.getMessage().getLeft());
        Thread.sleep(500); // the background documentation request had its chance too
        assertFalse(Files.exists(root.resolve("faulty-plugin.pid")), "the plugin was started");
    }

    private void assertStarted(LspHarness lsp) throws Exception {
        checkOutcome(lsp);
        for (int i = 0; i < 200 && !Files.exists(root.resolve("faulty-plugin.pid")); i++) Thread.sleep(50);
        assertTrue(Files.exists(root.resolve("faulty-plugin.pid")), "the plugin was not started");
    }

    @Test
    void byDefaultNoProcessPluginStarts() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        try (LspHarness lsp = start(null)) {
            assertNotStarted(lsp);
        }
    }

    @Test
    void aTrustedWorkspaceRunsThem() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        try (LspHarness lsp = start("{\"trustedWorkspace\": true}")) {
            assertStarted(lsp);
        }
    }

    @Test
    void theSettingRunsThem() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        try (LspHarness lsp = start("{\"hielements\": {\"plugins\": {\"allowProcess\": true}}}")) {
            assertStarted(lsp);
        }
    }

    @Test
    void anUntrustedWorkspaceWinsOverTheSetting() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        try (LspHarness lsp = start("{\"trustedWorkspace\": false, \"hielements\": {\"plugins\": {\"allowProcess\": "
                + "true}}}")) {
            assertNotStarted(lsp);
        }
    }
}
