package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.hielements.library.FileIndex;
import org.junit.jupiter.api.Test;

class GlobPatternTest {

    private static boolean file(String pattern, String path) {
        return GlobPattern.compile(FileIndex.segmentsOf(pattern)).orElseThrow()
                .matches(FileIndex.segmentsOf(path), false);
    }

    private static boolean dir(String pattern, String path) {
        return GlobPattern.compile(FileIndex.segmentsOf(pattern)).orElseThrow()
                .matches(FileIndex.segmentsOf(path), true);
    }

    private static boolean valid(String pattern) {
        return GlobPattern.compile(FileIndex.segmentsOf(pattern)).isPresent();
    }

    @Test
    void starAndQuestionMarkStayInOneSegmentAndMatchDotFiles() {
        assertTrue(file("*.rs", "main.rs"));
        assertTrue(file("*.rs", ".rs"));
        assertTrue(file("*", ".hidden"));
        assertFalse(file("*.rs", "src/main.rs"));
        assertTrue(file("src/?ain.rs", "src/main.rs"));
        assertFalse(file("src/?.rs", "src/ab.rs"));
        assertFalse(file("*.RS", "main.rs"), "case-sensitive");
        assertTrue(file("a.b+c(d)$", "a.b+c(d)$"), "regex characters are literal");
    }

    @Test
    void recursiveWildcardMatchesAnyDepthAndTrailingOnlyDirectories() {
        assertTrue(file("**/*.rs", "main.rs"), "zero directories");
        assertTrue(file("**/*.rs", "a/b/c/main.rs"));
        assertTrue(file("src/**/x.rs", "src/x.rs"));
        assertTrue(file("src/**/x.rs", "src/a/b/x.rs"));
        assertFalse(file("src/**/x.rs", "lib/a/x.rs"));
        assertTrue(file("a/**/b/**/c", "a/x/b/y/z/c"));
        assertFalse(file("src/**", "src/a.rs"), "a trailing ** matches directories only (glob 0.3)");
        assertTrue(dir("src/**", "src"));
        assertTrue(dir("src/**", "src/a/b"));
    }

    @Test
    void characterClasses() {
        assertTrue(file("[abc].rs", "b.rs"));
        assertFalse(file("[abc].rs", "d.rs"));
        assertTrue(file("[a-c]x", "bx"));
        assertTrue(file("[!a-c]x", "dx"));
        assertFalse(file("[!a-c]x", "ax"));
        assertTrue(file("[]]x", "]x"), "] first in a class is literal");
        assertTrue(file("[!]]x", "ax"));
        assertTrue(file("[a-]x", "-x"), "- last in a class is literal");
        assertTrue(file("[*?]", "*"));
        assertTrue(file("[é]", "é"));
    }

    @Test
    void invalidPatternsAsTheGlobCrate() {
        assertFalse(valid("a["));
        assertFalse(valid("[!"));
        assertFalse(valid("***"));
        assertFalse(valid("a**"));
        assertFalse(valid("**a/b"));
        assertFalse(valid("[z-a]"));
        assertTrue(valid("**"));
        assertTrue(valid("a/**/b"));
        assertTrue(valid(""));
        assertTrue(List.of().isEmpty());
    }
}
