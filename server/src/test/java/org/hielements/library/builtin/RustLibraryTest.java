package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hielements.library.CheckResult;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code rust} against the committed fixture {@code test-fixtures/workspaces/builtins/rs}. */
class RustLibraryTest extends BuiltinTestSupport {

    @BeforeEach
    void fixtureWorkspace() {
        workspace(fixture("rs"));
    }

    private Value module(String name) throws Exception {
        return call("rust", "module_selector", s(name));
    }

    private Value libRs() throws Exception {
        return call("files", "file_selector", s("crates/core/src/lib.rs"));
    }

    @Test
    void discoverySkipsTargetAndVendor() {
        assertEquals(List.of("crates/cli/src/main.rs", "crates/core/src/lexer.rs", "crates/core/src/lib.rs",
                "crates/core/src/parser/mod.rs"), RustLibrary.rustFiles(ws).stream().map(e -> e.path()).toList());
    }

    // ------------------------------------------------------------ selectors

    @Test
    void crateSelector() throws Exception {
        Scope core = scope("rust", "crate_selector", s("core"));
        assertEquals(ScopeKind.FOLDER, core.kind());
        assertEquals("core", core.argument());
        assertEquals(List.of("crates/core/src/lexer.rs", "crates/core/src/lib.rs", "crates/core/src/parser/mod.rs"),
                rel(core), "target/ is build output, not the crate's code (upstream walked it)");
        assertEquals(ws.root().resolve("crates/core"), core.folder(), "the scope knows its crate's folder");
        assertEquals(List.of("crates/cli/src/main.rs"), rel(scope("rust", "crate_selector", s("hie-cli"))),
                "found by package name wherever the package is");
        assertEquals(Scope.empty(ScopeKind.FOLDER, "nope"), scope("rust", "crate_selector", s("nope")));
        assertError("E300", "crate_selector requires a crate name", callError("rust", "crate_selector"));
        assertError("E300", "crate_selector requires a path inside the workspace: '../x' leaves it",
                callError("rust", "crate_selector", s("../x")));
        assertError("E300", "crate_selector requires a path inside the workspace: '/x' is absolute",
                callError("rust", "crate_selector", s("/x")));
    }

    @Test
    void moduleSelector() throws Exception {
        assertEquals(List.of("crates/core/src/lexer.rs"), rel(scope("rust", "module_selector", s("lexer"))));
        assertEquals(List.of("crates/core/src/parser/mod.rs"), rel(scope("rust", "module_selector", s("parser"))));
        Scope qualified = scope("rust", "module_selector", s("core::parser"));
        assertEquals("core::parser", qualified.argument());
        assertEquals(List.of("crates/core/src/parser/mod.rs"), rel(qualified), "the crate's name, then its module");
        assertEquals(List.of("crates/core/src/parser/mod.rs"), rel(scope("rust", "module_selector", s("crate::parser"))));
        assertTrue(scope("rust", "module_selector", s("cli::parser")).isEmpty(), "no crate cli has a module parser");
        assertEquals(List.of("crates/cli/src/main.rs"), rel(scope("rust", "module_selector", s("hie_cli"))),
                "a crate's name alone is its root module: main.rs");
        assertTrue(scope("rust", "module_selector", s("main")).isEmpty(), "main.rs is a crate root, not a module main");
        assertTrue(scope("rust", "module_selector", s("nothing")).isEmpty());
        assertError("E301", "module_selector requires a module path", callError("rust", "module_selector", n(1)));
    }

    @Test
    void structSelectorMatchesWholeEscapedNames() throws Exception {
        Scope token = scope("rust", "struct_selector", s("Token"));
        assertEquals("struct:Token", token.argument());
        assertEquals(List.of("crates/core/src/lexer.rs"), rel(token));
        assertEquals(List.of("crates/core/src/lexer.rs"), rel(scope("rust", "struct_selector", s("Lexer"))), "Lexer<'a>");
        assertEquals(List.of("crates/core/src/parser/mod.rs"), rel(scope("rust", "struct_selector", s("Parser"))));
        assertTrue(scope("rust", "struct_selector", s("Tok")).isEmpty());
        assertTrue(scope("rust", "struct_selector", s("Tok.n")).isEmpty(), "the name is not a regex (upstream's was)");
        assertError("E302", "struct_selector requires a struct name", callError("rust", "struct_selector"));
    }

    @Test
    void enumSelectorMatchesWholeNames() throws Exception {
        assertEquals(List.of("crates/core/src/lexer.rs"), rel(scope("rust", "enum_selector", s("TokenKind"))));
        assertEquals("enum:Command", scope("rust", "enum_selector", s("Command")).argument());
        assertTrue(scope("rust", "enum_selector", s("Token")).isEmpty(), "upstream matched 'enum TokenKind'");
        assertError("E303", "enum_selector requires an enum name", callError("rust", "enum_selector", n(0)));
    }

