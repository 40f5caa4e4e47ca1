package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hielements.library.Scope;
import org.hielements.library.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rust} checks that look for items, attributes and doc comments read code, not text: a name in a comment,
 * a string, a raw string or a char literal is never an item, a derive, a test or a type use, and a doc comment inside a
 * string is no documentation. Each case passes on the same words written as code.
 */
class RustCodeOnlyTest extends BuiltinTestSupport {
    @TempDir
    Path root;

    /** A workspace of one crate whose {@code src/lib.rs} is {@code lib} (and {@code README.md} is {@code readme}). */
    private void crate(String lib, String readme) throws Exception {
        Files.writeString(root.resolve("Cargo.toml"), "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n");
        Files.createDirectories(root.resolve("src"));
        Files.writeString(root.resolve("src/lib.rs"), lib);
        Files.writeString(root.resolve("README.md"), readme);
        workspace(root);
    }

    private static final String NOT_CODE = """
            #!/usr/bin/env run-cargo-script
            // struct Foo {}  fn bar() {}  enum Baz { A }  trait Qux {}  impl Foo {}  impl Qux for Foo {}
            /* #[derive(Debug)] struct Nested { /* nested */ } #[test] fn t() {} */
            const S: &str = "fn in_string() {} /// not a doc #[test] #[derive(Clone)] pub struct InString;";
            const R: &str = r#"struct InRaw {} "quoted" #[cfg(test)]"#;
            const C: char = '#';
            fn real() {}
            """;

    private static final String CODE = """
            /// Documented.
            #[derive(Debug, serde::Serialize /* , Clone */)]
            pub struct Foo {}
            fn bar() {}
            enum Baz { A }
            trait Qux {}
            impl Foo {}
            impl Qux for Foo {}
            #[cfg(test)]
            mod tests {
                #[tokio::test]
                async fn t() {}
            }
            """;

    private Value file() throws Exception {
        return call("files", "file_selector", s("src/lib.rs"));
    }

    private Value crateScope() throws Exception {
        return call("rust", "crate_selector", s("demo"));
    }

    @Test
    void itemsInCommentsStringsAndCharsAreNotItems() throws Exception {
        crate(NOT_CODE, "struct Foo {}\n#[test]\n/// docs\n");
        assertFail("Struct 'Foo' not found", check("rust", "struct_exists", s("Foo")));
        assertFail("Struct 'Nested' not found", check("rust", "struct_exists", s("Nested")));
        assertFail("Struct 'InString' not found", check("rust", "struct_exists", s("InString")));
        assertFail("Struct 'InRaw' not found", check("rust", "struct_exists", s("InRaw")));
        assertFail("Function 'bar' not found", check("rust", "function_exists", s("bar")));
        assertFail("Function 'in_string' not found", check("rust", "function_exists", s("in_string")));
        assertFail("Enum 'Baz' not found", check("rust", "enum_exists", s("Baz")));
        assertFail("Trait 'Qux' not found", check("rust", "trait_exists", s("Qux")));
        assertFail("Impl for 'Foo' not found", check("rust", "impl_exists", s("Foo")));
        assertFail("'Foo' does not implement 'Qux'", check("rust", "implements", s("Foo"), s("Qux")));
        assertPass(check("rust", "function_exists", s("real")));
        assertTrue(((Scope) call("rust", "struct_selector", s("Foo"))).isEmpty());
        assertTrue(((Scope) call("rust", "function_selector", s("bar"))).isEmpty());
        assertTrue(((Scope) call("rust", "impl_selector", s("Foo"))).isEmpty());
        assertFail("No #[derive(Debug)] found", check("rust", "has_derive", file(), s("Debug")));
        assertFail("No #[derive(Clone)] found", check("rust", "has_derive", crateScope(), s("Clone")));
        assertFail("No tests found", check("rust", "has_tests", crateScope()), "a #[test] in README.md is no test");
        assertFail("No documentation comments found", check("rust", "has_docs", crateScope()));
    }

