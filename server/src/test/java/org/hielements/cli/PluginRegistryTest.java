package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hielements.library.config.PluginFixtures;
import org.hielements.library.registry.Integrity;
import org.hielements.library.registry.Lockfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plugins shared through a real npm registry (docs/REGISTRY.md), end to end: verdaccio 6.8.0 from npm on 127.0.0.1,
 * packages made by {@code hielements plugin new} and published with {@code npm publish}, then {@code hielements
 * plugins add/update/install/list/search}, {@code libraries} and {@code check} run as the user runs them (a new JVM each,
 * with its own HOME, package cache and environment). The registry is stopped to show that a check with a lock and a
 * filled cache downloads nothing.
 */
class PluginRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path scratch;
    private static Verdaccio registry;
    private static String token;
    private static Path sampleV2;

    @BeforeAll
    static void startRegistry() throws Exception {
        scratch = Files.createTempDirectory("hie-registry-test");
        Path bin = Verdaccio.install();
        if (bin == null) return;
        registry = Verdaccio.start(bin, scratch.resolve("verdaccio"));
        token = registry.addUser("tester", "a-long-test-password-1");
        Path fixtures = PluginFixtures.fixtures().resolve("plugins/sample");
        // hie-sample 1.0.0: plugin new's package.json and manifest as they are (asks filesystem read), the WAT module
        Path v1 = project("v1", "sample");
        Files.copy(fixtures.resolve("wat/sample.wasm"), v1.resolve("sample.wasm"));
        registry.publish(v1, token, scratch);
        // 1.1.0 (published later, in the test): the C module, asking network too
        sampleV2 = project("v2", "sample");
        Files.copy(fixtures.resolve("c/sample.wasm"), sampleV2.resolve("sample.wasm"));
        edit(sampleV2.resolve("package.json"), "\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
        edit(sampleV2.resolve("hielements-plugin.json"), "\"network\": []", "\"network\": [\"api.example.org:443\"]");
        // a scoped package only a logged-in user may read
        Path secret = project("secret", "secret");
        Files.copy(fixtures.resolve("wat/sample.wasm"), secret.resolve("secret.wasm"));
        edit(secret.resolve("package.json"), "\"name\": \"hie-secret\"", "\"name\": \"@private/hie-secret\"");
        registry.publish(secret, token, scratch);
        // not plugins: no keyword; the keyword and a manifest but no module
        Path noKeyword = project("nokeyword", "nokeyword");
        Files.copy(fixtures.resolve("wat/sample.wasm"), noKeyword.resolve("nokeyword.wasm"));
        edit(noKeyword.resolve("package.json"), "\"keywords\": [\"hielements-plugin\"]", "\"keywords\": [\"wasm\"]");
        registry.publish(noKeyword, token, scratch);
        Path noWasm = project("nowasm", "nowasm");
        registry.publish(noWasm, token, scratch);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) registry.close();
        if (scratch != null) {
            try (Stream<Path> all = Files.walk(scratch)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** {@code plugin new NAME --lang c} in scratch/DIR, version 1.0.0: the package as a plugin author has it. */
    private static Path project(String dir, String name) throws IOException {
        Path parent = Files.createDirectories(scratch.resolve("projects").resolve(dir));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"plugin", "new", name, "--lang", "c", "-d", parent.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        Path p = parent.resolve(name);
        edit(p.resolve("package.json"), "\"version\": \"0.1.0\"", "\"version\": \"1.0.0\"");
        return p;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " holds " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** A user's machine: a home, a package cache, the environment (tokens) and a workspace with its .npmrc. */
    private static final class Machine {
        final Path home;
        final Path cache;
        final Path ws;
        final Map<String, String> env = new HashMap<>();

        Machine(String name, String npmrc) throws IOException {
            Path root = Files.createDirectories(scratch.resolve("machines").resolve(name));
            home = Files.createDirectories(root.resolve("home"));
            cache = root.resolve("cache");
            ws = Files.createDirectories(root.resolve("ws"));
            Files.writeString(ws.resolve(".npmrc"), npmrc);
            Files.createDirectories(ws.resolve("src"));
            Files.writeString(ws.resolve("src/a.txt"), "a\n");
            Files.writeString(ws.resolve("src/b.txt"), "b\n");
            Files.writeString(ws.resolve("checks.hie"), "import sample\n\nelement demo:\n"
                    + "    scope src = sample.simple_selector('src')\n"
                    + "    check sample.file_count_check(src, 5)\n");
            env.put("HOME", home.toString());
            env.put("XDG_CACHE_HOME", cache.toString());
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        }

        /**
         * {@code hielements ARGS} in this JVM with this machine's environment (the workspace given with -w, the .hie
         * file by its absolute path).
         */
        Run run(String... args) {
            List<String> a = new ArrayList<>();
            for (String x : args) a.add(x.equals("checks.hie") ? ws.resolve(x).toString() : x);
            if (!a.get(0).equals("check")) a.addAll(List.of("-w", ws.toString()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(a.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        /** {@code hielements ARGS} as a user runs it: a new JVM in the workspace, with this machine's environment. */
        Run process(String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                    System.getProperty("java.class.path"), "org.hielements.cli.Main"));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Path err = Files.createTempFile(scratch, "err", ".txt");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "hielements " + String.join(" ", args) + " ended");
            return new Run(p.exitValue(), out, Files.readString(err));
        }

        String toml() throws IOException {
            return Files.readString(ws.resolve("hielements.toml"));
        }

        Lockfile lock() throws Exception {
            return Lockfile.read(ws);
        }

        List<Path> cached() throws IOException {
            Path dir = cache.resolve("hielements/packages");
            if (!Files.isDirectory(dir)) return List.of();
            try (Stream<Path> s = Files.list(dir)) {
                return s.filter(p -> p.toString().endsWith(".tgz")).sorted().toList();
            }
        }
    }

    private static boolean notRun(String test) {
        if (registry != null) return false;
        Verdaccio.notRun(test + " needs verdaccio (the offline pieces run in RegistryPiecesTest)");
        return true;
    }

    /** The registry's own document of a package: the integrity it gives a version. */
    private static String registryIntegrity(String name, String version) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(registry.url()
                + name.replace("/", "%2f"))).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = JSON.readTree(r.body());
        return doc.path("versions").path(version).path("dist").path("integrity").asText();
    }

    @Test
    void aRangeIsResolvedLockedRunOfflineUpdatedAndATamperedTarballIsRefused() throws Exception {
        if (notRun("aRangeIsResolvedLockedRunOfflineUpdatedAndATamperedTarballIsRefused")) return;
        Machine m = new Machine("main", "registry=" + registry.url() + "\n");

        // add: the highest version of the range, locked with the registry's integrity; no permission granted
        Run add = m.process("plugins", "add", "hie-sample@^1.0");
        assertEquals(0, add.code(), add.all());
        assertTrue(add.out().startsWith("added sample: hie-sample@1.0.0 (range \"^1.0\"), locked with sha512-"),
                add.out());
        assertTrue(add.out().contains("permissions asked: filesystem read; granted: none"), add.out());
        assertTrue(add.out().contains("    [libraries.sample.permissions]\n    filesystem = [\"read\"]\n"), add.out());
        assertEquals("\n[libraries.sample]\npackage = \"hie-sample@^1.0\"\n", "\n" + m.toml());
        Lockfile.Entry locked = m.lock().entry("sample").orElseThrow();
        assertEquals("1.0.0", locked.version());
        assertEquals(registryIntegrity("hie-sample", "1.0.0"), locked.integrity().sri());
        String lockText = Files.readString(m.ws.resolve("hielements.lock"));
        assertFalse(lockText.contains("127.0.0.1"), "the lock names no registry: " + lockText);
        assertEquals(1, m.cached().size());

        // without the grant the plugin loads with nothing and says so; the check needing the workspace fails
        Run ungranted = m.run("check", "checks.hie");
        assertNotEquals(0, ungranted.code(), ungranted.all());
        assertTrue(ungranted.all().contains("W513"), ungranted.all());
        Files.writeString(m.ws.resolve("hielements.toml"), m.toml() + "\n[libraries.sample.permissions]\n"
                + "filesystem = [\"read\"]\n");

        // 1.1.0 appears; the lock keeps 1.0.0. The registry stops: check and list run from the cache alone.
        registry.publish(sampleV2, token, scratch);
        registry.stop();
        assertFalse(registry.answers());
        List<Path> before = m.cached();
        Run offline = m.process("check", "checks.hie");
        assertEquals(0, offline.code(), offline.all());
        Run libs = m.process("libraries");
        assertTrue(libs.out().contains("  package: hie-sample@1.0.0 (range \"^1.0\", integrity "
                + locked.integrity().sri() + ")"), libs.out());
        assertTrue(libs.out().contains("  permissions asked: filesystem read; granted: filesystem read"), libs.out());
        Run list = m.run("plugins", "list");
        assertEquals(0, list.code(), list.all());
        assertTrue(list.out().startsWith("sample  hie-sample@^1.0  locked 1.0.0  ready\n"), list.out());
        assertEquals(before, m.cached(), "nothing was downloaded");

        // update: the registry back, 1.1.0 locked; it asks for network, which is not granted (W513), and runs
        registry.restart();
        Run update = m.run("plugins", "update");
        assertEquals(0, update.code(), update.all());
        assertEquals("sample: hie-sample 1.0.0 -> 1.1.0\n", update.out());
        Lockfile.Entry updated = m.lock().entry("sample").orElseThrow();
        assertEquals("1.1.0", updated.version());
        assertEquals(registryIntegrity("hie-sample", "1.1.0"), updated.integrity().sri());
        Run again = m.run("plugins", "update", "sample");
        assertEquals("sample: hie-sample 1.1.0 (up to date)\n", again.out());
        Run v2 = m.run("libraries", "-f", "json");
        JsonNode sample = library(v2.out(), "sample");
        assertEquals("1.1.0", sample.path("package").path("version").asText());
        assertEquals("[\"api.example.org:443\"]", sample.path("package").path("permissions_asked").path("network")
                .toString());
        assertEquals("[]", sample.path("package").path("permissions_granted").path("network").toString());
        assertTrue(v2.out().contains("W513"), v2.out());
        assertTrue(v2.out().contains("the package asks for network api.example.org:443, which hielements.toml does "
                + "not grant; it loads with only filesystem read"), v2.out());
        assertEquals(0, m.run("check", "checks.hie").code());

        // a cached tarball that changed is refused at the toml key, and nothing of it is loaded
        Path tarball = m.cache.resolve("hielements/packages").resolve(updated.integrity().hex() + ".tgz");
        byte[] bytes = Files.readAllBytes(tarball);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(tarball, bytes);
        Run tampered = m.run("check", "checks.hie");
        assertNotEquals(0, tampered.code(), tampered.all());
        assertTrue(tampered.all().contains("E543"), tampered.all());
        assertTrue(tampered.all().contains("it is refused and nothing of it is loaded"), tampered.all());
        assertTrue(tampered.all().contains("hielements.toml:2:"), "at the package key: " + tampered.all());
        // install replaces it with a verified download
        Run install = m.run("plugins", "install");
        assertEquals(0, install.code(), install.all());
        assertTrue(install.out().contains("sample: hie-sample@1.1.0 fetched and verified"), install.out());
        assertEquals(0, m.run("check", "checks.hie").code());

        // a range the lock no longer matches: a clear diagnostic naming the command
        Files.writeString(m.ws.resolve("hielements.toml"), m.toml().replace("hie-sample@^1.0", "hie-sample@^2"));
        Run mismatch = m.run("check", "checks.hie");
        assertNotEquals(0, mismatch.code());
        assertTrue(mismatch.all().contains("E541"), mismatch.all());
        assertTrue(mismatch.all().contains("hielements.lock holds hie-sample@1.1.0, which is not \"hie-sample@^2\": "
                + "run 'hielements plugins update sample'"), mismatch.all());
    }

    @Test
    void aFreshCacheIsFilledFromTheLockAlone() throws Exception {
        if (notRun("aFreshCacheIsFilledFromTheLockAlone")) return;
        Machine first = new Machine("first", "registry=" + registry.url() + "\n");
        assertEquals(0, first.run("plugins", "add", "hie-sample@1.0.0").code());
        // another machine: the same toml and lock, an empty cache
        Machine second = new Machine("second", "registry=" + registry.url() + "\n");
        Files.writeString(second.ws.resolve("hielements.toml"), first.toml() + "\n[libraries.sample.permissions]\n"
                + "filesystem = [\"read\"]\n");
        Files.copy(first.ws.resolve("hielements.lock"), second.ws.resolve("hielements.lock"));
        Run missing = second.run("check", "checks.hie");
        assertNotEquals(0, missing.code());
        assertTrue(missing.all().contains("E542"), missing.all());
        assertTrue(missing.all().contains("run 'hielements plugins install'"), missing.all());
        assertEquals(List.of(), second.cached(), "a check downloads nothing");
        Run install = second.run("plugins", "install");
        assertEquals(0, install.code(), install.all());
        assertEquals(first.lock().entries(), second.lock().entries(), "install does not change the lock");
        assertEquals(0, second.run("check", "checks.hie").code());
    }

    @Test
    void aScopedPackageIsReadWithTheTokenOfItsRegistryFromTheEnvironment() throws Exception {
        if (notRun("aScopedPackageIsReadWithTheTokenOfItsRegistryFromTheEnvironment")) return;
        String host = "//127.0.0.1:" + registry.port() + "/";
        Machine m = new Machine("scoped", "@private:registry=" + registry.url() + "\n" + host
                + ":_authToken=${HIE_TEST_TOKEN}\n");
        Run refused = m.run("plugins", "add", "@private/hie-secret@^1");
        assertEquals(1, refused.code(), refused.all());
        assertTrue(refused.err().contains("${HIE_TEST_TOKEN}, which is not set"), refused.err());
        assertTrue(refused.err().contains("the registry refused"), refused.err());
        assertTrue(refused.err().endsWith("; nothing was written\n"), refused.err());
        assertFalse(Files.exists(m.ws.resolve("hielements.toml")));
        assertFalse(Files.exists(m.ws.resolve("hielements.lock")));

        m.env.put("HIE_TEST_TOKEN", token);
        Run add = m.run("plugins", "add", "@private/hie-secret@^1", "--as", "sample");
        assertEquals(0, add.code(), add.all());
        assertEquals("[libraries.sample]\npackage = \"@private/hie-secret@^1\"\n", m.toml());
        assertEquals(registryIntegrity("@private/hie-secret", "1.0.0"),
                m.lock().entry("sample").orElseThrow().integrity().sri());
        // the token is written nowhere
        for (Path f : List.of(m.ws.resolve("hielements.toml"), m.ws.resolve("hielements.lock"))) {
            assertFalse(Files.readString(f).contains(token), f.toString());
        }
        assertFalse(add.all().contains(token));
    }

    @Test
    void packagesThatAreNotPluginsAreRefusedClearlyAndNothingIsWritten() throws Exception {
        if (notRun("packagesThatAreNotPluginsAreRefusedClearlyAndNothingIsWritten")) return;
        Machine m = new Machine("refused", "registry=" + registry.url() + "\n");
        Run noKeyword = m.run("plugins", "add", "hie-nokeyword");
        assertEquals(1, noKeyword.code(), noKeyword.all());
        assertEquals("error: hie-nokeyword@1.0.0 is not a Hielements plugin: its package.json has no keyword "
                + "\"hielements-plugin\"; nothing was written\n", noKeyword.err());
        Run noWasm = m.run("plugins", "add", "hie-nowasm@^1");
        assertEquals(1, noWasm.code(), noWasm.all());
        assertTrue(noWasm.err().startsWith("error: hie-nowasm@1.0.0 has no .wasm module at all; its manifest names "
                + "\"nowasm.wasm\""), noWasm.err());
        Run noVersion = m.run("plugins", "add", "hie-sample@^7");
        assertEquals(1, noVersion.code());
        assertTrue(noVersion.err().startsWith("error: no version of hie-sample matches \"^7\" (published: 1.0.0"),
                noVersion.err());
        Run unknown = m.run("plugins", "add", "hie-unknown");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("has no package hie-unknown"), unknown.err());
        assertFalse(Files.exists(m.ws.resolve("hielements.toml")));
        assertFalse(Files.exists(m.ws.resolve("hielements.lock")));
        assertEquals(List.of(), m.cached(), "nothing of a refused package is kept");
    }

    @Test
    void addingAgainReplacesTheEntrysPackageAndKeepsTheRestOfTheFile() throws Exception {
        if (notRun("addingAgainReplacesTheEntrysPackageAndKeepsTheRestOfTheFile")) return;
        Machine m = new Machine("again", "registry=" + registry.url() + "\n");
        String before = "# our libraries\n[libraries.local]\npath = \"local.wasm\"\n\n[libraries.sample]\n"
                + "package = \"hie-sample@1.0.0\"   # pinned for now\ntimeout = \"20s\"\n";
        Files.writeString(m.ws.resolve("hielements.toml"), before);
        Run first = m.run("plugins", "add", "hie-sample@1.0.0");
        assertEquals(0, first.code(), first.all());
        assertEquals(before, m.toml(), "the same package again: the file is unchanged");
        // a range that 1.1.0 (published by another test, or not yet) is outside of
        Run second = m.run("plugins", "add", "hie-sample@>=1.0.0 <1.1");
        assertEquals(0, second.code(), second.all());
        assertEquals(before.replace("hie-sample@1.0.0", "hie-sample@>=1.0.0 <1.1"), m.toml());
        assertEquals("1.0.0", m.lock().entry("sample").orElseThrow().version());
        assertEquals(">=1.0.0 <1.1", m.lock().entry("sample").orElseThrow().range());
        Run clash = m.run("plugins", "add", "hie-sample@^1", "--as", "local");
        assertEquals(1, clash.code());
        assertTrue(clash.err().contains("already has a library 'local' that is not a package"), clash.err());
        assertEquals(before.replace("hie-sample@1.0.0", "hie-sample@>=1.0.0 <1.1"), m.toml());
        assertEquals(List.of("sample"), m.lock().libraries(), "the lock holds package libraries only");
    }

    @Test
    void searchFindsPluginsOnly() throws Exception {
        if (notRun("searchFindsPluginsOnly")) return;
        Machine m = new Machine("search", "registry=" + registry.url() + "\n");
        Run found = m.run("plugins", "search", "hie");
        assertEquals(0, found.code(), found.all());
        assertTrue(found.out().contains("hie-sample  "), found.out());
        assertTrue(found.out().contains("hie-nowasm  "), found.out());
        assertFalse(found.out().contains("hie-nokeyword"), "no keyword, not a plugin: " + found.out());
        Run none = m.run("plugins", "search", "zzz-nothing");
        assertEquals("no plugin package found for 'zzz-nothing'\n", none.out());
    }

    private static JsonNode library(String json, String name) throws IOException {
        for (JsonNode l : JSON.readTree(json).path("libraries")) {
            if (l.path("name").asText().equals(name)) return l;
        }
        throw new AssertionError("no library " + name + " in " + json);
    }

    /** The integrity of the bytes, for messages. */
    static String sri(byte[] bytes) {
        return Integrity.of(bytes).sri();
    }
}
