package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.hielements.library.CheckResult;
import org.hielements.library.Scope;
import org.hielements.library.TestFiles;
import org.hielements.library.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crates from Cargo manifests and module paths from file places, on a workspace laid out like a real one (a root
 * package whose binary lives in {@code crates/core/}, members under {@code crates/}, a dependency renamed in
 * {@code [workspace.dependencies]}, a dev-dependency, a target-specific one, a 2015-edition crate, code under no
 * manifest).
 */
class RustCratesTest extends BuiltinTestSupport {
    @TempDir
    Path dir;

    @BeforeEach
    void layout() {
        TestFiles.write(dir, "Cargo.toml", """
                [package]
                name = "ripgrep"
                version = "14.0.0"
                edition = "2021"

                [[bin]]
                name = "rg"
                path = "crates/core/main.rs"

                [dependencies]
                grep = { version = "0.3", path = "crates/grep" }

                [workspace]
                members = ["crates/*"]
                exclude = ["crates/old"]

                [workspace.package]
                edition = "2021"

                [workspace.dependencies]
                m = { package = "grep-matcher", path = "crates/matcher" }
                """);
        TestFiles.write(dir, "crates/core/main.rs", "mod flags;\nfn main() { flags::parse(); grep::search(); }\n");
        TestFiles.write(dir, "crates/core/flags/mod.rs", "pub fn parse() { crate::flags::defs::all(); }\nmod defs;\n");
        TestFiles.write(dir, "crates/core/flags/defs.rs", "pub fn all() {}\n");
        TestFiles.write(dir, "crates/grep/Cargo.toml", """
                [package]
                name = "grep"
                version = "0.3.0"
                edition.workspace = true

                [dependencies]
                grep-searcher = { version = "0.1", path = "../searcher" }
                """);
        TestFiles.write(dir, "crates/grep/src/lib.rs", "pub use grep_searcher as searcher;\npub fn search() {}\n");
        TestFiles.write(dir, "crates/matcher/Cargo.toml", """
                [package]
                name = "grep-matcher"
                version = "0.1.7"
                edition = "2021"
                """);
        TestFiles.write(dir, "crates/matcher/src/lib.rs", "mod interpolate;\npub struct LineTerminator;\n");
        TestFiles.write(dir, "crates/matcher/src/interpolate.rs", "pub fn interpolate() {}\n");
        TestFiles.write(dir, "crates/searcher/Cargo.toml", """
                [package]
                name = "grep-searcher"
                version = "0.1.0"
                edition = "2021"

                [dependencies]
                grep-matcher = { version = "0.1.7", path = "../matcher" }

                [target.'cfg(unix)'.dependencies]
                libc = "0.2"

                [dev-dependencies]
                grep-regex = { path = "../regex" }
                """);
        TestFiles.write(dir, "crates/searcher/src/lib.rs", "pub mod searcher;\npub mod pathutil;\n");
        TestFiles.write(dir, "crates/searcher/src/searcher/mod.rs",
                "use grep_matcher::{LineTerminator, Matcher};\nmod glue;\n#[cfg(unix)]\nfn page() { libc::getpagesize(); }\n");
        TestFiles.write(dir, "crates/searcher/src/searcher/glue.rs", "use super::super::pathutil::is_hidden;\n");
        TestFiles.write(dir, "crates/searcher/src/pathutil.rs", "pub fn is_hidden() {}\n");
        TestFiles.write(dir, "crates/searcher/tests/regex.rs", "use grep_regex::RegexMatcher;\n");
        TestFiles.write(dir, "crates/regex/Cargo.toml", "[package]\nname = \"grep-regex\"\nversion = \"0.1.0\"\n"
                + "edition = \"2021\"\n[dependencies]\nm = { workspace = true }\n");
        TestFiles.write(dir, "crates/regex/src/lib.rs", "pub struct RegexMatcher;\nimpl m::Matcher for RegexMatcher {}\n");
        TestFiles.write(dir, "crates/ignore/Cargo.toml", "[package]\nname = \"ignore\"\nversion = \"0.4.0\"\n");
        TestFiles.write(dir, "crates/ignore/src/lib.rs", "extern crate grep_matcher;\npub mod pathutil;\nmod walk;\n");
        TestFiles.write(dir, "crates/ignore/src/pathutil.rs", "pub fn is_hidden() {}\n");
        TestFiles.write(dir, "crates/ignore/src/walk.rs", "use pathutil::is_hidden;\n");
        TestFiles.write(dir, "crates/old/Cargo.toml", "[package]\nname = \"old\"\nversion = \"0.1.0\"\n");
        TestFiles.write(dir, "crates/old/src/lib.rs", "");
        TestFiles.write(dir, "crates/searcher/target/debug/build/out.rs", "use grep_regex::X;\n");
        TestFiles.write(dir, "scripts/src/tool/gen.rs", "use crate::tool::util::x;\n");
        TestFiles.write(dir, "scripts/src/tool/util.rs", "pub fn x() {}\n");
        workspace(dir);
    }

