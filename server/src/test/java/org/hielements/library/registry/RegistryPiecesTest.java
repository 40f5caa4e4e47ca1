package org.hielements.library.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline pieces of the plugin registry: npm ranges (against npm's own node-semver when npm is installed),
 * {@code .npmrc}, SRI integrity, the tarball reader's refusals, the manifest, the cache's verification and the lock's
 * text.
 */
class RegistryPiecesTest {
    @TempDir
    Path dir;

    /** range, version, npm's answer. */
    private static final String[][] RANGES = {
        {"^1.2", "1.2.0", "true"}, {"^1.2", "1.9.9", "true"}, {"^1.2", "2.0.0", "false"},
        {"^1.2", "1.3.0-beta.1", "false"}, {"^1.3.0-beta.0", "1.3.0-beta.1", "true"},
        {"^1.3.0-beta.0", "1.4.0-beta.1", "false"}, {"^0.2", "0.3.0", "false"}, {"^0.2", "0.2.7", "true"},
        {"^0.0.3", "0.0.4", "false"}, {"~1.2.3", "1.2.9", "true"}, {"~1.2.3", "1.3.0", "false"},
        {"~1", "1.9.0", "true"}, {"~>1.2", "1.2.5", "true"}, {"1.x", "1.5.0", "true"}, {"1.x", "2.0.0", "false"},
        {"1.2.x", "1.2.7", "true"}, {"1.X", "1.0.1", "true"}, {"x", "3.1.4", "true"}, {"*", "3.0.0", "true"},
        {"*", "3.0.0-rc.1", "false"}, {"", "0.0.1", "true"}, {">=1.0.0 <2", "1.5.0", "true"},
        {">= 1.2", "1.3.0", "true"}, {">1.2.3", "1.2.3", "false"}, {"<=1.2", "1.2.9", "true"},
        {"1.0.0 || 2.x", "2.1.0", "true"}, {"1.0.0 || 2.x", "1.5.0", "false"}, {"1.2.3", "1.2.3", "true"},
        {"1.2.3", "1.2.4", "false"}, {"=1.2.3", "1.2.3", "true"}, {"v1.2.3", "1.2.3", "true"},
        {"1.0.0 - 2.0.0", "2.0.0", "true"}, {"1.0.0 - 2.0.0", "2.0.1", "false"}, {"1.2.3-rc.1", "1.2.3-rc.1", "true"},
        {">=1.0.0-a <2", "1.5.0-b", "false"}, {"^1.2 || ^2", "2.5.0", "true"},
    };

    @Test
    void npmRangesMatchAsNpmDoes() throws Exception {
        for (String[] c : RANGES) {
            assertEquals(Boolean.parseBoolean(c[2]), NpmRange.parse(c[0]).includes(c[1]), c[0] + " / " + c[1]);
        }
        // the same table through npm's own node-semver
        Path semver = npmSemver();
        if (semver == null) {
            System.out.println("NOT RUN: npm's node-semver not found (npm not installed): the range table is checked "
                    + "against the answers written here only");
            return;
        }
        StringBuilder js = new StringBuilder("const s = require(" + json(semver.toString()) + "); const c = [");
        for (String[] c : RANGES) js.append("[").append(json(c[0])).append(",").append(json(c[1])).append("],");
        js.append("]; for (const [r, v] of c) console.log(s.satisfies(v, r));");
        Process p = new ProcessBuilder("node", "-e", js.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String[] lines = out.strip().split("\n");
        assertEquals(RANGES.length, lines.length, out);
        for (int i = 0; i < RANGES.length; i++) {
            assertEquals(RANGES[i][2], lines[i].strip(), "node-semver: " + RANGES[i][0] + " / " + RANGES[i][1]);
        }
    }

    @Test
    void rangesNpmWouldNotReadAreRefusedWithTheReason() {
        for (String bad : List.of("1.2.3 foo", "[1.0,2.0)", "latest", "^^1", "1.2.3.4", ">=", "01.2.3")) {
            NpmRange.InvalidRange e = assertThrows(NpmRange.InvalidRange.class, () -> NpmRange.parse(bad), bad);
            assertFalse(e.getMessage().isEmpty());
        }
    }

    @Test
    void theHighestMatchingVersionIsChosenAndPrereleasesOnlyWhenAsked() throws Exception {
        List<String> published = List.of("1.0.0", "1.1.0", "1.2.0-beta.1", "1.1.5", "2.0.0", "2.1.0-rc.1");
        assertEquals("1.1.5", NpmRange.parse("^1.0").highest(published).orElseThrow());
        assertEquals("2.0.0", NpmRange.parse("*").highest(published).orElseThrow());
        assertEquals("1.2.0-beta.1", NpmRange.parse("^1.2.0-beta.0").highest(published).orElseThrow());
        assertTrue(NpmRange.parse("^3").highest(published).isEmpty());
    }

    @Test
    void packageSpecsNameAScopeAndARange() throws Exception {
        PackageSpec s = PackageSpec.parse("@acme/hie-typescript@^1.2");
        assertEquals("@acme/hie-typescript", s.name());
        assertEquals("@acme", s.scope());
        assertEquals("^1.2", s.range().text());
        PackageSpec bare = PackageSpec.parse("hie-sample");
        assertEquals("hie-sample", bare.name());
        assertEquals(null, bare.scope());
        assertTrue(bare.range().includes("9.9.9"));
        assertThrows(NpmRange.InvalidRange.class, () -> PackageSpec.parse("Hie-Sample@1"));
        assertThrows(NpmRange.InvalidRange.class, () -> PackageSpec.parse("@acme@1"));
        assertThrows(NpmRange.InvalidRange.class, () -> PackageSpec.parse("../x"));
    }

    @Test
    void npmrcGivesRegistriesPerScopeAndTokensFromTheEnvironmentForTheirHostOnly() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(home.resolve(".npmrc"), "registry=http://127.0.0.1:1/\n"
                + "//127.0.0.1:2/:_authToken=${SCOPE_TOKEN}\n; a comment\n");
        Files.writeString(ws.resolve(".npmrc"), "registry = \"http://127.0.0.1:3/npm\"\n"
                + "@acme:registry=http://127.0.0.1:2/\n//127.0.0.1:3/npm/:_authToken=${MISSING}\n");
        NpmConfig c = NpmConfig.load(ws, Map.of("HOME", home.toString(), "SCOPE_TOKEN", "s3cret"));
        assertEquals("http://127.0.0.1:3/npm/", c.registryFor("hie-sample"), "the workspace's .npmrc wins");
        assertEquals("http://127.0.0.1:2/", c.registryFor("@acme/hie-x"));
        assertEquals("http://127.0.0.1:3/npm/", c.registryFor("@other/hie-x"));
        assertEquals("Bearer s3cret", c.authorization(URI.create("http://127.0.0.1:2/@acme%2fhie-x")).orElseThrow());
        assertTrue(c.authorization(URI.create("http://127.0.0.1:4/@acme%2fhie-x")).isEmpty(), "another host: none");
        assertTrue(c.authorization(URI.create("http://127.0.0.1:3/npm/x")).isEmpty(), "an unset variable: none");
        assertEquals(1, c.problems().size(), c.problems().toString());
        assertTrue(c.problems().get(0).contains("${MISSING}"), c.problems().toString());
        NpmConfig env = NpmConfig.load(ws, Map.of("HOME", home.toString(), "npm_config_registry",
                "http://127.0.0.1:5"));
        assertEquals("http://127.0.0.1:5/", env.registryFor("x"), "the environment wins over files");
    }

    @Test
    void integrityIsSha512Sri() {
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        Integrity i = Integrity.of(data);
        assertTrue(i.sri().startsWith("sha512-"));
        assertEquals(i, Integrity.parse("sha1-abc " + i.sri()).orElseThrow());
        assertTrue(i.matches(data));
        assertFalse(i.matches("hellO".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Integrity.parse("sha1-qUqP5cyxm6YcTAhz05Hph5gvu9M=").isEmpty(), "only sha512 counts");
        assertEquals(128, i.hex().length());
    }

    @Test
    void theTarballReaderRefusesLinksEscapesAndDevicesAndReadsTheRest() throws Exception {
        byte[] wasm = wasm();
        byte[] good = TestTarballs.plugin("hie-sample", "1.0.0", "[\"hielements-plugin\"]", TestTarballs.MANIFEST,
                wasm);
        PluginPackage p = PluginPackage.read(good, 1 << 20);
        assertEquals("hie-sample", p.name());
        assertArrayEquals(wasm, p.module());
        assertEquals("filesystem read, network api.example.org:443", p.manifest().permissions().describe());

        List<String> refusals = new ArrayList<>();
        for (TestTarballs bad : List.of(
                new TestTarballs().file("package/../../etc/x.wasm", wasm),
                new TestTarballs().file("/abs/x.wasm", wasm),
                new TestTarballs().entry("package/sample.wasm", '2', "/etc/passwd"),
                new TestTarballs().entry("package/sample.wasm", '1', "package/other"),
                new TestTarballs().entry("package/dev", '3', ""),
                new TestTarballs().entry("package/fifo", '6', ""))) {
            Tarball.Refused e = assertThrows(Tarball.Refused.class, () -> Tarball.read(bad.tgz(), x -> true, 1 << 20));
            refusals.add(e.getMessage());
        }
        assertTrue(refusals.get(0).contains("leaves the package"), refusals.toString());
        assertTrue(refusals.get(1).contains("unsafe path"), refusals.toString());
        assertTrue(refusals.get(2).contains("symbolic link"), refusals.toString());
        assertTrue(refusals.get(3).contains("hard link"), refusals.toString());
        assertTrue(refusals.get(4).contains("device"), refusals.toString());
        assertTrue(refusals.get(5).contains("FIFO"), refusals.toString());
        Tarball.Refused big = assertThrows(Tarball.Refused.class, () -> Tarball.read(good, x -> true, 10));
        assertTrue(big.getMessage().contains("larger than"), big.getMessage());
        Tarball.Refused notGzip = assertThrows(Tarball.Refused.class,
                () -> Tarball.read("plain".getBytes(StandardCharsets.UTF_8), x -> true, 10));
        assertTrue(notGzip.getMessage().contains("not a gzip'd tar archive"), notGzip.getMessage());
    }

    @Test
    void aPackageWithoutTheKeywordTheManifestOrTheModuleIsRefusedClearly() throws Exception {
        byte[] wasm = wasm();
        String noKeyword = assertThrows(InvalidPackage.class, () -> PluginPackage.read(TestTarballs.plugin(
                "hie-sample", "1.0.0", "[\"wasm\"]", TestTarballs.MANIFEST, wasm), 1 << 20)).getMessage();
        assertEquals("hie-sample@1.0.0 is not a Hielements plugin: its package.json has no keyword "
                + "\"hielements-plugin\"", noKeyword);
        String noManifest = assertThrows(InvalidPackage.class, () -> PluginPackage.read(TestTarballs.plugin(
                "hie-sample", "1.0.0", "[\"hielements-plugin\"]", null, wasm), 1 << 20)).getMessage();
        assertTrue(noManifest.startsWith("hie-sample@1.0.0 has no hielements-plugin.json"), noManifest);
        String noModule = assertThrows(InvalidPackage.class, () -> PluginPackage.read(TestTarballs.plugin(
                "hie-sample", "1.0.0", "[\"hielements-plugin\"]", TestTarballs.MANIFEST, null), 1 << 20)).getMessage();
        assertTrue(noModule.startsWith("hie-sample@1.0.0 has no .wasm module at all"), noModule);
        String abi = assertThrows(InvalidPackage.class, () -> PluginPackage.read(TestTarballs.plugin("hie-sample",
                "1.0.0", "[\"hielements-plugin\"]", TestTarballs.MANIFEST.replace("\"abi\":1", "\"abi\":2"), wasm),
                1 << 20)).getMessage();
        assertTrue(abi.contains("ABI version 2 is not supported"), abi);
    }

    @Test
    void theCacheKeepsTarballsByHashAndRefusesOneThatChanged() throws Exception {
        PackageCache cache = PackageCache.of(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()));
        assertEquals(dir.resolve("cache/hielements/packages"), cache.root());
        byte[] tgz = TestTarballs.plugin("hie-sample", "1.0.0", "[\"hielements-plugin\"]", TestTarballs.MANIFEST,
                wasm());
        Integrity i = Integrity.of(tgz);
        PackageCache.Problem missing = assertThrows(PackageCache.Problem.class, () -> cache.open(i, 1 << 20));
        assertEquals(PackageCache.Problem.Kind.MISSING, missing.kind());
        assertThrows(IOException.class, () -> cache.store(Integrity.of(new byte[1]), tgz));
        cache.store(i, tgz);
        PackageCache.Opened o = cache.open(i, 1 << 20);
        assertArrayEquals(wasm(), Files.readAllBytes(o.module()));
        assertEquals(cache.root().resolve(i.hex()).resolve("sample.wasm"), o.module());
        // a changed unpacked module is rewritten from the verified tarball
        Files.write(o.module(), new byte[] {0, 'a', 's', 'm', 9, 9, 9, 9});
        assertArrayEquals(wasm(), Files.readAllBytes(cache.open(i, 1 << 20).module()));
        // a changed tarball is refused
        byte[] tampered = tgz.clone();
        tampered[tampered.length - 20] ^= 1;
        Files.write(cache.tarball(i), tampered);
        PackageCache.Problem t = assertThrows(PackageCache.Problem.class, () -> cache.open(i, 1 << 20));
        assertEquals(PackageCache.Problem.Kind.TAMPERED, t.kind());
        assertTrue(t.getMessage().contains("not the " + i.sri() + " of hielements.lock"), t.getMessage());
    }

    @Test
    void theLockIsDeterministicAndReadBack() throws Exception {
        Integrity a = Integrity.of(new byte[] {1});
        Integrity b = Integrity.of(new byte[] {2});
        Lockfile one = Lockfile.empty().with(new Lockfile.Entry("zeta", "@acme/z", "^1", "1.0.0", a))
                .with(new Lockfile.Entry("alpha", "hie-a", "~2.1", "2.1.3", b));
        Lockfile two = Lockfile.empty().with(new Lockfile.Entry("alpha", "hie-a", "~2.1", "2.1.3", b))
                .with(new Lockfile.Entry("zeta", "@acme/z", "^1", "1.0.0", a));
        assertEquals(one.text(), two.text(), "the same entries, the same bytes");
        assertTrue(one.text().indexOf("[libraries.alpha]") < one.text().indexOf("[libraries.zeta]"));
        Lockfile back = Lockfile.parse(one.text());
        assertEquals(one.entries(), back.entries());
        assertEquals(one.text(), back.text());
        assertTrue(back.entry("zeta").orElseThrow().matches(PackageSpec.parse("@acme/z@^1.0")));
        assertFalse(back.entry("zeta").orElseThrow().matches(PackageSpec.parse("@acme/z@^2")));
        assertFalse(back.entry("zeta").orElseThrow().matches(PackageSpec.parse("@acme/y@^1")));
        assertEquals(List.of("alpha"), back.retain(List.of("alpha", "other")).libraries());
        Lockfile odd = Lockfile.empty().with(new Lockfile.Entry("a b", "hie-a", "^1", "1.0.0", a));
        assertEquals(odd.entries(), Lockfile.parse(odd.text()).entries(), "a key that is not bare is quoted");
        assertThrows(Lockfile.Unreadable.class, () -> Lockfile.parse("lockfile = 7\n"));
        assertThrows(Lockfile.Unreadable.class, () -> Lockfile.parse("lockfile = 1\n[libraries.x]\npackage = \"a\"\n"));
    }

    static byte[] wasm() throws IOException {
        return Files.readAllBytes(org.hielements.library.config.PluginFixtures.fixtures()
                .resolve("plugins/sample/wat/sample.wasm"));
    }

    private static Path npmSemver() {
        try {
            Process p = new ProcessBuilder("npm", "root", "-g").redirectErrorStream(true).start();
            String root = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            Path s = Path.of(root, "npm", "node_modules", "semver");
            return Files.isRegularFile(s.resolve("package.json")) ? s : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
