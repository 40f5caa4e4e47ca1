package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hielements.library.builtin.RustFileFacts.Origin;
import org.hielements.library.builtin.RustFileFacts.PathRef;
import org.junit.jupiter.api.Test;

/** The Rust lexer, the use-tree expander and the paths a file names. */
class RustFileFactsTest {

    private static List<String> paths(String source) {
        List<String> out = new ArrayList<>();
        for (PathRef p : RustFileFacts.read(source).paths) out.add((p.global() ? "::" : "") + String.join("::", p.segments()));
        return out;
    }

    private static List<String> kinds(String source) {
        RustLexer.Tokens t = RustLexer.lex(source);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.count; i++) out.add(t.kind[i] + ":" + source.substring(t.start[i], t.end[i]));
        return out;
    }

    @Test
    void commentsOfEveryKindAreSkipped() {
        assertEquals(List.of(), paths("""
                // a::b in a line comment
                /// doc: c::d
                //! inner doc: e::f
                /* block g::h /* nested i::j */ still k::l */
                /** doc block m::n */
                """));
        assertEquals(List.of("after::nested"), paths("/* a /* b /* c */ d::x */ e::y */ after::nested"));
        assertEquals(List.of(), paths("/* unterminated a::b"), "an unterminated comment runs to the end");
    }

    @Test
    void stringsOfEveryKindAreSkipped() {
        assertEquals(List.of("real::one", "real::two"), paths("""
                let a = "x::y \\" still::string";
                let b = r"raw::one";
                let c = r#"raw "quoted::two" here"#;
                let d = r##"a "# b::c "##;
                let e = b"bytes::x";
                let f = br#"raw::bytes"#;
                let g = c"c::string";
                real::one(a); real::two(b);
                """));
        assertEquals(List.of(), paths("let s = \"unterminated a::b"));
    }

    @Test
    void charLiteralsAreNotLifetimes() {
        assertEquals(List.of("5:'a'", "7:,", "5:'\\''", "7:,", "5:b'x'", "7:,", "5:'\\u{1F600}'", "7:,", "5:'😀'"),
                kinds("'a', '\\'', b'x', '\\u{1F600}', '😀'"));
        assertEquals(List.of("1:fn", "1:f", "7:<", "3:'a", "7:>", "7:(", "1:x", "7::", "7:&", "3:'a", "1:str", "7:)"),
                kinds("fn f<'a>(x: &'a str)"));
        assertEquals(List.of("x::y"), paths("let c = '\"'; x::y(); let s = \"'\";"),
                "a quote char does not open a string; a quote in a string does not open a char");
        assertEquals(List.of("x::y"), paths("'outer: loop { break 'outer; } x::y();"), "labels");
    }

    @Test
    void rawIdentifiersAndTheirPaths() {
        assertEquals(List.of("2:r#type", "8:::", "1:x"), kinds("r#type::x"));
        assertEquals(List.of("type::x", "a::match"), paths("r#type::x(); a::r#match();"));
    }

    @Test
    void pathsOfTwoOrMoreSegments() {
        assertEquals(List.of("m::f", "m::T", "m::attr", "m::mac", "std::io::Result", "::m::x", "crate::x", "Self::new"),
                paths("""
                        fn g() { m::f(); let t: m::T = x; }
                        #[m::attr]
                        fn h() { m::mac!(); }
                        fn r() -> std::io::Result<()> { ::m::x(); $crate::x(); Self::new() }
                        """));
        assertEquals(List.of(), paths("x.m::<T>(); let y = a.b; single(x);"), "methods and single names are not paths");
        assertEquals(List.of("x::m::y"), paths("x::m::y();"), "one path, starting at x");
        assertEquals(List.of("Vec::with_capacity", "a::b::c"), paths("Vec::<u8>::with_capacity(1); a::b::<T>::c();"),
                "a path goes on over a turbofish");
        assertEquals(List.of("Vec::new", "std::vec::Vec"), paths("Vec::<std::vec::Vec<u8>>::new"),
                "the generic arguments are read as code of their own");
        assertEquals(List.of("a::T", "b::Tr"), paths("<a::T as b::Tr>::f();"));
        assertEquals(List.of("::std::fmt::Display", "::core::any::Any"),
                paths("impl ::std::fmt::Display for X {} fn f(x: &dyn ::core::any::Any) {}"),
                "a keyword before :: starts a global path");
        assertEquals(List.of(), paths("macro_rules! m { ($x:ident) => { $x::f() } }"), "a macro variable is no crate");
        assertEquals(List.of("crate::y"), paths("pub(in crate::a) fn f() { crate::y() } pub(crate) struct S;"),
                "a visibility is not a use");
    }

    @Test
    void useTreesAreExpanded() {
        RustFileFacts f = RustFileFacts.read("use crate::{pathutil::x, y as z, w::{self, *}, v::{self as u}};\n"
                + "use ::serde::Serialize;\nuse a::Trait as _;\npub(crate) use b::*;\nuse {c, d::e};");
        List<String> got = new ArrayList<>();
        for (PathRef p : f.paths) {
            got.add((p.global() ? "::" : "") + String.join("::", p.segments()) + (p.glob() ? "::*" : "")
                    + " as " + p.binding());
            assertEquals(Origin.USE, p.origin());
        }
        assertEquals(List.of("crate::pathutil::x as x", "crate::y as z", "crate::w as w", "crate::w::* as null",
                "crate::v as u", "::serde::Serialize as Serialize", "a::Trait as null", "b::* as null", "c as c",
                "d::e as e"), got);
        assertSame(f.paths.get(1), f.binding(List.of(), "z"));
        assertNull(f.binding(List.of(), "y"));
    }

    @Test
    void aUseDeclarationIsOnePlaceSpanningTheStatement() {
        String src = "fn f() {}\n    pub use  crate::{\n  a::b,\n  c };\n";
        RustFileFacts f = RustFileFacts.read(src);
        assertEquals(2, f.paths.size());
        for (PathRef p : f.paths) {
            assertEquals("use  crate::{\n  a::b,\n  c }", src.substring(p.start(), p.end()));
        }
    }

    @Test
    void brokenUseTreesStopQuietly() {
        assertEquals(List.of("a::b", "after::x"), paths("use a::{b, ; after::x();"));
        assertEquals(List.of(), paths("use"));
        assertEquals(List.of(), paths("use {{{{{{{{"));
        assertEquals(List.of(), paths("fn f() -> impl Sized + use<'a> {}"), "precise capturing is not a use");
        String deep = "use " + "{".repeat(5000) + "a" + "}".repeat(5000) + ";";
        assertTrue(paths(deep).isEmpty() || paths(deep).equals(List.of("a")), "deep nesting neither overflows nor loops");
    }

    @Test
    void externCrate() {
        RustFileFacts f = RustFileFacts.read("extern crate m;\n#[macro_use] extern crate n as k;\nextern crate o as _;");
        assertEquals(List.of("m", "n", "o"), paths("extern crate m;\n#[macro_use] extern crate n as k;\nextern crate o as _;"));
        assertEquals(Origin.EXTERN_CRATE, f.paths.get(0).origin());
        assertEquals("n", f.binding(List.of(), "k").segments().get(0));
        assertNull(f.binding(List.of(), "o"));
    }

    @Test
    void inlineModulesAreKnownToThePathsInside() {
        RustFileFacts f = RustFileFacts.read("""
                mod decl;
                pub mod outer {
                    use super::a::x;
                    mod inner { fn f() { super::super::b::y(); } }
                    fn g() { if true { c::z(); } }
                }
                use d::w;
                #[cfg(test)]
                mod tests { use super::*; }
                """);
        List<String> got = new ArrayList<>();
        for (PathRef p : f.paths) got.add(String.join("/", p.inline()) + " " + String.join("::", p.segments()));
        assertEquals(List.of("outer super::a::x", "outer/inner super::super::b::y", "outer c::z", " d::w", "tests super"),
                got);
        assertTrue(f.declaresModule(List.of(), "decl"));
        assertTrue(f.declaresModule(List.of(), "outer"));
        assertTrue(f.declaresModule(List.of("outer"), "inner"));
        assertFalse(f.declaresModule(List.of(), "inner"));
        assertEquals(1, f.globs(List.of("tests")).size());
    }

    @Test
    void unicodeIdentifiersAndNumbers() {
        assertEquals(List.of("modulé::fñ"), paths("let x = 1.5e3 + 0x1F_u8 as f64 + t.0.1; modulé::fñ();"));
    }

    @Test
    void theCacheKeepsFactsWhileTheTextIsUnchanged() {
        Path file = Path.of("/nonexistent/cache-test.rs");
        RustFileFacts first = RustFactsCache.facts(file, "use a::b;");
        assertSame(first, RustFactsCache.facts(file, "use a::b;"), "same text: read once");
        RustFileFacts changed = RustFactsCache.facts(file, "use a::c;");
        assertEquals(List.of("a", "c"), changed.paths.get(0).segments(), "changed text: read again");
        assertSame(changed, RustFactsCache.facts(file, "use a::c;"));
    }

    @Test
    void theCacheIsBounded() {
        Path first = Path.of("/nonexistent/bounded/first.rs");
        RustFileFacts kept = RustFactsCache.facts(first, "use a::b;");
        for (int i = 0; i < RustFactsCache.MAX_ENTRIES; i++) {
            RustFactsCache.facts(Path.of("/nonexistent/bounded/f" + i + ".rs"), "use a::b;");
        }
        long[] size = RustFactsCache.size();
        assertTrue(size[0] <= RustFactsCache.MAX_ENTRIES && size[1] <= RustFactsCache.MAX_PATHS, size[0] + " " + size[1]);
        assertFalse(kept == RustFactsCache.facts(first, "use a::b;"), "the least recently used entry went first");
        String many = "use a::b;\n".repeat(200_000);
        RustFactsCache.facts(Path.of("/nonexistent/bounded/big1.rs"), many);
        RustFactsCache.facts(Path.of("/nonexistent/bounded/big2.rs"), many);
        RustFactsCache.facts(Path.of("/nonexistent/bounded/big3.rs"), many);
        assertTrue(RustFactsCache.size()[1] <= RustFactsCache.MAX_PATHS, "bounded by paths too");
    }
}
