package org.hielements.library.builtin;

import static org.hielements.library.TestFiles.mkdir;
import static org.hielements.library.TestFiles.symlink;
import static org.hielements.library.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hielements.library.CheckResult;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesLibraryTest extends BuiltinTestSupport {
    @TempDir
    Path tmp;
    Path root;
    Path outside;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        outside = mkdir(tmp, "outside").toRealPath();
        write(outside, "secret.txt", "secret");
        write(root, "src/main.rs", "fn main() {}\n");
        write(root, "src/domain.rs", "pub struct Order;\n");
        write(root, "src/lib/util.rs", "pub fn util() {}\n");
        write(root, "src/.hidden", "h");
        write(root, "src/notes.bak", "old");
        write(root, "docs/README.md", "# docs\n");
        Files.write(root.resolve("docs/big.bin"), new byte[100]);
        Files.write(root.resolve("docs/small.bin"), new byte[10]);
        write(root, ".git/config", "[core]\n");
        write(root, "target/debug/gen.rs", "");
        mkdir(root, "emptydir");
        symlink(root.resolve("secret-link.txt"), outside.resolve("secret.txt"));
        symlink(root.resolve("outside-dir"), outside);
        symlink(root.resolve("src-link"), root.resolve("src"));
        symlink(root.resolve("docs/broken.bin"), root.resolve("docs/missing.bin"));
        workspace(root);
    }

    // ------------------------------------------------------------ file_selector

    @Test
    void fileSelectorSelectsAnExistingRegularFile() throws Exception {
        Scope s = scope("files", "file_selector", s("src/main.rs"));
        assertEquals(Scope.of(ScopeKind.FILE, "src/main.rs", List.of(root.resolve("src/main.rs"))), s);
        assertEquals(List.of("src/main.rs"), rel(s));
    }

    @Test
    void fileSelectorGivesAnEmptyScopeForDirectoriesMissingPathsAndLinksOutside() throws Exception {
        assertEquals(Scope.empty(ScopeKind.FILE, "src"), scope("files", "file_selector", s("src")));
        assertEquals(Scope.empty(ScopeKind.FILE, "nope.rs"), scope("files", "file_selector", s("nope.rs")));
        assertTrue(scope("files", "file_selector", s("secret-link.txt")).isEmpty(), "a link leading outside is missing");
        assertEquals(List.of("src-link/main.rs"), rel(scope("files", "file_selector", s("src-link/main.rs"))),
                "a link inside the workspace is followed");
    }

    @Test
    void fileSelectorBadArguments() {
        assertError("E100", "file_selector requires a string path argument", callError("files", "file_selector"));
        assertError("E100", "file_selector requires a string path argument", callError("files", "file_selector", n(1)));
        assertError("E100", "file_selector requires a path inside the workspace: '/etc/hosts' is absolute",
                callError("files", "file_selector", s("/etc/hosts")));
        assertError("E100", "file_selector requires a path inside the workspace: '../outside/secret.txt' leaves it",
                callError("files", "file_selector", s("../outside/secret.txt")));
    }

    // ------------------------------------------------------------ folder_selector

    @Test
    void folderSelectorIsRecursiveWithHiddenFilesAndSorted() throws Exception {
        Scope s = scope("files", "folder_selector", s("src"));
        assertEquals(ScopeKind.FOLDER, s.kind());
        assertEquals("src", s.argument());
        assertEquals(List.of("src/.hidden", "src/domain.rs", "src/lib/util.rs", "src/main.rs", "src/notes.bak"), rel(s));
    }

    @Test
    void folderSelectorOnTheRootListsEverythingButNeverFollowsLinks() throws Exception {
        List<String> all = rel(scope("files", "folder_selector", s(".")));
        assertEquals(List.of(".git/config", "docs/README.md", "docs/big.bin", "docs/small.bin", "src/.hidden",
                "src/domain.rs", "src/lib/util.rs", "src/main.rs", "src/notes.bak", "target/debug/gen.rs"), all);
        assertEquals(all, rel(scope("files", "folder_selector", s(""))));
    }

    @Test
    void folderSelectorEmptyCasesAndSymlinkedFolders() throws Exception {
        assertTrue(scope("files", "folder_selector", s("missing")).isEmpty());
        assertTrue(scope("files", "folder_selector", s("src/main.rs")).isEmpty(), "a file is not a folder");
        assertTrue(scope("files", "folder_selector", s("emptydir")).isEmpty());
        assertTrue(scope("files", "folder_selector", s("outside-dir")).isEmpty(), "never leaves the workspace");
        assertEquals(List.of("src-link/.hidden", "src-link/domain.rs", "src-link/lib/util.rs", "src-link/main.rs",
                "src-link/notes.bak"), rel(scope("files", "folder_selector", s("src-link"))),
                "a symlinked folder inside the workspace is listed under its own path, as upstream follows its root");
    }

    @Test
    void folderSelectorBadArguments() {
        assertError("E101", "folder_selector requires a string path argument", callError("files", "folder_selector", Value.of(true)));
        assertError("E101", "folder_selector requires a path inside the workspace: '/' is absolute",
                callError("files", "folder_selector", s("/")));
        assertError("E101", "folder_selector requires a path inside the workspace: '..' leaves it",
                callError("files", "folder_selector", s("..")));
    }

    // ------------------------------------------------------------ glob_selector

    @Test
    void globSelectorMatchesFilesOnlyAlphabetically() throws Exception {
        assertEquals(List.of("src/domain.rs", "src/lib/util.rs", "src/main.rs", "target/debug/gen.rs"),
                rel(scope("files", "glob_selector", s("**/*.rs"))));
        assertEquals(List.of("src/domain.rs", "src/main.rs"), rel(scope("files", "glob_selector", s("src/*.rs"))),
                "* stays within one segment");
        assertEquals(List.of("src/.hidden", "src/domain.rs", "src/main.rs", "src/notes.bak"),
                rel(scope("files", "glob_selector", s("src/*"))), "* matches dot files; directories are left out");
        assertEquals(List.of("src/domain.rs", "src/main.rs"), rel(scope("files", "glob_selector", s("./src/[dm]*.rs"))));
        assertEquals(List.of("src/main.rs"), rel(scope("files", "glob_selector", s("src/[!d]*.rs"))));
        assertEquals(List.of("src/main.rs"), rel(scope("files", "glob_selector", s("src/ma?n.rs"))));
        assertEquals(Scope.of(ScopeKind.GLOB, "*.none", List.of()), scope("files", "glob_selector", s("*.none")));
        assertTrue(scope("files", "glob_selector", s("src/**")).isEmpty(), "a trailing ** matches directories only");
        assertTrue(scope("files", "glob_selector", s("outside-dir/*")).isEmpty(), "links are not followed");
    }

    @Test
    void globSelectorInvalidPatternsGiveAnEmptyScopeAsUpstream() throws Exception {
        assertEquals(Scope.empty(ScopeKind.GLOB, "a["), scope("files", "glob_selector", s("a[")));
        assertTrue(scope("files", "glob_selector", s("***")).isEmpty());
        assertTrue(scope("files", "glob_selector", s("src/a**")).isEmpty());
    }

    @Test
    void globSelectorBadArguments() {
        assertError("E102", "glob_selector requires a string pattern argument", callError("files", "glob_selector"));
        assertError("E102", "glob_selector requires a path inside the workspace: '../*' leaves it",
                callError("files", "glob_selector", s("../*")));
        assertError("E102", "glob_selector requires a path inside the workspace: '/etc/*' is absolute",
                callError("files", "glob_selector", s("/etc/*")));
    }

    // ------------------------------------------------------------ exists

    @Test
    void existsOnAFolderLooksForTheFileInside() throws Exception {
        Value src = call("files", "folder_selector", s("src"));
        assertPass(check("files", "exists", src, s("main.rs")));
        assertPass(check("files", "exists", src, s("lib")), "a directory counts");
        assertPass(check("files", "exists", src, s("../docs/README.md")), "inside the workspace is allowed");
        assertFail("File 'x.rs' does not exist in folder 'src'", check("files", "exists", src, s("x.rs")));
        assertFail("File '../secret-link.txt' does not exist in folder 'src'",
                check("files", "exists", src, s("../secret-link.txt")));
    }

    @Test
    void existsOnAFileScopeIgnoresTheFilename() throws Exception {
        assertPass(check("files", "exists", call("files", "file_selector", s("src/main.rs")), s("ignored")));
        assertPass(check("files", "exists", Scope.empty(ScopeKind.FILE, "src"), s("x")), "a directory counts");
        assertFail("File 'nope.rs' does not exist",
                check("files", "exists", call("files", "file_selector", s("nope.rs")), s("nope.rs")));
        assertFail("File 'fn:main' does not exist",
                check("files", "exists", Scope.empty(ScopeKind.FILE, "fn:main"), s("main")), "pseudo-names fail");
    }

    @Test
    void existsOnAGlobComparesBasenames() throws Exception {
        Value rs = call("files", "glob_selector", s("**/*.rs"));
        assertPass(check("files", "exists", rs, s("util.rs")));
        assertFail("No file named 'lib/util.rs' found in scope", check("files", "exists", rs, s("lib/util.rs")));
        assertFail("No file named 'x.rs' found in scope", check("files", "exists", rs, s("x.rs")));
    }

    @Test
    void existsBadArguments() throws Exception {
        assertError("E110", "exists requires a scope as first argument", checkError("files", "exists", s("src"), s("x")));
        assertError("E111", "exists requires a filename as second argument",
                checkError("files", "exists", call("files", "folder_selector", s("src"))));
        assertError("E111", "exists requires a path inside the workspace: '../../x' leaves it",
                checkError("files", "exists", call("files", "folder_selector", s("src")), s("../../x")));
        assertError("E111", "exists requires a path inside the workspace: '/etc/passwd' is absolute",
                checkError("files", "exists", call("files", "folder_selector", s("src")), s("/etc/passwd")));
        assertError("E110", "exists requires a path inside the workspace: '../outside' leaves it",
                checkError("files", "exists", Scope.empty(ScopeKind.FOLDER, "../outside"), s("secret.txt")));
        assertPass(check("files", "exists", call("files", "folder_selector", s("src")), s("main.rs"), n(1), s("extra")),
                "extra arguments are ignored");
        assertPass(check("files", "exists", Scope.empty(ScopeKind.FOLDER, root.resolve("src").toString()), s("main.rs")),
                "a plugin's scope may name its folder by an absolute path inside the workspace");
        assertError("E110", "exists requires a path inside the workspace: '" + outside + "' is absolute",
                checkError("files", "exists", Scope.empty(ScopeKind.FOLDER, outside.toString()), s("secret.txt")));
    }

    // ------------------------------------------------------------ contains

    @Test
    void containsOnAFolder() throws Exception {
        Value docs = call("files", "folder_selector", s("docs"));
        assertPass(check("files", "contains", docs, s("README.md")));
        assertFail("Folder 'docs' does not contain 'main.rs'", check("files", "contains", docs, s("main.rs")));
    }

    @Test
    void containsMatchesWholePathSegmentsNotStringSuffixes() throws Exception {
        Value rs = call("files", "glob_selector", s("src/*.rs"));
        assertPass(check("files", "contains", rs, s("main.rs")));
        assertPass(check("files", "contains", rs, s("src/main.rs")));
        Value domainOnly = call("files", "file_selector", s("src/domain.rs"));
        assertFail("Scope does not contain 'main.rs'", check("files", "contains", domainOnly, s("main.rs")),
                "upstream matched domain.rs as a string suffix of main.rs");
        assertFail("Scope does not contain 'ain.rs'", check("files", "contains", rs, s("ain.rs")));
        assertPass(check("files", "contains", call("files", "glob_selector", s("**/*.rs")), s("lib/util.rs")));
        assertFail("Scope does not contain 'ws/src/main.rs'", check("files", "contains", rs, s("ws/src/main.rs")),
                "only segments inside the workspace count");
        assertFail("Scope does not contain ''", check("files", "contains", rs, s("")));
    }

    @Test
    void containsOnAFolderFindsTheNameAtAnyDepth() throws Exception {
        Value src = call("files", "folder_selector", s("src"));
        assertPass(check("files", "contains", src, s("util.rs")), "src/lib/util.rs");
        assertPass(check("files", "contains", src, s("lib/util.rs")));
        assertPass(check("files", "contains", src, s("lib")), "a folder directly inside");
        assertFail("Folder 'src' does not contain 'til.rs'", check("files", "contains", src, s("til.rs")));
    }

    @Test
    void containsBadArguments() throws Exception {
        assertError("E112", "contains requires a scope as first argument", checkError("files", "contains"));
        assertError("E113", "contains requires a filename as second argument",
                checkError("files", "contains", call("files", "folder_selector", s("src")), n(3)));
        assertError("E113", "contains requires a path inside the workspace: '../../etc' leaves it",
                checkError("files", "contains", call("files", "folder_selector", s("src")), s("../../etc")));
    }

    // ------------------------------------------------------------ no_files_matching

    @Test
    void noFilesMatchingPassesAndFailsWithUpstreamsMessage() throws Exception {
        Value src = call("files", "folder_selector", s("src"));
        assertPass(check("files", "no_files_matching", src, s("*.tmp")));
        assertFail("Found 1 files matching pattern '*.bak': [\"src/notes.bak\"]",
                check("files", "no_files_matching", src, s("*.bak")));
        assertPass(check("files", "no_files_matching", src, s("*.md")), "docs/README.md is not in src");
    }

    @Test
    void noFilesMatchingAPatternWithoutSlashNamesFilesAtAnyDepth() throws Exception {
        Value src = call("files", "folder_selector", s("src"));
        assertFail("Found 1 files matching pattern 'util.rs': [\"src/lib/util.rs\"]",
                check("files", "no_files_matching", src, s("util.rs")), "upstream looked only directly in src");
        assertFail("Found 1 files matching pattern 'lib': [\"src/lib\"]",
                check("files", "no_files_matching", src, s("lib")), "a folder of that name counts, as upstream");
        assertPass(check("files", "no_files_matching", src, s("util.r")), "whole names, not substrings");
    }

    @Test
    void noFilesMatchingAPatternWithSlashIsAPathBelowTheFolder() throws Exception {
        Value src = call("files", "folder_selector", s("src"));
        assertFail("Found 1 files matching pattern 'lib/*.rs': [\"src/lib/util.rs\"]",
                check("files", "no_files_matching", src, s("lib/*.rs")));
        assertPass(check("files", "no_files_matching", src, s("*/main.rs")), "src/main.rs is not one folder down");
        assertFail("Found 3 files matching pattern '**/*.rs': [\"src/domain.rs\", \"src/lib/util.rs\", \"src/main.rs\"]",
                check("files", "no_files_matching", src, s("**/*.rs")));
    }

    @Test
    void noFilesMatchingCountsDirectoriesAndLinksAndListsAtMostFive() throws Exception {
        Value root = call("files", "folder_selector", s("."));
        assertFail("Found 2 files matching pattern '*-link*': [\"secret-link.txt\", \"src-link\"]",
                check("files", "no_files_matching", root, s("*-link*")),
                "links count by their name, never followed");
        assertFail("Found 2 files matching pattern 'src/**': [\"src\", \"src/lib\"]",
                check("files", "no_files_matching", root, s("src/**")), "a trailing ** matches the folder and its subfolders");
        assertPass(check("files", "no_files_matching", root, s("outside-dir/*")), "never looks through a link");
        CheckResult all = check("files", "no_files_matching", root, s("*"));
        assertTrue(all instanceof CheckResult.Fail f && f.message().matches(
                "Found \\d+ files matching pattern '\\*': \\[(\"[^\"]+\"(, )?){5}\\]"), all.toString());
    }

    @Test
    void noFilesMatchingLooksOnlyAtTheScopesOwnFilesWhateverItsKind() throws Exception {
        Value mainFile = call("files", "file_selector", s("src/main.rs"));
        assertPass(check("files", "no_files_matching", mainFile, s("*.bak")),
                "src/notes.bak is beside the file, not in its scope (upstream looked in the file's folder)");
        assertFail("Found 1 files matching pattern 'main.rs': [\"src/main.rs\"]",
                check("files", "no_files_matching", mainFile, s("main.rs")));
        Value anyGlob = call("files", "glob_selector", s("docs/*"));
        assertPass(check("files", "no_files_matching", anyGlob, s("**/*.bak")),
                "src/notes.bak is not in the glob's scope (upstream looked at the whole workspace)");
        assertFail("Found 1 files matching pattern 'docs/*.md': [\"docs/README.md\"]",
                check("files", "no_files_matching", anyGlob, s("docs/*.md")), "a path from the workspace root");
    }

    @Test
    void noFilesMatchingInvalidPatternIsAnErrorResult() throws Exception {
        Value src = call("files", "folder_selector", s("src"));
        assertEquals(CheckResult.error("E115", "Invalid glob pattern: a["), check("files", "no_files_matching", src, s("a[")));
        assertEquals(CheckResult.error("E115", "Invalid glob pattern: x**"), check("files", "no_files_matching", src, s("x**")));
    }

    @Test
    void noFilesMatchingBadArguments() throws Exception {
        assertError("E114", "no_files_matching requires a scope as first argument",
                checkError("files", "no_files_matching", s("src"), s("*")));
        assertError("E115", "no_files_matching requires a pattern as second argument",
                checkError("files", "no_files_matching", call("files", "folder_selector", s("src"))));
        assertError("E115", "no_files_matching requires a path inside the workspace: '../../*' leaves it",
                checkError("files", "no_files_matching", call("files", "folder_selector", s("src")), s("../../*")));
    }

    // ------------------------------------------------------------ max_size

    @Test
    void maxSizeEqualPassesOneMoreFails() throws Exception {
        Value docs = call("files", "folder_selector", s("docs"));
        assertPass(check("files", "max_size", docs, n(100)));
        assertFail("File 'docs/big.bin' exceeds maximum size (100 > 99 bytes)", check("files", "max_size", docs, n(99)));
        assertFail("File 'docs/big.bin' exceeds maximum size (100 > 99 bytes)",
                check("files", "max_size", docs, Value.of(99.9)), "a float is truncated");
        assertPass(check("files", "max_size", call("files", "folder_selector", s("missing")), n(0)), "empty scope passes");
    }

    @Test
    void maxSizeSkipsBrokenLinksAndPathsOutside() throws Exception {
        Scope odd = Scope.of(ScopeKind.GLOB, "x", List.of(root.resolve("docs/broken.bin"), root.resolve("secret-link.txt"),
                root.resolve("docs/small.bin")));
        assertPass(check("files", "max_size", odd, n(10)));
    }

    @Test
    void maxSizeBadArguments() throws Exception {
        Value docs = call("files", "folder_selector", s("docs"));
        assertError("E116", "max_size requires a scope as first argument", checkError("files", "max_size", n(1), n(1)));
        assertError("E117", "max_size requires a number as second argument", checkError("files", "max_size", docs, s("10")));
        assertError("E117", "max_size requires a non-negative number as second argument, found -1",
                checkError("files", "max_size", docs, n(-1)), "upstream wrapped it to u64 and always passed");
    }
}