    @Test
    void theSameWordsAsCodeCount() throws Exception {
        crate(CODE, "");
        assertPass(check("rust", "struct_exists", s("Foo")));
        assertPass(check("rust", "function_exists", s("bar")));
        assertPass(check("rust", "enum_exists", s("Baz")));
        assertPass(check("rust", "trait_exists", s("Qux")));
        assertPass(check("rust", "impl_exists", s("Foo")));
        assertPass(check("rust", "implements", s("Foo"), s("Qux")));
        assertEquals(List.of("src/lib.rs"), rel((Scope) call("rust", "struct_selector", s("Foo"))));
        assertPass(check("rust", "has_derive", file(), s("Debug")));
        assertPass(check("rust", "has_derive", file(), s("Serialize")), "the last segment of serde::Serialize");
        assertPass(check("rust", "has_derive", file(), s("serde::Serialize")));
        assertFail("No #[derive(Clone)] found", check("rust", "has_derive", file(), s("Clone")),
                "Clone is in a comment of the derive list");
        assertFail("No #[derive(Seri)] found", check("rust", "has_derive", file(), s("Seri")), "whole names");
        assertPass(check("rust", "has_tests", file()));
        assertPass(check("rust", "has_docs", file()));
    }

    @Test
    void docsAndTestsInTheirOtherForms() throws Exception {
        crate("//! Crate docs.\nfn a() {}\n", "");
        assertPass(check("rust", "has_docs", file()));
        crate("/** Block doc. */\nfn a() {}\n", "");
        assertPass(check("rust", "has_docs", file()));
        crate("#![doc = \"Inner doc attribute.\"]\nfn a() {}\n", "");
        assertPass(check("rust", "has_docs", file()));
        crate("//// four slashes: a plain comment\n/*** a plain block ***/\n/**/\nfn a() {}\n", "");
        assertFail("No documentation comments found", check("rust", "has_docs", file()));
        crate("#[ test ]\nfn a() {}\n", "");
        assertPass(check("rust", "has_tests", file()));
        crate("#[testing]\nfn a() {}\n", "");
        assertFail("No tests found", check("rust", "has_tests", file()), "#[testing] is another attribute");
    }

    @Test
    void theNonCodeRangesOfAFile() {
        String text = "a // c\n\"s\" b '\\'' /* x /* y */ z */ c r#\"q\"# d";
        RustFileFacts f = RustFileFacts.read(text);
        for (int i = 0; i < text.length(); i++) {
            boolean code = "abcd ".indexOf(text.charAt(i)) >= 0 && !inside(text, i);
            assertEquals(code, f.inCode(i) && code, "offset " + i);
        }
        assertTrue(f.inCode(0));
        assertFalse(f.inCode(text.indexOf("// c")));
        assertFalse(f.inCode(text.indexOf("\"s\"") + 1));
        assertTrue(f.inCode(text.indexOf(" b") + 1));
        assertFalse(f.inCode(text.indexOf("y */")));
        assertFalse(f.inCode(text.indexOf(" z") + 1), "nested block comments");
        assertTrue(f.inCode(text.indexOf(" c r") + 1));
        assertFalse(f.inCode(text.indexOf("q")));
        assertTrue(f.inCode(text.length() - 1));
        assertFalse(f.docComments);
    }

    /** Whether offset {@code i} of the test text lies in one of its comments or literals (by hand). */
    private static boolean inside(String text, int i) {
        int[][] ranges = {{text.indexOf("//"), text.indexOf('\n')}, {text.indexOf("\"s\""), text.indexOf("\"s\"") + 3},
            {text.indexOf("'\\''"), text.indexOf("'\\''") + 4}, {text.indexOf("/* x"), text.indexOf("z */") + 4},
            {text.indexOf("r#\""), text.indexOf("\"#") + 2}};
        for (int[] r : ranges) {
            if (i >= r[0] && i < r[1]) return true;
        }
        return false;
    }
}
