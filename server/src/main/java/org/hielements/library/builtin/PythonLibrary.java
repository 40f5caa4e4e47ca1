package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hielements.library.CheckResult;
import org.hielements.library.Evidence;
import org.hielements.library.FileIndex;
import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;

/**
 * {@code python}: checks on the Python import graph and syntax of the workspace, under upstream's function names,
 * arguments, codes and message stems (upstream-libraries.md §2.3), with verdicts read from the code, not its text:
 * upstream matched raw text, so comments, strings and docstrings counted and relative imports were invisible.
 *
 * <ul>
 * <li>Discovery runs on the workspace's shared listing: {@code .py} files outside the excluded directories
 * ({@code .git}, {@code node_modules}, {@code __pycache__}, {@code .venv}, {@code venv}, {@code .tox},
 * {@code .pytest_cache}, {@code .mypy_cache}, {@code dist}, {@code build}, and, unlike upstream where it never worked,
 * {@code *.egg-info}); the workspace root itself is never filtered (upstream found nothing in a root named
 * {@code build}). A check reads the {@code .py} and {@code .pyi} files of its scope; other files are not Python.
 * <li>Every file is read by a Python tokenizer ({@link PythonTokens}) into its facts ({@link PythonSource}): import
 * statements wherever they are, {@code def}/{@code class} statements, references. Module names come from paths
 * ({@link PythonModules}: src and flat layouts, namespace subpackages, lone modules); imports are resolved, relative
 * ones included, once per run and shared by every check ({@link PythonProject}); a file's facts are kept across runs
 * while its text is the same ({@link PythonSources}).
 * <li>{@code imports(s, m)} passes when a file of {@code s} imports {@code m} or a name under {@code m.};
 * {@code no_import} is its inverse and names every offending import statement as evidence.
 * {@code calls_scope(src, tgt)} passes when a file of {@code src} imports a module of {@code tgt} (or a name from
 * one) and then uses what it imported. {@code module_selector('a.b')} selects the module {@code a.b}.
 * {@code function_selector}, {@code class_selector}, {@code returns_type} and {@code function_returns_type} read
 * {@code def}/{@code class} statements and return annotations (whole names: {@code User} is not {@code UserList});
 * {@code calls} and {@code calls_function} read chains of names used as code.
 * </ul>
 */
final class PythonLibrary extends BuiltinLibrary implements org.hielements.library.ImportGraph {
    private static final Set<String> EXCLUDED = Set.of(".git", "node_modules", "__pycache__", ".venv", "venv", ".tox",
            ".pytest_cache", ".mypy_cache", "dist", "build");

    PythonLibrary() {
        super("python", "Python language analysis library for selecting and checking Python code constructs.", "E499");
        selector(doc("module_selector", "Select a Python module by name (e.g., 'orders' or 'orders.api'). "
                + "The file orders/api.py, or every file of the package orders/api/, under any source root.", "Scope",
                "scope api = python.module_selector('orders.api')",
                param("module_path", "string", "Dotted module path")), this::moduleSelector);
        selector(doc("function_selector", "Select Python functions by name.", "Scope",
                "scope handlers = python.function_selector('handle_request')",
                param("func_name", "string", "Name of the function to find")), this::functionSelector);
        selector(doc("class_selector", "Select Python classes by name.", "Scope",
                "scope models = python.class_selector('UserModel')",
                param("class_name", "string", "Name of the class to find")), this::classSelector);

        check(doc("imports", "Check that a scope imports a specific module. "
                + "A name under it counts; relative imports are resolved; comments and strings never count.", "CheckResult",
                "check python.imports(api_mod, 'typing')",
                param("scope", "Scope", "The scope to check"),
                param("module_name", "string", "Module name to look for")), this::imports);
        check(doc("no_import", "Check that a scope does NOT import a specific module. "
                + "A failure names every offending import.", "CheckResult",
                "check python.no_import(core_mod, 'django')",
                param("scope", "Scope", "The scope to check"),
                param("module_name", "string", "Module name that should not be imported")), this::noImport);
        check(doc("returns_type", "Check that any function in a scope returns a given type.", "CheckResult",
                "check python.returns_type(api_mod, 'Response')",
                param("scope", "Scope", "The scope to check"),
                param("type_name", "string", "Return type to look for")), this::returnsType);
        check(doc("function_returns_type", "Check that a specific function returns a given type.", "CheckResult",
                "check python.function_returns_type(api_mod, 'get_user', 'User')",
                param("scope", "Scope", "The scope to check"),
                param("func_name", "string", "Function name"),
                param("type_name", "string", "Expected return type")), this::functionReturnsType);
        check(doc("calls", "Check that a scope calls a specific identifier (function or object).", "CheckResult",
                "check python.calls(service_mod, 'logger')",
                param("scope", "Scope", "The scope to check"),
                param("target", "string", "Identifier to look for")), this::calls);
        check(doc("calls_function", "Check that a scope calls a specific function in a module.", "CheckResult",
                "check python.calls_function(api_mod, 'database', 'connect')",
                param("scope", "Scope", "The scope to check"),
                param("module_name", "string", "Module name"),
                param("func_name", "string", "Function name")), this::callsFunction);
        check(doc("calls_scope", "Check that source scope calls something in target scope. "
                + "A file of the source imports a module of the target (or a name from one) and uses it.", "CheckResult",
                "check python.calls_scope(api_mod, utils_mod)",
                param("source_scope", "Scope", "Source scope that should make calls"),
                param("target_scope", "Scope", "Target scope that should be called")), this::callsScope);
    }

