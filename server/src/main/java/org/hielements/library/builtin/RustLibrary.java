package org.hielements.library.builtin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hielements.library.CheckResult;
import org.hielements.library.Evidence;
import org.hielements.library.FileIndex;
import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;

/**
 * {@code rust} (upstream-libraries.md §2.4): crates and module paths read from the code, item checks by matching.
 * Discovery runs on the workspace's shared listing: {@code .rs} files outside {@code target}, {@code .git},
 * {@code node_modules}, {@code .cargo}, {@code vendor} (the root itself is never filtered).
 *
 * <p><b>Crates, modules and paths</b> (issue 16; upstream matched file stems and substrings, so two crates that both
 * had a {@code pathutil.rs} "depended" on each other and {@code use grep_matcher::X} was not a dependency on
 * {@code grep-matcher}):
 * <ul>
 *   <li>{@code crate_selector(name)} finds the package by name in any {@code Cargo.toml} of the workspace
 *   ({@link RustCrates}; else by library name, else by its folder's name) and selects the Rust files of its module trees ({@code src/}, {@code tests/},
 *   {@code benches/}, {@code examples/}, {@code [[bin]]}/{@code [lib]} paths, {@code build.rs}), without
 *   {@code target/} or nested packages. The scope keeps the crate's folder, so {@code files.exists(crate, 'lib.rs')}
 *   looks in that crate (and its {@code src/}).</li>
 *   <li>{@code module_selector('a::b')} selects the module of that path (from a crate root, after {@code crate::}, or
 *   after a crate's name) and its submodules; when no crate root has it, the modules whose path ends with it. A
 *   file's module path comes from its place ({@code src/a/b.rs}, {@code src/a/b/mod.rs}: {@code a::b};
 *   {@code lib.rs}, {@code main.rs}: the crate root).</li>
 *   <li>Paths are read from the tokens ({@link RustLexer}, {@link RustFileFacts}: comments, strings, raw strings,
 *   byte strings and char literals never count; {@code use} trees expanded by {@link RustUseTree}), once per file per
 *   run and kept across runs while the file is unchanged ({@link RustFactsCache}), and resolved from the file's module
 *   ({@link RustGraph}).</li>
 *   <li>{@code uses(s, m)}: a file of {@code s} has a path starting with the segments of {@code m}, as written
 *   ({@code use m;}, {@code m::f()}, {@code extern crate m}, {@code ::m::x}; not {@code foo_m::} or
 *   {@code x::m::}) or as resolved ({@code super::pathutil} is {@code crate::pathutil}).</li>
 *   <li>{@code depends_on(a, b)}: a path in a file of {@code a} (not itself in {@code b}) leads into a module of
 *   {@code b}: for crates, the code names {@code b}'s library under the name its {@code Cargo.toml} gives it (a
 *   renamed dependency counts under its key); for modules of one crate, {@code crate::}/{@code super::}/module paths
 *   into them. A dependency declared in {@code Cargo.toml} and never used in code is not one (the failure says it is
 *   declared). {@code no_dependency} is the inverse; its failure names every offending place
 *   ({@code Forbidden dependency detected: crates/a/src/x.rs:3 use b::thing (and 1 more)}), carried as evidence.</li>
 * </ul>
 *
 * <p>Other deliberate fixes: item names match whole words ({@code function_exists('parse')} does not find
 * {@code fn parse_expr}; the same for struct, enum, trait, impl and {@code implements}), a struct name is escaped
 * instead of being read as a regex, a crate name may not read as a path leaving the workspace. The item and type
 * checks keep upstream's text tests.
 */
final class RustLibrary extends BuiltinLibrary implements org.hielements.library.ImportGraph {
    private static final Set<String> EXCLUDED = Set.of("target", ".git", "node_modules", ".cargo", "vendor");
    /** The most module names a "No dependency found" message lists. */
    private static final int MAX_NAMES = 5;
    private static final Pattern PUB_STRUCT = Pattern.compile("pub\\s+struct\\s+(\\w+)");
    private static final Pattern PUB_ENUM = Pattern.compile("pub\\s+enum\\s+(\\w+)");
    /** Not followed by an identifier character: the end of a whole word. */
    private static final String WORD_END = "(?![A-Za-z0-9_])";

