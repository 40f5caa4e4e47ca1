package org.hielements.sdk;

import static org.hielements.library.config.PluginFixtures.q;
import static org.hielements.library.config.PluginFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.hielements.cli.Main;
import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.Library;
import org.hielements.library.LibraryException;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code permissions.network} end to end: the C SDK's example {@code fetch} (sdk/c/examples/fetch, on {@code
 * hie_http_get}), built with clang, and the Rust SDK's (sdk/rust/examples/fetch, on {@code http_get}), built with
 * Debian's cargo, granted one host in {@code hielements.toml}, against HTTP servers the test starts
 * on 127.0.0.1. The granted host answers (through a library call and through {@code check}); an unlisted host,
 * another port, a redirect to an unlisted host and the same module without the permission are refused, each with a
 * clear error naming what was asked and what is granted.
 */
class NetworkPermissionTest {
    @TempDir
    static Path dir;

    private static HttpServer server;
    private static HttpServer other;
    private static int port;
    private static int otherPort;
    private static String base;
    private static Path ws;
    private static Path wasm;
    private static Path rust;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        port = server.getAddress().getPort();
        base = "http://127.0.0.1:" + port;
        server.createContext("/hello", x -> reply(x, 200, "hello, \u00fcn\u00efcode"));
        server.createContext("/missing", x -> reply(x, 404, "no"));
        server.createContext("/away", x -> {
            x.getResponseHeaders().add("Location", "http://localhost:" + port + "/hello");
            x.sendResponseHeaders(302, -1);
            x.close();
        });
        server.start();
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otherPort = other.getAddress().getPort();
        other.createContext("/hello", x -> reply(x, 200, "the other server"));
        other.start();
        ws = dir.resolve("ws").toAbsolutePath();
        java.nio.file.Files.createDirectories(ws);
        ws = ws.toRealPath();
        wasm = Toolchains.clangOr("NetworkPermissionTest (the C SDK's fetch example)")
                ? Toolchains.buildCExample("fetch", ws.resolve("fetch.wasm")) : null;
        rust = Toolchains.rustOr("NetworkPermissionTest (the Rust SDK's fetch example)")
                ? Toolchains.cargoBuild(Toolchains.sdk().resolve("rust/examples/fetch"), "wasm32-unknown-unknown",
                        "fetch.wasm") : null;
        String grant = "network = [" + q("127.0.0.1:" + port) + "]\n";
        write(ws, "hielements.toml", "[libraries.fetch]\npath = \"fetch.wasm\"\n[libraries.fetch.permissions]\n" + grant
                + "\n[libraries.nonet]\npath = \"fetch.wasm\"\n"
                + (rust == null ? "" : "\n[libraries.fetch_rust]\npath = " + q(rust) + "\n[libraries.fetch_rust.permissions]\n"
                        + grant + "\n[libraries.nonet_rust]\npath = " + q(rust) + "\n"));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        other.stop(0);
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static void assertRefused(String message, Library lib, String url, CallContext ctx) {
        LibraryException e = assertThrows(LibraryException.class, () -> lib.call("body", List.of(Value.of(url)), ctx));
        assertEquals("E-32000", e.code(), e.getMessage());
        assertEquals(message, e.error().message());
    }

    @Test
    void onlyTheGrantedHostIsReached() throws Exception {
        if (wasm == null) return;
        try (Libraries libs = Libraries.load(ws, PluginFixtures.options())) {
            assertEquals(List.of(), libs.diagnostics());
            CallContext ctx = CallContext.of(Workspace.of(ws));
            Library fetch = libs.registry().get("fetch").orElseThrow();
            assertEquals(Value.of("hello, \u00fcn\u00efcode"), fetch.call("body", List.of(Value.of(base + "/hello")), ctx));
            assertEquals(CheckResult.pass(), fetch.check("status_is", List.of(Value.of(base + "/hello"), Value.of(200)),
                    ctx));
            assertEquals(CheckResult.fail(base + "/missing answered 404, not 200"),
                    fetch.check("status_is", List.of(Value.of(base + "/missing"), Value.of(200)), ctx));
            String grant = " is not in this plugin's permissions.network (127.0.0.1:" + port + ")";
            assertRefused("http_request: http://localhost:" + port + "/hello refused: localhost:" + port + grant, fetch,
                    "http://localhost:" + port + "/hello", ctx);
            assertRefused("http_request: http://127.0.0.1:" + otherPort + "/hello refused: 127.0.0.1:" + otherPort
                    + grant, fetch, "http://127.0.0.1:" + otherPort + "/hello", ctx);
            assertRefused("http_request: redirect from " + base + "/away to http://localhost:" + port + "/hello "
                    + "refused: localhost:" + port + grant, fetch, base + "/away", ctx);
            Library nonet = libs.registry().get("nonet").orElseThrow();
            assertRefused("http_request: network access is not granted to this plugin: list the hosts it may reach "
                    + "in its hielements.toml entry, permissions.network = [\"host:port\"]", nonet, base + "/hello", ctx);
            // many calls: the network replies are given back with the call (the instance does not grow)
            for (int i = 0; i < 300; i++) fetch.call("body", List.of(Value.of(base + "/hello")), ctx);
        }
    }

    @Test
    void theRustSdkHelperIsRefusedAndAnsweredAlike() throws Exception {
        if (rust == null) return;
        try (Libraries libs = Libraries.load(ws, PluginFixtures.options())) {
            assertEquals(List.of(), libs.diagnostics());
            CallContext ctx = CallContext.of(Workspace.of(ws));
            Library fetch = libs.registry().get("fetch_rust").orElseThrow();
            assertEquals(Value.of("hello, \u00fcn\u00efcode"), fetch.call("body", List.of(Value.of(base + "/hello")), ctx));
            assertEquals(CheckResult.fail(base + "/missing answered 404, not 200"),
                    fetch.check("status_is", List.of(Value.of(base + "/missing"), Value.of(200)), ctx));
            String grant = " is not in this plugin's permissions.network (127.0.0.1:" + port + ")";
            assertRefused("http_request: http://127.0.0.1:" + otherPort + "/hello refused: 127.0.0.1:" + otherPort
                    + grant, fetch, "http://127.0.0.1:" + otherPort + "/hello", ctx);
            assertRefused("http_request: redirect from " + base + "/away to http://localhost:" + port + "/hello "
                    + "refused: localhost:" + port + grant, fetch, base + "/away", ctx);
            assertRefused("http_request: network access is not granted to this plugin: list the hosts it may reach "
                    + "in its hielements.toml entry, permissions.network = [\"host:port\"]",
                    libs.registry().get("nonet_rust").orElseThrow(), base + "/hello", ctx);
            for (int i = 0; i < 300; i++) fetch.call("body", List.of(Value.of(base + "/hello")), ctx);
        }
    }

    @Test
    void checkRunsAPluginThatReadsTheNetwork() throws Exception {
        if (wasm == null) return;
        write(ws, "net.hie", "element site:\n    check fetch.status_is('" + base + "/hello', 200)\n"
                + "    check fetch.status_is('http://localhost:" + port + "/hello', 200)\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"check", ws.resolve("net.hie").toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, text);
        assertTrue(text.contains("PASS site :: fetch.status_is('" + base + "/hello', 200)"), text);
        assertTrue(text.contains("localhost:" + port + " is not in this plugin's permissions.network"), text);
        System.out.println("NetworkPermissionTest: check ran the granted request and refused the other:\n" + text);
    }
}
