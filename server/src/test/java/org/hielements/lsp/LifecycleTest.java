package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capabilities, shutdown and exit, the parent-process watch, and the stdout guard of the real stdio launcher. */
class LifecycleTest {
    @TempDir
    Path root;

    @Test
    void capabilitiesAreExactlyTheImplementedFeatures() throws Exception {
        try (LspHarness lsp = LspHarness.start(root)) {
            JsonObject caps = JsonParser.parseString(new com.google.gson.Gson().toJson(
                    lsp.initializeResult.getCapabilities())).getAsJsonObject();
            assertEquals(new TreeSet<>(List.of("textDocumentSync", "completionProvider", "hoverProvider",
                    "signatureHelpProvider", "definitionProvider", "referencesProvider", "renameProvider",
                    "documentSymbolProvider", "workspaceSymbolProvider", "semanticTokensProvider",
                    "foldingRangeProvider", "documentFormattingProvider", "codeActionProvider", "codeLensProvider", "executeCommandProvider", "workspace")),
                    new TreeSet<>(caps.keySet()));
            assertEquals(List.of("hielements.runChecks", "hielements.reloadLibraries", "hielements.showDiagram"),
                    lsp.initializeResult
                    .getCapabilities().getExecuteCommandProvider().getCommands());
            assertEquals(org.eclipse.lsp4j.TextDocumentSyncKind.Incremental, lsp.initializeResult.getCapabilities()
                    .getTextDocumentSync().getRight().getChange());
            assertEquals("hielements", lsp.initializeResult.getServerInfo().getName());
        }
    }

    @Test
    void shutdownThenExitEndsWithZero() throws Exception {
        LspHarness lsp = LspHarness.start(root);
        lsp.remote.shutdown().get(10, TimeUnit.SECONDS);
        lsp.remote.exit();
        assertEquals(0, lsp.awaitExit(10_000));
    }

    @Test
    void exitWithoutShutdownEndsWithOne() throws Exception {
        LspHarness lsp = LspHarness.start(root);
        lsp.remote.exit();
        assertEquals(1, lsp.awaitExit(10_000));
    }

    @Test
    void theServerExitsWhenTheClientProcessDies() throws Exception {
        Process fakeEditor = new ProcessBuilder("sleep", "60").start();
        try {
            LspHarness lsp = LspHarness.start(root, p -> p.setProcessId((int) fakeEditor.pid()));
            Thread.sleep(300);
            assertTrue(lsp.exitCodes.isEmpty(), "alive while the client is");
            fakeEditor.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertEquals(1, lsp.awaitExit(HielementsLanguageServer.PARENT_POLL_MILLIS * 3));
        } finally {
            fakeEditor.destroyForcibly();
        }
    }

    // -------------------------------------------------------------------------------------------- a real process

    private static Process startProbe() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StdioProbe.class.getName());
        return pb.start();
    }

    /** Reads the probe's stderr in the background; returns the lines so far. */
    private static List<String> drain(Process p) {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) lines.add(line);
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private static long pluginPid(List<String> stderr) throws InterruptedException {
        Pattern pid = Pattern.compile("PLUGIN_PID=(\\d+)");
        for (int i = 0; i < 100; i++) {
            synchronized (stderr) {
                for (String l : stderr) {
                    Matcher m = pid.matcher(l);
                    if (m.find()) return Long.parseLong(m.group(1));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the probe never started its plugin child; stderr: " + stderr);
    }

    private LanguageServer connect(Process p, TestClient client, Integer processId) throws Exception {
        Launcher<LanguageServer> l = LSPLauncher.createClientLauncher(client, p.getInputStream(),
                p.getOutputStream());
        l.startListening();
        LanguageServer server = l.getRemoteProxy();
        InitializeParams params = new InitializeParams();
        params.setProcessId(processId);
        params.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "ws")));
        // the client trusts this workspace: its process plugins may start
        params.setInitializationOptions(com.google.gson.JsonParser.parseString("{\"trustedWorkspace\": true}"));
        assertNotNull(server.initialize(params).get(30, TimeUnit.SECONDS));
        server.initialized(new InitializedParams());
        return server;
    }

    @Test
    void stdoutCarriesOnlyLspMessagesAndPluginsDieOnOrderlyExit() throws Exception {
        Process p = startProbe();
        List<String> stderr = drain(p);
        try {
            TestClient client = new TestClient();
            LanguageServer server = connect(p, client, (int) ProcessHandle.current().pid());
            Path file = Files.writeString(root.resolve("a.hie"), "element a {\n    scope s = nothing\n}\n");
            int mark = client.mark();
            server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(
                    file.toUri().toString(), "hielements", 1, Files.readString(file))));
            var d = client.awaitDiagnostics(file.toUri().toString(), mark, x -> true, 30_000);
            assertEquals("E200", d.getDiagnostics().get(0).getCode().getLeft());
            long child = pluginPid(stderr);
            assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the server exits");
            assertEquals(0, p.exitValue());
            assertTrue(stderr.stream().anyMatch(l -> l.contains("NOISE FROM A PLUGIN ON STDOUT")),
                    "what was printed to System.out went to stderr: " + stderr);
            waitDead(child);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void whenTheEditorProcessDiesTheServerAndItsPluginsExit() throws Exception {
        Process fakeEditor = new ProcessBuilder("sleep", "120").start();
        Process p = startProbe();
        List<String> stderr = drain(p);
        try {
            connect(p, new TestClient(), (int) fakeEditor.pid());
            long child = pluginPid(stderr);
            fakeEditor.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "the server notices its editor died");
            assertEquals(1, p.exitValue());
            waitDead(child);
        } finally {
            fakeEditor.destroyForcibly();
            p.destroyForcibly();
        }
    }

    @Test
    void realProcessPluginsDieWithTheServerWhenTheEditorDies() throws Exception {
        if (!org.hielements.library.config.PluginFixtures.pythonOr("realProcessPluginsDieWithTheServer")) return;
        Files.writeString(root.resolve("hielements.toml"), "[libraries.stubborn]\nexecutable = "
                + org.hielements.library.config.PluginFixtures.q(org.hielements.library.config.PluginFixtures
                        .pythonCommand())
                + "\nargs = [" + org.hielements.library.config.PluginFixtures.q(org.hielements.library.config
                        .PluginFixtures.faulty()) + ", \"--ignore-eof\"]\n");
        Process fakeEditor = new ProcessBuilder("sleep", "120").start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.hielements.cli.Main", "lsp").start();
        drain(server);
        try {
            TestClient client = new TestClient();
            LanguageServer remote = connect(server, client, (int) fakeEditor.pid());
            Path file = Files.writeString(root.resolve("a.hie"), "element a {\n    check stubborn.ok()\n}\n");
            remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(
                    file.toUri().toString(), "hielements", 1, Files.readString(file))));
            // the check run starts the plugin (a python process that ignores SIGTERM and the end of its input)
            List<ProcessHandle> plugins = new ArrayList<>();
            for (int i = 0; i < 100 && plugins.isEmpty(); i++) {
                server.toHandle().descendants().filter(h -> h.info().commandLine().orElse("").contains("faulty.py"))
                        .forEach(plugins::add);
                Thread.sleep(100);
            }
            assertFalse(plugins.isEmpty(), "the plugin process started");
            fakeEditor.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "the server exits when its editor dies");
            for (ProcessHandle h : plugins) waitDead(h.pid());
        } finally {
            fakeEditor.destroyForcibly();
            server.destroyForcibly();
        }
    }

    private static void waitDead(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return;
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "plugin child " + pid
                + " outlived the server");
    }
}