    RustLibrary() {
        super("rust", "Rust language analysis library for selecting and checking Rust code constructs.", "E399");
        selector(doc("crate_selector", "Select a Rust crate by package name, wherever its Cargo.toml is in the "
                        + "workspace: the .rs files of its targets (src/, tests/, benches/, examples/, build.rs).", "Scope",
                "scope core = rust.crate_selector('hielements-core')",
                param("crate_name", "string", "Name of the crate to select")), this::crateSelector);
        selector(doc("module_selector", "Select a Rust module by module path (e.g., 'lexer', 'crate::parser' or "
                        + "'my_crate::lexer'): its file and its submodules' files; a path at no crate root selects the "
                        + "modules whose path ends with it.", "Scope",
                "scope lexer_mod = rust.module_selector('lexer')",
                param("module_path", "string", "Module path using :: separator")), this::moduleSelector);
        selector(doc("struct_selector", "Select a Rust struct by name.", "Scope",
                "ref token: Token = rust.struct_selector('Token')",
                param("struct_name", "string", "Name of the struct to find")),
                (a, ws) -> itemSelector(a, ws, "E302", "struct_selector requires a struct name", "struct:", this::structPattern));
        selector(doc("enum_selector", "Select a Rust enum by name.", "Scope",
                "ref kind: TokenKind = rust.enum_selector('TokenKind')",
                param("enum_name", "string", "Name of the enum to find")),
                (a, ws) -> itemSelector(a, ws, "E303", "enum_selector requires an enum name", "enum:", n -> keyword("enum", n)));
        selector(doc("function_selector", "Select a Rust function by name.", "Scope",
                "ref parse_fn: Function = rust.function_selector('parse')",
                param("func_name", "string", "Name of the function to find")),
                (a, ws) -> itemSelector(a, ws, "E304", "function_selector requires a function name", "fn:", n -> keyword("fn", n)));
        selector(doc("trait_selector", "Select a Rust trait by name.", "Scope",
                "ref lib_trait: Trait = rust.trait_selector('Library')",
                param("trait_name", "string", "Name of the trait to find")),
                (a, ws) -> itemSelector(a, ws, "E305", "trait_selector requires a trait name", "trait:", n -> keyword("trait", n)));
        selector(doc("impl_selector", "Select Rust impl blocks for a type.", "Scope",
                "scope impl_blocks = rust.impl_selector('Parser')",
                param("type_name", "string", "Name of the type to find impls for")), this::implSelector);

        check(doc("struct_exists", "Check that a struct with the given name exists.", "CheckResult",
                "check rust.struct_exists('Parser')",
                param("struct_name", "string", "Name of the struct")),
                (a, ws) -> exists(a, ws, "E310", "struct_exists requires a struct name", "Struct", this::structPattern));
        check(doc("enum_exists", "Check that an enum with the given name exists.", "CheckResult",
                "check rust.enum_exists('TokenKind')",
                param("enum_name", "string", "Name of the enum")),
                (a, ws) -> exists(a, ws, "E311", "enum_exists requires an enum name", "Enum", n -> keyword("enum", n)));
        check(doc("function_exists", "Check that a function with the given name exists.", "CheckResult",
                "check rust.function_exists('parse')",
                param("func_name", "string", "Name of the function")),
                (a, ws) -> exists(a, ws, "E312", "function_exists requires a function name", "Function", n -> keyword("fn", n)));
        check(doc("trait_exists", "Check that a trait with the given name exists.", "CheckResult",
                "check rust.trait_exists('Library')",
                param("trait_name", "string", "Name of the trait")),
                (a, ws) -> exists(a, ws, "E313", "trait_exists requires a trait name", "Trait", n -> keyword("trait", n)));
        check(doc("impl_exists", "Check that an impl block for the given type exists.", "CheckResult",
                "check rust.impl_exists('Parser')",
                param("type_name", "string", "Name of the type")), this::implExists);
        check(doc("implements", "Check that a type implements a specific trait.", "CheckResult",
                "check rust.implements('FilesLibrary', 'Library')",
                param("type_name", "string", "Name of the implementing type"),
                param("trait_name", "string", "Name of the trait")), this::implementsCheck);
        check(doc("uses", "Check that a scope uses a specific module: a use, extern crate or path in its code (never "
                        + "comments or strings) starting with it, use trees expanded, crate::/self::/super:: resolved.",
                "CheckResult",
                "check rust.uses(parser_mod, 'crate::lexer')",
                param("scope", "Scope", "The scope to check"),
                param("module_path", "string", "Module path to look for")), this::uses);
        check(doc("has_derive", "Check that a scope has a specific derive macro.", "CheckResult",
                "check rust.has_derive(struct_scope, 'Serialize')",
                param("scope", "Scope", "The scope to check"),
                param("derive_name", "string", "Name of the derive (e.g., 'Debug', 'Clone')")), this::hasDerive);
        check(doc("has_docs", "Check that a scope has documentation comments.", "CheckResult",
                "check rust.has_docs(module)",
                param("scope", "Scope", "The scope to check")), this::hasDocs);
        check(doc("has_tests", "Check that a scope has test functions.", "CheckResult",
                "check rust.has_tests(module)",
                param("scope", "Scope", "The scope to check")), this::hasTests);
        check(doc("depends_on", "Check that scope_a depends on scope_b: a path in scope_a's code leads into a module "
                        + "of scope_b (for crates: uses its library name, as the Cargo.toml names it).", "CheckResult",
                "check rust.depends_on(parser_mod, lexer_mod)",
                param("scope_a", "Scope", "Source scope"),
                param("scope_b", "Scope", "Target scope that should be a dependency")), this::dependsOn);
        check(doc("no_dependency", "Check that scope_a does NOT depend on scope_b (architectural boundary); a failure "
                        + "names every offending path.", "CheckResult", "check rust.no_dependency(core_mod, cli_mod)",
                param("scope_a", "Scope", "Source scope"),
                param("scope_b", "Scope", "Target scope that should NOT be a dependency")), this::noDependency);
        check(doc("pipeline_connects", "Check that output type from one scope connects to input of another.",
                "CheckResult", "check rust.pipeline_connects(lexer.tokens, parser.input)",
                param("output_scope", "Scope", "Scope producing output"),
                param("input_scope", "Scope", "Scope consuming input")), this::pipelineConnects);
        check(doc("type_compatible", "Check that two scopes have compatible types.", "CheckResult",
                "check rust.type_compatible(producer_type, consumer_type)",
                param("scope_a", "Scope", "First scope"),
                param("scope_b", "Scope", "Second scope")), this::typeCompatible);
    }

