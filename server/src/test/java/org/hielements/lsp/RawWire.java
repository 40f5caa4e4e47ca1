package org.hielements.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.hielements.service.LibraryLoader;

/**
 * A real server (through {@link ServerLauncher#create}, as {@code hielements lsp} makes it) talked to byte by byte
 * over pipes: what a client that sends anything at all would send. Replies are read by their own framing.
 */
final class RawWire implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final HielementsLanguageServer server;
    final Future<Void> listening;
    final List<Integer> exits = Collections.synchronizedList(new ArrayList<>());
    private final OutputStream toServer;
    private final InputStream fromServer;
    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final Thread reader;

    RawWire(LibraryLoader loader) throws IOException {
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        server = new HielementsLanguageServer(new ServerOptions(loader, exits::add, 0));
        Launcher<LanguageClient> launcher = ServerLauncher.create(server, Channels.newInputStream(in.source()),
                Channels.newOutputStream(out.sink()));
        listening = launcher.startListening();
        toServer = Channels.newOutputStream(in.sink());
        fromServer = Channels.newInputStream(out.source());
        reader = new Thread(this::readReplies, "raw-wire-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends bytes as they are. */
    synchronized void raw(byte[] bytes) throws IOException {
        toServer.write(bytes);
        toServer.flush();
    }

    void raw(String text) throws IOException {
        raw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one well-framed message. */
    void send(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        raw(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        raw(body);
    }

    void request(int id, String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    void notify(String method, String params) throws IOException {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    /** The reply to request {@code id}, skipping other messages (notifications, requests of the server). */
    JsonNode reply(int id, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            JsonNode m = left > 0 ? messages.poll(left, TimeUnit.MILLISECONDS) : null;
            if (m == null) return null;
            if (m.has("id") && m.get("id").asInt() == id && !m.has("method")) return m;
        }
    }

    /** Every message received so far that is not a reply (notifications and the server's requests), then cleared. */
    List<JsonNode> drain() {
        List<JsonNode> out = new ArrayList<>();
        messages.drainTo(out);
        return out;
    }

    private void readReplies() {
        try {
            while (true) {
                int length = -1;
                String line;
                while ((line = line()) != null && !line.isEmpty()) {
                    if (line.startsWith("Content-Length: ")) length = Integer.parseInt(line.substring(16).trim());
                }
                if (line == null || length < 0) return;
                byte[] body = fromServer.readNBytes(length);
                messages.add(JSON.readTree(body));
            }
        } catch (IOException e) {
            // the server closed its output
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = fromServer.read()) >= 0 && c != '\n') b.write(c);
        if (c < 0 && b.size() == 0) return null;
        return b.toString(StandardCharsets.US_ASCII).replace("\r", "");
    }

    @Override
    public void close() throws IOException {
        try {
            request(999_999, "shutdown", "null");
            notify("exit", "null");
        } catch (IOException e) {
            // closed already
        }
        toServer.close();
        server.exitNow(1);
    }
}
