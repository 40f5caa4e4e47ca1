package org.hielements.library.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client and resolver against two small HTTP servers on 127.0.0.1 (the JDK's), for what a well-behaved
 * registry never does: a tarball whose bytes are not the hash the document gives, a redirect to another host (the token
 * stays behind), a registry that wants a token, a version without a SHA-512 integrity. The real registry runs in
 * {@code cli.PluginRegistryTest}.
 */
class LocalRegistryTest {
    @TempDir
    Path dir;

    private HttpServer registry;
    private HttpServer other;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, String> authSeen = new ConcurrentHashMap<>();
    private boolean wantToken;

    @BeforeEach
    void start() throws Exception {
        registry = server();
        other = server();
    }

    private HttpServer server() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", this::serve);
        s.start();
        return s;
    }

    private void serve(HttpExchange x) throws java.io.IOException {
        String key = x.getLocalAddress().getPort() + x.getRequestURI().getRawPath();
        String auth = x.getRequestHeaders().getFirst("Authorization");
        authSeen.put(key, auth == null ? "none" : auth);
        if (wantToken && x.getLocalAddress().getPort() == registry.getAddress().getPort()
                && !"Bearer t0ken".equals(auth)) {
            reply(x, 401, "{\"error\":\"authorization required\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String to = redirects.get(key);
        if (to != null) {
            x.getResponseHeaders().add("Location", to);
            x.sendResponseHeaders(302, -1);
            x.close();
            return;
        }
        byte[] body = files.get(key);
        reply(x, body == null ? 404 : 200, body == null ? "{}".getBytes(StandardCharsets.UTF_8) : body);
    }

    private static void reply(HttpExchange x, int status, byte[] body) throws java.io.IOException {
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        other.stop(0);
    }

    private String url(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort() + "/";
    }

    private void publish(String name, String version, byte[] tgz, String integrity, String keywords) {
        String tarball = url(registry) + name + "/-/" + name + "-" + version + ".tgz";
        String doc = "{\"name\":\"" + name + "\",\"versions\":{\"" + version + "\":{\"name\":\"" + name
                + "\",\"version\":\"" + version + "\",\"keywords\":" + keywords + ",\"dist\":{\"tarball\":\""
                + tarball + "\"" + (integrity == null ? "" : ",\"integrity\":\"" + integrity + "\"") + "}}}}";
        files.put(registry.getAddress().getPort() + "/" + name, doc.getBytes(StandardCharsets.UTF_8));
        files.put(registry.getAddress().getPort() + "/" + name + "/-/" + name + "-" + version + ".tgz", tgz);
    }

    private PackageResolver resolver(String npmrc) throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(ws.resolve(".npmrc"), npmrc);
        Map<String, String> env = Map.of("HOME", dir.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString(),
                "TOKEN", "t0ken");
        return new PackageResolver(new RegistryClient(NpmConfig.load(ws, env), Duration.ofSeconds(10)),
                PackageCache.of(env));
    }

    private static byte[] plugin(String version) throws Exception {
        return TestTarballs.plugin("hie-sample", version, "[\"hielements-plugin\"]", TestTarballs.MANIFEST,
                RegistryPiecesTest.wasm());
    }

    @Test
    void aTarballWhoseBytesAreNotTheAdvertisedHashIsRefusedAndNothingIsStored() throws Exception {
        byte[] real = plugin("1.0.0");
        byte[] served = plugin("1.0.1");
        publish("hie-sample", "1.0.0", served, Integrity.of(real).sri(), "[\"hielements-plugin\"]");
        PackageResolver r = resolver("registry=" + url(registry) + "\n");
        PackageResolver.Resolved res = r.resolve(PackageSpec.parse("hie-sample@^1"));
        InvalidPackage e = assertThrows(InvalidPackage.class, () -> r.fetch(res, res.integrity(), 1 << 20));
        assertTrue(e.getMessage().contains("it is refused and nothing of it is unpacked or stored"), e.getMessage());
        assertFalse(r.cache().contains(Integrity.of(real)));
        assertFalse(r.cache().contains(Integrity.of(served)));
        // a lock naming another hash than the registry's: refused before any download
        InvalidPackage lock = assertThrows(InvalidPackage.class, () -> r.fetch(res, Integrity.of(served), 1 << 20));
        assertTrue(lock.getMessage().contains("the published tarball changed"), lock.getMessage());
    }

    @Test
    void aVersionWithoutSha512OrKeywordIsNotUsed() throws Exception {
        byte[] tgz = plugin("1.0.0");
        publish("hie-sample", "1.0.0", tgz, null, "[\"hielements-plugin\"]");
        PackageResolver r = resolver("registry=" + url(registry) + "\n");
        InvalidPackage noHash = assertThrows(InvalidPackage.class, () -> r.resolve(PackageSpec.parse("hie-sample")));
        assertEquals("hie-sample@1.0.0 has no SHA-512 integrity in the registry (dist.integrity); it cannot be "
                + "verified, so it is not used", noHash.getMessage());
        publish("hie-sample", "1.0.0", tgz, Integrity.of(tgz).sri(), "[]");
        InvalidPackage noKeyword = assertThrows(InvalidPackage.class, () -> r.resolve(PackageSpec.parse("hie-sample")));
        assertTrue(noKeyword.getMessage().contains("has no keyword \"hielements-plugin\""), noKeyword.getMessage());
    }

    @Test
    void theTokenGoesToItsRegistryOnlyAndARefusalSaysWhatToDo() throws Exception {
        byte[] tgz = plugin("1.0.0");
        publish("hie-sample", "1.0.0", tgz, Integrity.of(tgz).sri(), "[\"hielements-plugin\"]");
        // the tarball is served from another host, through a redirect
        String tarballKey = registry.getAddress().getPort() + "/hie-sample/-/hie-sample-1.0.0.tgz";
        redirects.put(tarballKey, url(other) + "cdn/sample.tgz");
        files.put(other.getAddress().getPort() + "/cdn/sample.tgz", tgz);
        wantToken = true;

        PackageResolver anonymous = resolver("registry=" + url(registry) + "\n");
        RegistryException refused = assertThrows(RegistryException.class,
                () -> anonymous.resolve(PackageSpec.parse("hie-sample")));
        assertTrue(refused.getMessage().contains("(HTTP 401): it needs a token: add //HOST/:_authToken="),
                refused.getMessage());

        String host = "//127.0.0.1:" + registry.getAddress().getPort() + "/";
        PackageResolver wrong = resolver("registry=" + url(registry) + "\n" + host + ":_authToken=nope\n");
        RegistryException bad = assertThrows(RegistryException.class,
                () -> wrong.resolve(PackageSpec.parse("hie-sample")));
        assertTrue(bad.getMessage().contains("the token .npmrc gives for this registry is not accepted"),
                bad.getMessage());

        PackageResolver r = resolver("registry=" + url(registry) + "\n" + host + ":_authToken=${TOKEN}\n");
        PackageResolver.Resolved res = r.resolve(PackageSpec.parse("hie-sample"));
        PackageCache.Opened opened = r.fetch(res, res.integrity(), 1 << 20);
        assertEquals("hie-sample", opened.pkg().name());
        assertEquals("Bearer t0ken", authSeen.get(registry.getAddress().getPort() + "/hie-sample"));
        assertEquals("Bearer t0ken", authSeen.get(tarballKey));
        assertEquals("none", authSeen.get(other.getAddress().getPort() + "/cdn/sample.tgz"),
                "the token never follows a redirect to another host");
        assertTrue(java.util.Arrays.equals(RegistryPiecesTest.wasm(), Files.readAllBytes(opened.module())),
                "the module unpacked from the verified tarball");
    }

    @Test
    void anUnreachableRegistryIsSaidWithItsAddress() throws Exception {
        int port = registry.getAddress().getPort();
        registry.stop(0);
        PackageResolver r = resolver("registry=http://127.0.0.1:" + port + "/\n");
        RegistryException e = assertThrows(RegistryException.class, () -> r.resolve(PackageSpec.parse("hie-sample")));
        assertTrue(e.getMessage().startsWith("cannot reach http://127.0.0.1:" + port + "/hie-sample"), e.getMessage());
        registry = server();
    }
}
