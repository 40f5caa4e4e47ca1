package org.hielements.lsp;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Starts the language server on a pair of streams. {@link #runStdio} is what {@code hielements lsp} does: it keeps the
 * real standard output for LSP messages only and points the JVM's standard output stream at standard error first, so nothing the
 * server, a library or a plugin prints can corrupt the protocol.
 */
public final class ServerLauncher {
    private static final Logger LOG = Logger.getLogger(ServerLauncher.class.getName());

    /**
     * LSP4J's endpoint logger, kept (a logger nobody references may be collected with its filter). A cancellation
     * that arrives after its request was answered is normal in LSP (the client cancelled while the answer was on its
     * way) and is ignored; LSP4J says it as a warning, which is not a problem of the server: it is left out of the log.
     */
    private static final Logger ENDPOINT_LOG = Logger.getLogger(RemoteEndpoint.class.getName());

    static {
        ENDPOINT_LOG.setFilter(r -> r.getMessage() == null
                || !r.getMessage().startsWith("Unmatched cancel notification"));
    }

    private ServerLauncher() {}

    /**
     * A server connected to {@code in}/{@code out}, not yet listening. The input goes through {@link LspFraming} (only
     * well-formed frames reach LSP4J) and every incoming message through the {@link LifecycleGate}.
     */
    public static Launcher<LanguageClient> create(HielementsLanguageServer server, InputStream in, OutputStream out) {
        ExecutorService lsp4j = Executors.newCachedThreadPool(Threads.named("hielements-lsp4j"));
        Launcher<LanguageClient> launcher = new GatedBuilder()
                .setLocalService(server)
                .setRemoteInterface(LanguageClient.class)
                .setInput(new LspFraming(in))
                .setOutput(out)
                .setExecutorService(lsp4j)
                .configureGson(RenderedDiagnostics::configure)
                .create();
        server.connect(launcher.getRemoteProxy());
        return launcher;
    }

    /**
     * LSP4J's builder with the {@link LifecycleGate} in front of the endpoint. LSP4J wraps the outgoing stream first
     * (when it makes the endpoint), then the endpoint itself: the first is kept for the gate's refusals.
     */
    private static final class GatedBuilder extends LSPLauncher.Builder<LanguageClient> {
        private volatile MessageConsumer outgoing;

        @Override
        protected MessageConsumer wrapMessageConsumer(MessageConsumer consumer) {
            MessageConsumer wrapped = super.wrapMessageConsumer(consumer);
            if (consumer instanceof RemoteEndpoint) return new LifecycleGate(wrapped, () -> outgoing);
            outgoing = wrapped;
            return wrapped;
        }
    }

    /**
     * Runs the server on the process's standard input and output until the client says {@code exit}, closes the
     * connection, or dies. Returns the exit code ({@code 0} after {@code shutdown} then {@code exit}, else 1).
     */
    public static int runStdio(ServerOptions options) {
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        InputStream protocolIn = new FileInputStream(FileDescriptor.in);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        int[] code = {-1};
        Object lock = new Object();
        ServerOptions withExit = new ServerOptions(options.libraries(), c -> {
            synchronized (lock) {
                if (code[0] < 0) code[0] = c;
                lock.notifyAll();
            }
        }, options.progressDelayMillis());
        HielementsLanguageServer server = new HielementsLanguageServer(withExit);
        Launcher<LanguageClient> launcher = create(server, protocolIn, protocolOut);
        Future<Void> listening = launcher.startListening();
        Thread waiter = new Thread(() -> {
            try {
                listening.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.log(Level.FINE, "the connection ended", e);
            }
            // input closed: the editor is gone
            server.exitNow(server.isShutdown() ? 0 : 1);
        }, "hielements-connection");
        waiter.setDaemon(true);
        waiter.start();
        synchronized (lock) {
            while (code[0] < 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
            return code[0];
        }
    }
}
