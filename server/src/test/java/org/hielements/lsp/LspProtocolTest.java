package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.hielements.service.LibraryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol as LSP says it, whatever the client sends: the lifecycle (-32002 before initialize, InvalidRequest
 * after shutdown) and the framing (a malformed header never leaves the server deaf).
 */
class LspProtocolTest {
    static final long WAIT = 10_000;

    @TempDir
    Path root;

    private String initialize() {
        return "{\"processId\":null,\"rootUri\":\"" + root.toUri() + "\",\"capabilities\":{}}";
    }

    @Test
    void requestsBeforeInitializeAreRefusedWithServerNotInitialized() throws Exception {
        try (RawWire w = new RawWire(LibraryLoader.builtinsOnly())) {
            w.request(1, "textDocument/hover", "{\"textDocument\":{\"uri\":\"file:///x.hie\"},\"position\":"
                    + "{\"line\":0,\"character\":0}}");
            w.request(2, "workspace/symbol", "{\"query\":\"a\"}");
            w.request(3, "shutdown", "null");
            for (int id = 1; id <= 3; id++) {
                JsonNode r = w.reply(id, WAIT);
                assertNotNull(r, "request " + id + " was not answered");
                assertEquals(-32002, r.get("error").get("code").asInt(), r.toString());
                assertFalse(r.has("result"), r.toString());
            }
            // notifications before initialize are dropped: this open never becomes a document
            w.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + root.resolve("a.hie").toUri()
                    + "\",\"languageId\":\"hielements\",\"version\":1,\"text\":\"element a:\\n\"}}");
            w.request(4, "initialize", initialize());
            JsonNode init = w.reply(4, WAIT);
            assertNotNull(init);
            assertTrue(init.get("result").has("capabilities"), init.toString());
            assertTrue(w.server.service().documents().all().isEmpty(), "a notification before initialize was used");
            w.request(5, "initialize", initialize());
            assertEquals(-32600, w.reply(5, WAIT).get("error").get("code").asInt());
            w.request(6, "workspace/symbol", "{\"query\":\"a\"}");
            assertTrue(w.reply(6, WAIT).has("result"));
            w.request(7, "shutdown", "null");
            assertTrue(w.reply(7, WAIT).has("result"));
            w.request(8, "workspace/symbol", "{\"query\":\"a\"}");
            assertEquals(-32600, w.reply(8, WAIT).get("error").get("code").asInt(), "a request after shutdown");
        }
    }

    @Test
    void aMalformedHeaderDoesNotLeaveTheServerDeaf() throws Exception {
        try (LogRecorder log = LogRecorder.install(); RawWire w = new RawWire(LibraryLoader.builtinsOnly())) {
            w.request(1, "initialize", initialize());
            assertNotNull(w.reply(1, WAIT));
            // the attack of the issue: a header LSP4J cannot read, with a body, then a good request at once
            w.raw("Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"workspace/symbol\","
                    + "\"params\":{\"query\":\"a\"}}");
            w.request(3, "workspace/symbol", "{\"query\":\"a\"}");
            JsonNode r = w.reply(3, WAIT);
            assertNotNull(r, "the request after a malformed header was not answered");
            assertTrue(r.has("result"), r.toString());
            // more kinds of broken frames, each followed by a good request
            String[] broken = {"Content-Length: -5\r\n\r\nxxxxx", "Content-Length:\r\n\r\n{}",
                "Content-Type: application/json\r\n\r\n{\"jsonrpc\":\"2.0\"}", "garbage without any header\r\n",
                "Content-Length: 99999999999999999999\r\n\r\n", "Content-Length: 12\r\n\r\nnot json at!",
                "Content-Length: 2\r\n\r\n{\"", "X".repeat(100_000) + "\r\n\r\n", "\r\n\r\n\r\n",
                "Content-Length: 1e3\r\n\r\n{}", "content-length: 2\r\n\r\n{}"};
            int id = 10;
            for (String b : broken) {
                w.raw(b);
                w.request(++id, "workspace/symbol", "{\"query\":\"a\"}");
                JsonNode answer = w.reply(id, WAIT);
                assertNotNull(answer, "not answered after: " + b.substring(0, Math.min(40, b.length())));
            }
            assertFalse(w.listening.isDone(), "the server stopped listening");
            assertTrue(log.problems().stream().anyMatch(p -> p.contains("Content-Length 'abc'")), log.problems()
                    .toString());
        }
    }

    @Test
    void aFifoInTheWorkspaceNeverBlocksTheServer() throws Exception {
        Process mk = new ProcessBuilder("mkfifo", root.resolve("pipe.hie").toString()).start();
        assertEquals(0, mk.waitFor());
        java.nio.file.Files.createSymbolicLink(root.resolve("link.hie"), root.resolve("pipe.hie"));
        java.nio.file.Files.writeString(root.resolve("hielements.toml"), "");
        try (RawWire w = new RawWire(LibraryLoader.builtinsOnly())) {
            w.request(1, "initialize", initialize());
            assertNotNull(w.reply(1, WAIT), "initialize was not answered");
            w.notify("initialized", "{}");
            String uri = root.resolve("a.hie").toUri().toString();
            w.notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + uri + "\",\"languageId\":"
                    + "\"hielements\",\"version\":1,\"text\":\"import './pipe.hie'\\nimport './link'\\n"
                    + "element a:\\n    scope s = files.folder_selector('.')\\n\"}}");
            // the whole folder's model (what workspace symbols search) reads every .hie file of the folder
            w.request(2, "workspace/symbol", "{\"query\":\"a\"}");
            JsonNode symbols = w.reply(2, WAIT);
            assertNotNull(symbols, "workspace/symbol was not answered");
            assertTrue(symbols.get("result").toString().contains("\"a\""), symbols.toString());
            JsonNode published = null;
            long deadline = System.currentTimeMillis() + WAIT;
            while (published == null && System.currentTimeMillis() < deadline) {
                for (JsonNode m : w.drain()) {
                    if ("textDocument/publishDiagnostics".equals(m.path("method").asText())
                            && m.path("params").path("diagnostics").size() == 2) {
                        published = m;
                    }
                }
                Thread.sleep(50);
            }
            assertNotNull(published, "no diagnostics for the imports of a FIFO");
            assertTrue(published.toString().contains("pipe.hie is a FIFO (named pipe), not a regular file"),
                    published.toString());
        }
    }

    @Test
    void aMessageLargerThanTheLimitIsSkippedWithoutBeingKept() throws Exception {
        try (RawWire w = new RawWire(LibraryLoader.builtinsOnly())) {
            w.request(1, "initialize", initialize());
            assertNotNull(w.reply(1, WAIT));
            long n = LspFraming.MAX_MESSAGE + 1;
            w.raw("Content-Length: " + n + "\r\n\r\n");
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (long sent = 0; sent < n; sent += chunk.length) {
                w.raw(sent + chunk.length <= n ? chunk : java.util.Arrays.copyOf(chunk, (int) (n - sent)));
            }
            w.request(2, "workspace/symbol", "{\"query\":\"a\"}");
            assertNotNull(w.reply(2, WAIT), "the request after an oversized message was not answered");
        }
    }
}
