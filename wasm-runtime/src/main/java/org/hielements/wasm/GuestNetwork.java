package org.hielements.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host function {@code hielements.http_request(ptr, len) -> i64}: HTTP for a guest, to the hosts its policy grants
 * and no other (as Extism's {@code allowed_hosts}). The guest writes a JSON request into its memory:
 * <pre>{"method": "GET", "url": "http://host:port/path", "headers": {"name": "value"}, "body": "text"}</pre>
 * ({@code method} GET by default, {@code headers} and {@code body} optional); the host answers with a JSON reply in
 * a block it gets from the guest's own {@code alloc}, returned packed ({@code len << 32 | ptr}), which the guest then
 * owns:
 * <pre>{"status": 200, "headers": {"content-type": "text/plain"}, "body": "text"}</pre>
 * or, when the request is refused or fails, {@code {"error": "why"}}. Refused: a plugin granted no host (every
 * request: the module loads, its calls that need no network work), a scheme other than {@code http}/{@code https},
 * a {@code host:port} not granted (the port is the URL's, else 80 or 443), a redirect whose target is not granted
 * (redirects are followed by the host, at most 5, each target checked against the grant; never by the HTTP client),
 * a body over the response limit, a request past the network timeout or the call's own deadline. The body is text
 * (UTF-8; malformed bytes replaced). WASI sockets stay unavailable: this is the guest's only way out.
 */
final class GuestNetwork {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 5;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    /** Headers the HTTP client sets itself (it refuses to be given them). */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private GuestNetwork() {}

    /** One client for every plugin: no redirect of its own (the host follows them, checking each). */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(DEFAULT_CONNECT)
                .build();
    }

    private static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);

    /** The host function for one instance of {@code plugin}. */
    static HostFunction hostFunction(WasmPlugin plugin) {
        return new HostFunction(ModuleInterface.HOST_MODULE, ModuleInterface.HTTP_REQUEST,
                ModuleInterface.HTTP_REQUEST_TYPE, (instance, args) -> {
                    int ptr = (int) args[0];
                    int len = (int) args[1];
                    Memory memory = instance.memory();
                    byte[] request = memory.readBytes(ptr, len);
                    byte[] reply = answer(plugin, request);
                    return new long[] {give(instance, reply)};
                });
    }

    /** Copies the reply into a block from the guest's alloc; the packed pointer and length. */
    private static long give(Instance instance, byte[] reply) {
        ExportFunction alloc = instance.export(ModuleInterface.ALLOC);
        long p = alloc.apply(reply.length)[0] & 0xFFFF_FFFFL;
        instance.memory().write((int) p, reply);
        return ((long) reply.length << 32) | p;
    }

    /** The reply to one request: the response, or {"error": why}. */
    static byte[] answer(WasmPlugin plugin, byte[] request) {
        try {
            return JSON.writeValueAsBytes(perform(plugin.policy(), request, plugin::remainingNanos));
        } catch (Refused r) {
            return error(r.getMessage());
        } catch (JsonProcessingException e) {
            return error("the reply could not be written: " + e.getOriginalMessage());
        }
    }

    private static byte[] error(String why) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", "http_request: " + why);
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request that is refused or failed: its message goes back to the guest. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** What is left of the call's time, in nanoseconds. */
    interface Remaining {
        long nanos();
    }

    static ObjectNode perform(WasmPolicy policy, byte[] requestBytes, Remaining remaining) throws Refused {
        JsonNode req;
        try {
            req = JSON.readTree(requestBytes);
        } catch (IOException e) {
            throw new Refused("the request is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (req == null || !req.isObject() || !req.path("url").isTextual()) {
            throw new Refused("the request must be a JSON object with a \"url\" string (and optionally \"method\", "
                    + "\"headers\", \"body\")");
        }
        String method = req.path("method").asText("GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new Refused("method " + method + " is not one of " + String.join(", ", List.of("GET", "HEAD",
                    "POST", "PUT", "PATCH", "DELETE")));
        }
        String body = req.path("body").isTextual() ? req.path("body").asText() : null;
        JsonNode headers = req.path("headers");
        if (!headers.isMissingNode() && !headers.isNull() && !headers.isObject()) {
            throw new Refused("\"headers\" must be an object of strings");
        }
        if (policy.networkHosts().isEmpty()) {
            throw new Refused("network access is not granted to this plugin: list the hosts it may reach in its "
                    + "hielements.toml entry, permissions.network = [\"host:port\"]");
        }
        URI uri = allowed(policy, req.path("url").asText(), null);
        long deadline = System.nanoTime() + Math.min(policy.networkTimeout().toNanos(), remaining.nanos());
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = send(uri, method, headers, body, deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if (status >= 300 && status < 400 && status != 304 && location.isPresent()) {
                close(response);
                if (hop == MAX_REDIRECTS) {
                    throw new Refused("more than " + MAX_REDIRECTS + " redirects, the last to " + location.get());
                }
                URI next;
                try {
                    next = uri.resolve(new URI(location.get()));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new Refused("redirect from " + uri + " to a malformed location: " + location.get());
                }
                uri = allowed(policy, next.toString(), uri);
                if (status == 303 || ((status == 301 || status == 302) && !method.equals("HEAD"))) {
                    method = "GET";
                    body = null;
                }
                continue;
            }
            ObjectNode out = JSON.createObjectNode();
            out.put("status", status);
            ObjectNode h = out.putObject("headers");
            for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
                if (e.getKey().startsWith(":")) continue;
                h.put(e.getKey().toLowerCase(Locale.ROOT), String.join(", ", e.getValue()));
            }
            out.put("body", readBody(response, policy.networkResponseLimitBytes(), uri, deadline));
            return out;
        }
    }

    /** The URI when its scheme is http(s) and its host:port is granted; else refused, naming what was asked. */
    private static URI allowed(WasmPolicy policy, String url, URI redirectedFrom) throws Refused {
        String what = redirectedFrom == null ? "" : "redirect from " + redirectedFrom + " to ";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused(what + "a malformed URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused(what + url + " refused: only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new Refused(what + url + " refused: the URL must name a host (and no user)");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String hostPort = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        if (!policy.networkHosts().contains(hostPort)) {
            throw new Refused(what + url + " refused: " + hostPort + " is not in this plugin's permissions.network ("
                    + String.join(", ", policy.networkHosts()) + ")");
        }
        return uri;
    }

    private static HttpResponse<InputStream> send(URI uri, String method, JsonNode headers, String body, long deadline)
            throws Refused {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new Refused("the time for the request ran out before " + uri + " was asked");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left));
        if (headers.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (RESTRICTED.contains(e.getKey().toLowerCase(Locale.ROOT))) continue;
                try {
                    b.header(e.getKey(), e.getValue().asText());
                } catch (IllegalArgumentException x) {
                    throw new Refused("header " + e.getKey() + " is not valid: " + x.getMessage());
                }
            }
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return Client.INSTANCE.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new Refused(uri + " did not answer in time");
        } catch (IOException e) {
            throw new Refused(uri + " failed: " + describe(e));
        } catch (InterruptedException e) {
            // the call's deadline (or a cancellation): the interrupt stays set, and the caller reports it
            Thread.currentThread().interrupt();
            throw new Refused(uri + " did not answer in time");
        }
    }

    private static String readBody(HttpResponse<InputStream> response, int limit, URI uri, long deadline)
            throws Refused {
        try (InputStream in = response.body()) {
            byte[] buf = new byte[Math.min(limit, 64 * 1024) + 1];
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limit) {
                    throw new Refused("the response of " + uri + " is larger than the limit of " + limit + " bytes");
                }
                out.write(buf, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    throw new Refused("the response of " + uri + " did not arrive in time");
                }
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new Refused("the response of " + uri + " did not arrive in time");
            }
            throw new Refused("reading the response of " + uri + " failed: " + describe(e));
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
    }
}
