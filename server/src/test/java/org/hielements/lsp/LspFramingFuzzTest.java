package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hielements.service.LibraryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of the server's input: random bytes, broken and lying headers, frames of random bytes, random JSON-RPC
 * messages with random methods, ids and parameters, sent over a real pipe. After every input a valid request is
 * answered, the server never stops listening and no thread of it dies of an exception. Seeded; 300 inputs in
 * {@code mvn verify}, {@code -Dfuzz.iterations=100000} gives a tenth of that (10,000) here (docs/RELIABILITY.md).
 */
class LspFramingFuzzTest {
    private static final long SEED = 20261202L;
    private static final int INPUTS = Integer.getInteger("fuzz.iterations", 3_000) / 10;
    private static final String[] METHODS = {"textDocument/hover", "textDocument/completion",
        "textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "textDocument/formatting",
        "textDocument/semanticTokens/full", "textDocument/definition", "textDocument/references",
        "textDocument/rename", "textDocument/codeAction", "textDocument/codeLens", "textDocument/documentSymbol",
        "textDocument/foldingRange", "textDocument/signatureHelp", "workspace/symbol", "workspace/executeCommand",
        "workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles", "workspace/didChangeWorkspaceFolders",
        "$/cancelRequest", "$/setTrace", "window/workDoneProgress/cancel", "initialize", "no/such/method", ""};
    private static final String[] VALUES = {"null", "0", "-1", "1e309", "\"\"", "\"x\"", "[]", "{}", "true",
        "[1,2,3]", "{\"uri\":\"file:///nowhere.hie\"}", "\"file:///etc/passwd\"", "9223372036854775808",
        "{\"line\":-5,\"character\":99999999}", "\"\\u0000\\u001b[2J\"", "{\"textDocument\":{\"uri\":\"%U\"},"
            + "\"position\":{\"line\":0,\"character\":3}}", "{\"textDocument\":{\"uri\":\"%U\",\"version\":2,"
            + "\"text\":\"element a:\\n  check files.\",\"languageId\":\"hielements\"}}",
        "{\"textDocument\":{\"uri\":\"%U\",\"version\":3},\"contentChanges\":[{\"range\":{\"start\":{\"line\":9,"
            + "\"character\":0},\"end\":{\"line\":0,\"character\":0}},\"text\":\"\\r\\r\\n\"}]}"};

    @TempDir
    Path root;

    @Test
    void randomInputNeverStopsTheServer() throws Exception {
        Random random = new Random(SEED);
        List<Throwable> died = new ArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            synchronized (died) {
                died.add(e);
            }
        });
        Logger rootLogger = Logger.getLogger("");
        List<Level> levels = new ArrayList<>();
        for (Handler h : rootLogger.getHandlers()) {
            levels.add(h.getLevel());
            h.setLevel(Level.OFF); // thousands of expected complaints about broken input
        }
        String uri = root.resolve("fuzz.hie").toUri().toString();
        try (RawWire w = new RawWire(LibraryLoader.builtinsOnly())) {
            w.request(1, "initialize", "{\"processId\":null,\"rootUri\":\"" + root.toUri() + "\",\"capabilities\":{}}");
            assertNotNull(w.reply(1, 30_000));
            w.notify("initialized", "{}");
            int id = 1_000;
            for (int i = 0; i < INPUTS; i++) {
                byte[] input = input(random, uri);
                w.raw(input);
                w.request(++id, "workspace/symbol", "{\"query\":\"a\"}");
                JsonNode answer = w.reply(id, 30_000);
                assertNotNull(answer, "input " + i + " (seed " + SEED + ") left the server without an answer: "
                        + new String(input, 0, Math.min(input.length, 300), StandardCharsets.ISO_8859_1));
                if (i % 64 == 0) w.drain();
            }
            assertFalse(w.listening.isDone(), "the server stopped listening");
            assertTrue(w.exits.isEmpty(), "the server exited: " + w.exits);
        } finally {
            Handler[] hs = rootLogger.getHandlers();
            for (int i = 0; i < hs.length && i < levels.size(); i++) hs[i].setLevel(levels.get(i));
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertEquals(List.of(), died, "a thread died of an exception");
        System.out.println("LspFramingFuzzTest: " + INPUTS + " random inputs, each followed by an answered request");
    }

    /** One random input: each kind is complete (a declared length is always followed by that many bytes). */
    private static byte[] input(Random r, String uri) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = 1 + r.nextInt(3);
        for (int p = 0; p < parts; p++) {
            switch (r.nextInt(6)) {
                case 0 -> { // raw random bytes
                    byte[] b = new byte[r.nextInt(300)];
                    r.nextBytes(b);
                    out.writeBytes(b);
                }
                case 1 -> { // a broken header, then what would have been its body
                    String[] bad = {"Content-Length: abc", "Content-Length: -7", "Content-Length:", "Content-Length: 1.5",
                        "Content-Length: 0x10", "Content-Length: 99999999999999999999", "Content-Type: text/plain",
                        "Content-Lenght: 10", ": 5", "Content-Length 5", "X".repeat(r.nextInt(20_000))};
                    out.writeBytes((bad[r.nextInt(bad.length)] + (r.nextBoolean() ? "\r\n\r\n" : "\n\n"))
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.writeBytes(message(r, uri));
                }
                case 2 -> { // a well-framed body of random bytes
                    byte[] b = new byte[r.nextInt(200)];
                    r.nextBytes(b);
                    frame(out, b);
                }
                case 3, 4 -> frame(out, message(r, uri)); // a well-framed random message
                default -> { // a well-framed message cut short or padded
                    byte[] m = message(r, uri);
                    byte[] cut = java.util.Arrays.copyOf(m, Math.max(0, m.length + r.nextInt(11) - 8));
                    frame(out, cut);
                }
            }
        }
        return out.toByteArray();
    }

    private static void frame(ByteArrayOutputStream out, byte[] body) {
        out.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
    }

    /** A random JSON-RPC message: request or notification, random method, id and parameters. */
    private static byte[] message(Random r, String uri) {
        String method = METHODS[r.nextInt(METHODS.length)];
        String params = VALUES[r.nextInt(VALUES.length)].replace("%U", uri);
        String[] ids = {"7", "\"x\"", "null", "{}", "-3", "1.5", "[]"};
        StringBuilder sb = new StringBuilder("{\"jsonrpc\":\"").append(r.nextInt(8) == 0 ? "1.0" : "2.0").append('"');
        if (r.nextBoolean()) sb.append(",\"id\":").append(ids[r.nextInt(ids.length)]);
        if (r.nextInt(10) > 0) sb.append(",\"method\":\"").append(method).append('"');
        if (r.nextInt(10) > 0) sb.append(",\"params\":").append(params);
        if (r.nextInt(10) == 0) sb.append(",\"result\":").append(params);
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