    @Override
    String unknownSelectorMessage(String function) {
        return "Unknown function: rust." + function;
    }

    @Override
    String unknownCheckMessage(String function) {
        return "Unknown check: rust." + function;
    }

    static boolean excludedDirectory(String name) {
        return EXCLUDED.contains(name);
    }

    /** The workspace's Rust files (computed once per run on the shared listing). */
    static List<FileIndex.Entry> rustFiles(Workspace ws) {
        return ws.memo("rust.files", () -> ws.index().discover("rs", RustLibrary::excludedDirectory));
    }

    // ---------------------------------------------------------------- item patterns (whole words)

    /** {@code struct N} followed by whitespace or one of {@code < { ( ;} (upstream's shape), N escaped, a word before. */
    private Anchored structPattern(String name) {
        return new Anchored(Pattern.compile("\\bstruct\\s+" + Pattern.quote(name) + "(\\s*[<{(;]|\\s)"), "struct");
    }

    /** {@code keyword N} as whole words. */
    private static Anchored keyword(String keyword, String name) {
        return new Anchored(Pattern.compile("\\b" + keyword + "\\s+" + Pattern.quote(name) + WORD_END), keyword);
    }

    /**
     * A pattern whose every match begins with {@code literal} (after {@code \\b}): searched from the literal's places,
     * a match counting only when it begins in code (never in a comment, a string or a char literal: the file's
     * {@link RustFileFacts}, read only when the literal is there).
     */
    private record Anchored(Pattern pattern, String literal) {
        boolean find(Path file, String text) {
            java.util.function.Supplier<RustFileFacts> facts = lazyFacts(file, text);
            return TextScan.find(pattern, literal, text, at -> facts.get().inCode(at));
        }
    }

    /** The facts of {@code file}, whose text is {@code text}, read when first asked for (from the cache when known). */
    private static java.util.function.Supplier<RustFileFacts> lazyFacts(Path file, String text) {
        RustFileFacts[] facts = {null};
        return () -> {
            if (facts[0] == null) facts[0] = RustFactsCache.facts(file.toAbsolutePath().normalize(), text);
            return facts[0];
        };
    }

    private interface PatternFor {
        Anchored of(String name);
    }

    private static List<Path> filesMatching(Workspace ws, Anchored p) {
        return filesMatching(ws, p, false);
    }

    /** The Rust files where {@code p} matches in code; with {@code first}, only the first (a check that one exists). */
    private static List<Path> filesMatching(Workspace ws, Anchored p, boolean first) {
        List<Path> out = new ArrayList<>();
        for (FileIndex.Entry e : rustFiles(ws)) {
            Optional<String> text = ws.readText(e.absolute());
            if (text.isPresent() && p.find(e.absolute(), text.get())) {
                out.add(e.absolute());
                if (first) break;
            }
        }
        return out;
    }

