package org.hielements.library.builtin;

import static org.hielements.library.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hielements.library.CheckResult;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code python} against the committed fixture {@code test-fixtures/workspaces/builtins/py}. */
class PythonLibraryTest extends BuiltinTestSupport {

    @BeforeEach
    void fixtureWorkspace() {
        workspace(fixture("py"));
    }

    private Value module(String name) throws Exception {
        return call("python", "module_selector", s(name));
    }

    // ------------------------------------------------------------ discovery

    @Test
    void discoverySkipsToolDirectoriesIncludingEggInfo() {
        List<String> found = PythonLibrary.pythonFiles(ws).stream().map(e -> e.path()).toList();
        assertEquals(List.of("app/__init__.py", "app/api.py", "app/models.py", "app/utils.py", "orders/__init__.py",
                "orders/api/__init__.py"), found, "venv, __pycache__, build and pkg.egg-info are skipped");
    }

    @Test
    void aWorkspaceRootNamedBuildIsNotFiltered(@TempDir Path tmp) throws Exception {
        Path build = Files.createDirectories(tmp.resolve("build"));
        write(build, "main.py", "def run():\n    pass\n");
        ws = Workspace.of(build);
        assertEquals(List.of("main.py"), rel(scope("python", "function_selector", s("run"))),
                "upstream found nothing in a workspace named build");
    }

    // ------------------------------------------------------------ selectors

    @Test
    void moduleSelector() throws Exception {
        Scope api = scope("python", "module_selector", s("app.api"));
        assertEquals(ScopeKind.FILE, api.kind());
        assertEquals("app.api", api.argument());
        assertEquals(List.of("app/api.py"), rel(api));
        assertTrue(scope("python", "module_selector", s("api")).isEmpty(),
                "a module is named from its source root: app/api.py is app.api (upstream took any file named api)");
        assertEquals(List.of("orders/api/__init__.py"), rel(scope("python", "module_selector", s("orders.api"))));
        assertEquals(List.of("app/__init__.py", "app/api.py", "app/models.py", "app/utils.py"),
                rel(scope("python", "module_selector", s("app"))), "a package: every file under it");
        assertEquals(List.of("orders/__init__.py", "orders/api/__init__.py"),
                rel(scope("python", "module_selector", s("orders"))));
        assertEquals(Scope.empty(ScopeKind.FILE, "nothing"), scope("python", "module_selector", s("nothing")));
        assertError("E400", "module_selector requires a module path", callError("python", "module_selector", n(1)));
    }

    @Test
    void functionSelector() throws Exception {
        Scope s = scope("python", "function_selector", s("get_user"));
        assertEquals("fn:get_user", s.argument());
        assertEquals(List.of("app/api.py"), rel(s), "copies in excluded directories are not found");
        assertEquals(List.of("app/api.py"), rel(scope("python", "function_selector", s("fetch_profile"))), "async def");
        assertEquals(List.of("app/models.py"), rel(scope("python", "function_selector", s("fetch"))), "methods count");
        assertTrue(scope("python", "function_selector", s("get")).isEmpty(), "whole names only");
        assertEquals(List.of("app/api.py"), rel(scope("python", "function_selector", s("save"))),
                "def save (user): a space before '(' is still a def (upstream missed it)");
        assertTrue(scope("python", "function_selector", s("not_a_function")).isEmpty(), "a def in a docstring");
        assertTrue(scope("python", "function_selector", s("commented_out")).isEmpty(), "a def in a comment");
        assertError("E401", "function_selector requires a function name", callError("python", "function_selector"));
    }

    @Test
    void classSelector() throws Exception {
        Scope s = scope("python", "class_selector", s("User"));
        assertEquals("class:User", s.argument());
        assertEquals(List.of("app/models.py"), rel(s));
        assertEquals(List.of("app/models.py"), rel(scope("python", "class_selector", s("Base"))), "class Base:");
        assertTrue(scope("python", "class_selector", s("Use")).isEmpty());
        assertTrue(scope("python", "class_selector", s("NotAClass")).isEmpty(), "a class in a docstring");
        assertError("E402", "class_selector requires a class name", callError("python", "class_selector", Value.of(true)));
    }

    // ------------------------------------------------------------ checks

    @Test
    void imports() throws Exception {
        Value api = module("app.api");
        assertPass(check("python", "imports", api, s("os")));
        assertPass(check("python", "imports", api, s("typing")), "from typing import");
        assertPass(check("python", "imports", api, s("app")), "from app.models import");
        assertFail("Scope does not import 'o'", check("python", "imports", api, s("o")), "word boundary");
        assertPass(check("python", "imports", api, s("requests")), "the second name of 'import json, requests'");
        assertPass(check("python", "imports", api, s("app.models.User")), "from app.models import User");
        assertError("E410", "imports requires a scope", checkError("python", "imports", s("app"), s("os")));
        assertError("E411", "imports requires a module name", checkError("python", "imports", api));
    }

