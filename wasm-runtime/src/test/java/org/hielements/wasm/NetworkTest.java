package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code hielements.http_request} host function against HTTP servers the test starts on 127.0.0.1: a granted
 * host answers (redirects within the grant followed); an unlisted host, another port of a granted host, a redirect to
 * an unlisted host, a scheme other than http, a plugin granted nothing, a body over the limit and a slow server are
 * each refused with a clear error; the call's own deadline bounds a request. The guest is http_fetch.wat: it hands
 * its input to the host function and replies with what it got.
 */
class NetworkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;
    private static HttpServer other;
    private static WasmHost host;
    private static String base;
    private static int port;
    private static int otherPort;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        port = server.getAddress().getPort();
        base = "http://127.0.0.1:" + port;
        server.createContext("/hello", x -> reply(x, 200, "h\u00e9llo from " + x.getRequestMethod()));
        server.createContext("/echo", x -> reply(x, 201, new String(x.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8) + " / " + x.getRequestHeaders().getFirst("X-Probe")));
        server.createContext("/to-hello", x -> redirect(x, "/hello"));
        server.createContext("/to-localhost", x -> redirect(x, "http://localhost:" + port + "/hello"));
        server.createContext("/to-other-port", x -> redirect(x, "http://127.0.0.1:" + otherPort + "/hello"));
        server.createContext("/loop", x -> redirect(x, "/loop"));
        server.createContext("/big", x -> reply(x, 200, "x".repeat(4096)));
        server.createContext("/slow", x -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(x, 200, "late");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "network-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        otherPort = other.getAddress().getPort();
        other.createContext("/hello", x -> reply(x, 200, "the other server"));
        other.start();
        host = Fixtures.host();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        other.stop(0);
        host.close();
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().add("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private static WasmPlugin plugin(WasmPolicy.Builder policy) throws WasmPluginException {
        return host.load(Fixtures.spec("http_fetch", policy.build()));
    }

    private static WasmPolicy.Builder granted() {
        return WasmPolicy.builder().allowNetworkHost("127.0.0.1:" + port);
    }

    private static JsonNode fetch(WasmPlugin p, String request) throws Exception {
        return JSON.readTree(p.call("library_call", Fixtures.utf8(request)));
    }

    private static String get(String url) {
        return "{\"url\":\"" + url + "\"}";
    }

    private static void assertRefused(String expected, JsonNode reply) {
        assertTrue(reply.has("error"), reply.toString());
        assertEquals("http_request: " + expected, reply.get("error").asText());
    }

    @Test
    void aGrantedHostAnswers() throws Exception {
        WasmPlugin p = plugin(granted());
        JsonNode r = fetch(p, get(base + "/hello"));
        assertEquals(200, r.get("status").asInt(), r.toString());
        assertEquals("h\u00e9llo from GET", r.get("body").asText());
        assertEquals("text/plain; charset=utf-8", r.get("headers").get("content-type").asText());
        JsonNode posted = fetch(p, "{\"method\":\"post\",\"url\":\"" + base + "/echo\",\"headers\":{\"X-Probe\":\"p1\"},"
                + "\"body\":\"\u65e5\u672c\"}");
        assertEquals(201, posted.get("status").asInt());
        assertEquals("\u65e5\u672c / p1", posted.get("body").asText());
        JsonNode followed = fetch(p, get(base + "/to-hello"));
        assertEquals("h\u00e9llo from GET", followed.get("body").asText(), "a redirect within the grant is followed");
        // the same with the host written in capitals: host names are compared without case
        assertEquals(200, fetch(p, get("HTTP://127.0.0.1:" + port + "/hello")).get("status").asInt());
        System.out.println("NetworkTest: 127.0.0.1:" + port + " answered: " + r);
    }

    @Test
    void anUnlistedHostAnotherPortAndOtherSchemesAreRefused() throws Exception {
        WasmPlugin p = plugin(granted());
        String grant = " is not in this plugin's permissions.network (127.0.0.1:" + port + ")";
        assertRefused("http://localhost:" + port + "/hello refused: localhost:" + port + grant,
                fetch(p, get("http://localhost:" + port + "/hello")));
        assertRefused("http://127.0.0.1:" + otherPort + "/hello refused: 127.0.0.1:" + otherPort + grant,
                fetch(p, get("http://127.0.0.1:" + otherPort + "/hello")));
        assertRefused("http://127.0.0.1/hello refused: 127.0.0.1:80" + grant, fetch(p, get("http://127.0.0.1/hello")));
        assertRefused("file:///etc/passwd refused: only http and https URLs are allowed",
                fetch(p, get("file:///etc/passwd")));
        assertRefused("http://u:p@127.0.0.1:" + port + "/hello refused: the URL must name a host (and no user)",
                fetch(p, get("http://u:p@127.0.0.1:" + port + "/hello")));
        assertRefused("the request must be a JSON object with a \"url\" string (and optionally \"method\", "
                + "\"headers\", \"body\")", fetch(p, "[1]"));
        assertRefused("method TRACE is not one of GET, HEAD, POST, PUT, PATCH, DELETE",
                fetch(p, "{\"method\":\"TRACE\",\"url\":\"" + base + "/hello\"}"));
    }

    @Test
    void aRedirectToAnUnlistedHostIsRefused() throws Exception {
        WasmPlugin p = plugin(granted());
        assertRefused("redirect from " + base + "/to-localhost to http://localhost:" + port + "/hello refused: "
                + "localhost:" + port + " is not in this plugin's permissions.network (127.0.0.1:" + port + ")",
                fetch(p, get(base + "/to-localhost")));
        assertRefused("redirect from " + base + "/to-other-port to http://127.0.0.1:" + otherPort + "/hello refused: "
                + "127.0.0.1:" + otherPort + " is not in this plugin's permissions.network (127.0.0.1:" + port + ")",
                fetch(p, get(base + "/to-other-port")));
        assertRefused("more than 5 redirects, the last to /loop", fetch(p, get(base + "/loop")));
    }

    @Test
    void aPluginGrantedNoHostLoadsAndEveryRequestIsRefused() throws Exception {
        WasmPlugin p = plugin(WasmPolicy.builder());
        assertRefused("network access is not granted to this plugin: list the hosts it may reach in its "
                + "hielements.toml entry, permissions.network = [\"host:port\"]", fetch(p, get(base + "/hello")));
    }

    @Test
    void theResponseSizeAndTimeAreLimited() throws Exception {
        WasmPlugin small = plugin(granted().networkResponseLimitBytes(1000));
        assertRefused("the response of " + base + "/big is larger than the limit of 1000 bytes",
                fetch(small, get(base + "/big")));
        assertEquals(200, fetch(small, get(base + "/hello")).get("status").asInt());
        WasmPlugin quick = plugin(granted().networkTimeout(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        assertRefused(base + "/slow did not answer in time", fetch(quick, get(base + "/slow")));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2500, "refused after " + ms + " ms");
    }

    @Test
    void theCallsDeadlineBoundsARequest() throws Exception {
        // the network timeout is 10 s, the call's 400 ms: the request waits no longer than the call may take; the
        // guest then gets the refusal, or (when the timer fires as it goes on) the call itself times out
        WasmPlugin p = plugin(granted().timeout(Duration.ofMillis(400)));
        long t0 = System.nanoTime();
        String outcome;
        try {
            outcome = fetch(p, get(base + "/slow")).path("error").asText();
        } catch (WasmPluginException e) {
            outcome = e.kind().toString();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2500, "stopped after " + ms + " ms");
        assertTrue(outcome.equals("http_request: " + base + "/slow did not answer in time")
                || outcome.equals("TIMEOUT"), outcome);
        System.out.println("NetworkTest: a request of a call with 400 ms ended after " + ms + " ms: " + outcome);
        assertEquals(200, fetch(p, get(base + "/hello")).get("status").asInt(), "the next call works");
    }

    @Test
    void hostPortIsCheckedWhenGranted() {
        assertEquals(Optional.of("example.org:443"), WasmPolicy.hostPort("Example.ORG:443"));
        assertEquals(Optional.of("[::1]:8080"), WasmPolicy.hostPort("[::1]:8080"));
        for (String bad : List.of("example.org", ":80", "example.org:", "example.org:0", "example.org:65536",
                "exa mple.org:80", "http://example.org:80", "example.org:80/x", "*.example.org:443")) {
            assertEquals(Optional.empty(), WasmPolicy.hostPort(bad), bad);
        }
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> WasmPolicy.builder().allowNetworkHost("example.org"));
        assertEquals("not host:port (a host name or address, then a port from 1 to 65535): example.org",
                x.getMessage());
    }
}