    @Override
    String unknownSelectorMessage(String function) {
        return "Unknown function: python." + function;
    }

    @Override
    String unknownCheckMessage(String function) {
        return "Unknown check: python." + function;
    }

    /** Whether discovery skips a directory of this name. */
    static boolean excludedDirectory(String name) {
        return EXCLUDED.contains(name) || name.endsWith(".egg-info");
    }

    /** The workspace's Python files (computed once per run on the shared listing). */
    static List<FileIndex.Entry> pythonFiles(Workspace ws) {
        return ws.memo("python.files", () -> ws.index().discover("py", PythonLibrary::excludedDirectory));
    }

    // ---------------------------------------------------------------- selectors

    private Value moduleSelector(List<Value> args, Workspace ws) throws LibraryException {
        String modulePath = Args.string(args, 0, "E400", "module_selector requires a module path");
        return Scope.of(ScopeKind.FILE, modulePath, PythonProject.of(ws).modules().select(modulePath));
    }

    private Value functionSelector(List<Value> args, Workspace ws) throws LibraryException {
        String name = Args.string(args, 0, "E401", "function_selector requires a function name");
        return Scope.of(ScopeKind.FILE, "fn:" + name, filesDefining(ws, false, name));
    }

    private Value classSelector(List<Value> args, Workspace ws) throws LibraryException {
        String name = Args.string(args, 0, "E402", "class_selector requires a class name");
        return Scope.of(ScopeKind.FILE, "class:" + name, filesDefining(ws, true, name));
    }