    private Scope crate(String name) throws Exception {
        return scope("rust", "crate_selector", s(name));
    }

    private Value module(String path) throws Exception {
        return call("rust", "module_selector", s(path));
    }

    private String identity(String file) {
        RustCrates crates = RustCrates.of(ws);
        StringBuilder b = new StringBuilder();
        for (RustCrates.ModuleId id : crates.identities(ws.root().resolve(file))) {
            if (b.length() > 0) b.append(" | ");
            b.append(id.space().pkg.name).append(' ').append(ws.display(id.space().dir)).append(' ')
                    .append(String.join("::", id.path()));
        }
        return b.toString();
    }

    @Test
    void packagesAndTheirLibraryNames() {
        RustCrates crates = RustCrates.of(ws);
        assertEquals(List.of("ripgrep", "grep", "ignore", "grep-matcher", "old", "grep-regex", "grep-searcher"),
                crates.packages().stream().map(p -> p.name).toList(), "shallowest first, then by folder");
        RustCrates.Package searcher = crates.packageNamed("grep-searcher").orElseThrow();
        assertEquals("grep_searcher", searcher.libName);
        assertSame(searcher, crates.packageNamed("grep_searcher").orElseThrow(), "the library name finds it too");
        assertSame(searcher, crates.packageNamed("searcher").orElseThrow(), "and, when no name matches, its folder");
        assertEquals(List.of("grep_matcher", "grep_regex", "libc"), List.copyOf(searcher.codeNames.keySet()),
                "normal, target-specific and dev dependencies, under the names the code uses");
        assertNull(searcher.codeNames.get("libc"), "an outside crate");
        RustCrates.Package regex = crates.packageNamed("grep-regex").orElseThrow();
        assertEquals("grep-matcher", regex.codeNames.get("m").name,
                "a rename inherited from [workspace.dependencies]: counted under m");
        assertTrue(crates.packageNamed("ignore").orElseThrow().edition2015, "no edition: 2015");
        assertFalse(crates.packageNamed("grep").orElseThrow().edition2015, "edition.workspace = true: 2021");
    }

    @Test
    void modulePathsComeFromTheFilesPlaces() {
        assertEquals("ripgrep crates/core ", identity("crates/core/main.rs"), "a [[bin]] path is a crate root");
        assertEquals("ripgrep crates/core flags", identity("crates/core/flags/mod.rs"));
        assertEquals("ripgrep crates/core flags::defs", identity("crates/core/flags/defs.rs"));
        assertEquals("grep-searcher crates/searcher/src ", identity("crates/searcher/src/lib.rs"));
        assertEquals("grep-searcher crates/searcher/src searcher", identity("crates/searcher/src/searcher/mod.rs"));
        assertEquals("grep-searcher crates/searcher/src searcher::glue", identity("crates/searcher/src/searcher/glue.rs"));
        assertEquals("grep-searcher crates/searcher/tests  | grep-searcher crates/searcher/tests regex",
                identity("crates/searcher/tests/regex.rs"), "an integration test: a root, and a module of its siblings");
        assertEquals("scripts scripts/src tool::gen", identity("scripts/src/tool/gen.rs"),
                "under no manifest: an implicit crate rooted at src/");
    }