    @Test
    void functionSelectorMatchesWholeNames() throws Exception {
        assertEquals(List.of("crates/core/src/parser/mod.rs"), rel(scope("rust", "function_selector", s("parse_expr"))));
        assertEquals("fn:parse", scope("rust", "function_selector", s("parse")).argument());
        assertTrue(scope("rust", "function_selector", s("parse")).isEmpty(),
                "'parse' must not match fn parse_expr; target/ and vendor/ copies are not searched");
        assertEquals(List.of("crates/core/src/lexer.rs"), rel(scope("rust", "function_selector", s("tokenize"))));
        assertError("E304", "function_selector requires a function name", callError("rust", "function_selector"));
    }

    @Test
    void traitSelectorMatchesWholeNames() throws Exception {
        assertEquals(List.of("crates/core/src/parser/mod.rs"), rel(scope("rust", "trait_selector", s("LibraryExt"))));
        assertTrue(scope("rust", "trait_selector", s("Library")).isEmpty(), "not trait LibraryExt");
        assertError("E305", "trait_selector requires a trait name", callError("rust", "trait_selector"));
    }

    @Test
    void implSelectorMatchesWholeNames() throws Exception {
        assertEquals(List.of("crates/core/src/parser/mod.rs"), rel(scope("rust", "impl_selector", s("ParserState"))));
        assertEquals("impl:Parser", scope("rust", "impl_selector", s("Parser")).argument());
        assertTrue(scope("rust", "impl_selector", s("Parser")).isEmpty(), "not impl ParserState");
        assertEquals(List.of("crates/core/src/lexer.rs"), rel(scope("rust", "impl_selector", s("Iterator"))),
                "impl<...> with '> Iterator', as upstream");
        assertError("E306", "impl_selector requires a type name", callError("rust", "impl_selector"));
    }

    // ------------------------------------------------------------ workspace checks

    @Test
    void existenceChecks() throws Exception {
        assertPass(check("rust", "struct_exists", s("Token")));
        assertFail("Struct 'Parse' not found", check("rust", "struct_exists", s("Parse")));
        assertError("E310", "struct_exists requires a struct name", checkError("rust", "struct_exists"));

        assertPass(check("rust", "enum_exists", s("TokenKind")));
        assertFail("Enum 'Token' not found", check("rust", "enum_exists", s("Token")));
        assertError("E311", "enum_exists requires an enum name", checkError("rust", "enum_exists", n(1)));

        assertPass(check("rust", "function_exists", s("parse_expr")));
        assertFail("Function 'parse' not found", check("rust", "function_exists", s("parse")),
                "upstream passed because of fn parse_expr");
        assertError("E312", "function_exists requires a function name", checkError("rust", "function_exists"));

        assertPass(check("rust", "trait_exists", s("LibraryExt")));
        assertFail("Trait 'Library' not found", check("rust", "trait_exists", s("Library")));
        assertError("E313", "trait_exists requires a trait name", checkError("rust", "trait_exists"));

        assertPass(check("rust", "impl_exists", s("ParserState")));
        assertFail("Impl for 'Parser' not found", check("rust", "impl_exists", s("Parser")));
        assertError("E314", "impl_exists requires a type name", checkError("rust", "impl_exists"));
    }

    @Test
    void implementsTakesTypeThenTrait() throws Exception {
        assertPass(check("rust", "implements", s("Lexer"), s("Iterator")), "impl<'a> Iterator for Lexer<'a>");
        assertFail("'Lexer' does not implement 'Display'", check("rust", "implements", s("Lexer"), s("Display")));
        assertFail("'Lex' does not implement 'Iterator'", check("rust", "implements", s("Lex"), s("Iterator")),
                "whole type names");
        assertError("E315", "implements requires a type name", checkError("rust", "implements"));
        assertError("E316", "implements requires a trait name", checkError("rust", "implements", s("Lexer")));
    }

    // ------------------------------------------------------------ scope checks

    @Test
    void uses() throws Exception {
        assertPass(check("rust", "uses", module("parser"), s("crate::lexer")));
        assertPass(check("rust", "uses", module("hie_cli"), s("core::parser")));
        assertFail("Module does not use 'parser'", check("rust", "uses", module("hie_cli"), s("parser")),
                "core::parser is not a path starting with parser");
        assertFail("Module does not use 'crate::parser'", check("rust", "uses", module("lexer"), s("crate::parser")));
        assertError("E317", "uses requires a scope", checkError("rust", "uses", s("parser"), s("x")));
        assertError("E318", "uses requires a module path", checkError("rust", "uses", module("parser")));
    }

    @Test
    void hasDerive() throws Exception {
        assertPass(check("rust", "has_derive", module("lexer"), s("Debug")));
        assertFail("No #[derive(Serialize)] found", check("rust", "has_derive", module("lexer"), s("Serialize")));
        assertError("E319", "has_derive requires a scope", checkError("rust", "has_derive"));
        assertError("E320", "has_derive requires a derive name", checkError("rust", "has_derive", module("lexer")));
    }

