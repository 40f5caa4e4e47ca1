package org.hielements.library.config;

import static org.hielements.library.config.PluginFixtures.q;
import static org.hielements.library.config.PluginFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryException;
import org.hielements.library.ParameterDoc;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour of the {@code sample} library, whatever builds it: the Python process plugin and the WASM plugins
 * written in C, Rust, AssemblyScript and WAT (their committed modules; {@code CommittedModulesTest} checks each is what
 * its source builds to). Each test runs against every implementation, loaded from one {@code hielements.toml} through
 * {@link Libraries} as a user's workspace would load it; every expected answer is written here once, so the five give
 * identical answers.
 */
class SampleLibraryTest {
    /** The five builds of {@code sample}: the library's name in the test's hielements.toml, and its entry. */
    enum Implementation {
        PYTHON, C, RUST, ASSEMBLYSCRIPT, WAT;

        /** The library's name in the test's hielements.toml (not a built-in's: python and rust are taken). */
        String library() {
            return "sample_" + name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Its folder under test-fixtures/plugins/sample. */
        String folder() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        boolean wasm() {
            return this != PYTHON;
        }

        String tomlEntries() {
            if (!wasm()) {
                return "[libraries.sample_python]\nexecutable = " + q(PluginFixtures.pythonCommand()) + "\nargs = ["
                        + q(PluginFixtures.samplePython()) + "]\n";
            }
            String path = q(PluginFixtures.sampleWasm(folder()));
            return "[libraries." + library() + "]\npath = " + path + "\n[libraries." + library() + ".permissions]\n"
                    + "filesystem = [\"read\"]\n"
                    // walking 10,000 files takes the Rust build about 6 s here (its std reads a folder a few entries
                    // at a time), more than the default 5 s
                    + "[libraries." + library() + ".limits]\ntimeout = \"30s\"\n" + "[libraries." + library() + "_nofs]\npath = " + path + "\n";
        }

        /** Whether it can run here; when not, a loud message that the test did not run against it. */
        boolean available() {
            return wasm() || PluginFixtures.pythonOr("SampleLibraryTest against the Python process plugin");
        }
    }

    @TempDir
    static Path dir;

    static Path ws;
    static Libraries libraries;
    static CallContext ctx;
    static List<Path> big = new ArrayList<>();

    static final int BIG = 10_000;

    @BeforeAll
    static void setUp() throws Exception {
        ws = dir.resolve("ws");
        write(ws, "src/a.py", "print('a')\n");
        write(ws, "src/sub/b.py", "b = 1\n");
        write(ws, "src/c.txt", "c\n");
        write(ws, "src/.hidden.py", "\n");
        write(ws, "src/\u00fcn\u00ef.py", "\n");
        write(ws, "docs/readme.md", "#\n");
        write(ws, "d\u00e9j\u00e0/\u65e5\u672c/\u8a9e.py", "\n");
        Files.createSymbolicLink(ws.resolve("src/link.py"), ws.resolve("src/a.py"));
        Files.createSymbolicLink(ws.resolve("src/linkdir"), ws.resolve("docs"));
        for (int i = 0; i < BIG; i++) {
            big.add(write(ws, String.format("big/d%02d/file%05d.txt", i % 40, i), ""));
        }
        StringBuilder toml = new StringBuilder();
        for (Implementation i : Implementation.values()) toml.append(i.tomlEntries());
        write(ws, "hielements.toml", toml.toString());
        ws = ws.toRealPath();
        big.replaceAll(p -> ws.resolve(dir.resolve("ws").relativize(p)));
        big.sort((a, b) -> a.toString().compareTo(b.toString()));
        libraries = Libraries.load(ws, PluginFixtures.options());
        assertEquals(List.of(), libraries.diagnostics(), "the configuration is clean");
        ctx = CallContext.of(Workspace.of(ws));
    }

    @AfterAll
    static void tearDown() {
        if (libraries != null) libraries.close();
    }

    private static Library sample(Implementation i) {
        return libraries.registry().get(i.library()).orElseThrow();
    }

    private static Value call(Implementation i, String f, Value... args) throws LibraryException {
        return sample(i).call(f, List.of(args), ctx);
    }

    private static CheckResult check(Implementation i, String f, Value... args) throws LibraryException {
        return sample(i).check(f, List.of(args), ctx);
    }

