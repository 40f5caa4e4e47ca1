package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * How files are read for speed, without changing what is read: token arrays reused from one file to the next on a
 * thread, names shared across files, references kept as spans of the text, resolved imports matched without spelling
 * their names out, and the end of a file inside a string.
 */
class PythonReadingTest {

    /** Every token as {@code kind:start-end:group:depth:flags}, and the text of each. */
    private static List<String> tokens(PythonTokens t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            int flags = (t.has(i, PythonTokens.LINE_START) ? 1 : 0) | (t.has(i, PythonTokens.COLUMN0) ? 2 : 0)
                    | (t.has(i, PythonTokens.KEYWORD) ? 4 : 0);
            out.add(t.kind(i) + ":" + t.start(i) + "-" + t.end(i) + ":" + t.group(i) + ":" + t.depth(i) + ":" + flags
                    + ":" + t.code(i) + ":" + t.text(i));
        }
        return out;
    }

    @Test
    void reusedArraysReadAShortFileAsAFreshTokenizerDoes() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 3000; i++) big.append("import mod").append(i).append(" as m; x_").append(i).append(" = f'{m.v}'\n");
        String shortText = "from . import a\nvalue = naïve  # é\nb = \"\"\"x\ny\"\"\"\n\uD835\uDC00 = 1\n";
        String longTail = big + "def \uD835\uDC01\uD835\uDC02(): pass\n";
        PythonTokens.reading(longTail);      // leaves longer arrays and characters behind on this thread
        assertEquals(tokens(PythonTokens.of(shortText)), tokens(PythonTokens.reading(shortText)));
        PythonSource fresh = PythonSource.read(shortText);
        assertEquals(List.of("a"), fresh.imports().get(0).names().stream().map(PythonSource.Alias::name).toList());
        assertEquals(java.util.Set.of("value", "b", "\uD835\uDC00"), fresh.topLevelNames());
    }

    @Test
    void aNameAtTheVeryEndIsNotJoinedToStaleCharacters() {
        PythonTokens.reading("abcd \uDC00 more text after");   // a low surrogate where the next text ends
        PythonTokens t = PythonTokens.reading("x = \uD835");      // a lone high surrogate ends the text
        assertEquals(tokens(PythonTokens.of("x = \uD835")), tokens(t));
    }

    @Test
    void aPythonFileIsOneWhoseNameIsLongerThanItsSuffix() {
        for (String yes : List.of("/w/a.py", "/w/a.pyi", "/w/src/__init__.py", "/w/x.y.py", "a.py", "/w/_.pyi")) {
            assertTrue(PythonProject.isPython(java.nio.file.Path.of(yes)), yes);
        }
        for (String no : List.of("/w/.py", "/w/.pyi", "/w/a.pyx", "/w/a.py/b", "/w/py", "/w/a.PY", "/w/a.pyi.txt",
                ".py", "/")) {
            assertFalse(PythonProject.isPython(java.nio.file.Path.of(no)), no);
        }
    }

    @Test
    void theChecksOfOneScopeShareItsPythonFiles() throws Exception {
        java.nio.file.Path root = java.nio.file.Files.createTempDirectory("python-among");
        try {
            PythonProject project = PythonProject.of(org.hielements.library.Workspace.of(root));
            List<java.nio.file.Path> paths = List.of(root.resolve("a.py"), root.resolve("b.txt"), root.resolve("c.pyi"),
                    root.resolve(".py"));
            List<java.nio.file.Path> python = project.pythonAmong(paths);
            assertEquals(List.of(root.resolve("a.py"), root.resolve("c.pyi")), python);
            assertSame(python, project.pythonAmong(paths));
            assertEquals(python, project.pythonAmong(new ArrayList<>(paths)));   // an equal list is filtered afresh
        } finally {
            java.nio.file.Files.delete(root);
        }
    }

    @Test
    void theSameNameInTwoFilesIsOneString() {
        PythonSource a = PythonSource.read("import collections.abc\nfrom typing import Optional\n");
        PythonSource b = PythonSource.read("from typing import Optional\nimport collections.abc as c\n");
        assertSame(a.imports().get(1).module(), b.imports().get(0).module());
        assertSame(a.imports().get(1).names().get(0).name(), b.imports().get(0).names().get(0).name());
        assertSame(a.imports().get(0).names().get(0).name(), b.imports().get(1).names().get(0).name());
        assertEquals("collections.abc", b.imports().get(1).names().get(0).name());
    }

    @Test
    void referencesAsSpansAndSpelledOutWhenWrittenWithSpaces() {
        String text = "import os\nos.path.join(a)\nos . path . exists(b)\nlog = os.getcwd\n";
        PythonSource.Uses u = PythonSource.read(text).uses(text);
        List<String> chains = new ArrayList<>();
        for (int i = 0; i < u.count(); i++) chains.add(u.text(i) + "@" + u.start(i));
        assertEquals(List.of("os.path.join@10", "a@23", "os.path.exists@26", "b@45", "log@48", "os.getcwd@54"), chains);
        assertTrue(u.calls("path.exists"), "a chain written with spaces is matched as its names joined by dots");
        assertTrue(u.usesAsCallOrObject("os.path"));
        assertFalse(u.calls("os.getcwd"), "not called");
        assertFalse(u.usesAsCallOrObject("s.path"), "names, not text");
        assertFalse(u.calls("never"), "absent from the text");
    }

    @Test
    void aStringThatEndsTheFileAfterABackslashEndsWithTheFile() {
        for (String text : List.of("def f() -> 'x\\", "x = 'abc\\", "x = '''abc\\", "def f() -> '''x\\")) {
            PythonTokens t = PythonTokens.of(text);
            for (int i = 0; i < t.size(); i++) assertTrue(t.end(i) <= text.length(), text);
            PythonSource s = PythonSource.read(text);
            s.uses(text);
        }
        assertEquals("f", PythonSource.read("def f() -> 'x\\").definitions().get(0).name());
    }

    @Test
    void resolvedImportsMatchAModuleAsTheirNamesSpeltOutDo() {
        PythonSource.Import from = PythonSource.read("from a.b import c, d as e\n").imports().get(0);
        PythonProject.Resolved r = new PythonProject.Resolved(from, "a.b");
        assertEquals(List.of("a.b", "a.b.c", "a.b.d"), r.names());
        for (String module : List.of("a", "a.b", "a.b.c", "a.b.d", "a.b.c.x", "a.bc", "a.b.", "a.b.cd", "b", "a.b.e",
                "", "a.b.c.")) {
            boolean spelt = false;
            for (String n : r.names()) spelt |= PythonProject.isUnder(n, module);
            assertEquals(spelt, r.imports(module), module);
        }
        PythonSource.Import plain = PythonSource.read("import a.b as x, c\n").imports().get(0);
        PythonProject.Resolved p = new PythonProject.Resolved(plain, null);
        assertEquals(List.of("a.b", "c"), p.names());
        assertTrue(p.imports("a"));
        assertTrue(p.imports("c"));
        assertFalse(p.imports("a.b.x"));
        assertFalse(p.imports("x"));
    }
}
