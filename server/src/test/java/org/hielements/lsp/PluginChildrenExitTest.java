package org.hielements.lsp;

import static org.hielements.library.config.PluginFixtures.q;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code shutdown} and {@code exit}, a real {@code hielements lsp} (a child JVM) leaves no process of a plugin
 * behind, not even a child the plugin started that ignores SIGTERM, SIGHUP and SIGINT (before, that child outlived the
 * server: only the plugin was stopped).
 */
class PluginChildrenExitTest {
    @TempDir
    Path root;

    @Test
    void afterExitNeitherThePluginNorItsChildRuns() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        Path ws = root.toRealPath();
        Files.writeString(ws.resolve("hielements.toml"), "[libraries.forker]\nexecutable = "
                + q(PluginFixtures.pythonCommand()) + "\nargs = [" + q(PluginFixtures.faulty()) + ", \"--fork-child\"]\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.hielements.cli.Main",
                "lsp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Launcher<LanguageServer> l = LSPLauncher.createClientLauncher(new TestClient(), server.getInputStream(),
                    server.getOutputStream());
            l.startListening();
            LanguageServer remote = l.getRemoteProxy();
            InitializeParams params = new InitializeParams();
            params.setWorkspaceFolders(List.of(new WorkspaceFolder(ws.toUri().toString(), "ws")));
            params.setInitializationOptions(JsonParser.parseString("{\"trustedWorkspace\": true}"));
            assertNotNull(remote.initialize(params).get(30, TimeUnit.SECONDS));
            remote.initialized(new InitializedParams());
            Path file = Files.writeString(ws.resolve("a.hie"), "element a {\n    check forker.ok()\n}\n");
            remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(
                    file.toUri().toString(), "hielements", 1, Files.readString(file))));
            Path childFile = ws.resolve("faulty-child.pid");
            for (int i = 0; i < 300 && !Files.exists(childFile); i++) Thread.sleep(50);
            assertTrue(Files.exists(childFile), "the check run started the plugin");
            long plugin = Long.parseLong(Files.readString(ws.resolve("faulty-plugin.pid"), StandardCharsets.US_ASCII));
            long child = Long.parseLong(Files.readString(childFile, StandardCharsets.US_ASCII));
            assertTrue(alive(child));
            remote.shutdown().get(20, TimeUnit.SECONDS);
            remote.exit();
            assertTrue(server.waitFor(20, TimeUnit.SECONDS), "the server exits");
            for (long pid : new long[] {plugin, child}) {
                for (int i = 0; i < 100 && alive(pid); i++) Thread.sleep(50);
                assertTrue(!alive(pid), "process " + pid + " (" + (pid == plugin ? "the plugin" : "its child")
                        + ") outlived the server's exit");
            }
            System.out.println("PluginChildrenExitTest: plugin " + plugin + " and its child " + child
                    + " gone after exit");
        } finally {
            server.destroyForcibly();
        }
    }

    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
