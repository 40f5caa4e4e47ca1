package org.hielements.library.builtin;

import static org.hielements.library.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hielements.library.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module names from paths ({@link PythonModules}), imports resolved against them ({@link PythonProject}), module
 * selection, and the facts of a file kept across runs while its text is the same ({@link PythonSources}).
 */
class PythonGraphTest extends BuiltinTestSupport {
    @TempDir
    Path tmp;

    private PythonProject project() {
        ws = Workspace.of(tmp);
        return PythonProject.of(ws);
    }

    private String module(String relative) {
        return project().modules().moduleOf(relative);
    }

    /** The absolute names each import statement of a file imports, one list per statement. */
    private List<List<String>> imported(String relative) {
        List<List<String>> out = new ArrayList<>();
        for (PythonProject.Resolved r : project().imports(tmp.resolve(relative))) out.add(r.names());
        return out;
    }

    @Test
    void moduleNamesFromPaths() {
        write(tmp, "src/flask/__init__.py", "");
        write(tmp, "src/flask/sansio/app.py", "");
        write(tmp, "pkg/__init__.py", "");
        write(tmp, "pkg/a.py", "");
        write(tmp, "pkg/tests/test_x.py", "");
        write(tmp, "pkg/tests/data/deep/f.py", "");
        write(tmp, "scripts/tool.py", "");
        write(tmp, "main.py", "");
        assertEquals("flask.sansio.app", module("src/flask/sansio/app.py"),
                "src is the source root; sansio/ has no __init__.py: a namespace subpackage");
        assertEquals("flask", module("src/flask/__init__.py"));
        assertEquals("pkg.a", module("pkg/a.py"), "a flat layout");
        assertEquals("pkg.tests.test_x", module("pkg/tests/test_x.py"));
        assertEquals("f", module("pkg/tests/data/deep/f.py"),
                "neither deep/ nor data/ holds __init__.py: the walk stops there");
        assertEquals("tool", module("scripts/tool.py"), "a lone module: its stem, its folder the source root");
        assertEquals("main", module("main.py"));
    }

    @Test
    void anInitAtTheWorkspaceRootNamesNoModule() {
        write(tmp, "__init__.py", "");
        write(tmp, "a/x.py", "");
        assertEquals("", module("__init__.py"));
        assertEquals("x", module("a/x.py"), "the root is never part of a name");
    }

    @Test
    void relativeImportsResolveAgainstTheFilesPackage() {
        write(tmp, "src/flask/__init__.py", "from . import json\nfrom .app import Flask\n");
        write(tmp, "src/flask/sansio/app.py",
                "from ..ctx import Y\nfrom . import scaffold\nfrom ... import beyond\nimport a.b as x, c\n");
        write(tmp, "src/flask/json/tag.py", "from ..json import dumps\nfrom .. import *\n");
        write(tmp, "lone.py", "from . import sibling\nfrom .x import y\nimport os\n");
        assertEquals(List.of(List.of("flask", "flask.json"), List.of("flask.app", "flask.app.Flask")),
                imported("src/flask/__init__.py"), "in a package's __init__.py, '.' is the package itself");
        assertEquals(List.of(List.of("flask.ctx", "flask.ctx.Y"), List.of("flask.sansio", "flask.sansio.scaffold"),
                List.of("a.b", "c")), imported("src/flask/sansio/app.py"),
                "from ... import climbs above the top package: nothing (Python refuses it)");
        assertEquals(List.of(List.of("flask.json", "flask.json.dumps"), List.of("flask")),
                imported("src/flask/json/tag.py"), "json/ has no __init__.py here: still flask.json");
        assertEquals(List.of(List.of("os")), imported("lone.py"), "a module with no package has no relative imports");
        assertNull(PythonProject.relativeBase("", 1, "x"));
        assertEquals("a", PythonProject.relativeBase("a.b.c", 3, null));
        assertNull(PythonProject.relativeBase("a.b.c", 4, null));
    }