    @Test
    void crateSelectorFindsThePackageAnywhereAndOwnsOnlyItsFiles() throws Exception {
        assertEquals(List.of("crates/core/flags/defs.rs", "crates/core/flags/mod.rs", "crates/core/main.rs"),
                rel(crate("ripgrep")), "the root package: not its members' files, not scripts/ (under no manifest)");
        assertEquals(List.of("crates/searcher/src/lib.rs", "crates/searcher/src/pathutil.rs",
                        "crates/searcher/src/searcher/glue.rs", "crates/searcher/src/searcher/mod.rs",
                        "crates/searcher/tests/regex.rs"), rel(crate("grep-searcher")),
                "src/ and tests/; target/ is build output");
        assertPass(check("files", "exists", crate("grep-searcher"), s("lib.rs")), "looks in the crate's src/");
        assertPass(check("files", "exists", crate("grep-searcher"), s("Cargo.toml")), "and in the crate's folder");
        assertFail("File 'main.rs' does not exist in folder 'grep-searcher'",
                check("files", "exists", crate("grep-searcher"), s("main.rs")));
        assertPass(check("files", "contains", crate("grep-matcher"), s("src/interpolate.rs")));
        assertEquals(List.of("crates/old/src/lib.rs"), rel(crate("old")),
                "excluded from the Cargo workspace, still a package of the tree");
    }

    @Test
    void dependsOnCratesByTheNamesTheCodeUses() throws Exception {
        assertPass(check("rust", "depends_on", crate("grep-searcher"), crate("grep-matcher")),
                "use grep_matcher::{LineTerminator, Matcher} (upstream: 'source does not use interpolate, lib')");
        assertPass(check("rust", "no_dependency", crate("ignore"), crate("grep-searcher")),
                "both have a pathutil.rs; ignore does not depend on the searcher");
        assertPass(check("rust", "no_dependency", crate("grep-searcher"), crate("ignore")));
        assertPass(check("rust", "depends_on", crate("grep-regex"), crate("grep-matcher")), "m::Matcher, m renamed");
        assertPass(check("rust", "depends_on", crate("grep-searcher"), crate("grep-regex")),
                "a dev-dependency used by tests/ counts: the crate's scope holds its tests");
        assertFail("No dependency found: source does not use 'grep_matcher'",
                check("rust", "depends_on", crate("ignore"), crate("grep-matcher")),
                "extern crate grep_matcher, but ignore's Cargo.toml declares no such dependency: not this crate");
        assertPass(check("rust", "uses", crate("ignore"), s("grep_matcher")), "uses reads the path as written");
        assertPass(check("rust", "depends_on", crate("ripgrep"), crate("grep")), "grep::search() in crates/core/main.rs");
        CheckResult r = check("rust", "no_dependency", crate("grep"), crate("grep-searcher"));
        assertEquals("Forbidden dependency detected: crates/grep/src/lib.rs:1 use grep_searcher as searcher", r.message());
        assertFail("No dependency found: source does not use 'grep_searcher'",
                check("rust", "depends_on", crate("grep-matcher"), crate("grep-searcher")));
        assertFail("No dependency found: source does not use 'grep, ignore, grep_matcher, old, grep_regex' (and 1 more)",
                check("rust", "depends_on", crate("old"), call("files", "glob_selector", s("crates/*/src/lib.rs"))),
                "a long list is cut");
    }

    @Test
    void moduleScopesByRealModulePaths() throws Exception {
        Scope searcher = (Scope) module("searcher");
        assertEquals(List.of("crates/searcher/src/searcher/glue.rs", "crates/searcher/src/searcher/mod.rs"),
                rel(searcher), "a module and its submodules");
        assertEquals(rel(searcher), rel((Scope) module("grep_searcher::searcher")));
        assertEquals(rel(searcher), rel((Scope) module("grep-searcher::searcher")));
        assertEquals(List.of("crates/searcher/src/searcher/glue.rs"), rel((Scope) module("glue")),
                "no module glue at a crate root: a module path ending with it");
        assertEquals(List.of("crates/ignore/src/pathutil.rs", "crates/searcher/src/pathutil.rs"),
                rel((Scope) module("pathutil")), "two crates have a module pathutil");
        assertEquals(List.of("crates/searcher/src/pathutil.rs"), rel((Scope) module("grep_searcher::pathutil")));
        assertEquals(List.of("crates/core/flags/defs.rs", "crates/core/flags/mod.rs"), rel((Scope) module("flags")));

        assertPass(check("rust", "depends_on", module("grep_searcher::searcher"), module("grep_searcher::pathutil")),
                "super::super::pathutil in searcher/glue.rs");
        assertFail("No dependency found: source does not use 'ignore::pathutil'",
                check("rust", "depends_on", module("grep_searcher::searcher"), module("ignore::pathutil")),
                "the searcher's own pathutil is another module");
        assertPass(check("rust", "depends_on", module("ignore::walk"), module("ignore::pathutil")),
                "2015 edition: use pathutil::is_hidden is crate::pathutil");
        assertPass(check("rust", "uses", module("ignore::walk"), s("crate::pathutil")));
        assertPass(check("rust", "uses", module("flags"), s("crate::flags::defs")));
        assertPass(check("rust", "uses", module("flags"), s("self::defs")), "self:: resolves from each file");
    }

