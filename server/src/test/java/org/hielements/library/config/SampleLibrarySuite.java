package org.hielements.library.config;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour of the {@code sample} library, whatever runs it: one subclass per implementation (the Python process
 * plugin, the C/WASM plugin), each loading it through {@code hielements.toml} and {@link Libraries} as a user would.
 * Every expected answer is written here once, so the implementations give identical answers.
 */
abstract class SampleLibrarySuite {
    @TempDir
    Path dir;

    Path ws;
    Libraries libraries;
    Library sample;
    CallContext ctx;

    /** The {@code [libraries.sample]} entry (and its sub-tables) for this implementation. */
    abstract String tomlEntry();

    /** Whether this implementation can run here (prints why not when it cannot). */
    abstract boolean available();

    @BeforeEach
    void setUp() throws Exception {
        ws = dir.resolve("ws");
        write(ws, "src/a.py", "print('a')\n");
        write(ws, "src/sub/b.py", "b = 1\n");
        write(ws, "src/c.txt", "c\n");
        write(ws, "src/.hidden.py", "\n");
        write(ws, "src/\u00fcn\u00ef.py", "\n");
        write(ws, "docs/readme.md", "#\n");
        Files.createSymbolicLink(ws.resolve("src/link.py"), ws.resolve("src/a.py"));
        Files.createSymbolicLink(ws.resolve("src/linkdir"), ws.resolve("docs"));
        write(ws, "hielements.toml", tomlEntry());
        ws = ws.toRealPath();
        if (!available()) return;
        libraries = Libraries.load(ws, PluginFixtures.options());
        assertEquals(List.of(), libraries.diagnostics(), "the configuration is clean");
        sample = libraries.registry().get("sample").orElseThrow();
        ctx = CallContext.of(Workspace.of(ws));
    }

    @AfterEach
    void tearDown() {
        if (libraries != null) libraries.close();
    }

    private Value call(String f, Value... args) throws LibraryException {
        return sample.call(f, List.of(args), ctx);
    }

    private CheckResult check(String f, Value... args) throws LibraryException {
        return sample.check(f, List.of(args), ctx);
    }

    private Scope src() throws LibraryException {
        return (Scope) call("simple_selector", Value.of("src"));
    }

    private static void assertError(String code, String message, org.junit.jupiter.api.function.Executable e) {
        LibraryException x = assertThrows(LibraryException.class, e);
        assertEquals(code, x.code(), x.getMessage());
        assertEquals(message, x.error().message());
    }

    @Test
    void selectorReturnsEveryFileUnderTheFolderSortedWithoutSymlinks() throws Exception {
        if (!available()) return;
        Scope s = src();
        assertEquals(ScopeKind.FOLDER, s.kind());
        assertEquals("src", s.argument());
        assertTrue(s.resolved());
        assertEquals(List.of(ws.resolve("src/.hidden.py"), ws.resolve("src/a.py"), ws.resolve("src/c.txt"),
                ws.resolve("src/sub/b.py"), ws.resolve("src/\u00fcn\u00ef.py")), s.paths());
    }

    @Test
    void selectorOnAFileAMissingPathAndTheWorkspace() throws Exception {
        if (!available()) return;
        Scope file = (Scope) call("simple_selector", Value.of("./src/a.py"));
        assertEquals(new Scope(ScopeKind.FILE, "./src/a.py", List.of(ws.resolve("src/a.py")), true), file);
        Scope missing = (Scope) call("simple_selector", Value.of("nope"));
        assertEquals(new Scope(ScopeKind.FILE, "nope", List.of(), true), missing);
        Scope link = (Scope) call("simple_selector", Value.of("src/link.py"));
        assertEquals(List.of(), link.paths(), "a symlink is not followed");
        Scope all = (Scope) call("simple_selector", Value.of("."));
        assertEquals(ScopeKind.FOLDER, all.kind());
        assertEquals(7, all.paths().size(), all.paths().toString());
        assertTrue(all.paths().contains(ws.resolve("hielements.toml")));
        Scope trailing = (Scope) call("simple_selector", Value.of("src/"));
        assertEquals(src().paths(), trailing.paths());
    }