    @Test
    void moduleSelectorFindsModulesAndPackagesUnderAnySourceRoot() throws Exception {
        write(tmp, "src/flask/__init__.py", "");
        write(tmp, "src/flask/app.py", "");
        write(tmp, "src/flask/sansio/app.py", "");
        write(tmp, "src/flask/sansio/README.md", "");
        write(tmp, "src/flask_extra.py", "");
        write(tmp, "tests/unit/test_app.py", "");
        write(tmp, "docs/conf.py", "");
        ws = Workspace.of(tmp);
        assertEquals(List.of("src/flask/__init__.py", "src/flask/app.py", "src/flask/sansio/app.py"),
                rel(scope("python", "module_selector", s("flask"))), "a package: every .py file under it");
        assertEquals(List.of("src/flask/sansio/app.py"), rel(scope("python", "module_selector", s("flask.sansio"))),
                "a namespace subpackage");
        assertEquals(List.of("src/flask/app.py"), rel(scope("python", "module_selector", s("flask.app"))),
                "not src/flask/sansio/app.py, whose stem is also app");
        assertEquals(List.of("src/flask_extra.py"), rel(scope("python", "module_selector", s("flask_extra"))));
        assertEquals(List.of("tests/unit/test_app.py"), rel(scope("python", "module_selector", s("tests.unit"))),
                "folders without __init__.py under the workspace root, a source root too");
        assertEquals(List.of("docs/conf.py"), rel(scope("python", "module_selector", s("conf"))), "a lone module");
        assertTrue(scope("python", "module_selector", s("app")).isEmpty(), "no module is named app");
        assertTrue(scope("python", "module_selector", s("flask..app")).isEmpty());
        assertTrue(scope("python", "module_selector", s("")).isEmpty());
    }

    @Test
    void callsScopeNeedsAnImportOfTheTargetAndAUseAfterIt() throws Exception {
        write(tmp, "pkg/__init__.py", "");
        write(tmp, "pkg/mod.py", "def f():\n    pass\nCONST = 1\n");
        write(tmp, "pkg/other.py", "def g():\n    pass\n");
        String[][] cases = {
            {"import pkg.mod\npkg.mod.f()\n", "pass"},
            {"import pkg.mod as m\nm.CONST\n", "pass"},
            {"from pkg import mod\nmod.f\n", "pass"},
            {"from pkg.mod import f as run\nrun()\n", "pass"},
            {"from pkg.mod import *\nCONST + 1\n", "pass"},
            {"def h():\n    from pkg import mod\n    return mod.f()\n", "pass"},
            {"import pkg.mod\n", "fail"},                                     // imported, never used
            {"mod.f()\nfrom pkg import mod\n", "fail"},                       // used before the import
            {"from pkg import mod\ns = 'mod.f()'  # mod.f()\n", "fail"},      // only in a string and a comment
            {"import pkg.mod\npkg.other.g()\n", "fail"},                      // the use is of another module
            {"import pkg.other\npkg.other.g()\n", "fail"},                    // another module
            {"from pkg.mod import *\nundefined_name\n", "fail"},
            {"from pkg import mod\ndef k(mod=None, *, f):\n    pass\n", "fail"},   // parameters named alike
            {"f()\nCONST\n__init__()\n", "fail"},                              // names alike, no import
        };
        for (String[] c : cases) {
            write(tmp, "src_file.py", c[0]);
            ws = Workspace.of(tmp);
            boolean pass = check("python", "calls_scope", scope("files", "file_selector", s("src_file.py")),
                    scope("python", "module_selector", s("pkg.mod"))).isPass();
            assertEquals(c[1], pass ? "pass" : "fail", c[0]);
        }
    }

    @Test
    void aFilesFactsAreKeptAcrossRunsWhileItsTextIsTheSame() {
        Path a = write(tmp, "a.py", "import os\n");
        Path b = write(tmp, "b.py", "import sys\n");
        Workspace run1 = Workspace.of(tmp);
        PythonSource a1 = PythonProject.of(run1).source(a);
        PythonSource b1 = PythonProject.of(run1).source(b);
        assertSame(a1, PythonProject.of(run1).source(a), "once per run");
        Workspace run2 = run1.fresh();
        assertNotSame(PythonProject.of(run1), PythonProject.of(run2), "one graph per run");
        assertSame(a1, PythonProject.of(run2).source(a), "the next run reuses an unchanged file's facts");
        write(tmp, "b.py", "import json\n");
        Workspace run3 = run1.fresh();
        assertSame(a1, PythonProject.of(run3).source(a));
        PythonSource b3 = PythonProject.of(run3).source(b);
        assertNotSame(b1, b3, "a changed file is read again");
        assertEquals("json", b3.imports().get(0).names().get(0).name());
    }
}
