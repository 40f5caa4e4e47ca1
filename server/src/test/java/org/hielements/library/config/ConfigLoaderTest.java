package org.hielements.library.config;

import static org.hielements.library.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.Severity;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hielements.toml} (PLUGINS.md §1), the configuration cases of upstream-libraries.md §7 (items 22-25; 26-28
 * need the registry: {@link LibrariesTest}) with the behaviour we chose, and every diagnostic at its key.
 */
class ConfigLoaderTest {
    @TempDir
    Path root;

    Path bin;
    Map<String, String> env;
    private int parses;
    /** The parsed-TOML caches of {@link #parse}, outside the workspace (their files would be the workspace's). */
    @TempDir
    Path cacheFolders;

    @BeforeEach
    void setUp() throws Exception {
        root = root.toRealPath();
        bin = Files.createDirectories(root.resolve("bin"));
        Path tool = write(bin, "mytool", "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        env = Map.of("PATH", bin.toString());
    }

    /**
     * The configuration of {@code toml}; every case also checks that a command line reading the same text again, its
     * tree taken from the parsed-TOML cache ({@link TomlTreeCache}), gets the same configuration and diagnostics.
     */
    private LibrariesConfig parse(String toml) {
        SourceText text = new SourceText(root.resolve("hielements.toml").toString(), toml);
        LibrariesConfig fresh = ConfigLoader.parse(text, root, env);
        TomlTreeCache trees = new TomlTreeCache(cacheFolders.resolve("trees-" + ++parses));
        assertEquals(everything(fresh), everything(ConfigLoader.parse(text, root, env, trees)), "writing");
        assertEquals(everything(fresh), everything(ConfigLoader.parse(text, root, env, trees)), "reading");
        return fresh;
    }

    /** The entries (their configurations and diagnostics) and the diagnostics of a configuration, as text. */
    static List<String> everything(LibrariesConfig c) {
        List<String> out = new ArrayList<>();
        for (ConfigEntry e : c.entries()) {
            out.add(e.name() + " " + e.span() + " " + e.config());
            for (Diagnostic d : e.diagnostics()) out.add("  " + show(d));
        }
        out.addAll(show(c));
        return out;
    }

    /** {@code CODE line:column 'spanned text' message}, one per diagnostic. */
    private static List<String> show(LibrariesConfig c) {
        List<String> out = new ArrayList<>();
        for (Diagnostic d : c.diagnostics()) out.add(show(d));
        return out;
    }

    private static String show(Diagnostic d) {
        SourceText s = d.source();
        return d.code() + " " + s.cliLine(d.span().start()) + ":" + s.cliColumn(d.span().start()) + " '"
                + s.text().substring(d.span().start(), d.span().end()) + "' " + d.message();
    }

    private static PluginConfig plugin(LibrariesConfig c, String name) {
        return c.entry(name).orElseThrow().config().orElseThrow(() -> new AssertionError(name + " is not loadable"));
    }

    private static boolean loadable(LibrariesConfig c, String name) {
        return c.entry(name).orElseThrow().loadable();
    }

    /** A text of comments only is read without the TOML parser, with the parser's verdict (checked against it here). */
    @Test
    void commentsOnlyAreAnEmptyTableAndBrokenCommentsStillGoToTheParser() {
        for (String t : List.of("", "# plugins: none\n", "\n\n  # a\r\n\t# b\t\n#", "# é ü 漢字 \uD83D\uDE00\n")) {
            assertTrue(ConfigLoader.onlyComments(t), t);
            LibrariesConfig c = parse(t);
            assertEquals(List.of(), c.entries());
            assertEquals(List.of(), show(c));
            assertEquals(List.of(), org.tomlj.Toml.parse(t, org.tomlj.TomlVersion.V1_0_0).errors(), t);
        }
        // a control character in a comment, a lone CR, a key: the parser decides
        for (String t : List.of("# bell \u0007\n", "# a\rb\n", "# x\u007f\n", "x = 1 # c\n", "\uFEFF# bom\n")) {
            assertFalse(ConfigLoader.onlyComments(t), t);
        }
        assertEquals("E511", parse("# bell \u0007\n").diagnostics().get(0).code());
    }

    @Test
    void noFileMeansNoPluginsAndNoDiagnostics() {
        LibrariesConfig c = ConfigLoader.load(root, env);
        assertTrue(c.source().isEmpty());
        assertEquals(List.of(), c.entries());
        assertEquals(List.of(), c.diagnostics());
        assertEquals(root.resolve("hielements.toml"), c.file());
    }

    // ---------------------------------------------------------------- item 22: type inference, as upstream

    @Test
    void typeInferenceIsUpstreams() {
        write(root, "x.wasm", "");
        LibrariesConfig c = parse("""
                [libraries]
                both = { executable = "mytool", path = "x.wasm" }
                upper = { path = "x.WASM" }
                tool = { path = "bin/mytool" }
                empty = {}
                capital = { type = "External", executable = "mytool" }
                wasmexe = { type = "wasm", executable = "mytool" }
                bare = { type = "external" }
                forced = { type = "external", path = "bin/mytool", args = ["x.wasm"] }
                """);
        WasmPluginConfig both = assertInstanceOf(WasmPluginConfig.class, plugin(c, "both"));
        assertEquals(root.resolve("x.wasm"), both.path());
        ProcessPluginConfig upper = assertInstanceOf(ProcessPluginConfig.class, plugin(c, "upper"));
        assertEquals(root.resolve("x.WASM").toString(), upper.executable());
        ProcessPluginConfig tool = assertInstanceOf(ProcessPluginConfig.class, plugin(c, "tool"));
        assertEquals(List.of(root.resolve("bin/mytool").toString()), tool.command());
        assertFalse(loadable(c, "empty"));
        assertFalse(loadable(c, "capital"));
        assertFalse(loadable(c, "wasmexe"));
        assertFalse(loadable(c, "bare"));
        ProcessPluginConfig forced = assertInstanceOf(ProcessPluginConfig.class, plugin(c, "forced"));
        assertEquals(List.of(root.resolve("bin/mytool").toString(), root.resolve("x.wasm").toString()), forced.command());
        assertEquals(List.of(
                "W512 2:10 'executable' Library 'both': 'executable' does not apply to a WASM plugin and is ignored",
                "E518 3:11 'path' Library 'upper': executable \"x.WASM\" not found (looked for " + root.resolve("x.WASM")
                        + ")",
                "E512 5:1 'empty' Library 'empty': cannot tell its type; give 'executable' (a process plugin), "
                        + "'path' (a .wasm module) or 'type'",
                "E517 6:13 'type' 'libraries.capital.type' must be \"external\" or \"wasm\", found \"External\"",
                "W512 7:28 'executable' Library 'wasmexe': 'executable' does not apply to a WASM plugin and is ignored",
                "E514 7:1 'wasmexe' Library 'wasmexe': a WASM library needs 'path' (its .wasm file)",
                "E513 8:1 'bare' Library 'bare': an external library needs 'executable' (or 'path')"),
                sortedByLine(show(c)));
    }

    /** Diagnostics are sorted by offset; on one line the order of the message list above is by code. */
    private static List<String> sortedByLine(List<String> shown) {
        List<String> out = new ArrayList<>(shown);
        out.sort((a, b) -> {
            int la = Integer.parseInt(a.split(" ")[1].split(":")[0]);
            int lb = Integer.parseInt(b.split(" ")[1].split(":")[0]);
            if (la != lb) return Integer.compare(la, lb);
            return b.startsWith("W") == a.startsWith("W") ? 0 : a.startsWith("W") ? -1 : 1;
        });
        return out;
    }

    // ---------------------------------------------------------------- item 23: broken entries do not stop the others

    @Test
    void aSyntaxErrorBreaksOnlyItsEntry() {
        LibrariesConfig c = parse("""
                [libraries]
                good = { executable = "mytool" }
                broken = { executable = "mytool", args = [ "a" "b" ] }
                later = { executable = "mytool", timeout = "500ms" }
                """);
        assertTrue(loadable(c, "good"));
        assertTrue(loadable(c, "later"));
        assertEquals(Duration.ofMillis(500), plugin(c, "later").timeout());
        assertFalse(loadable(c, "broken"), "an entry with a syntax error is not loaded");
        assertEquals(List.of("E511 3:48 '\"' Invalid TOML: Unexpected \", expected ], a comma, or a newline"),
                show(c));
        assertEquals(1, c.entry("broken").orElseThrow().diagnostics().size(), "the syntax error belongs to it");
    }

    @Test
    void aSyntaxErrorInATableEntryBreaksThatEntryEvenWhenTomljKeepsPartOfIt() {
        LibrariesConfig c = parse("""
                [libraries.first]
                executable = "mytool"
                args = [ 1 2 ]

                [libraries.second]
                executable = "mytool"
                """);
        assertFalse(loadable(c, "first"));
        assertTrue(loadable(c, "second"));
        assertEquals(1, c.diagnostics().size(), show(c).toString());
        assertEquals("E511", c.diagnostics().get(0).code());
    }

    @Test
    void wrongTypesAreReportedAtTheirKeyAndOnlyTheirEntryIsDropped() {
        LibrariesConfig c = parse("""
                [libraries]
                a = { executable = "mytool", args = "x" }
                b = { executable = "mytool", args = ["ok", 3] }
                c = { executable = 5 }
                d = { executable = "mytool", env = { KEY = 1 } }
                e = "not a table"
                ok = { executable = "mytool", env = { KEY = "v" } }
                """);
        assertEquals(List.of(
                "E516 2:30 'args' 'libraries.a.args' must be an array of strings, found a string",
                "E516 3:30 'args' 'libraries.b.args' must be an array of strings, found an array holding an integer",
                "E516 4:7 'executable' 'libraries.c.executable' must be a string, found an integer",
                "E516 5:38 'KEY' 'libraries.d.env.KEY' must be a string, found an integer",
                "E516 6:1 'e' 'libraries.e' must be a table ({ executable = \"...\" } or [libraries.e]), found a string"),
                show(c));
        for (String n : List.of("a", "b", "c", "d", "e")) assertFalse(loadable(c, n), n);
        ProcessPluginConfig ok = (ProcessPluginConfig) plugin(c, "ok");
        assertEquals(Map.of("KEY", "v"), ok.env());
        assertEquals(List.of(ok), c.plugins());
    }

    @Test
    void librariesThatIsNotATableAndUnknownTopLevelKeys() {
        LibrariesConfig c = parse("""
                title = "mine"
                libraries = 5
                """);
        assertEquals(List.of(
                "W510 1:1 'title' Unknown key 'title' at the top level (only [libraries] is read) is ignored",
                "E516 2:1 'libraries' 'libraries' must be a table, found an integer"), show(c));
        assertEquals(Severity.WARNING, c.diagnostics().get(0).severity());
    }

    // ---------------------------------------------------------------- item 24: multi-line inline tables, unknown keys

    @Test
    void multiLineInlineTableIsInvalidToml10WithTheTableFormSuggested() {
        LibrariesConfig c = parse("""
                [libraries]
                # comment
                sample = {
                    type = "external",
                    executable = "mytool",
                    args = ["x"]
                }
                other = { executable = "mytool" }
                """);
        assertFalse(loadable(c, "sample"), "TOML 1.0: the entry is not loaded");
        assertTrue(loadable(c, "other"));
        assertEquals(List.of("E511 3:1 'sample' Library 'sample': an inline table spread over several lines is not "
                + "valid TOML 1.0; write the entry as a table: [libraries.sample] on its own line, then one key = value "
                + "per line"), show(c));
    }

    @Test
    void unknownKeysWarnAndAreIgnored() {
        LibrariesConfig c = parse("""
                [libraries.p]
                executable = "mytool"
                colour = "blue"
                [libraries.p.permissions]
                filesystem = ["read"]
                [libraries.w]
                path = "w.wasm"
                extra = 1
                [libraries.w.permissions]
                filesystem = ["read"]
                sockets = true
                [libraries.w.limits]
                cpu = "1"
                """);
        assertEquals(List.of(
                "W510 3:1 'colour' Unknown key 'colour' in library 'p' is ignored",
                "W512 4:1 '[libraries.p.permissions]' Library 'p': 'permissions' does not apply to a process plugin "
                        + "(only WASM plugins are sandboxed) and is ignored",
                "E518 7:1 'path' Library 'w': WASM module \"w.wasm\" not found (looked for " + root.resolve("w.wasm")
                        + ")",
                "W510 8:1 'extra' Unknown key 'extra' in library 'w' is ignored",
                "W510 11:1 'sockets' Unknown key 'sockets' in [libraries.w.permissions] is ignored",
                "W510 13:1 'cpu' Unknown key 'cpu' in [libraries.w.limits] is ignored"), show(c));
        assertTrue(loadable(c, "p"));
        WasmPluginConfig w = (WasmPluginConfig) plugin(c, "w");
        assertTrue(w.readWorkspace());
    }

    // ---------------------------------------------------------------- item 25: paths relative to the workspace

    @Test
    void relativePathsResolveAgainstTheWorkspaceNotTheCurrentFolder() throws Exception {
        Path plug = write(root, "plug.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(plug, PosixFilePermissions.fromString("rwxr-xr-x"));
        write(root, "scripts/p.py", "");
        LibrariesConfig c = parse("""
                [libraries]
                dotslash = { executable = "./plug.sh" }
                bare = { executable = "mytool", args = ["scripts/p.py", "--flag", "not/a/file", "scripts"] }
                """);
        assertEquals(List.of(), show(c));
        assertEquals(root.resolve("plug.sh").toString(), ((ProcessPluginConfig) plugin(c, "dotslash")).executable());
        assertFalse(Path.of("").toAbsolutePath().equals(root), "the test runs from another folder");
        ProcessPluginConfig bare = (ProcessPluginConfig) plugin(c, "bare");
        assertEquals(List.of("mytool", root.resolve("scripts/p.py").toString(), "--flag", "not/a/file", "scripts"),
                bare.command(), "a bare executable is looked up on PATH; args naming files become absolute");
        assertEquals(List.of(root.resolve("scripts/p.py")), bare.watchedFiles());
    }

    @Test
    void missingAndNonExecutableFilesAreReportedButTheEntryLoads() throws Exception {
        write(root, "plain.sh", "#!/bin/sh\n");
        LibrariesConfig c = parse("""
                [libraries]
                missing = { executable = "./nope.sh" }
                plain = { executable = "./plain.sh" }
                unknown = { executable = "no-such-tool-here" }
                """);
        assertEquals(List.of(
                "E518 2:13 'executable' Library 'missing': executable \"./nope.sh\" not found (looked for "
                        + root.resolve("nope.sh") + ")",
                "E518 3:11 'executable' Library 'plain': " + root.resolve("plain.sh") + " is not an executable file "
                        + "(make it executable: chmod +x, or run it through its interpreter: executable = \"python3\", "
                        + "args = [\"./plain.sh\"])",
                "E518 4:13 'executable' Library 'unknown': executable \"no-such-tool-here\" not found on PATH"),
                show(c));
        assertTrue(loadable(c, "missing"));
        assertTrue(loadable(c, "plain"));
        assertTrue(loadable(c, "unknown"));
    }

    // ---------------------------------------------------------------- WASM permissions and limits

    @Test
    void wasmDefaultsPermissionsAndLimits() {
        write(root, "m.wasm", "");
        LibrariesConfig c = parse("""
                [libraries.plain]
                path = "m.wasm"

                [libraries.full]
                path = "m.wasm"
                timeout = "9s"
                [libraries.full.permissions]
                filesystem = ["read", "workspace-only"]
                environment = ["HOME", "USER"]
                [libraries.full.limits]
                memory = "128MiB"
                timeout = "250ms"
                output = "1MB"
                """);
        assertEquals(List.of(), show(c));
        WasmPluginConfig plain = (WasmPluginConfig) plugin(c, "plain");
        assertEquals(Duration.ofSeconds(5), plain.timeout());
        assertEquals(64L << 20, plain.memoryBytes());
        assertEquals(16 << 20, plain.outputBytes());
        assertFalse(plain.readWorkspace());
        assertEquals(List.of(), plain.environment());
        WasmPluginConfig full = (WasmPluginConfig) plugin(c, "full");
        assertEquals(Duration.ofMillis(250), full.timeout(), "limits.timeout wins over timeout");
        assertEquals(128L << 20, full.memoryBytes());
        assertEquals(1_000_000, full.outputBytes());
        assertTrue(full.readWorkspace());
        assertEquals(List.of("HOME", "USER"), full.environment());
    }

    @Test
    void networkHostsAreKeptAsHostAndPort() {
        write(root, "m.wasm", "");
        LibrariesConfig c = parse("""
                [libraries.w]
                path = "m.wasm"
                permissions = { network = ["127.0.0.1:8080", "Example.ORG:443", "example.org:443", "[::1]:80"] }
                """);
        assertEquals(List.of(), show(c));
        assertEquals(List.of("127.0.0.1:8080", "example.org:443", "[::1]:80"), ((WasmPluginConfig) plugin(c, "w")).network());
        LibrariesConfig bad = parse("""
                [libraries.w]
                path = "m.wasm"
                permissions = { network = ["127.0.0.1:8080", "http://example.org:80"] }
                """);
        assertEquals(List.of("E520 3:17 'network' Library 'w': network entry \"http://example.org:80\" is not host:port "
                + "(a host name or address, then a port from 1 to 65535, such as \"example.org:443\"; no scheme, path "
                + "or wildcard); no network access is granted"), show(bad));
        assertEquals(List.of(), ((WasmPluginConfig) plugin(bad, "w")).network());
    }

    @Test
    void refusedPermissionsAndBadLimitsFallBackToTheSafeDefault() {
        write(root, "m.wasm", "");
        LibrariesConfig c = parse("""
                [libraries.w]
                path = "m.wasm"
                timeout = "fast"
                [libraries.w.permissions]
                filesystem = ["read", "write"]
                environment = ["HOME", "A=B"]
                network = ["example.org"]
                [libraries.w.limits]
                memory = "4GiB"
                output = 0
                [libraries.v]
                path = "m.wasm"
                permissions = { filesystem = ["exec"] }
                limits = { memory = "lots", timeout = "0s" }
                [libraries.u]
                path = "m.wasm"
                limits = 5
                """);
        assertEquals(List.of(
                "E519 3:1 'timeout' Library 'w': timeout must be a duration such as \"10s\" or \"500ms\", found \"fast\"; "
                        + "the default 5 s is used",
                "E520 5:1 'filesystem' Library 'w': filesystem \"write\" is refused: plugins observe the workspace, "
                        + "they never change it; no filesystem access is granted (use filesystem = [\"read\"])",
                "E520 6:1 'environment' Library 'w': environment variable name \"A=B\" is not valid; no environment is "
                        + "granted",
                "E520 7:1 'network' Library 'w': network entry \"example.org\" is not host:port (a host name or "
                        + "address, then a port from 1 to 65535, such as \"example.org:443\"; no scheme, path or "
                        + "wildcard); no network access is granted",
                "E519 9:1 'memory' Library 'w': limits.memory must be between 64 KiB and 2 GiB, found \"4GiB\"; the "
                        + "default 64 MiB is used",
                "E519 10:1 'output' Library 'w': limits.output must be between 1 bytes and 1 GiB, found 0; the default "
                        + "16 MiB is used",
                "E520 13:17 'filesystem' Library 'v': unknown filesystem permission \"exec\" (allowed: \"read\", "
                        + "\"workspace-only\"); no filesystem access is granted",
                "E519 14:12 'memory' Library 'v': limits.memory must be a size such as \"64MiB\" or \"512KiB\", found "
                        + "\"lots\"; the default 64 MiB is used",
                "E519 14:29 'timeout' Library 'v': limits.timeout must be more than 0 and at most 10 min, found \"0s\"; "
                        + "the default 5 s is used",
                "E516 17:1 'limits' 'libraries.u.limits' must be a table ([libraries.u.limits]), found an integer"),
                show(c));
        WasmPluginConfig w = (WasmPluginConfig) plugin(c, "w");
        assertFalse(w.readWorkspace());
        assertEquals(List.of(), w.environment());
        assertEquals(List.of(), w.network(), "a malformed entry grants nothing");
        assertEquals(64L << 20, w.memoryBytes());
        assertEquals(Duration.ofSeconds(5), w.timeout());
        assertFalse(((WasmPluginConfig) plugin(c, "v")).readWorkspace());
        assertTrue(loadable(c, "u"));
    }

    // ---------------------------------------------------------------- the file itself

    @Test
    void aFileThatIsNotUtf8IsE510() throws Exception {
        Files.write(root.resolve("hielements.toml"), new byte[] {'[', (byte) 0xff, ']'});
        LibrariesConfig c = ConfigLoader.load(root, env);
        assertEquals(1, c.diagnostics().size());
        assertEquals("E510", c.diagnostics().get(0).code());
        assertEquals("Cannot read hielements.toml: the file is not valid UTF-8", c.diagnostics().get(0).message());
        assertEquals(List.of(), c.entries());
    }

    @Test
    void quotedNamesNonAsciiColumnsAndTheFileOnDisk() {
        write(root, "hielements.toml", """
                # \u00e9\u00e9\u00e9 comment
                [libraries]
                "my_lib" = { executable = "mytool" }
                x = { executable = "mytool", "\u00e9t\u00e9" = 1 }
                """);
        LibrariesConfig c = ConfigLoader.load(root, env);
        assertTrue(loadable(c, "my_lib"));
        assertEquals(List.of("W510 4:30 '\"\u00e9t\u00e9\"' Unknown key '\u00e9t\u00e9' in library 'x' is ignored"),
                show(c));
        assertEquals(root.resolve("hielements.toml").toString(), c.diagnostics().get(0).source().name());
    }

    @Test
    void unitsParseAndPrint() {
        assertEquals(Duration.ofMillis(1500), Units.parseDuration("1.5s").orElseThrow());
        assertEquals(Duration.ofMinutes(2), Units.parseDuration("2m").orElseThrow());
        assertTrue(Units.parseDuration("10").isEmpty());
        assertTrue(Units.parseDuration("-1s").isEmpty());
        assertEquals(512L * 1024, Units.parseSize("512KiB").orElseThrow());
        assertEquals(4096L, Units.parseSize("4096").orElseThrow());
        assertEquals(1_000_000_000L, Units.parseSize("1GB").orElseThrow());
        assertTrue(Units.parseSize("1 TB").isEmpty());
        assertEquals("10 s", Units.human(Duration.ofSeconds(10)));
        assertEquals("500 ms", Units.human(Duration.ofMillis(500)));
        assertEquals("1500 ms", Units.human(Duration.ofMillis(1500)));
        assertEquals("64 MiB", Units.humanSize(64L << 20));
    }
}