    @Test
    void eachFileIsReadOncePerRunAndKeptAcrossRunsUntilItChanges() throws Exception {
        Path glue = ws.root().resolve("crates/searcher/src/searcher/glue.rs");
        RustFileFacts first = RustGraph.of(ws).facts(glue).orElseThrow();
        assertSame(first, RustGraph.of(ws).facts(glue).orElseThrow(), "one graph per run");
        assertSame(RustGraph.of(ws), RustGraph.of(ws));
        org.hielements.library.Workspace next = ws.fresh();
        assertSame(first, RustGraph.of(next).facts(glue).orElseThrow(), "the next run: same text, same facts");
        TestFiles.write(dir, "crates/searcher/src/searcher/glue.rs", "use crate::pathutil;\n");
        RustFileFacts changed = RustGraph.of(next.fresh()).facts(glue).orElseThrow();
        assertEquals(List.of("crate", "pathutil"), changed.paths.get(0).segments(), "changed: read again");
    }

    @Test
    void brokenInputsGiveClearAnswersNotExceptions() throws Exception {
        TestFiles.write(dir, "crates/broken/Cargo.toml", "[package]\nname = \nversion = \"1\"\n");
        TestFiles.write(dir, "crates/broken/src/lib.rs", "use grep_matcher::X;\n");
        java.nio.file.Files.write(dir.resolve("crates/searcher/src/latin1.rs"), new byte[] {'u', 's', 'e', ' ', (byte) 0xE9});
        workspace(dir);
        assertTrue(crate("broken").isEmpty(), "a manifest whose name TOML cannot read names no package");
        assertEquals("broken crates/broken/src ", identity("crates/broken/src/lib.rs"),
                "its files form an implicit crate named after the folder above src/");
        assertEquals(CheckResult.error("E325", "Could not read file: crates/searcher/src/latin1.rs"),
                check("rust", "no_dependency", crate("grep-searcher"), crate("grep-matcher")),
                "a source file that is not UTF-8 cannot be judged");
        assertPass(check("rust", "no_dependency", crate("grep-searcher"), crate("ignore")),
                "the searcher's Cargo.toml does not name ignore: its code cannot reach it, no file needs reading");
        assertFail("Module does not use 'nothing'", check("rust", "uses", crate("grep-searcher"), s("nothing")),
                "uses skips it, as upstream");
        assertFail("Module does not use ''", check("rust", "uses", crate("grep-searcher"), s("")));
        assertEquals(List.of(), rel((Scope) module("a::::b")), "an empty segment names no module");
    }

    @Test
    void usesMatchesWholeLeadingSegments() throws Exception {
        TestFiles.write(dir, "crates/ignore/src/extra.rs",
                "fn f() { foo_pathutil::x(); bar::pathutil::y(); let s = \"pathutil::z\"; } // pathutil::w\n");
        workspace(dir);
        Value extra = module("ignore::extra");
        assertFail("Module does not use 'pathutil'", check("rust", "uses", extra, s("pathutil")),
                "foo_pathutil:: and bar::pathutil:: do not start with pathutil; the string and comment do not count");
        assertPass(check("rust", "uses", extra, s("bar::pathutil")), "a multi-segment module matches whole segments");
        assertPass(check("rust", "uses", extra, s("::bar")));
        assertFail("Module does not use 'bar::path'", check("rust", "uses", extra, s("bar::path")));
    }
}