    @Test
    void selectorRefusesPathsLeavingTheWorkspaceAndWrongArguments() {
        if (!available()) return;
        assertError("E-32000", "simple_selector: the path must stay inside the workspace: ../x",
                () -> call("simple_selector", Value.of("../x")));
        assertError("E-32000", "simple_selector: the path must stay inside the workspace: src/../../x",
                () -> call("simple_selector", Value.of("src/../../x")));
        assertError("E-32000", "simple_selector: the path must stay inside the workspace: /etc",
                () -> call("simple_selector", Value.of("/etc")));
        assertError("E-32000", "simple_selector requires a string as first argument",
                () -> call("simple_selector", Value.of(42)));
        assertError("E-32000", "simple_selector requires a string as first argument", () -> call("simple_selector"));
        assertError("E-32000", "Unknown function: nope", () -> call("nope"));
    }

    @Test
    void fileCountCheck() throws Exception {
        if (!available()) return;
        Scope s = src();
        assertEquals(CheckResult.pass(), check("file_count_check", s, Value.of(5)));
        assertEquals(CheckResult.fail("Too many files: 5 > 1"), check("file_count_check", s, Value.of(1)));
        assertEquals(CheckResult.pass(), check("file_count_check", Scope.empty(ScopeKind.FILE, "x"), Value.of(0)));
        assertError("E-32000", "file_count_check requires a scope as first argument",
                () -> check("file_count_check", Value.of("src"), Value.of(1)));
        assertError("E-32000", "file_count_check requires an integer as second argument",
                () -> check("file_count_check", s, Value.of("1")));
    }

    @Test
    void hasExtensionListsTheFirstThreeOffenders() throws Exception {
        if (!available()) return;
        Scope s = src();
        assertEquals(CheckResult.fail("1 of 5 files do not end with '.py': src/c.txt"),
                check("has_extension", s, Value.of("py")));
        assertEquals(CheckResult.fail("4 of 5 files do not end with '.txt': src/.hidden.py, src/a.py, src/sub/b.py, ..."),
                check("has_extension", s, Value.of(".txt")));
        Scope py = (Scope) call("simple_selector", Value.of("src/sub"));
        assertEquals(CheckResult.pass(), check("has_extension", py, Value.of(".py")));
        assertError("E-32000", "has_extension requires a string as second argument",
                () -> check("has_extension", py, Value.of(1)));
    }

    @Test
    void computeHeavyPrimeCount() throws Exception {
        if (!available()) return;
        assertEquals(CheckResult.pass(), check("prime_count", Value.of(100_000), Value.of(9592)));
        assertEquals(CheckResult.fail("There are 168 primes below 1000, not 100"),
                check("prime_count", Value.of(1000), Value.of(100)));
        assertEquals(CheckResult.pass(), check("prime_count", Value.of(2), Value.of(0)));
        assertEquals(CheckResult.pass(), check("prime_count", Value.of(-5), Value.of(0)));
        assertError("E-32000", "prime_count: n must be at most 10000000",
                () -> check("prime_count", Value.of(20_000_000), Value.of(0)));
    }

    @Test
    void alwaysPassAndUnknownChecks() throws Exception {
        if (!available()) return;
        assertEquals(CheckResult.pass(), check("always_pass"));
        assertEquals(CheckResult.pass(), check("always_pass", Value.of(1), Value.of("extra")));
        assertError("E-32000", "Unknown check: nope", () -> check("nope"));
    }

    @Test
    void largeFolderOfSixHundredFiles() throws Exception {
        if (!available()) return;
        List<Path> expected = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            expected.add(write(ws, String.format("big/d%02d/file%04d.txt", i % 20, i), "x"));
        }
        expected.sort((a, b) -> a.toString().compareTo(b.toString()));
        Scope big = (Scope) call("simple_selector", Value.of("big"));
        assertEquals(expected, big.paths());
        assertEquals(CheckResult.fail("Too many files: 600 > 599"),
                check("file_count_check", big, Value.of(599)));
    }

    @Test
    void documentation() {
        if (!available()) return;
        LibraryDoc doc = sample.documentation();
        assertEquals(expectedDoc(), doc);
        assertEquals(expectedDoc(), sample.knownFunctions().orElseThrow());
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