    private static Scope select(Implementation i, String path) throws LibraryException {
        return (Scope) call(i, "simple_selector", Value.of(path));
    }

    private static void assertError(String message, org.junit.jupiter.api.function.Executable e) {
        LibraryException x = assertThrows(LibraryException.class, e);
        assertEquals("E-32000", x.code(), x.getMessage());
        assertEquals(message, x.error().message());
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void selectorReturnsEveryRegularFileUnderTheFolderSortedWithoutLinks(Implementation i) throws Exception {
        if (!i.available()) return;
        Scope s = select(i, "src");
        assertEquals(ScopeKind.FOLDER, s.kind());
        assertEquals("src", s.argument());
        assertTrue(s.resolved());
        assertEquals(List.of(ws.resolve("src/.hidden.py"), ws.resolve("src/a.py"), ws.resolve("src/c.txt"),
                ws.resolve("src/sub/b.py"), ws.resolve("src/\u00fcn\u00ef.py")), s.paths());
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void selectorOnAFileAMissingPathALinkAndTheWorkspace(Implementation i) throws Exception {
        if (!i.available()) return;
        assertEquals(new Scope(ScopeKind.FILE, "./src/a.py", List.of(ws.resolve("src/a.py")), true),
                select(i, "./src/a.py"));
        assertEquals(new Scope(ScopeKind.FILE, "nope", List.of(), true), select(i, "nope"));
        assertEquals(List.of(), select(i, "src/link.py").paths(), "a link is not followed");
        assertEquals(new Scope(ScopeKind.FILE, "src/linkdir", List.of(), true), select(i, "src/linkdir"));
        Scope all = select(i, ".");
        assertEquals(ScopeKind.FOLDER, all.kind());
        assertEquals(BIG + 8, all.paths().size());
        assertTrue(all.paths().contains(ws.resolve("hielements.toml")));
        assertEquals(all.paths(), select(i, "").paths());
        assertEquals(select(i, "src").paths(), select(i, "src/").paths());
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void nonAsciiText(Implementation i) throws Exception {
        if (!i.available()) return;
        Path file = ws.resolve("d\u00e9j\u00e0/\u65e5\u672c/\u8a9e.py");
        assertEquals(new Scope(ScopeKind.FOLDER, "d\u00e9j\u00e0", List.of(file), true), select(i, "d\u00e9j\u00e0"));
        assertEquals(new Scope(ScopeKind.FILE, "d\u00e9j\u00e0/\u65e5\u672c/\u8a9e.py", List.of(file), true),
                select(i, "d\u00e9j\u00e0/\u65e5\u672c/\u8a9e.py"));
        String odd = "\u00f1/\u65e5 \"q\" \\ \u00e9\t\uD83D\uDE00";
        assertEquals(new Scope(ScopeKind.FILE, odd, List.of(), true), select(i, odd));
        // escapes before, inside and after runs of eight plain bytes, control characters, a long plain tail
        String longOdd = "abcdefghij\"klmnopqrstuvw\\xyz0123456\n789\r\u0001\u001f\u00e9nd" + "x".repeat(37) + "\"";
        assertEquals(new Scope(ScopeKind.FILE, longOdd, List.of(), true), select(i, longOdd));
        Scope foreign = Scope.of(ScopeKind.GLOB, "**", List.of(Path.of("/elsewhere/\u00e9t\u00e9.\u65e5\u672c"),
                ws.resolve("\u30c6\u30b9\u30c8.py"), ws.resolve("k.\u65e5\u672c")));
        assertEquals(CheckResult.fail("1 of 3 files do not end with '.\u65e5\u672c': \u30c6\u30b9\u30c8.py"),
                check(i, "has_extension", foreign, Value.of("\u65e5\u672c")));
        assertEquals(CheckResult.fail("2 of 3 files do not end with '.py': /elsewhere/\u00e9t\u00e9.\u65e5\u672c, "
                + "k.\u65e5\u672c"), check(i, "has_extension", foreign, Value.of(".py")));
        assertError("simple_selector: the path must stay inside the workspace: \u00e9/../../\u65e5",
                () -> call(i, "simple_selector", Value.of("\u00e9/../../\u65e5")));
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void errorReplies(Implementation i) {
        if (!i.available()) return;
        assertError("simple_selector: the path must stay inside the workspace: ../x",
                () -> call(i, "simple_selector", Value.of("../x")));
        assertError("simple_selector: the path must stay inside the workspace: src/../../x",
                () -> call(i, "simple_selector", Value.of("src/../../x")));
        assertError("simple_selector: the path must stay inside the workspace: /etc",
                () -> call(i, "simple_selector", Value.of("/etc")));
        assertError("simple_selector: argument 1 must be a string", () -> call(i, "simple_selector", Value.of(42)));
        assertError("simple_selector: expected 1 argument, got 0", () -> call(i, "simple_selector"));
        assertError("always_pass: expected 0 arguments, got 2",
                () -> check(i, "always_pass", Value.of(1), Value.of("extra")));
        assertError("file_count_check: argument 1 must be a scope",
                () -> check(i, "file_count_check", Value.of("src"), Value.of(1)));
        assertError("file_count_check: argument 2 must be an integer",
                () -> check(i, "file_count_check", Scope.empty(ScopeKind.FILE, "x"), Value.of("1")));
        assertError("file_count_check: argument 2 must be an integer",
                () -> check(i, "file_count_check", Scope.empty(ScopeKind.FILE, "x"), Value.of(2.5)));
        assertError("has_extension: argument 2 must be a string",
                () -> check(i, "has_extension", Scope.empty(ScopeKind.FILE, "x"), Value.of(1)));
        assertError("prime_count: argument 1 must be an integer",
                () -> check(i, "prime_count", Value.of("10"), Value.of(4)));
        assertError("prime_count: n must be at most 10000000",
                () -> check(i, "prime_count", Value.of(20_000_000), Value.of(0)));
        assertError("unknown selector: nope", () -> call(i, "nope"));
        assertError("unknown check: nope", () -> check(i, "nope"));
        assertError("unknown check: simple_selector", () -> check(i, "simple_selector", Value.of("src")));
    }

    @ParameterizedTest
    @EnumSource(value = Implementation.class, names = "PYTHON", mode = EnumSource.Mode.EXCLUDE)
    void aWasmBuildNotGrantedTheWorkspaceSaysHowToGrantIt(Implementation i) throws Exception {
        Library nofs = libraries.registry().get(i.library() + "_nofs").orElseThrow();
        LibraryException x = assertThrows(LibraryException.class,
                () -> nofs.call("simple_selector", List.of(Value.of("src")), ctx));
        assertEquals("simple_selector: the workspace cannot be read: grant filesystem = [\"read\"] in this library's "
                + "[libraries.NAME.permissions] table in hielements.toml", x.error().message());
        assertError("simple_selector: the path must stay inside the workspace: ../x",
                () -> nofs.call("simple_selector", List.of(Value.of("../x")), ctx));
        assertEquals(CheckResult.pass(), nofs.check("always_pass", List.of(), ctx));
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void fileCountCheck(Implementation i) throws Exception {
        if (!i.available()) return;
        Scope s = select(i, "src");
        assertEquals(CheckResult.pass(), check(i, "file_count_check", s, Value.of(5)));
        assertEquals(CheckResult.fail("Too many files: 5 > 1"), check(i, "file_count_check", s, Value.of(1)));
        assertEquals(CheckResult.pass(), check(i, "file_count_check", Scope.empty(ScopeKind.FILE, "x"), Value.of(0)));
        assertEquals(CheckResult.fail("Too many files: 5 > -9223372036854775808"),
                check(i, "file_count_check", s, Value.of(Long.MIN_VALUE)));
        assertEquals(CheckResult.pass(), check(i, "file_count_check", s, Value.of(Long.MAX_VALUE)));
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void hasExtensionListsTheFirstThreeOffenders(Implementation i) throws Exception {
        if (!i.available()) return;
        Scope s = select(i, "src");
        assertEquals(CheckResult.fail("1 of 5 files do not end with '.py': src/c.txt"),
                check(i, "has_extension", s, Value.of("py")));
        assertEquals(CheckResult.fail("4 of 5 files do not end with '.txt': src/.hidden.py, src/a.py, src/sub/b.py, ..."),
                check(i, "has_extension", s, Value.of(".txt")));
        assertEquals(CheckResult.pass(), check(i, "has_extension", select(i, "src/sub"), Value.of(".py")));
        assertEquals(CheckResult.fail("5 of 5 files do not end with '.': src/.hidden.py, src/a.py, src/c.txt, ..."),
                check(i, "has_extension", s, Value.of("")));
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void aTenThousandPathScope(Implementation i) throws Exception {
        if (!i.available()) return;
        select(i, "src");
        long t0 = System.nanoTime();
        Scope s = select(i, "big");
        System.out.println("SampleLibraryTest: " + i + " selected " + BIG + " files in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(big, s.paths());
        assertEquals(CheckResult.fail("Too many files: 10000 > 9999"), check(i, "file_count_check", s, Value.of(9999)));
        assertEquals(CheckResult.pass(), check(i, "file_count_check", s, Value.of(BIG)));
        assertEquals(CheckResult.pass(), check(i, "has_extension", s, Value.of("txt")));
        assertEquals(CheckResult.fail("10000 of 10000 files do not end with '.py': big/d00/file00000.txt, "
                + "big/d00/file00040.txt, big/d00/file00080.txt, ..."), check(i, "has_extension", s, Value.of("py")));
        // and one the host makes, with paths that are not in the workspace
        List<Path> made = new ArrayList<>();
        for (int k = 0; k < BIG; k++) made.add(Path.of("/made/\u00e9" + k + (k == 7777 ? ".rs" : ".py")));
        Scope m = Scope.of(ScopeKind.GLOB, "made/**", made);
        assertEquals(CheckResult.fail("1 of 10000 files do not end with '.py': /made/\u00e97777.rs"),
                check(i, "has_extension", m, Value.of("py")));
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void computeHeavyPrimeCount(Implementation i) throws Exception {
        if (!i.available()) return;
        assertEquals(CheckResult.pass(), check(i, "prime_count", Value.of(100_000), Value.of(9592)));
        assertEquals(CheckResult.fail("There are 168 primes below 1000, not 100"),
                check(i, "prime_count", Value.of(1000), Value.of(100)));
        assertEquals(CheckResult.pass(), check(i, "prime_count", Value.of(2), Value.of(0)));
        assertEquals(CheckResult.pass(), check(i, "prime_count", Value.of(3), Value.of(1)));
        assertEquals(CheckResult.pass(), check(i, "prime_count", Value.of(-5), Value.of(0)));
        assertEquals(CheckResult.pass(), check(i, "always_pass"));
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void documentation(Implementation i) {
        if (!i.available()) return;
        LibraryDoc doc = sample(i).documentation();
        assertEquals(expectedDoc(), doc);
        assertEquals(expectedDoc(), sample(i).knownFunctions().orElseThrow());
        assertFalse(doc.function("simple_selector").orElseThrow().parameters().isEmpty());
    }

    static LibraryDoc expectedDoc() {
        ParameterDoc scope = new ParameterDoc("scope", "Scope", "The files to count");
        return new LibraryDoc("sample", "Sample plugin library: a folder selector and checks over a scope's files",
                "1.0.0",
                List.of(new FunctionDoc("simple_selector", "Selects every file under a folder of the workspace, or one file",
                        List.of(new ParameterDoc("path", "string", "Folder or file, relative to the workspace")), "Scope",
                        "sample.simple_selector('src')")),
                List.of(new FunctionDoc("always_pass", "Always passes", List.of(), "CheckResult",
                                "sample.always_pass()"),
                        new FunctionDoc("file_count_check", "Passes when the scope has at most max files",
                                List.of(scope, new ParameterDoc("max", "integer", "The largest number of files allowed")),
                                "CheckResult", "sample.file_count_check(src, 10)"),
                        new FunctionDoc("has_extension",
                                "Passes when the name of every file of the scope ends with the extension",
                                List.of(new ParameterDoc("scope", "Scope", "The files to look at"),
                                        new ParameterDoc("ext", "string", "The extension, with or without its dot")),
                                "CheckResult", "sample.has_extension(src, '.py')"),
                        new FunctionDoc("prime_count", "Counts the primes below n by trial division (a compute-heavy "
                                + "check) and passes when there are expected of them",
                                List.of(new ParameterDoc("n", "integer", "The bound (at most 10000000)"),
                                        new ParameterDoc("expected", "integer", "The expected number of primes below n")),
                                "CheckResult", "sample.prime_count(100000, 9592)")));
    }
}
