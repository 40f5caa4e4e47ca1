package org.hielements.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real npm registry for tests: verdaccio 6.8.0 from npm, installed once per machine into
 * {@code ~/.cache/hielements-test/verdaccio-6.8.0} (a package.json pinning it exactly, with {@code node-fetch}
 * overridden to 2.7.0 so it runs on Node 20; no lock file is written), started on 127.0.0.1 on a free port with its
 * storage in a temporary folder, no uplink (it never proxies another registry), anonymous reads of unscoped packages,
 * {@code @private/*} only for a logged-in user, publishing only for a logged-in user.
 */
final class Verdaccio implements AutoCloseable {
    static final String VERSION = "6.8.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final int port;
    private Process process;

    private Verdaccio(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** The installed verdaccio's launcher, installing it first; null (with the reason printed) when it cannot be. */
    static Path install() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"),
                ".cache");
        Path dir = base.resolve("hielements-test").resolve("verdaccio-" + VERSION);
        Path bin = dir.resolve("node_modules/.bin/verdaccio");
        if (Files.isExecutable(bin)) return bin;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), "{\"name\":\"hielements-test-verdaccio\",\"private\":true,"
                    + "\"version\":\"1.0.0\",\"dependencies\":{\"verdaccio\":\"" + VERSION + "\"},"
                    + "\"overrides\":{\"node-fetch\":\"2.7.0\"}}\n");
            Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-package-lock")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("install.log").toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                notRun("installing verdaccio " + VERSION + " with npm took more than 10 minutes");
                return null;
            }
            if (p.exitValue() != 0 || !Files.isExecutable(bin)) {
                notRun("npm install verdaccio@" + VERSION + " failed (see " + dir.resolve("install.log") + ")");
                return null;
            }
            return bin;
        } catch (IOException e) {
            notRun("npm cannot be run (" + e.getMessage() + "): Node 20 and npm are needed");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void notRun(String why) {
        System.err.println("!!!!! NOT RUN: PluginRegistryTest against a real registry: " + why);
        System.out.println("!!!!! NOT RUN: PluginRegistryTest against a real registry: " + why);
    }

    /** Starts verdaccio with its storage in {@code home} (kept across restarts) on a free port. */
    static Verdaccio start(Path bin, Path home) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.yaml"), String.join("\n",
                "storage: ./storage",
                "auth:",
                "  htpasswd:",
                "    file: ./htpasswd",
                "    max_users: 100",
                "uplinks: {}",
                "packages:",
                "  '@private/*':",
                "    access: $authenticated",
                "    publish: $authenticated",
                "  '**':",
                "    access: $all",
                "    publish: $authenticated",
                "web:",
                "  enable: false",
                "log: { type: stdout, format: pretty, level: warn }",
                ""));
        Verdaccio v = new Verdaccio(home, port);
        v.bin = bin;
        v.startProcess();
        return v;
    }

    private Path bin;

    private void startProcess() throws IOException, InterruptedException {
        process = new ProcessBuilder(bin.toString(), "--config", home.resolve("config.yaml").toString(), "--listen",
                "127.0.0.1:" + port).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("verdaccio.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("verdaccio exited with " + process.exitValue() + ": "
                        + Files.readString(home.resolve("verdaccio.log")));
            }
            try {
                HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(url() + "-/ping"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("verdaccio did not answer on port " + port + " within 60 s");
    }

    /** Stops the registry (its storage stays); {@link #restart()} starts it again on the same port. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    boolean answers() {
        try {
            return http().send(HttpRequest.newBuilder(URI.create(url() + "-/ping")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    int port() {
        return port;
    }

    /** Creates a user through the registry's REST API (as npm adduser does); its token. */
    String addUser(String name, String password) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("name", name, "password", password, "type", "user",
                "roles", List.of()));
        HttpResponse<String> r = http().send(HttpRequest.newBuilder(URI.create(url() + "-/user/org.couchdb.user:"
                + name)).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IOException("adduser answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body()).path("token").asText();
    }

    /** {@code npm publish} of the package folder with {@code token}, scripts not run; npm's output. */
    String publish(Path pkg, String token, Path scratch) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Path userrc = scratch.resolve("publish.npmrc");
        Files.writeString(userrc, "//127.0.0.1:" + port + "/:_authToken=${HIE_PUBLISH_TOKEN}\n");
        ProcessBuilder pb = new ProcessBuilder("npm", "publish", "--registry", url(), "--ignore-scripts")
                .directory(pkg.toFile()).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(pb.environment());
        env.keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).startsWith("npm_config_"));
        env.put("HIE_PUBLISH_TOKEN", token);
        env.put("NPM_CONFIG_USERCONFIG", userrc.toString());
        env.put("npm_config_cache", scratch.resolve("npm-cache").toString());
        env.put("npm_config_update_notifier", "false");
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("npm publish of " + pkg + " failed: " + out);
        }
        return out;
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