    /** {@code impl T} as whole words, or a file with {@code impl<} and {@code > T} (a generic impl), as upstream. */
    private static List<Path> implFiles(Workspace ws, String type, boolean first) {
        Anchored plain = keyword("impl", type);
        Anchored generic = new Anchored(Pattern.compile("> " + Pattern.quote(type) + WORD_END), "> ");
        List<Path> out = new ArrayList<>();
        for (FileIndex.Entry e : rustFiles(ws)) {
            Optional<String> text = ws.readText(e.absolute());
            if (text.isEmpty()) continue;
            String t = text.get();
            if (plain.find(e.absolute(), t) || (t.contains("impl<") && generic.find(e.absolute(), t))) {
                out.add(e.absolute());
                if (first) break;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- selectors

    private Value crateSelector(List<Value> args, Workspace ws) throws LibraryException {
        String name = Args.string(args, 0, "E300", "crate_selector requires a crate name");
        ws.resolve(name, "crate_selector", "E300");     // a name that reads as a path must not lead out of the workspace
        RustCrates crates = RustCrates.of(ws);
        Optional<RustCrates.Package> pkg = crates.packageNamed(name);
        if (pkg.isEmpty()) return Scope.empty(ScopeKind.FOLDER, name);
        return Scope.ofFolder(name, crateFiles(ws, crates, pkg.get()), pkg.get().dir);
    }

    /** The Rust files a package owns: under its folder, outside excluded folders and nested packages. */
    static List<Path> crateFiles(Workspace ws, RustCrates crates, RustCrates.Package pkg) {
        if (!pkg.underExcluded) return crates.filesOf(pkg);      // the discovered files, grouped once per run
        List<String> base = ws.segments(pkg.dir);
        List<Path> out = new ArrayList<>();
        for (FileIndex.Entry e : ws.index().filesUnder(base)) {
            if (!e.hasExtension("rs")) continue;
            boolean excluded = false;
            for (int i = base.size(); i < e.segments().size() - 1 && !excluded; i++) {
                excluded = excludedDirectory(e.segments().get(i));
            }
            if (!excluded && crates.packageOf(e.absolute()) == pkg) out.add(e.absolute());
        }
        return out;
    }

    private Value moduleSelector(List<Value> args, Workspace ws) throws LibraryException {
        String modulePath = Args.string(args, 0, "E301", "module_selector requires a module path");
        List<String> query = modulePath(modulePath);
        RustCrates crates = RustCrates.of(ws);
        Map<RustCrates.Space, java.util.Set<List<String>>> matched = new HashMap<>();
        for (boolean suffix : new boolean[] {false, true}) {
            for (Path f : crates.files()) {
                for (RustCrates.ModuleId id : crates.identities(f)) {
                    if (suffix ? endsWith(id.path(), query) : names(id, query)) {
                        matched.computeIfAbsent(id.space(), k -> new java.util.HashSet<>()).add(id.path());
                    }
                }
            }
            if (!matched.isEmpty() || query.isEmpty()) break;
        }
        List<Path> found = new ArrayList<>();
        for (Path f : crates.files()) {
            if (within(crates.identities(f), matched)) found.add(f);
        }
        return Scope.of(ScopeKind.FILE, modulePath, found);
    }

    /** {@code a::b} as segments ({@code ::a} as {@code a}); empty segments make it match nothing. */
    private static List<String> modulePath(String text) {
        String t = text.startsWith("::") ? text.substring(2) : text;
        List<String> out = new ArrayList<>(List.of(t.split("::", -1)));
        return out.contains("") ? List.of() : out;
    }

    /**
     * Whether {@code query} names the module {@code id} exactly: from its crate root ({@code a::b}), with
     * {@code crate::} in front, or with its crate's name in front ({@code grep_searcher::searcher}).
     */
    private static boolean names(RustCrates.ModuleId id, List<String> query) {
        if (query.isEmpty()) return false;
        if (id.path().equals(query)) return true;
        List<String> rest = query.subList(1, query.size());
        if (!id.path().equals(rest)) return false;
        String first = query.get(0);
        if (first.equals("crate")) return true;
        RustCrates.Package pkg = id.space().pkg;
        boolean named = first.equals(pkg.libName) || first.equals(pkg.name) || first.equals(pkg.name.replace('-', '_'));
        return named && (id.space().isLibrary() || id.space().dir.equals(pkg.dir.resolve("src")));
    }

    private static boolean endsWith(List<String> path, List<String> suffix) {
        if (suffix.isEmpty() || suffix.size() > path.size()) return false;
        return path.subList(path.size() - suffix.size(), path.size()).equals(suffix);
    }

    /** Whether one of {@code ids} is one of {@code modules} or inside one (a submodule). */
    private static boolean within(List<RustCrates.ModuleId> ids,
                                  Map<RustCrates.Space, java.util.Set<List<String>>> modules) {
        for (RustCrates.ModuleId id : ids) {
            java.util.Set<List<String>> inTree = modules.get(id.space());
            if (inTree == null) continue;
            for (int k = 0; k <= id.path().size(); k++) {
                if (inTree.contains(id.path().subList(0, k))) return true;
            }
        }
        return false;
    }

    private Value itemSelector(List<Value> args, Workspace ws, String code, String message, String prefix,
                               PatternFor pattern) throws LibraryException {
        String name = Args.string(args, 0, code, message);
        return Scope.of(ScopeKind.FILE, prefix + name, filesMatching(ws, pattern.of(name)));
    }

    private Value implSelector(List<Value> args, Workspace ws) throws LibraryException {
        String type = Args.string(args, 0, "E306", "impl_selector requires a type name");
        return Scope.of(ScopeKind.FILE, "impl:" + type, implFiles(ws, type, false));
    }

    // ---------------------------------------------------------------- workspace checks

    private CheckResult exists(List<Value> args, Workspace ws, String code, String message, String what,
                               PatternFor pattern) throws LibraryException {
        String name = Args.string(args, 0, code, message);
        return filesMatching(ws, pattern.of(name), true).isEmpty()
                ? CheckResult.fail(what + " '" + name + "' not found") : CheckResult.pass();
    }

    private CheckResult implExists(List<Value> args, Workspace ws) throws LibraryException {
        String type = Args.string(args, 0, "E314", "impl_exists requires a type name");
        return implFiles(ws, type, true).isEmpty() ? CheckResult.fail("Impl for '" + type + "' not found") : CheckResult.pass();
    }

    private CheckResult implementsCheck(List<Value> args, Workspace ws) throws LibraryException {
        String type = Args.string(args, 0, "E315", "implements requires a type name");
        String trait = Args.string(args, 1, "E316", "implements requires a trait name");
        String tail = Pattern.quote(trait) + "\\s+for\\s+" + Pattern.quote(type) + WORD_END;
        Anchored plain = new Anchored(Pattern.compile("\\bimpl\\s+" + tail), "impl");
        Anchored generic = new Anchored(Pattern.compile("> " + tail), "> ");
        for (FileIndex.Entry e : rustFiles(ws)) {
            Optional<String> text = ws.readText(e.absolute());
            if (text.isEmpty()) continue;
            String t = text.get();
            if (plain.find(e.absolute(), t) || (t.contains("impl<") && generic.find(e.absolute(), t))) {
                return CheckResult.pass();
            }
        }
        return CheckResult.fail("'" + type + "' does not implement '" + trait + "'");
    }

    // ---------------------------------------------------------------- scope checks

    /** A test of one Rust file of a scope: its path, text and facts (what in it is code). */
    private interface CodeTest {
        boolean test(Path file, String text, java.util.function.Supplier<RustFileFacts> facts);
    }

    /**
     * Whether a Rust file of the scope passes {@code test} (other files of a folder scope are not Rust code: a
     * {@code #[test]} in a README is no test); its facts read only when the test asks for them.
     */
    private static boolean anyRustFile(Workspace ws, Scope scope, CodeTest test) {
        for (Path p : scope.paths()) {
            if (!isRust(p)) continue;
            Optional<String> text = ws.readText(p);
            if (text.isEmpty()) continue;
            if (test.test(p, text.get(), lazyFacts(p, text.get()))) return true;
        }
        return false;
    }

    /** Whether {@code pattern} matches in {@code text} at a place that is code (not a comment or a literal). */
    private static boolean inCode(Pattern pattern, String text, java.util.function.Supplier<RustFileFacts> facts) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (facts.get().inCode(m.start())) return true;
        }
        return false;
    }

    /** {@code name} as a whole word in the code of a Rust file of the scope. */
    private static boolean mentions(Workspace ws, Scope scope, String name) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + WORD_END);
        return anyRustFile(ws, scope, (p, t, facts) -> t.contains(name) && inCode(word, t, facts));
    }

    private static boolean isRust(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().endsWith(".rs") && name.toString().length() > 3;
    }

    private CheckResult uses(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E317", "uses requires a scope");
        String module = Args.string(args, 1, "E318", "uses requires a module path");
        List<String> wanted = modulePath(module);
        if (wanted.isEmpty()) return CheckResult.fail("Module does not use '" + module + "'");
        RustGraph graph = RustGraph.of(ws);
        boolean relative = wanted.get(0).equals("self") || wanted.get(0).equals("super");
        // a path outside the file's own tree is made of written segments: a file lacking one of them cannot match
        boolean textFilter = !relative && !wanted.get(0).equals("crate");
        for (Path p : scope.paths()) {
            if (!isRust(p)) continue;
            if (textFilter) {
                Optional<String> text = ws.readText(p);
                if (text.isEmpty() || !wanted.stream().allMatch(text.get()::contains)) continue;
            }
            Optional<RustFileFacts> facts = graph.facts(p);
            if (facts.isEmpty()) continue;
            List<List<String>> forms = new ArrayList<>();
            if (relative) {
                for (RustGraph.Resolved r : graph.resolveArgument(p, wanted)) forms.add(r.form());
            } else {
                forms.add(wanted);
            }
            for (RustFileFacts.PathRef ref : facts.get().paths) {
                for (List<String> form : forms) {
                    if (!relative && RustGraph.startsWith(ref.segments(), form)) return CheckResult.pass();
                }
                for (RustGraph.Resolved r : graph.resolve(p, facts.get(), ref)) {
                    for (List<String> form : forms) {
                        if (RustGraph.startsWith(r.form(), form)) return CheckResult.pass();
                    }
                }
            }
        }
        return CheckResult.fail("Module does not use '" + module + "'");
    }

    private CheckResult hasDerive(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E319", "has_derive requires a scope");
        String derive = Args.string(args, 1, "E320", "has_derive requires a derive name");
        String wanted = derive.replaceAll("\\s+", "");
        return anyRustFile(ws, scope, (p, t, facts) -> t.contains("derive") && t.contains(wanted.substring(
                wanted.lastIndexOf(':') + 1)) && derives(t, facts, wanted)) ? CheckResult.pass()
                : CheckResult.fail("No #[derive(" + derive + ")] found");
    }

    private CheckResult hasDocs(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E321", "has_docs requires a scope");
        return anyRustFile(ws, scope, (p, t, facts) -> (t.contains("//") || t.contains("/*") || t.contains("doc"))
                && (facts.get().docComments || inCode(DOC_ATTRIBUTE, t, facts))) ? CheckResult.pass()
                : CheckResult.fail("No documentation comments found");
    }

    private CheckResult hasTests(List<Value> args, Workspace ws) throws LibraryException {
        Scope scope = Args.scope(args, 0, "E322", "has_tests requires a scope");
        return anyRustFile(ws, scope, (p, t, facts) -> t.contains("test") && inCode(TEST_ATTRIBUTE, t, facts))
                ? CheckResult.pass()
                : CheckResult.fail("No tests found");
    }

    /** A {@code #[derive(...)]} attribute (its list: group 1). */
    private static final Pattern DERIVE_ATTRIBUTE = Pattern.compile("#\\s*\\[\\s*derive\\s*\\(([^()\\]]*)\\)\\s*\\]");
    /** A {@code #[doc ...]} or {@code #![doc ...]} attribute. */
    private static final Pattern DOC_ATTRIBUTE = Pattern.compile("#\\s*!?\\s*\\[\\s*doc" + WORD_END);
    /**
     * A test: {@code #[test]} or a test attribute of a framework ({@code #[tokio::test]}, any path ending in
     * {@code test}), or a {@code #[cfg(test)]} module.
     */
    private static final Pattern TEST_ATTRIBUTE = Pattern.compile("#\\s*\\[\\s*(?:(?:[A-Za-z_][A-Za-z0-9_]*\\s*::\\s*)*"
            + "test\\s*(?:\\(\\s*\\)\\s*)?|cfg\\s*\\(\\s*test\\s*\\)\\s*)\\]");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /**
     * Whether a {@code #[derive(...)]} attribute in the code of {@code text} lists {@code derive}: an item equal to it
     * ({@code serde::Serialize}), or ending in {@code ::derive} ({@code Serialize} for {@code serde::Serialize}), white
     * space and comments in the list left out.
     */
    private static boolean derives(String text, java.util.function.Supplier<RustFileFacts> facts, String derive) {
        Matcher m = DERIVE_ATTRIBUTE.matcher(text);
        while (m.find()) {
            if (!facts.get().inCode(m.start())) continue;
            for (String item : COMMENTS.matcher(m.group(1)).replaceAll(" ").split(",")) {
                String it = item.replaceAll("\\s+", "");
                if (!it.isEmpty() && (it.equals(derive) || it.endsWith("::" + derive))) return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- dependency checks

    /** The module a file stands for: its stem, or its folder's name for {@code mod.rs} (upstream's, for the type checks). */
    private static Optional<String> moduleName(Path p) {
        Path name = p.getFileName();
        if (name == null) return Optional.empty();
        String stem = TextScan.stem(name.toString());
        if (!stem.equals("mod")) return Optional.of(stem);
        Path parent = p.getParent();
        return parent == null || parent.getFileName() == null ? Optional.empty()
                : Optional.of(parent.getFileName().toString());
    }

    /**
     * What a dependency search found: an error (the search could not be made), else the offending places, and what it
     * looked for (said when nothing was found).
     */
    private record Found(CheckResult error, List<Evidence> places, java.util.function.Supplier<String> lookedFor) {
        static Found error(String code, String message) {
            return new Found(CheckResult.error(code, message), List.of(), () -> "");
        }
    }

    /**
     * The paths in {@code a}'s Rust files that lead into a module of {@code b}: the modules {@code b}'s Rust files
     * stand for, a path counting when it leads to one of them or inside one. A file that is itself in {@code b} is not
     * searched. Errors carry the code of the argument they concern ({@code sourceCode} for the source scope,
     * {@code targetCode} for the target), with upstream's messages. {@code all}: every place, else the first.
     */
    private static Found findDependency(Workspace ws, Scope a, Scope b, String sourceCode, String targetCode,
                                        boolean all) {
        RustGraph graph = RustGraph.of(ws);
        RustCrates crates = graph.crates();
        List<RustCrates.ModuleId> modules = new ArrayList<>();
        for (Path p : b.paths()) {
            if (isRust(p)) modules.addAll(crates.identities(p));
        }
        List<RustCrates.ModuleId> targets = outermost(modules);
        if (targets.isEmpty()) return Found.error(targetCode, "Could not determine target module names");
        if (a.paths().isEmpty()) return Found.error(sourceCode, "Source scope has no paths");
        java.util.Set<Path> inTarget = new java.util.HashSet<>(b.paths());
        Map<RustCrates.Package, List<String>> needles = new HashMap<>();
        List<Evidence> places = new ArrayList<>();
        for (Path p : a.paths()) {
            if (!isRust(p) || inTarget.contains(p)) continue;
            RustCrates.Package pkg = crates.packageOf(p);
            if (!needles.containsKey(pkg)) needles.put(pkg, namesFor(pkg, targets));
            List<String> names = needles.get(pkg);
            if (names != null) {       // another crate's modules: reachable only through a name its text must hold
                if (names.isEmpty()) continue;          // its Cargo.toml names none of them: its code cannot reach them
                Optional<String> text = ws.readText(p);
                if (text.isEmpty()) return Found.error(sourceCode, "Could not read file: " + ws.display(p));
                if (names.stream().noneMatch(text.get()::contains)) continue;
            }
            Optional<RustFileFacts> facts = graph.facts(p);
            if (facts.isEmpty()) return Found.error(sourceCode, "Could not read file: " + ws.display(p));
            List<RustFileFacts.PathRef> hits = new ArrayList<>();
            for (RustFileFacts.PathRef ref : facts.get().paths) {
                if (leadsInto(graph.resolve(p, facts.get(), ref), targets)) {
                    hits.add(ref);
                    if (!all) break;
                }
            }
            hits.sort(java.util.Comparator.comparingInt(RustFileFacts.PathRef::start));
            int lastStart = -1;
            int lastEnd = -1;
            for (RustFileFacts.PathRef ref : hits) {
                if (ref.start() == lastStart && ref.end() == lastEnd) continue;   // one place per use declaration
                lastStart = ref.start();
                lastEnd = ref.end();
                ws.evidence(p, ref.start(), ref.end()).ifPresent(places::add);
            }
            if (!all && !places.isEmpty()) break;
        }
        return new Found(null, places, () -> lookedFor(ws, crates, a, targets));
    }

    /**
     * The crate names through which code of {@code pkg} can reach {@code targets} when they all lie in other packages
     * (the names its manifest gives their libraries; any library name for code under no manifest): a file whose text
     * holds none of them cannot depend on them, and is not lexed. Null when a target lies in {@code pkg} itself
     * ({@code crate::}, {@code super::} and module names reach it).
     */
    private static List<String> namesFor(RustCrates.Package pkg, List<RustCrates.ModuleId> targets) {
        List<String> names = new ArrayList<>();
        for (RustCrates.ModuleId t : targets) {
            RustCrates.Package target = t.space().pkg;
            if (target == pkg) return null;
            if (!t.space().isLibrary()) continue;
            if (pkg.implicit) {
                if (!names.contains(target.libName)) names.add(target.libName);
                continue;
            }
            for (Map.Entry<String, RustCrates.Package> e : pkg.codeNames.entrySet()) {
                if (e.getValue() == target && !names.contains(e.getKey())) names.add(e.getKey());
            }
        }
        return names;
    }

    private static boolean leadsInto(List<RustGraph.Resolved> resolved, List<RustCrates.ModuleId> targets) {
        for (RustGraph.Resolved r : resolved) {
            if (r.space() == null) continue;
            for (RustCrates.ModuleId t : targets) {
                if (t.space() == r.space() && RustGraph.startsWith(r.segments(), t.path())) return true;
            }
        }
        return false;
    }

    /** The modules not inside another one of the list ({@code crate::a} covers {@code crate::a::b}), in order. */
    private static List<RustCrates.ModuleId> outermost(List<RustCrates.ModuleId> ids) {
        List<RustCrates.ModuleId> out = new ArrayList<>();
        for (RustCrates.ModuleId id : ids) {
            boolean covered = false;
            for (RustCrates.ModuleId o : ids) {
                if (o != id && o.space() == id.space() && o.path().size() < id.path().size()
                        && RustGraph.startsWith(id.path(), o.path())) {
                    covered = true;
                    break;
                }
            }
            if (!covered && !out.contains(id)) out.add(id);
        }
        return out;
    }

    /**
     * The target modules by the names code would use: {@code crate::tax} inside the source's own package, else the
     * library name ({@code grep_matcher}, {@code engine::tax}); trees no other crate can name (tests, binaries) of
     * another package are left out when a library tree is listed. When the source's package declares the target crate
     * as a dependency that no file of the source uses, the message says so.
     */
    private static String lookedFor(Workspace ws, RustCrates crates, Scope a, List<RustCrates.ModuleId> targets) {
        java.util.Set<RustCrates.Package> sourcePackages = new java.util.LinkedHashSet<>();
        for (Path p : a.paths()) {
            if (isRust(p)) sourcePackages.add(crates.packageOf(p));
        }
        boolean anyNameable = false;
        for (RustCrates.ModuleId t : targets) {
            anyNameable |= t.space().isLibrary() || sourcePackages.contains(t.space().pkg);
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<String> declared = new java.util.LinkedHashSet<>();
        for (RustCrates.ModuleId t : targets) {
            RustCrates.Package pkg = t.space().pkg;
            boolean own = sourcePackages.contains(pkg);
            if (anyNameable && !own && !t.space().isLibrary()) continue;
            String base = own && !t.path().isEmpty() ? "crate" : t.space().isLibrary() ? pkg.libName : pkg.name;
            names.add(t.path().isEmpty() ? base : base + "::" + String.join("::", t.path()));
            if (t.space().isLibrary() && t.path().isEmpty()) {
                for (RustCrates.Package sp : sourcePackages) {
                    if (sp != pkg && !sp.implicit && sp.codeNames.containsValue(pkg)) declared.add(ws.display(sp.manifest));
                }
            }
        }
        List<String> shown = new ArrayList<>(names);
        StringBuilder b = new StringBuilder(String.join(", ", shown.subList(0, Math.min(MAX_NAMES, shown.size()))));
        b.append('\'');
        if (shown.size() > MAX_NAMES) b.append(" (and ").append(shown.size() - MAX_NAMES).append(" more)");
        if (!declared.isEmpty()) {
            b.append(" (declared as a dependency in ");
            int i = 0;
            for (String m : declared) {
                if (i++ > 0) b.append(", ");
                b.append(m);
            }
            b.append(", never used in the source's code)");
        }
        return b.toString();
    }

    /**
     * Each path of the Rust files among {@code files} that leads into a module of the workspace (another file's: the
     * deepest module the path reaches that has a file), as a dependency on that module's file; one per place and
     * target file. Paths into crates outside the workspace, and into the file itself, are left out.
     */
    @Override
    public List<Dependency> dependencies(Workspace ws, java.util.Collection<Path> files) {
        RustGraph graph = RustGraph.of(ws);
        RustCrates crates = graph.crates();
        Map<RustCrates.ModuleId, Path> byModule = new HashMap<>();
        for (Path f : crates.files()) {
            for (RustCrates.ModuleId id : crates.identities(f)) byModule.putIfAbsent(id, f);
        }
        List<Dependency> out = new ArrayList<>();
        for (Path p : files) {
            if (!isRust(p)) continue;
            Optional<RustFileFacts> facts = graph.facts(p);
            if (facts.isEmpty()) continue;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RustFileFacts.PathRef ref : facts.get().paths) {
                for (RustGraph.Resolved r : graph.resolve(p, facts.get(), ref)) {
                    if (r.space() == null) continue;
                    Path target = null;
                    for (int n = r.segments().size(); n >= 0 && target == null; n--) {
                        target = byModule.get(new RustCrates.ModuleId(r.space(), r.segments().subList(0, n)));
                    }
                    if (target == null || target.equals(p)) continue;
                    if (!seen.add(ref.start() + ":" + ref.end() + ":" + target)) continue;
                    Optional<Evidence> ev = ws.evidence(p, ref.start(), ref.end());
                    if (ev.isPresent()) out.add(new Dependency(p, target, ev.get()));
                }
            }
        }
        return out;
    }

    private CheckResult dependsOn(List<Value> args, Workspace ws) throws LibraryException {
        Scope a = Args.scope(args, 0, "E323", "depends_on requires a source scope as first argument");
        Scope b = Args.scope(args, 1, "E324", "depends_on requires a target scope as second argument");
        Found found = findDependency(ws, a, b, "E323", "E324", false);
        if (found.error() != null) return found.error();
        return found.places().isEmpty()
                ? CheckResult.fail("No dependency found: source does not use '" + found.lookedFor().get()) : CheckResult.pass();
    }

    private CheckResult noDependency(List<Value> args, Workspace ws) throws LibraryException {
        Scope a = Args.scope(args, 0, "E325", "no_dependency requires a source scope as first argument");
        Scope b = Args.scope(args, 1, "E326", "no_dependency requires a target scope as second argument");
        Found found = findDependency(ws, a, b, "E325", "E326", true);
        if (found.error() != null) return found.error();
        return found.places().isEmpty() ? CheckResult.pass()
                : CheckResult.failAt("Forbidden dependency detected", found.places());
    }

    /** A scope's primary type: from a {@code struct:}/{@code enum:}/{@code trait:} kind, else the first pub struct/enum. */
    private static Optional<String> primaryType(Workspace ws, Scope scope) {
        if (scope.kind() == ScopeKind.FILE) {
            for (String prefix : List.of("struct:", "enum:", "trait:")) {
                if (scope.argument().startsWith(prefix)) return Optional.of(scope.argument().substring(prefix.length()));
            }
        }
        for (Path p : scope.paths()) {
            if (!isRust(p)) continue;
            Optional<String> text = ws.readText(p);
            if (text.isEmpty()) continue;
            java.util.function.Supplier<RustFileFacts> facts = lazyFacts(p, text.get());
            for (Pattern pattern : List.of(PUB_STRUCT, PUB_ENUM)) {
                Matcher m = pattern.matcher(text.get());
                while (m.find()) {
                    if (facts.get().inCode(m.start())) return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private CheckResult pipelineConnects(List<Value> args, Workspace ws) throws LibraryException {
        Scope out = Args.scope(args, 0, "E327", "pipeline_connects requires an output scope as first argument");
        Scope in = Args.scope(args, 1, "E328", "pipeline_connects requires an input scope as second argument");
        Optional<String> type = primaryType(ws, out);
        if (type.isEmpty()) return CheckResult.error("E327", "Could not determine output type");
        String t = type.get();
        if (mentions(ws, in, t)) return CheckResult.pass();
        List<String> inputModules = new ArrayList<>();
        for (Path p : in.paths()) moduleName(p).ifPresent(inputModules::add);
        for (FileIndex.Entry e : rustFiles(ws)) {
            Optional<String> module = moduleName(e.absolute());
            if (module.isPresent() && inputModules.contains(module.get())
                    && mentions(ws, Scope.of(ScopeKind.FILE, "", List.of(e.absolute())), t)) {
                return CheckResult.pass();
            }
        }
        return CheckResult.fail("Pipeline not connected: '" + t + "' is not used by input scope");
    }

    private CheckResult typeCompatible(List<Value> args, Workspace ws) throws LibraryException {
        Scope a = Args.scope(args, 0, "E329", "type_compatible requires a scope as first argument");
        Scope b = Args.scope(args, 1, "E330", "type_compatible requires a scope as second argument");
        Optional<String> ta = primaryType(ws, a);
        Optional<String> tb = primaryType(ws, b);
        if (ta.isEmpty()) return CheckResult.error("E329", "Could not determine type from first scope");
        if (tb.isEmpty()) return CheckResult.error("E330", "Could not determine type from second scope");
        String x = ta.get();
        String y = tb.get();
        if (x.equals(y) || mentions(ws, b, x) || mentions(ws, a, y)) {
            return CheckResult.pass();
        }
        return CheckResult.fail("Types '" + x + "' and '" + y + "' are not compatible");
    }
}
