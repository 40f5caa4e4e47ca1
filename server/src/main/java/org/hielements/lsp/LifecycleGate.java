package org.hielements.lsp;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;

/**
 * The lifecycle rules of LSP, applied to every incoming message before the server sees it: before
 * {@code initialize}, a request is answered with error -32002 (ServerNotInitialized) and a notification other than
 * {@code exit} is dropped; a second {@code initialize}, and any request after {@code shutdown}, is answered with
 * InvalidRequest.
 */
final class LifecycleGate implements MessageConsumer {
    private static final Logger LOG = Logger.getLogger(LifecycleGate.class.getName());

    private final MessageConsumer server;
    private final Supplier<MessageConsumer> client;
    private volatile boolean initialized;
    private volatile boolean shutdown;

    /**
     * @param server where allowed messages go (LSP4J's endpoint)
     * @param client where refusals are written (the outgoing stream)
     */
    LifecycleGate(MessageConsumer server, Supplier<MessageConsumer> client) {
        this.server = server;
        this.client = client;
    }

    @Override
    public void consume(Message message) {
        if (message instanceof RequestMessage r) {
            String method = r.getMethod();
            if (!initialized) {
                if (!"initialize".equals(method)) {
                    refuse(r, ResponseErrorCode.ServerNotInitialized, "the server is not initialized: send "
                            + "initialize first");
                    return;
                }
                initialized = true;
            } else if ("initialize".equals(method)) {
                refuse(r, ResponseErrorCode.InvalidRequest, "initialize was already received");
                return;
            } else if (shutdown) {
                refuse(r, ResponseErrorCode.InvalidRequest, "the server is shutting down: only exit is accepted");
                return;
            } else if ("shutdown".equals(method)) {
                shutdown = true;
            }
        } else if (message instanceof NotificationMessage n && !initialized && !"exit".equals(n.getMethod())) {
            LOG.log(Level.FINE, "dropped {0}: the server is not initialized", n.getMethod());
            return;
        }
        server.consume(message);
    }

    private void refuse(RequestMessage r, ResponseErrorCode code, String why) {
        ResponseMessage response = new ResponseMessage();
        response.setRawId(r.getRawId());
        response.setError(new ResponseError(code, why + " (" + r.getMethod() + ")", null));
        client.get().consume(response);
    }
}
