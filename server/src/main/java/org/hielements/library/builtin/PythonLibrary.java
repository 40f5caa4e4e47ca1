package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.hielements.library.CheckResult;
import org.hielements.library.FileIndex;
import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;

/**
 * {@code python}: text and regex matching over Python sources (upstream-libraries.md §2.3). Discovery runs on the
 * workspace's shared listing: {@code .py} files outside the excluded directories ({@code .git}, {@code node_modules},
 * {@code __pycache__}, {@code .venv}, {@code venv}, {@code .tox}, {@code .pytest_cache}, {@code .mypy_cache},
 * {@code dist}, {@code build}, and, unlike upstream where it never worked, {@code *.egg-info}); the workspace root
 * itself is never filtered (upstream found nothing in a root named {@code build}). Module paths are matched against
 * workspace-relative paths. Checks match raw text, so comments and strings count, as upstream.
 */
final class PythonLibrary extends BuiltinLibrary {
    private static final Set<String> EXCLUDED = Set.of(".git", "node_modules", "__pycache__", ".venv", "venv", ".tox",
            ".pytest_cache", ".mypy_cache", "dist", "build");

    PythonLibrary() {
        super("python", "Python language analysis library for selecting and checking Python code constructs.", "E499");
        selector(doc("module_selector", "Select a Python module by name (e.g., 'orders' or 'orders.api').", "Scope",
                "scope api = python.module_selector('orders.api')",
                param("module_path", "string", "Dotted module path")), this::moduleSelector);
        selector(doc("function_selector", "Select Python functions by name.", "Scope",
                "scope handlers = python.function_selector('handle_request')",
                param("func_name", "string", "Name of the function to find")), this::functionSelector);
        selector(doc("class_selector", "Select Python classes by name.", "Scope",
                "scope models = python.class_selector('UserModel')",
                param("class_name", "string", "Name of the class to find")), this::classSelector);

        check(doc("imports", "Check that a scope imports a specific module.", "CheckResult",
                "check python.imports(api_mod, 'typing')",
                param("scope", "Scope", "The scope to check"),
                param("module_name", "string", "Module name to look for")), this::imports);
        check(doc("no_import", "Check that a scope does NOT import a specific module.", "CheckResult",
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
        check(doc("calls_scope", "Check that source scope calls something in target scope.", "CheckResult",
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
        String[] parts = modulePath.split("\\.", -1);
        String last = parts[parts.length - 1];
        String joined = String.join("/", parts);
        List<Path> found = new ArrayList<>();
        for (FileIndex.Entry e : pythonFiles(ws)) {
            String stem = e.stem();
            if (stem.equals(last) || (stem.equals("__init__") && e.path().contains(last))) {
                if (parts.length == 1 || e.path().contains(joined)) found.add(e.absolute());
            }
        }
        return Scope.of(ScopeKind.FILE, modulePath, found);
    }

    private Value functionSelector(List<Value> args, Workspace ws) throws LibraryException {
        String name = Args.string(args, 0, "E401", "function_selector requires a function name");
        String q = Pattern.quote(name);
        Pattern p = Pattern.compile("\\bdef\\s+" + q + "\\(|\\basync\\s+def\\s+" + q + "\\(");
        return Scope.of(ScopeKind.FILE, "fn:" + name, filesMatching(ws, p));
    }

    private Value classSelector(List<Value> args, Workspace ws) throws LibraryException {
        String name = Args.string(args, 0, "E402", "class_selector requires a class name");
        Pattern p = Pattern.compile("\\bclass\\s+" + Pattern.quote(name) + "[:(]");
        return Scope.of(ScopeKind.FILE, "class:" + name, filesMatching(ws, p));
    }

    private static List<Path> filesMatching(Workspace ws, Pattern p) {
        List<Path> out = new ArrayList<>();
        for (FileIndex.Entry e : pythonFiles(ws)) {
            Optional<String> text = ws.readText(e.absolute());
            if (text.isPresent() && p.matcher(text.get()).find()) out.add(e.absolute());
        }
        return out;
    }

    // ---------------------------------------------------------------- checks

    private static boolean anyFileMatches(Workspace ws, Scope scope, List<Pattern> patterns) {
        for (Path path : scope.paths()) {
            Optional<String> text = ws.readText(path);
            if (text.isEmpty()) continue;
            for (Pattern p : patterns) {
                if (p.matcher(text.get()).find()) return true;
            }
        }
        return false;
    }

    private static boolean importsModule(Workspace ws, Scope scope, String module) {
        String q = Pattern.quote(module);
        return anyFileMatches(ws, scope, List.of(
                Pattern.compile("\\bimport\\s+" + q + "\\b"),
                Pattern.compile("\\bfrom\\s+" + q + "\\s+import\\b"),
                Pattern.compile("\\bfrom\\s+" + q + "\\..*\\s+import\\b")));
    }

    private CheckResult imports(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E410", "imports requires a scope");
        String module = Args.string(args, 1, "E411", "imports requires a module name");
        return importsModule(ws, scope, module) ? CheckResult.pass()
                : CheckResult.fail("Scope does not import '" + module + "'");
    }

    private CheckResult noImport(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E412", "no_import requires a scope");
        String module = Args.string(args, 1, "E413", "no_import requires a module name");
        return importsModule(ws, scope, module)
                ? CheckResult.fail("Scope imports '" + module + "' but should not") : CheckResult.pass();
    }

    /** Upstream's return-type test on a signature text. */
    private static boolean returnsIn(String text, String type) {
        if (text.contains("-> " + type + ":") || text.contains("-> " + type + "):")) return true;
        String after = TextScan.secondPiece(text, "-> ");
        return after != null && after.contains(type);
    }

    private CheckResult returnsType(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E414", "returns_type requires a scope");
        String type = Args.string(args, 1, "E415", "returns_type requires a type name");
        for (Path path : scope.paths()) {
            Optional<String> text = ws.readText(path);
            if (text.isEmpty()) continue;
            String content = text.get();
            if (content.contains("-> " + type + ":") || content.contains("-> " + type + "):")) return CheckResult.pass();
            if (content.contains("-> ") && content.contains(type)) {
                for (String line : TextScan.lines(content)) {
                    if (line.contains("def ") && line.contains("-> ")) {
                        String after = TextScan.secondPiece(line, "-> ");
                        if (after != null && after.contains(type)) return CheckResult.pass();
                    }
                }
            }
        }
        return CheckResult.fail("No function returns type '" + type + "'");
    }

    private CheckResult functionReturnsType(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E416", "function_returns_type requires a scope");
        String function = Args.string(args, 1, "E417", "function_returns_type requires a function name");
        String type = Args.string(args, 2, "E418", "function_returns_type requires a type name");
        Pattern def = Pattern.compile("\\b(async\\s+)?def\\s+" + Pattern.quote(function) + "\\(");
        for (Path path : scope.paths()) {
            Optional<String> text = ws.readText(path);
            if (text.isEmpty()) continue;
            List<String> lines = TextScan.lines(text.get());
            for (int i = 0; i < lines.size(); i++) {
                if (!def.matcher(lines.get(i)).find()) continue;
                // the def line plus up to 4 more, stopping after the first following line containing ':'
                List<String> signature = new ArrayList<>();
                signature.add(lines.get(i));
                for (int j = i + 1; j < Math.min(i + 5, lines.size()); j++) {
                    signature.add(lines.get(j));
                    if (lines.get(j).contains(":")) break;
                }
                if (returnsIn(String.join(" ", signature), type)) return CheckResult.pass();
            }
        }
        return CheckResult.fail("Function '" + function + "' does not return type '" + type + "'");
    }

    private CheckResult calls(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E419", "calls requires a scope");
        String target = Args.string(args, 1, "E420", "calls requires a target identifier");
        String q = Pattern.quote(target);
        boolean found = anyFileMatches(ws, scope,
                List.of(Pattern.compile("\\b" + q + "\\("), Pattern.compile("\\b" + q + "\\.")));
        return found ? CheckResult.pass() : CheckResult.fail("Scope does not call '" + target + "'");
    }

    private CheckResult callsFunction(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E421", "calls_function requires a scope");
        String module = Args.string(args, 1, "E422", "calls_function requires a module name");
        String function = Args.string(args, 2, "E423", "calls_function requires a function name");
        Pattern p = Pattern.compile("\\b" + Pattern.quote(module) + "\\.\\s*" + Pattern.quote(function) + "\\(");
        return anyFileMatches(ws, scope, List.of(p)) ? CheckResult.pass()
                : CheckResult.fail("Scope does not call '" + module + "." + function + "'");
    }

    private CheckResult callsScope(List<Value> args, Workspace ws) throws LibraryException {
        Scope source = Args.scope(args, 0, "E424", "calls_scope requires a source scope");
        Scope target = Args.scope(args, 1, "E425", "calls_scope requires a target scope");
        List<String> identifiers = new ArrayList<>();
        for (Path path : target.paths()) {
            Optional<String> text = ws.readText(path);
            if (text.isEmpty()) continue;
            for (String line : TextScan.lines(text.get())) {
                if (line.contains("def ")) {
                    String part = TextScan.secondPiece(line, "def ");
                    if (part != null) identifiers.add(TextScan.beforeAny(part, "(").strip());
                }
                if (line.contains("class ")) {
                    String part = TextScan.secondPiece(line, "class ");
                    if (part != null) identifiers.add(TextScan.beforeAny(part, ":(").strip());
                }
            }
        }
        for (Path path : source.paths()) {
            Optional<String> text = ws.readText(path);
            if (text.isEmpty()) continue;
            for (String id : identifiers) {
                if (text.get().contains(id + "(") || text.get().contains(id + ".")) return CheckResult.pass();
            }
        }
        return CheckResult.fail("Source scope does not call anything in target scope");
    }
}