    /** The discovered files with a {@code def} (or {@code class}) statement of that name, at any depth. */
    private static List<Path> filesDefining(Workspace ws, boolean isClass, String name) {
        PythonProject project = PythonProject.of(ws);
        List<Path> all = new ArrayList<>();
        for (FileIndex.Entry e : pythonFiles(ws)) all.add(e.absolute());
        project.read(all);
        List<Path> out = new ArrayList<>();
        for (FileIndex.Entry e : pythonFiles(ws)) {
            for (PythonSource.Definition d : project.source(e.absolute()).definitions()) {
                if (d.isClass() == isClass && d.name().equals(name)) {
                    out.add(e.absolute());
                    break;
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- checks

    /**
     * The Python files of a scope ({@code .py}, {@code .pyi}; other files of a folder scope are not Python), their
     * facts read (on several threads when there are many).
     */
    private static List<Path> pythonPaths(Scope scope, PythonProject project) {
        return project.read(project.pythonAmong(scope.paths()));
    }

    private CheckResult imports(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E410", "imports requires a scope");
        String module = Args.string(args, 1, "E411", "imports requires a module name");
        PythonProject project = PythonProject.of(ws);
        for (Path path : pythonPaths(scope, project)) {
            for (PythonProject.Resolved r : project.imports(path)) {
                if (r.imports(module)) return CheckResult.pass();
            }
        }
        return CheckResult.fail("Scope does not import '" + module + "'");
    }

    /**
     * Each import statement of the Python files among {@code files} that names a module of the workspace, as a
     * dependency on that module's file (for {@code from p import m}, {@code p/m.py} when it is a module, else
     * {@code p}'s file); one dependency per statement and target file.
     */
    @Override
    public List<Dependency> dependencies(Workspace ws, java.util.Collection<Path> files) {
        PythonProject project = PythonProject.of(ws);
        PythonModules modules = project.modules();
        List<Dependency> out = new ArrayList<>();
        for (Path path : files) {
            if (!PythonProject.isPython(path)) continue;
            for (PythonProject.Resolved r : project.imports(path)) {
                java.util.Set<Path> targets = new java.util.LinkedHashSet<>();
                List<String> names = r.names();
                // `from p import m, n`: p.m and p.n (each its module, else p's); `import a, b`: a and b
                int first = r.statement().from() && names.size() > 1 ? 1 : 0;
                for (String name : names.subList(first, names.size())) {
                    String module = modules.longestModulePrefix(name, java.util.Set.of());
                    if (module == null) continue;
                    List<Path> of = modules.files(module);
                    if (!of.isEmpty() && !of.get(0).equals(path)) targets.add(of.get(0));
                }
                if (targets.isEmpty()) continue;
                PythonSource.Import im = r.statement();
                Optional<Evidence> ev = ws.evidence(path, im.start(), im.end());
                if (ev.isEmpty()) continue;
                for (Path t : targets) out.add(new Dependency(path, t, ev.get()));
            }
        }
        return out;
    }

    private CheckResult noImport(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E412", "no_import requires a scope");
        String module = Args.string(args, 1, "E413", "no_import requires a module name");
        PythonProject project = PythonProject.of(ws);
        List<Evidence> places = new ArrayList<>();
        for (Path path : pythonPaths(scope, project)) {
            for (PythonProject.Resolved r : project.imports(path)) {
                if (!r.imports(module)) continue;
                PythonSource.Import im = r.statement();
                ws.evidence(path, im.start(), im.end()).ifPresent(places::add);
            }
        }
        return places.isEmpty() ? CheckResult.pass()
                : CheckResult.failAt("Scope imports '" + module + "' but should not", places);
    }

    private CheckResult returnsType(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E414", "returns_type requires a scope");
        String type = Args.string(args, 1, "E415", "returns_type requires a type name");
        List<String> tokens = PythonSource.typeTokens(type);
        PythonProject project = PythonProject.of(ws);
        for (Path path : pythonPaths(scope, project)) {
            for (PythonSource.Definition d : project.source(path).definitions()) {
                if (!d.isClass() && PythonSource.returns(d, tokens)) return CheckResult.pass();
            }
        }
        return CheckResult.fail("No function returns type '" + type + "'");
    }

    private CheckResult functionReturnsType(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E416", "function_returns_type requires a scope");
        String function = Args.string(args, 1, "E417", "function_returns_type requires a function name");
        String type = Args.string(args, 2, "E418", "function_returns_type requires a type name");
        List<String> tokens = PythonSource.typeTokens(type);
        PythonProject project = PythonProject.of(ws);
        List<Evidence> others = new ArrayList<>();
        for (Path path : pythonPaths(scope, project)) {
            for (PythonSource.Definition d : project.source(path).definitions()) {
                if (d.isClass() || !d.name().equals(function)) continue;
                if (PythonSource.returns(d, tokens)) return CheckResult.pass();
                ws.evidence(path, d.start(), d.end()).ifPresent(others::add);
            }
        }
        return CheckResult.failAt("Function '" + function + "' does not return type '" + type + "'", others);
    }

    private CheckResult calls(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E419", "calls requires a scope");
        String target = Args.string(args, 1, "E420", "calls requires a target identifier");
        PythonProject project = PythonProject.of(ws);
        for (Path path : pythonPaths(scope, project)) {
            if (project.uses(path).usesAsCallOrObject(target)) return CheckResult.pass();
        }
        return CheckResult.fail("Scope does not call '" + target + "'");
    }

    private CheckResult callsFunction(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E421", "calls_function requires a scope");
        String module = Args.string(args, 1, "E422", "calls_function requires a module name");
        String function = Args.string(args, 2, "E423", "calls_function requires a function name");
        PythonProject project = PythonProject.of(ws);
        for (Path path : pythonPaths(scope, project)) {
            if (project.uses(path).calls(module + "." + function)) return CheckResult.pass();
        }
        return CheckResult.fail("Scope does not call '" + module + "." + function + "'");
    }

    private CheckResult callsScope(List<Value> args, Workspace ws) throws LibraryException {
        Scope source = Args.scope(args, 0, "E424", "calls_scope requires a source scope");
        Scope target = Args.scope(args, 1, "E425", "calls_scope requires a target scope");
        PythonProject project = PythonProject.of(ws);
        Map<String, List<Path>> targetModules = project.targetModules(target.paths());
        if (!targetModules.isEmpty()) {
            for (Path path : pythonPaths(source, project)) {
                if (project.references(path, targetModules)) return CheckResult.pass();
            }
        }
        return CheckResult.fail("Source scope does not call anything in target scope");
    }
}