    @Test
    void hasDocsAndHasTests() throws Exception {
        assertPass(check("rust", "has_docs", module("lexer")));
        assertFail("No documentation comments found", check("rust", "has_docs", module("hie_cli")));
        assertError("E321", "has_docs requires a scope", checkError("rust", "has_docs", s("lexer")));
        assertPass(check("rust", "has_tests", module("parser")));
        assertFail("No tests found", check("rust", "has_tests", module("lexer")));
        assertError("E322", "has_tests requires a scope", checkError("rust", "has_tests"));
    }

    // ------------------------------------------------------------ dependency and type checks

    @Test
    void dependsOn() throws Exception {
        assertPass(check("rust", "depends_on", module("parser"), module("lexer")));
        assertFail("No dependency found: source does not use 'crate::parser'",
                check("rust", "depends_on", module("lexer"), module("parser")));
        assertFail("No dependency found: source does not use 'core::parser'",
                check("rust", "depends_on", module("hie_cli"), module("core::parser")),
                "hie-cli declares no dependency on the package core: its core::parser is Rust's own core library");
        assertEquals(CheckResult.error("E324", "Could not determine target module names"),
                check("rust", "depends_on", module("lexer"), Scope.empty(ScopeKind.FOLDER, "x")));
        assertEquals(CheckResult.error("E323", "Source scope has no paths"),
                check("rust", "depends_on", Scope.empty(ScopeKind.FOLDER, "x"), module("lexer")));
        Scope missing = Scope.of(ScopeKind.FILE, "m", List.of(ws.root().resolve("crates/core/src/missing.rs")));
        assertEquals(CheckResult.error("E323", "Could not read file: crates/core/src/missing.rs"),
                check("rust", "depends_on", missing, module("lexer")));
        assertError("E323", "depends_on requires a source scope as first argument", checkError("rust", "depends_on"));
        assertError("E324", "depends_on requires a target scope as second argument",
                checkError("rust", "depends_on", module("lexer"), s("parser")));
    }

    @Test
    void noDependency() throws Exception {
        assertPass(check("rust", "no_dependency", module("lexer"), module("parser")));
        CheckResult forbidden = check("rust", "no_dependency", module("parser"), module("lexer"));
        assertEquals("Forbidden dependency detected: crates/core/src/parser/mod.rs:1 use crate::lexer::{Token, TokenKind}",
                forbidden.message());
        assertEquals(List.of("crates/core/src/parser/mod.rs:1 use crate::lexer::{Token, TokenKind}"),
                ((CheckResult.Fail) forbidden).evidence().stream().map(e -> e.describe()).toList());
        assertEquals(CheckResult.error("E326", "Could not determine target module names"),
                check("rust", "no_dependency", module("lexer"), Scope.empty(ScopeKind.GLOB, "*.x")));
        assertEquals(CheckResult.error("E325", "Source scope has no paths"),
                check("rust", "no_dependency", Scope.empty(ScopeKind.GLOB, "*.x"), module("lexer")));
        assertError("E325", "no_dependency requires a source scope as first argument", checkError("rust", "no_dependency"));
        assertError("E326", "no_dependency requires a target scope as second argument",
                checkError("rust", "no_dependency", module("lexer")));
    }

    @Test
    void pipelineConnects() throws Exception {
        Value token = call("rust", "struct_selector", s("Token"));
        assertPass(check("rust", "pipeline_connects", token, module("parser")));
        assertFail("Pipeline not connected: 'Token' is not used by input scope",
                check("rust", "pipeline_connects", token, module("hie_cli")));
        assertPass(check("rust", "pipeline_connects", module("hie_cli"), call("rust", "enum_selector", s("Command"))),
                "the output type of a module is its first pub struct/enum (Command), used by main.rs");
        assertEquals(CheckResult.error("E327", "Could not determine output type"),
                check("rust", "pipeline_connects", libRs(), module("parser")));
        assertError("E327", "pipeline_connects requires an output scope as first argument",
                checkError("rust", "pipeline_connects"));
        assertError("E328", "pipeline_connects requires an input scope as second argument",
                checkError("rust", "pipeline_connects", token));
    }

    @Test
    void typeCompatible() throws Exception {
        Value token = call("rust", "struct_selector", s("Token"));
        assertPass(check("rust", "type_compatible", token, call("rust", "enum_selector", s("TokenKind"))));
        assertPass(check("rust", "type_compatible", token, token), "the same type");
        assertFail("Types 'Parser' and 'Command' are not compatible", check("rust", "type_compatible",
                call("rust", "struct_selector", s("Parser")), call("rust", "enum_selector", s("Command"))));
        assertEquals(CheckResult.error("E329", "Could not determine type from first scope"),
                check("rust", "type_compatible", libRs(), token));
        assertEquals(CheckResult.error("E330", "Could not determine type from second scope"),
                check("rust", "type_compatible", token, libRs()));
        assertError("E329", "type_compatible requires a scope as first argument", checkError("rust", "type_compatible"));
        assertError("E330", "type_compatible requires a scope as second argument",
                checkError("rust", "type_compatible", token, n(1)));
    }
}
