package org.hielements.library.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * npm's registry API over {@code java.net.http}, for what plugins need: a package's document (its versions with their
 * tarball, {@code dist.integrity} and keywords), a tarball, and the search API. Every request has a timeout and every
 * answer a size limit; redirects are followed by hand (at most 5) and the {@code Authorization} header of
 * {@code .npmrc} goes only to the host it is written for.
 */
public final class RegistryClient {
    /** The largest package document read: 32 MiB. */
    public static final long MAX_DOCUMENT = 32L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NpmConfig config;
    private final HttpClient http;
    private final Duration timeout;

    public RegistryClient(NpmConfig config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds()))))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public RegistryClient(NpmConfig config) {
        this(config, Duration.ofSeconds(30));
    }

    /**
     * One published version.
     *
     * @param version   the version
     * @param tarball   its tarball's address
     * @param integrity its tarball's SHA-512, when the registry gives one
     * @param keywords  the keywords of its package.json
     */
    public record Version(String version, URI tarball, Optional<Integrity> integrity, List<String> keywords) {}

    /** A package's document: its published versions by version. */
    public record Packument(String name, String registry, Map<String, Version> versions) {}

    /** One search result. */
    public record Hit(String name, String version, String description, List<String> keywords) {}

    /** The package document of {@code name} from its registry. */
    public Packument packument(String name) throws RegistryException {
        String registry = config.registryFor(name);
        URI uri = URI.create(registry + encodeName(name));
        HttpResponse<InputStream> r = get(uri, "application/json");
        byte[] body = body(r, uri, MAX_DOCUMENT);
        if (r.statusCode() == 404) {
            throw new RegistryException("the registry " + registry + " has no package " + name);
        }
        refuseStatus(r, uri, body);
        JsonNode doc = parse(body, uri);
        Map<String, Version> versions = new LinkedHashMap<>();
        JsonNode vs = doc.path("versions");
        for (Iterator<Map.Entry<String, JsonNode>> it = vs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!NpmRange.isVersion(e.getKey())) continue;
            JsonNode dist = e.getValue().path("dist");
            String tarball = dist.path("tarball").asText("");
            URI t;
            try {
                t = uri.resolve(tarball);
            } catch (IllegalArgumentException bad) {
                continue;
            }
            if (tarball.isEmpty()) continue;
            versions.put(e.getKey(), new Version(e.getKey(), t,
                    Integrity.parse(dist.path("integrity").asText(null)),
                    PluginPackage.keywords(e.getValue())));
        }
        return new Packument(name, registry, versions);
    }

    /** The tarball at {@code uri}, at most {@code limit} bytes. */
    public byte[] tarball(URI uri, long limit) throws RegistryException {
        HttpResponse<InputStream> r = get(uri, "application/octet-stream");
        byte[] body = body(r, uri, limit);
        refuseStatus(r, uri, body);
        return body;
    }

    /**
     * Search results for {@code text} among packages with the keyword {@code hielements-plugin}: the registry is asked
     * with npm's {@code keywords:} qualifier; a registry that does not know it (verdaccio) answers nothing, and is
     * asked for the text alone, the keyword then checked here. Only packages with the keyword are given.
     */
    public List<Hit> search(String text, int size) throws RegistryException {
        List<Hit> hits = searchOnce(("keywords:" + PluginManifest.KEYWORD + " " + text).trim(), size);
        if (hits.isEmpty() && !text.isBlank()) hits = searchOnce(text.trim(), size);
        return hits;
    }

    private List<Hit> searchOnce(String q, int size) throws RegistryException {
        String registry = config.defaultRegistry();
        URI uri = URI.create(registry + "-/v1/search?text=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                + "&size=" + size);
        HttpResponse<InputStream> r = get(uri, "application/json");
        byte[] body = body(r, uri, MAX_DOCUMENT);
        refuseStatus(r, uri, body);
        JsonNode doc = parse(body, uri);
        List<Hit> out = new ArrayList<>();
        for (JsonNode o : doc.path("objects")) {
            JsonNode p = o.path("package");
            List<String> keywords = PluginPackage.keywords(p);
            if (!keywords.contains(PluginManifest.KEYWORD)) continue;
            out.add(new Hit(p.path("name").asText(""), p.path("version").asText(""),
                    p.path("description").asText(""), keywords));
        }
        return out;
    }

    /** {@code @scope/name} as the registry's path: {@code @scope%2fname}. */
    static String encodeName(String name) {
        return name.replace("/", "%2f");
    }

    private HttpResponse<InputStream> get(URI start, String accept) throws RegistryException {
        URI uri = start;
        String auth = null;
        for (int hop = 0; hop <= 5; hop++) {
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new RegistryException("refused to fetch " + uri + ": only http and https are used");
            }
            // the token goes to the host it is written for, never along a redirect to another
            if (hop == 0 || sameOrigin(start, uri)) auth = config.authorization(uri).orElse(null);
            else auth = null;
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("Accept", accept)
                    .header("User-Agent", "hielements (plugin registry client)");
            if (auth != null) b.header("Authorization", auth);
            HttpResponse<InputStream> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (java.net.http.HttpTimeoutException e) {
                throw new RegistryException("the registry did not answer " + uri + " within " + timeout.toSeconds()
                        + " s");
            } catch (IOException e) {
                throw new RegistryException("cannot reach " + uri + ": " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("interrupted while fetching " + uri);
            }
            int s = r.statusCode();
            if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
                Optional<String> loc = r.headers().firstValue("Location");
                close(r);
                if (loc.isEmpty()) throw new RegistryException(uri + " redirects without a Location");
                uri = uri.resolve(loc.get());
                continue;
            }
            return r;
        }
        throw new RegistryException(start + " redirects more than 5 times");
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && String.valueOf(a.getHost()).equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private static void close(HttpResponse<InputStream> r) {
        try {
            r.body().close();
        } catch (IOException ignored) {
            // nothing more to read
        }
    }

    private static byte[] body(HttpResponse<InputStream> r, URI uri, long limit) throws RegistryException {
        try (InputStream in = r.body()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (b.length > limit) {
                throw new RegistryException("the answer of " + uri + " is larger than " + (limit >> 20) + " MiB");
            }
            return b;
        } catch (IOException e) {
            throw new RegistryException("reading the answer of " + uri + " failed: " + e.getMessage());
        }
    }

    private void refuseStatus(HttpResponse<InputStream> r, URI uri, byte[] body) throws RegistryException {
        int s = r.statusCode();
        if (s >= 200 && s < 300) return;
        String detail = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}]", " ").strip();
        if (s == 401 || s == 403) {
            boolean token = config.authorization(uri).isPresent();
            throw new RegistryException("the registry refused " + uri + " (HTTP " + s + "): " + (token
                    ? "the token .npmrc gives for this registry is not accepted"
                    : "it needs a token: add //HOST/:_authToken=${TOKEN_VARIABLE} for it to .npmrc")
                    + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
        throw new RegistryException("the registry answered " + uri + " with HTTP " + s
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    private static JsonNode parse(byte[] body, URI uri) throws RegistryException {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) throw new RegistryException(uri + " did not answer a JSON object");
            return n;
        } catch (IOException e) {
            throw new RegistryException(uri + " did not answer JSON");
        }
    }
}