    @Test
    void noImport() throws Exception {
        Value api = module("app.api");
        assertPass(check("python", "no_import", api, s("django")));
        CheckResult r = check("python", "no_import", api, s("os"));
        assertEquals("Scope imports 'os' but should not: app/api.py:1 import os", r.message());
        assertEquals(List.of("app/api.py:1 import os"), places(r));
        assertError("E412", "no_import requires a scope", checkError("python", "no_import"));
        assertError("E413", "no_import requires a module name", checkError("python", "no_import", api, n(2)));
    }

    @Test
    void returnsType() throws Exception {
        Value api = module("app.api");
        assertPass(check("python", "returns_type", api, s("User")), "-> User:");
        assertPass(check("python", "returns_type", api, s("dict")), "inside Optional[dict] on a def line");
        assertPass(check("python", "returns_type", api, s("List[User]")), "a type of several tokens");
        assertFail("No function returns type 'Use'", check("python", "returns_type", api, s("Use")), "whole names");
        assertFail("No function returns type 'Response'", check("python", "returns_type", api, s("Response")));
        assertError("E414", "returns_type requires a scope", checkError("python", "returns_type", s("x"), s("User")));
        assertError("E415", "returns_type requires a type name", checkError("python", "returns_type", api));
    }

    @Test
    void functionReturnsType() throws Exception {
        Value api = module("app.api");
        assertPass(check("python", "function_returns_type", api, s("get_user"), s("User")));
        assertPass(check("python", "function_returns_type", api, s("fetch_profile"), s("dict")));
        CheckResult r = check("python", "function_returns_type", api, s("get_user"), s("Response"));
        assertEquals("Function 'get_user' does not return type 'Response': app/api.py:10 def get_user(user_id: int) "
                + "-> User:", r.message(), "the def is the evidence");
        assertEquals(List.of("app/api.py:10 def get_user(user_id: int) -> User:"), places(r));
        assertPass(check("python", "function_returns_type", api, s("list_users"), s("User")),
                "the signature spans lines (upstream stopped at 'limit: int,')");
        assertFail("Function 'nowhere' does not return type 'User'",
                check("python", "function_returns_type", api, s("nowhere"), s("User")), "no def: no place");
        assertTrue(check("python", "function_returns_type", api, s("list_users"), s("UserList")).isFail(),
                "List[User] names User, not UserList");
        assertError("E416", "function_returns_type requires a scope", checkError("python", "function_returns_type"));
        assertError("E417", "function_returns_type requires a function name",
                checkError("python", "function_returns_type", api));
        assertError("E418", "function_returns_type requires a type name",
                checkError("python", "function_returns_type", api, s("get_user")));
    }

    /** The evidence places of a failure as {@code file:line excerpt}. */
    private static List<String> places(CheckResult r) {
        return ((CheckResult.Fail) r).evidence().stream().map(e -> e.describe()).toList();
    }

    @Test
    void calls() throws Exception {
        Value api = module("app.api");
        assertPass(check("python", "calls", api, s("logger")), "logger.info");
        assertPass(check("python", "calls", api, s("process")), "process(user)");
        assertFail("Scope does not call 'missing'", check("python", "calls", api, s("missing")));
        assertError("E419", "calls requires a scope", checkError("python", "calls", n(1), s("x")));
        assertError("E420", "calls requires a target identifier", checkError("python", "calls", api));
    }

    @Test
    void callsFunction() throws Exception {
        Value api = module("app.api");
        assertPass(check("python", "calls_function", api, s("db"), s("connect")), "db. connect(");
        assertFail("Scope does not call 'db.close'", check("python", "calls_function", api, s("db"), s("close")));
        assertError("E421", "calls_function requires a scope", checkError("python", "calls_function"));
        assertError("E422", "calls_function requires a module name", checkError("python", "calls_function", api));
        assertError("E423", "calls_function requires a function name",
                checkError("python", "calls_function", api, s("db")));
    }

    @Test
    void callsScope() throws Exception {
        assertPass(check("python", "calls_scope", module("app.api"), module("app.models")),
                "from app.models import User, then User(user_id)");
        assertFail("Source scope does not call anything in target scope",
                check("python", "calls_scope", module("orders.api"), module("app.utils")),
                "format_name( is called but never imported (upstream passed on the text)");
        assertFail("Source scope does not call anything in target scope",
                check("python", "calls_scope", module("app.utils"), module("app.models")));
        assertError("E424", "calls_scope requires a source scope", checkError("python", "calls_scope", s("a"), s("b")));
        assertError("E425", "calls_scope requires a target scope", checkError("python", "calls_scope", module("app")));
    }
}
