package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The Python tokenizer and what {@link PythonSource} reads from it: import statements wherever they are, never in
 * comments, strings or docstrings; definitions and return annotations; chains of names used as code. (Checked
 * during development against Python's own {@code ast} on the 13,353 files of a CPython 3.11 installation with its
 * site-packages: the same 78,371 import statements and 251,839 definitions.)
 */
class PythonSourceTest {

    /** Each import statement as {@code from/import level module: names}, in text order. */
    private static List<String> imports(String text) {
        List<String> out = new ArrayList<>();
        for (PythonSource.Import im : PythonSource.read(text).imports()) {
            StringBuilder b = new StringBuilder(im.from() ? "from " : "import ");
            if (im.from()) b.append(".".repeat(im.level())).append(im.module() == null ? "" : im.module()).append(": ");
            if (im.star()) b.append('*');
            List<String> names = new ArrayList<>();
            for (PythonSource.Alias a : im.names()) names.add(a.asName() == null ? a.name() : a.name() + " as " + a.asName());
            b.append(String.join(", ", names));
            out.add(b.toString());
        }
        return out;
    }

    private static List<String> chains(String text) {
        PythonSource.Uses s = PythonSource.read(text).uses(text);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.count(); i++) {
            String flags = (s.has(i, PythonSource.ATTRIBUTE) ? "." : "") + s.text(i)
                    + (s.has(i, PythonSource.CALLED) ? "()" : "") + (s.has(i, PythonSource.ASSIGNED) ? "=" : "");
            out.add(flags);
        }
        return out;
    }

    @Test
    void importFormsAndNames() {
        assertEquals(List.of("import a.b, c", "import a.b as x, c as y"),
                imports("import a.b, c\nimport a.b as x, c as y\n"));
        assertEquals(List.of("from x.y: n, m as k", "from ..ctx: Y", "from .: x", "from ...: *", "from ....p.q: r"),
                imports("from x.y import n, m as k\nfrom ..ctx import Y\nfrom . import x\nfrom ... import *\n"
                        + "from ....p.q import r\n"));
        assertEquals(List.of("from m: a, b, c"), imports("from m import (\n    a,  # first\n    b,\n\n    c,\n)\n"),
                "parenthesized over lines, a comment and a trailing comma");
        assertEquals(List.of("from m: a, b"), imports("from m import a, \\\n    b\n"), "a line continuation");
    }

    @Test
    void importsWhereverTheyAre() {
        String text = """
                import typing as t
                if t.TYPE_CHECKING:
                    from .app import App
                try:
                    import ujson as json
                except ImportError:
                    import json
                def f():
                    from .helpers import g; import os
                    return g()
                class C:
                    import inside_class
                if x: import one_line
                while True: from z import w
                """;
        assertEquals(List.of("import typing as t", "from .app: App", "import ujson as json", "import json",
                "from .helpers: g", "import os", "import inside_class", "import one_line", "from z: w"), imports(text));
    }

    @Test
    void commentsStringsAndDocstringsNeverCount() {
        String text = """
                \"\"\"Docstring: import a
                from b import c
                \"\"\"
                # import d
                s = 'import e'
                s = "from f import g"
                s = r'import h' + R"import i" + b'import j' + rb"import k" + Br'import l' + u'import m'
                s = f"import n {x} from o import p" + rf'{y} import q' + F'''import r
                import s'''
                s = '''
                import t
                '''
                def f():
                    \"\"\"import u\"\"\"
                    return 'from v import w'  # import x
                yield_from = 1
                raise Exception() from None
                """;
        assertEquals(List.of(), imports(text));
        assertEquals(List.of("s=", "s=", "s=", "s=", "x", "y", "s=", "yield_from=", "Exception()"), chains(text),
                "only the code: assignments, the f-string fields {x} and {y}, the raised exception");
    }

    @Test
    void fStringFieldsAreCodeEvenWithNestedQuotes() {
        assertEquals(List.of("s=", "json.dumps()", "x", "width", "obj.attr"),
                chains("s = f\"{json.dumps(x)!r:>{width}} and {obj.attr=}\"\n"));
        assertEquals(List.of("s=", "d.get()", "t"), chains("s = f\"{d.get(\"key\")} {'#'}\" # {comment}\nt\n"),
                "Python 3.12 nested quotes; a # in a field string; the comment after the string");
        assertEquals(List.of("s=", "a"), chains("s = f'{{not_code}} {a}'\n"), "doubled braces are text");
        assertEquals(List.of("s=", "after"), chains("s = f'\\N{BULLET} x'\nafter\n"), "a named escape, not a field");
        assertEquals(List.of("s=", "a", "b"), chains("s = f'{a\nb\n"), "an unterminated field ends at the line end");
    }

    @Test
    void anUnterminatedStringCostsOneLine() {
        assertEquals(List.of("import os"), imports("s = 'never closed\nimport os\n"));
    }

    @Test
    void definitionsAndReturnAnnotations() {
        PythonSource s = PythonSource.read("""
                \"\"\"def fake(): class Fake:\"\"\"
                def plain(a, b=1, *args, c: int = 2, **kw) -> Optional[User]:
                    pass
                async def fetch(
                    limit: int,
                ) -> List[User]:
                    pass
                class Model(Base, metaclass=Meta):
                    def method(self) -> "Order":
                        pass
                def save (user):
                    pass
                class Empty: pass
                """);
        List<String> defs = new ArrayList<>();
        for (PythonSource.Definition d : s.definitions()) {
            defs.add((d.isClass() ? "class " : "def ") + d.name() + (d.topLevel() ? " top" : "") + " " + d.returns());
        }
        assertEquals(List.of("def plain top [Optional, [, User, ]]", "def fetch top [List, [, User, ]]",
                "class Model top []", "def method [Order]", "def save top []", "class Empty top []"), defs);
        assertTrue(PythonSource.returns(s.definitions().get(0), PythonSource.typeTokens("User")));
        assertTrue(PythonSource.returns(s.definitions().get(0), PythonSource.typeTokens("Optional[User]")));
        assertFalse(PythonSource.returns(s.definitions().get(0), PythonSource.typeTokens("Use")));
        assertEquals(List.of("plain", "fetch", "Model", "save", "Empty"), List.copyOf(
                new java.util.LinkedHashSet<>(s.definitions().stream().filter(PythonSource.Definition::topLevel)
                        .map(PythonSource.Definition::name).toList())));
    }

    @Test
    void chainsSkipBindingsAndKeepUses() {
        assertEquals(List.of("os.path.join()", "a", "b", "print()", "x"),
                chains("import os\ndef f(p, q=0, *r, **s):\n    os.path.join(a, b)\nprint(x)\n"),
                "def names and parameters are bindings; import statements are not uses");
        assertEquals(List.of("g()", "k=", "v", "obj", ".attr", "lambda_use"),
                chains("g(k=v)\nobj[0].attr\ntry:\n    pass\nexcept E as err:\n    pass\n"
                        + "with lambda a, *b: a as c:\n    lambda_use\n").stream()
                        .filter(c -> !c.equals("E") && !c.equals("a")).toList());
        assertEquals(List.of("pi", "f()", "self._x"), chains("def f(p=2 * pi): pass\nf()\nwith m() as self._x: pass\n")
                .stream().filter(c -> !c.equals("m()")).toList(), "a default value and an `as` target that is a use");
    }

    @Test
    void usesAndCalls() {
        String text = "logger = get()\nself.logger.info('x')\ndb. connect(1)\n";
        PythonSource.Uses s = PythonSource.read(text).uses(text);
        assertTrue(s.usesAsCallOrObject("logger"), "self.logger.info: an object");
        assertTrue(s.usesAsCallOrObject("info"), "called");
        assertFalse(s.usesAsCallOrObject("self.logger.info.x"));
        assertTrue(s.calls("logger.info"));
        assertTrue(s.calls("db.connect"), "white space between tokens");
        assertFalse(s.calls("self.logger"), "not called: followed by '.'");
        assertFalse(PythonSource.read("def logger(): pass\n").uses("def logger(): pass\n").usesAsCallOrObject("logger"),
                "a definition is not a call");
    }

    @Test
    void neverThrowsOnAnyPrefixOrRandomText() throws Exception {
        List<String> texts = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(BuiltinTestSupport.fixture("py").getParent().getParent()
                .resolve("python-src-layout"))) {
            for (java.nio.file.Path p : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                texts.add(java.nio.file.Files.readString(p));
            }
        }
        java.util.Random random = new java.util.Random(16);
        String alphabet = "ab_ \t\n\r\\'\"#{}()[]:;,.=*frbuFRBUT!\u00e9\ud83d\ude00";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(80);
            for (int k = 0; k < len; k++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            texts.add(b.toString());
        }
        int read = 0;
        for (String text : texts) {
            for (int end = 0; end <= text.length(); end += Math.max(1, text.length() / 50)) {
                String prefix = text.substring(0, end);
                PythonSource s = PythonSource.read(prefix);
                s.uses(prefix);
                for (PythonSource.Import im : s.imports()) {
                    assertTrue(im.start() >= 0 && im.start() <= im.end() && im.end() <= prefix.length(), prefix);
                }
                read++;
            }
        }
        assertTrue(read > 2000);
    }

    @Test
    void tokensKeepPositionsAndLogicalLines() {
        PythonTokens t = PythonTokens.of("\uFEFFx = (1,\n  2)  # c\ny = 'a' \\\n  'b'\n");
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            kinds.add(t.kind(i) == PythonTokens.NEWLINE ? "NL" : t.text(i));
        }
        assertEquals(List.of("x", "=", "(", "1", ",", "2", ")", "NL", "y", "=", "'a'", "'b'", "NL"), kinds);
        assertTrue(t.has(0, PythonTokens.COLUMN0));
        assertTrue(t.has(8, PythonTokens.COLUMN0));
        assertFalse(t.has(1, PythonTokens.LINE_START));
        assertEquals(1, t.start(0), "after the byte order mark");
    }
}
