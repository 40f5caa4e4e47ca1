package org.hielements.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.hielements.cli.Main;

/**
 * {@code hielements lsp} as editors run it: its own JVM (the test's class path), a real LSP4J client on its standard
 * input and output. Its memory is what the kernel says ({@code VmRSS}), as a user would measure it.
 */
final class ServerProcess implements AutoCloseable {
    final Process process;
    final TestClient client = new TestClient();
    final LanguageServer remote;
    final Path log;

    ServerProcess(Path root, List<String> jvmOptions, Object initializationOptions) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "lsp"));
        log = Files.createTempFile("hielements-lsp", ".log");
        process = new ProcessBuilder(cmd).directory(root.toFile()).redirectError(log.toFile()).start();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(),
                process.getOutputStream());
        launcher.startListening();
        remote = launcher.getRemoteProxy();
        InitializeParams p = new InitializeParams();
        p.setProcessId((int) ProcessHandle.current().pid());
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(root.toUri().toString(), "ws")));
        p.setCapabilities(new ClientCapabilities());
        p.setInitializationOptions(initializationOptions);
        remote.initialize(p).get(60, TimeUnit.SECONDS);
        remote.initialized(new InitializedParams());
    }

    /** Resident memory of the server process, in bytes (from /proc). */
    long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
        return -1;
    }

    String stderr() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        try {
            remote.shutdown().get(10, TimeUnit.SECONDS);
            remote.exit();
        } catch (Exception e) {
            // gone already
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        Files.deleteIfExists(log);
    }
}
