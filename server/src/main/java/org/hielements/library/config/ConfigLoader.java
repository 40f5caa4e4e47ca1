package org.hielements.library.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.registry.Lockfile;
import org.hielements.library.registry.NpmRange;
import org.hielements.library.registry.PackageCache;
import org.hielements.library.registry.PackageSpec;
import org.hielements.library.registry.PluginManifest;
import org.hielements.text.InputFile;
import org.hielements.text.SourceText;
import org.hielements.text.Span;
import org.hielements.wasm.WasmPolicy;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlPosition;
import org.tomlj.TomlVersion;

/**
 * Reads {@code hielements.toml} (PLUGINS.md §1) with tomlj, strictly as TOML 1.0; a file whose text was read before
 * without an error comes back as its tree from the parsed-TOML cache ({@link TomlTreeCache}), without tomlj.
 *
 * <p>Every problem is a {@link Diagnostic} in {@code hielements.toml} at the key's position, and one broken entry never
 * keeps the others from loading:
 * <ul>
 *   <li>an entry with a syntax error in its lines, a wrong {@code type}, an uninferable kind, a missing
 *       {@code executable}/{@code path}, or a wrongly typed {@code executable}, {@code path}, {@code args} or
 *       {@code env} is <b>not loaded</b>;</li>
 *   <li>an entry naming a file that is missing or cannot be run is loaded (its calls then fail naming the file) and
 *       reported (E518);</li>
 *   <li>a bad {@code timeout} or limit (E519) falls back to the default, a refused permission (E520) grants nothing;
 *       the entry loads;</li>
 *   <li>unknown keys are warnings (W510), keys of the other kind of library too (W512).</li>
 * </ul>
 * A {@code package = "name@range"} entry (docs/REGISTRY.md) is a WASM plugin whose module is the version
 * {@code hielements.lock} holds, from the package cache, verified against the lock's SHA-512; it never touches the
 * network (E540-E544 at the key; W513 for permissions its manifest asks beyond those granted).
 * Type inference is upstream's (upstream-libraries.md §3.1): an explicit {@code type}; else a {@code path} ending in
 * {@code .wasm} (case-sensitive) is WASM even with an {@code executable}; else {@code executable} is a process
 * plugin; else {@code path} alone is a process plugin run as the executable; else E512. Relative paths resolve against
 * the workspace root: {@code path} always, {@code executable} when it contains a {@code /} (a bare name is looked up on
 * {@code PATH}), {@code args} when they name an existing file. Whether a name shadows a built-in is decided when the
 * registry is built ({@link Libraries}).
 */
public final class ConfigLoader {
    public static final String FILE_NAME = "hielements.toml";
    public static final Duration DEFAULT_PROCESS_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WASM_TIMEOUT = Duration.ofSeconds(5);
    public static final long DEFAULT_WASM_MEMORY = 64L * 1024 * 1024;
    public static final long MIN_WASM_MEMORY = 64L * 1024;
    public static final long MAX_WASM_MEMORY = 2L * 1024 * 1024 * 1024;
    public static final int DEFAULT_WASM_OUTPUT = 16 * 1024 * 1024;
    public static final long MAX_WASM_OUTPUT = 1024L * 1024 * 1024;
    public static final long DEFAULT_WASM_MODULE = org.hielements.wasm.WasmPolicy.DEFAULT_MODULE_BYTES;
    public static final long MAX_WASM_MODULE = org.hielements.wasm.WasmPolicy.MAX_MODULE_BYTES;
    /** The largest {@code hielements.toml} read: 1 MiB (a thousand plugins take about 100 KiB). */
    public static final long MAX_CONFIG_BYTES = 1024L * 1024;
    /** The longest per-call timeout accepted. */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private static final Set<String> ENTRY_KEYS =
            Set.of("type", "executable", "path", "package", "args", "env", "timeout", "permissions", "limits");
    private static final Set<String> PERMISSION_KEYS = Set.of("filesystem", "environment", "network");
    private static final Set<String> LIMIT_KEYS = Set.of("memory", "timeout", "output", "module");
    /** A library name is an identifier, as in {@code .hie} files: otherwise no {@code .hie} file could call it. */
    private static final java.util.regex.Pattern LIBRARY_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String MULTILINE_INLINE = "Newlines are not allowed in an inline table";

    private final SourceText text;
    private final Path root;
    private final Map<String, String> environment;
    private final TomlLayout layout;
    /** The trees of texts read before (null: none, as for an editor's buffer). */
    private final TomlTreeCache trees;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** hielements.lock, read when the first package entry needs it. */
    private Lockfile lock;
    private Lockfile.Unreadable lockProblem;

    /** A package entry's module and where it comes from. */
    private record PackageFile(Path module, PackageSource source) {}

    private Lockfile lock() throws Lockfile.Unreadable {
        if (lock == null && lockProblem == null) {
            try {
                lock = Lockfile.read(root);
            } catch (Lockfile.Unreadable e) {
                lockProblem = e;
            }
        }
        if (lockProblem != null) throw lockProblem;
        return lock;
    }

    private ConfigLoader(SourceText text, Path root, Map<String, String> environment, TomlTreeCache trees) {
        this.text = text;
        this.root = root;
        this.environment = environment;
        this.layout = new TomlLayout(text);
        this.trees = trees;
    }

    /** Reads {@code <workspaceRoot>/hielements.toml}; no file means no plugins and no diagnostics. */
    public static LibrariesConfig load(Path workspaceRoot) {
        return load(workspaceRoot, System.getenv());
    }

    /** As {@link #load(Path)}, looking bare executable names up on {@code environment}'s {@code PATH}. */
    public static LibrariesConfig load(Path workspaceRoot, Map<String, String> environment) {
        Path root = workspaceRoot.toAbsolutePath().normalize();
        Path file = root.resolve(FILE_NAME);
        if (!Files.exists(file)) return new LibrariesConfig(file, Optional.empty(), List.of(), List.of());
        String content;
        try {
            // never opened unless a regular file (a FIFO would block, /dev/stdin is the server's own input)
            byte[] bytes = InputFile.read(file, MAX_CONFIG_BYTES);
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return unreadable(file, "the file is not valid UTF-8");
        } catch (InputFile.Refused e) {
            if (e.missing()) return new LibrariesConfig(file, Optional.empty(), List.of(), List.of());
            return unreadable(file, "it " + e.getMessage());
        }
        SourceText text = new SourceText(file.toString(), content);
        return new ConfigLoader(text, root, environment, TomlTreeCache.of(environment)).read(file);
    }

    /** Reads a {@code hielements.toml} text (an editor's unsaved buffer, a test) for the workspace at {@code root}. */
    public static LibrariesConfig parse(SourceText text, Path workspaceRoot) {
        return parse(text, workspaceRoot, System.getenv());
    }

    /**
     * Builds the TOML reader's tables (tomlj's ANTLR grammar: about 30 ms of a cold JVM's first
     * {@code hielements.toml}) by reading a small text of the shapes a {@code hielements.toml} has, unless the
     * parsed-TOML cache of {@code environment} holds {@code toml} (the file's text, which will then be read without
     * tomlj); the command line calls it on a thread of its own while it parses its arguments, before it needs the file
     * ({@code cli.StartUp}). Reads nothing else from disk.
     */
    public static void prepareReader(String toml, Map<String, String> environment) {
        if (TomlTreeCache.of(environment).holds(TomlVersion.V1_0_0, toml)) return;
        Toml.parse("# libraries\n[libraries.a]\npath = \"a.wasm\"\ntimeout = \"5s\"\n\n"
                + "[libraries.a.permissions]\nfilesystem = [\"read\"]\nnetwork = []\n\n"
                + "[libraries.b]\nexecutable = 'python3'\nargs = [\"b.py\", 1]\nenv = { A = \"1\" }\nallow = true\n",
                TomlVersion.V1_0_0);
    }

    public static LibrariesConfig parse(SourceText text, Path workspaceRoot, Map<String, String> environment) {
        return parse(text, workspaceRoot, environment, null);
    }

    /** As {@link #parse(SourceText, Path, Map)}, taking the text's tree from {@code trees} (null: none) when it is there. */
    static LibrariesConfig parse(SourceText text, Path workspaceRoot, Map<String, String> environment,
            TomlTreeCache trees) {
        Path root = workspaceRoot.toAbsolutePath().normalize();
        return new ConfigLoader(text, root, environment, trees).read(root.resolve(FILE_NAME));
    }

    private static LibrariesConfig unreadable(Path file, String reason) {
        SourceText empty = new SourceText(file.toString(), "");
        Diagnostic d = Diagnostic.of(Code.E510, empty, Span.EMPTY, reason);
        return new LibrariesConfig(file, Optional.of(empty), List.of(), List.of(d));
    }

    // ------------------------------------------------------------------ the file

    private LibrariesConfig read(Path file) {
        // a file of comments only (as many are) is an empty table: read without starting tomlj's ANTLR parser, whose
        // tables cost a small check's start-up more than the rest of reading the workspace
        if (onlyComments(text.text())) return new LibrariesConfig(file, Optional.of(text), List.of(), List.of());
        TomlTree.Parsed parsed;
        try {
            parsed = TomlTree.parse(text.text(), TomlVersion.V1_0_0, trees);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            // tomlj fails on a few broken texts (an internal assertion, with assertions on): one error, nothing loaded
            String why = e instanceof StackOverflowError ? "it is nested too deeply" : String.valueOf(e.getMessage());
            Diagnostic d = Diagnostic.of(Code.E511, text, Span.EMPTY, "the TOML reader could not read this text ("
                    + why + "); no library is loaded");
            return new LibrariesConfig(file, Optional.of(text), List.of(), List.of(d));
        }
        return read(file, parsed.tree(), parsed.errors());
    }

    /** The configuration in {@code toml}, the tree of the text, which tomlj read with {@code errors}. */
    private LibrariesConfig read(Path file, TomlTree.Table toml, List<TomlParseError> errors) {
        Set<String> broken = new HashSet<>();
        for (TomlParseError e : errors) {
            TomlPosition p = e.position();
            String owner = p == null ? null : layout.ownerOfLine(p.line());
            if (owner != null && e.getMessage() != null && e.getMessage().contains(MULTILINE_INLINE)) {
                if (broken.add(owner)) {
                    Span at = Optional.ofNullable(layout.entrySpan(owner)).orElse(layout.pointSpan(p));
                    diagnostics.add(Diagnostic.of(Code.E511_MULTILINE_INLINE, text, at, owner));
                }
                continue;
            }
            if (owner != null) broken.add(owner);
            diagnostics.add(Diagnostic.of(Code.E511, text, p == null ? Span.EMPTY : layout.pointSpan(p),
                    e.getMessage()));
        }

        List<ConfigEntry> entries = new ArrayList<>();
        for (String key : toml.keySet()) {
            if (key.equals("libraries")) continue;
            diagnostics.add(Diagnostic.of(Code.W510, text, keySpan(toml, key), key,
                    "at the top level (only [libraries] is read)"));
        }
        Object libs = toml.get("libraries");
        if (libs != null && !(libs instanceof TomlTree.Table)) {
            diagnostics.add(Diagnostic.of(Code.E516, text, keySpan(toml, "libraries"), "libraries",
                    "a table", typeName(libs)));
        } else if (libs instanceof TomlTree.Table table) {
            List<String> names = new ArrayList<>(table.keySet());
            names.sort(Comparator.comparingInt(n -> position(table, n)));
            for (String name : names) {
                Span span = Optional.ofNullable(layout.entrySpan(name)).orElse(keySpan(table, name));
                if (!LIBRARY_NAME.matcher(name).matches()) {
                    Span at = keySpan(table, name);
                    Diagnostic d = Diagnostic.of(Code.E522, text, at.equals(Span.EMPTY) ? span : at,
                            org.hielements.library.JsonText.quote(name));
                    diagnostics.add(d);
                    entries.add(new ConfigEntry(org.hielements.library.JsonText.quote(name), span, Optional.empty(),
                            List.of(d)));
                    continue;
                }
                if (broken.contains(name)) {
                    entries.add(new ConfigEntry(name, span, Optional.empty(), List.of()));
                    continue;
                }
                entries.add(new EntryReader(name, span, table.get(name)).read());
            }
        }
        // entries tomlj dropped altogether (their text is broken) are still listed, so no name silently disappears
        for (String name : broken) {
            if (entries.stream().noneMatch(e -> e.name().equals(name))) {
                Span span = Optional.ofNullable(layout.entrySpan(name)).orElse(Span.EMPTY);
                entries.add(new ConfigEntry(name, span, Optional.empty(), List.of()));
            }
        }
        entries.sort(Comparator.comparingInt(e -> e.span().start()));
        // the syntax errors of broken entries belong to them too
        List<ConfigEntry> withSyntax = new ArrayList<>();
        for (ConfigEntry e : entries) {
            if (!broken.contains(e.name())) {
                withSyntax.add(e);
                continue;
            }
            List<Diagnostic> own = new ArrayList<>();
            for (Diagnostic d : diagnostics) {
                if (d.code().equals("E511") && name(d).equals(e.name())) own.add(d);
            }
            withSyntax.add(new ConfigEntry(e.name(), e.span(), Optional.empty(), own));
        }
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()).thenComparing(Diagnostic::code));
        return new LibrariesConfig(file, Optional.of(text), withSyntax, all);
    }

    /**
     * Whether a TOML text holds nothing but white space, line breaks and comments that TOML 1.0 accepts (no control
     * character but tab in a comment; CR only before LF): then it is an empty table and has no error.
     */
    public static boolean onlyComments(String t) {
        boolean comment = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\n') {
                comment = false;
            } else if (c == '\r') {
                if (i + 1 >= t.length() || t.charAt(i + 1) != '\n') return false;
            } else if (comment) {
                if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
            } else if (c == '#') {
                comment = true;
            } else if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The entry owning a diagnostic's line. */
    private String name(Diagnostic d) {
        String owner = layout.ownerOfLine(text.line(d.span().start()) + 1);
        return owner == null ? "" : owner;
    }

    private Span keySpan(TomlTree.Table table, String key) {
        TomlPosition p = table.position(key);
        return p == null ? Span.EMPTY : layout.keySpan(p);
    }

    private int position(TomlTree.Table table, String key) {
        Span s = layout.entrySpan(key);
        if (s != null) return s.start();
        TomlPosition p = table.position(key);
        return p == null ? Integer.MAX_VALUE : layout.offset(p);
    }

    static String typeName(Object value) {
        if (value instanceof String) return "a string";
        if (value instanceof Long) return "an integer";
        if (value instanceof Double) return "a float";
        if (value instanceof Boolean) return "a boolean";
        if (value instanceof TomlTree.Array) return "an array";
        if (value instanceof TomlTree.Table) return "a table";
        return "a date or time";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------ one entry

    /** Reads one entry; collects its diagnostics (also into the file's list). */
    private final class EntryReader {
        private final String name;
        private final Span span;
        private final Object value;
        private final List<Diagnostic> own = new ArrayList<>();
        private final Map<String, Span> keySpans = new LinkedHashMap<>();
        private boolean rejected;
        private TomlTree.Table table;

        EntryReader(String name, Span span, Object value) {
            this.name = name;
            this.span = span;
            this.value = value;
        }

        private void report(Diagnostic d) {
            own.add(d);
            diagnostics.add(d);
        }

        private void reject(Diagnostic d) {
            report(d);
            rejected = true;
        }

        private String qualified(String key) {
            return "libraries." + (name.matches("[A-Za-z0-9_-]+") ? name : quote(name))
                    + "." + key;
        }

        private Span at(String key) {
            return keySpans.getOrDefault(key, span);
        }

        ConfigEntry read() {
            if (!(value instanceof TomlTree.Table t)) {
                reject(Diagnostic.of(Code.E516, text, span, "libraries." + name,
                        "a table ({ executable = \"...\" } or [libraries." + name + "])", typeName(value)));
                return done(null);
            }
            table = t;
            for (String key : t.keySet()) {
                keySpans.put(key, keySpan(t, key));
                if (!ENTRY_KEYS.contains(key)) {
                    report(Diagnostic.of(Code.W510, text, at(key), key, "in library '" + name + "'"));
                }
            }
            Optional<String> type = string("type");
            Optional<String> executable = string("executable");
            Optional<String> path = string("path");
            Optional<String> pkg = string("package");
            List<String> args = stringArray("args");
            Map<String, String> env = stringTable("env");
            if (rejected) return done(null);
            if (type.isPresent() && !type.get().equals("external") && !type.get().equals("wasm")) {
                reject(Diagnostic.of(Code.E517, text, at("type"), "'" + qualified("type")
                        + "' must be \"external\" or \"wasm\", found " + quote(type.get())));
                return done(null);
            }
            if (pkg.isPresent()) {
                if (type.isPresent() && !type.get().equals("wasm")) {
                    reject(Diagnostic.of(Code.E540, text, at("type"), name, "a package is a WASM plugin: '"
                            + qualified("type") + "' must be \"wasm\" or left out"));
                    return done(null);
                }
                if (path.isPresent()) {
                    reject(Diagnostic.of(Code.E540, text, at("package"), name, "give either 'path' (a .wasm file) or "
                            + "'package' (an npm package), not both"));
                    return done(null);
                }
                return done(wasm(path, executable, pkg));
            }
            String kind;
            if (type.isPresent()) kind = type.get();
            else if (path.isPresent() && path.get().endsWith(".wasm")) kind = "wasm";
            else if (executable.isPresent() || path.isPresent()) kind = "external";
            else {
                reject(Diagnostic.of(Code.E512, text, span, name));
                return done(null);
            }
            return kind.equals("wasm") ? done(wasm(path, executable, Optional.empty()))
                    : done(process(executable, path, args, env));
        }

        private ConfigEntry done(PluginConfig config) {
            return new ConfigEntry(name, span, rejected ? Optional.empty() : Optional.ofNullable(config), own);
        }

        // ---------------------------------------------------------- process plugins

        private PluginConfig process(Optional<String> executable, Optional<String> path, List<String> args,
                                     Map<String, String> env) {
            for (String k : List.of("permissions", "limits")) {
                if (table.has(k)) {
                    report(Diagnostic.of(Code.W512, text, at(k), name, k, "process plugin (only WASM plugins are "
                            + "sandboxed)"));
                }
            }
            if (executable.isEmpty() && path.isEmpty()) {
                reject(Diagnostic.of(Code.E513, text, span, name));
                return null;
            }
            String exeKey = executable.isPresent() ? "executable" : "path";
            String written = executable.orElseGet(path::get);
            String exe;
            try {
                if (written.isEmpty()) {
                    reject(Diagnostic.of(Code.E517, text, at(exeKey), "'" + qualified(exeKey) + "' is empty"));
                    return null;
                }
                exe = exeKey.equals("path") || written.indexOf('/') >= 0
                        ? root.resolve(written).normalize().toString() : written;
            } catch (InvalidPathException e) {
                reject(Diagnostic.of(Code.E517, text, at(exeKey), "'" + qualified(exeKey) + "' is not a valid path: "
                        + e.getReason()));
                return null;
            }
            checkExecutable(exeKey, written, exe, env);
            List<String> resolvedArgs = new ArrayList<>(args.size());
            for (String a : args) resolvedArgs.add(resolveArg(a));
            Duration timeout = duration("timeout", table, "timeout", DEFAULT_PROCESS_TIMEOUT);
            Map<String, Span> spans = new LinkedHashMap<>(keySpans);
            return new ProcessPluginConfig(name, exe, resolvedArgs, env, timeout, span, spans);
        }

        private void checkExecutable(String key, String written, String exe, Map<String, String> env) {
            if (exe.indexOf('/') >= 0) {
                Path p = Path.of(exe);
                if (!Files.exists(p)) {
                    report(Diagnostic.of(Code.E518, text, at(key), name, "executable " + quote(written)
                            + " not found (looked for " + p + ")"));
                } else if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                    report(Diagnostic.of(Code.E518, text, at(key), name, p + " is not an executable file"
                            + (Files.isRegularFile(p) ? " (make it executable: chmod +x, or run it through its "
                            + "interpreter: executable = \"python3\", args = [\"" + written + "\"])" : "")));
                }
                return;
            }
            String pathVar = env.getOrDefault("PATH", environment.getOrDefault("PATH", ""));
            for (String dir : pathVar.split(":")) {
                if (dir.isEmpty()) continue;
                try {
                    Path candidate = Path.of(dir).resolve(exe);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return;
                } catch (InvalidPathException ignored) {
                    // a PATH element that is no path cannot hold the executable
                }
            }
            report(Diagnostic.of(Code.E518, text, at(key), name, "executable " + quote(written)
                    + " not found on PATH"));
        }

        private String resolveArg(String arg) {
            if (arg.isEmpty() || arg.startsWith("-")) return arg;
            try {
                Path p = Path.of(arg);
                if (p.isAbsolute()) return arg;
                Path r = root.resolve(p).normalize();
                return Files.isRegularFile(r) ? r.toString() : arg;
            } catch (InvalidPathException e) {
                return arg;
            }
        }

        // ---------------------------------------------------------- WASM plugins

        private PluginConfig wasm(Optional<String> path, Optional<String> executable, Optional<String> pkg) {
            for (String k : List.of("executable", "args", "env")) {
                if (table.has(k) && !(k.equals("executable") && executable.isEmpty())) {
                    report(Diagnostic.of(Code.W512, text, at(k), name, k, "WASM plugin"));
                }
            }
            if (path.isEmpty() && pkg.isEmpty()) {
                reject(Diagnostic.of(Code.E514, text, span, name));
                return null;
            }
            Path file = null;
            if (pkg.isEmpty()) {
                try {
                    if (path.get().isEmpty()) throw new InvalidPathException("", "empty");
                    file = root.resolve(path.get()).normalize();
                } catch (InvalidPathException e) {
                    reject(Diagnostic.of(Code.E517, text, at("path"), "'" + qualified("path")
                            + "' is not a valid path"));
                    return null;
                }
            }
            Duration timeout = duration("timeout", table, "timeout", DEFAULT_WASM_TIMEOUT);
            long memory = DEFAULT_WASM_MEMORY;
            int output = DEFAULT_WASM_OUTPUT;
            long module = DEFAULT_WASM_MODULE;
            boolean read = false;
            List<String> envNames = new ArrayList<>();
            List<String> network = new ArrayList<>();
            Map<String, Span> spans = new LinkedHashMap<>(keySpans);

            Optional<TomlTree.Table> limits = subTable("limits");
            if (limits.isPresent()) {
                TomlTree.Table l = limits.get();
                for (String k : l.keySet()) {
                    Span s = keySpan(l, k);
                    spans.put("limits." + k, s);
                    if (!LIMIT_KEYS.contains(k)) {
                        report(Diagnostic.of(Code.W510, text, s, k, "in [libraries." + name + ".limits]"));
                    }
                }
                if (l.has("timeout")) timeout = duration("limits.timeout", l, "timeout", DEFAULT_WASM_TIMEOUT);
                memory = size(l, "memory", spans, DEFAULT_WASM_MEMORY, MIN_WASM_MEMORY, MAX_WASM_MEMORY);
                output = (int) size(l, "output", spans, DEFAULT_WASM_OUTPUT, 1, MAX_WASM_OUTPUT);
                module = size(l, "module", spans, DEFAULT_WASM_MODULE, 1024, MAX_WASM_MODULE);
            }
            Optional<TomlTree.Table> permissions = subTable("permissions");
            if (permissions.isPresent()) {
                TomlTree.Table p = permissions.get();
                for (String k : p.keySet()) {
                    Span s = keySpan(p, k);
                    spans.put("permissions." + k, s);
                    if (!PERMISSION_KEYS.contains(k)) {
                        report(Diagnostic.of(Code.W510, text, s, k, "in [libraries." + name + ".permissions]"));
                    }
                }
                read = filesystem(p, spans);
                envNames = environmentNames(p, spans);
                network = networkHosts(p, spans);
            }
            Optional<PackageSource> source = Optional.empty();
            if (pkg.isPresent()) {
                Optional<PackageFile> located = locatePackage(pkg.get(), module,
                        new PluginManifest.Permissions(read, envNames, network));
                if (located.isEmpty()) return null;
                file = located.get().module();
                source = Optional.of(located.get().source());
                checkModuleFile(file.toString(), file, module);
            } else {
                checkModuleFile(path.get(), file, module);
            }
            return new WasmPluginConfig(name, file, timeout, memory, output, module, read, envNames, network, span,
                    spans, source);
        }

        /**
         * The module of {@code package = "name@range"}: the version {@code hielements.lock} holds for this library,
         * opened from the package cache and verified against the lock's integrity; never the network. Each problem
         * rejects the entry with its diagnostic at 'package': a bad value (E540), no lock entry or one for another
         * package or range (E541), not in the cache (E542), a tarball whose hash is not the lock's (E543), not a
         * plugin package (E544). Permissions the manifest asks for beyond {@code granted} are W513.
         */
        private Optional<PackageFile> locatePackage(String written, long moduleLimit,
                                                    PluginManifest.Permissions granted) {
            PackageSpec spec;
            try {
                spec = PackageSpec.parse(written);
            } catch (NpmRange.InvalidRange e) {
                reject(Diagnostic.of(Code.E540, text, at("package"), name, "package " + quote(written) + ": "
                        + e.getMessage()));
                return Optional.empty();
            }
            Lockfile lock;
            try {
                lock = lock();
            } catch (Lockfile.Unreadable e) {
                reject(Diagnostic.of(Code.E541, text, at("package"), name, e.getMessage() + "; run 'hielements "
                        + "plugins update' to write it again"));
                return Optional.empty();
            }
            Optional<Lockfile.Entry> locked = lock.entry(name);
            if (locked.isEmpty()) {
                reject(Diagnostic.of(Code.E541, text, at("package"), name, quote(written) + " is not in "
                        + Lockfile.FILE_NAME + ": run 'hielements plugins update " + name + "' to resolve and lock "
                        + "it"));
                return Optional.empty();
            }
            Lockfile.Entry e = locked.get();
            if (!e.matches(spec)) {
                reject(Diagnostic.of(Code.E541, text, at("package"), name, Lockfile.FILE_NAME + " holds "
                        + e.name() + "@" + e.version() + ", which is not " + quote(written) + ": run 'hielements "
                        + "plugins update " + name + "' to lock a matching version"));
                return Optional.empty();
            }
            String label = e.name() + "@" + e.version();
            PackageCache.Opened opened;
            try {
                opened = PackageCache.of(environment).open(e.integrity(), moduleLimit);
            } catch (PackageCache.Problem p) {
                Code code = switch (p.kind()) {
                    case MISSING, IO -> Code.E542;
                    case TAMPERED -> Code.E543;
                    case INVALID -> Code.E544;
                };
                String advice = p.kind() == PackageCache.Problem.Kind.MISSING
                        ? ": run 'hielements plugins install' (it downloads the locked versions and verifies them)" : "";
                reject(Diagnostic.of(code, text, at("package"), name, label + " (locked): " + p.getMessage()
                        + advice));
                return Optional.empty();
            }
            PluginManifest.Permissions asked = opened.pkg().manifest().permissions();
            PluginManifest.Permissions beyond = asked.beyond(granted);
            if (!beyond.isEmpty()) {
                report(Diagnostic.of(Code.W513, text, at("package"), name, beyond.describe(),
                        granted.isEmpty() ? "no permission" : "only " + granted.describe()));
            }
            return Optional.of(new PackageFile(opened.module(), new PackageSource(e.name(), spec.range().text(),
                    e.version(), e.integrity(), asked)));
        }

        /** The module file: missing, not a regular file (never read), or over the module limit: E518 at 'path'. */
        private void checkModuleFile(String written, Path file, long limit) {
            if (!Files.exists(file)) {
                report(Diagnostic.of(Code.E518, text, at("path"), name, "WASM module " + quote(written)
                        + " not found (looked for " + file + ")"));
                return;
            }
            try {
                InputFile.checkRegular(file);
                long size = Files.size(file);
                if (size > limit) {
                    report(Diagnostic.of(Code.E518, text, at("path"), name, "WASM module " + file + " is larger than "
                            + "the module limit of " + InputFile.human(limit) + " (" + InputFile.human(size)
                            + "); it is not read (raise [libraries." + name + ".limits] module to load it)"));
                }
            } catch (InputFile.Refused e) {
                report(Diagnostic.of(Code.E518, text, at("path"), name, file + " " + e.getMessage()
                        + "; a WASM module is read only from a regular file"));
            } catch (IOException e) {
                report(Diagnostic.of(Code.E518, text, at("path"), name, file + " cannot be read: " + e.getMessage()));
            }
        }

        private boolean filesystem(TomlTree.Table p, Map<String, Span> spans) {
            Optional<List<String>> fs = permissionList(p, "filesystem", spans);
            if (fs.isEmpty() || fs.get().isEmpty()) return false;
            Span s = spans.get("permissions.filesystem");
            for (String item : fs.get()) {
                if (item.equals("write")) {
                    report(Diagnostic.of(Code.E520, text, s, name, "filesystem \"write\" is refused: plugins observe "
                            + "the workspace, they never change it; no filesystem access is granted "
                            + "(use filesystem = [\"read\"])"));
                    return false;
                }
                if (!item.equals("read") && !item.equals("workspace-only")) {
                    report(Diagnostic.of(Code.E520, text, s, name, "unknown filesystem permission " + quote(item)
                            + " (allowed: \"read\", \"workspace-only\"); no filesystem access is granted"));
                    return false;
                }
            }
            return fs.get().contains("read");
        }

        /**
         * {@code permissions.network}: each entry {@code host:port} (kept as {@code WasmPolicy.hostPort} writes it);
         * one that is not refuses them all (E520 at the key: no network is granted).
         */
        private List<String> networkHosts(TomlTree.Table p, Map<String, Span> spans) {
            Optional<List<String>> hosts = permissionList(p, "network", spans);
            if (hosts.isEmpty()) return List.of();
            List<String> out = new ArrayList<>();
            for (String h : hosts.get()) {
                Optional<String> hostPort = WasmPolicy.hostPort(h);
                if (hostPort.isEmpty()) {
                    report(Diagnostic.of(Code.E520, text, spans.get("permissions.network"), name, "network entry "
                            + quote(h) + " is not host:port (a host name or address, then a port from 1 to 65535, "
                            + "such as \"example.org:443\"; no scheme, path or wildcard); no network access is granted"));
                    return List.of();
                }
                if (!out.contains(hostPort.get())) out.add(hostPort.get());
            }
            return out;
        }

        private List<String> environmentNames(TomlTree.Table p, Map<String, Span> spans) {
            Optional<List<String>> names = permissionList(p, "environment", spans);
            if (names.isEmpty()) return List.of();
            for (String n : names.get()) {
                if (n.isEmpty() || n.indexOf('=') >= 0 || n.indexOf('\0') >= 0) {
                    report(Diagnostic.of(Code.E520, text, spans.get("permissions.environment"), name,
                            "environment variable name " + quote(n) + " is not valid; no environment is granted"));
                    return List.of();
                }
            }
            return names.get();
        }

        private Optional<List<String>> permissionList(TomlTree.Table p, String key, Map<String, Span> spans) {
            Object v = p.get(key);
            if (v == null) return Optional.empty();
            Span s = spans.get("permissions." + key);
            if (!(v instanceof TomlTree.Array arr) || !allStrings(arr)) {
                report(Diagnostic.of(Code.E516, text, s, qualified("permissions." + key), "an array of strings",
                        describe(v)));
                report(Diagnostic.of(Code.E520, text, s, name, "'" + key + "' is not understood, so nothing is "
                        + "granted"));
                return Optional.of(List.of());
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) out.add(arr.getString(i));
            return Optional.of(out);
        }

        private Optional<TomlTree.Table> subTable(String key) {
            Object v = table.get(key);
            if (v == null) return Optional.empty();
            if (v instanceof TomlTree.Table t) return Optional.of(t);
            report(Diagnostic.of(Code.E516, text, at(key), qualified(key), "a table ([libraries." + name + "." + key
                    + "])", typeName(v)));
            return Optional.empty();
        }

        private long size(TomlTree.Table l, String key, Map<String, Span> spans, long dflt, long min, long max) {
            Object v = l.get(key);
            if (v == null) return dflt;
            Span s = spans.get("limits." + key);
            Optional<Long> bytes = v instanceof Long n ? Optional.of(n)
                    : v instanceof String str ? Units.parseSize(str) : Optional.empty();
            if (bytes.isEmpty()) {
                report(Diagnostic.of(Code.E519, text, s, name, "limits." + key + " must be a size such as \"64MiB\" "
                        + "or \"512KiB\", found " + (v instanceof String str ? quote(str) : typeName(v)),
                        Units.humanSize(dflt)));
                return dflt;
            }
            if (bytes.get() < min || bytes.get() > max) {
                report(Diagnostic.of(Code.E519, text, s, name, "limits." + key + " must be between "
                        + Units.humanSize(min) + " and " + Units.humanSize(max) + ", found "
                        + (v instanceof String str ? quote(str) : v), Units.humanSize(dflt)));
                return dflt;
            }
            return bytes.get();
        }

        private Duration duration(String label, TomlTree.Table t, String key, Duration dflt) {
            Object v = t.get(key);
            if (v == null) return dflt;
            Span s = t == table ? at(key) : keySpan(t, key);
            Optional<Duration> d = v instanceof String str ? Units.parseDuration(str) : Optional.empty();
            if (d.isEmpty()) {
                report(Diagnostic.of(Code.E519, text, s, name, label + " must be a duration such as \"10s\" or "
                        + "\"500ms\", found " + (v instanceof String str ? quote(str) : typeName(v)),
                        Units.human(dflt)));
                return dflt;
            }
            if (d.get().isZero() || d.get().compareTo(MAX_TIMEOUT) > 0) {
                report(Diagnostic.of(Code.E519, text, s, name, label + " must be more than 0 and at most "
                        + Units.human(MAX_TIMEOUT) + ", found " + quote((String) v), Units.human(dflt)));
                return dflt;
            }
            return d.get();
        }

        // ---------------------------------------------------------- typed reads (wrong type: the entry is not loaded)

        private Optional<String> string(String key) {
            Object v = table.get(key);
            if (v == null) return Optional.empty();
            if (v instanceof String s) return Optional.of(s);
            reject(Diagnostic.of(Code.E516, text, at(key), qualified(key), "a string", typeName(v)));
            return Optional.empty();
        }

        private List<String> stringArray(String key) {
            Object v = table.get(key);
            if (v == null) return List.of();
            if (v instanceof TomlTree.Array arr && allStrings(arr)) {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < arr.size(); i++) out.add(arr.getString(i));
                return out;
            }
            reject(Diagnostic.of(Code.E516, text, at(key), qualified(key), "an array of strings", describe(v)));
            return List.of();
        }

        private Map<String, String> stringTable(String key) {
            Object v = table.get(key);
            if (v == null) return Map.of();
            if (v instanceof TomlTree.Table t) {
                Map<String, String> out = new LinkedHashMap<>();
                for (String k : t.keySet()) {
                    Object item = t.get(k);
                    if (!(item instanceof String s)) {
                        reject(Diagnostic.of(Code.E516, text, keySpan(t, k), qualified(key) + "." + k,
                                "a string", typeName(item)));
                        return Map.of();
                    }
                    out.put(k, s);
                }
                return out;
            }
            reject(Diagnostic.of(Code.E516, text, at(key), qualified(key), "a table of strings", typeName(v)));
            return Map.of();
        }
    }

    private static boolean allStrings(TomlTree.Array arr) {
        for (int i = 0; i < arr.size(); i++) {
            if (!arr.isString(i)) return false;
        }
        return true;
    }

    /** The type of a value, saying which items are wrong in an array of the wrong kind. */
    private static String describe(Object v) {
        if (v instanceof TomlTree.Array arr) {
            for (int i = 0; i < arr.size(); i++) {
                if (!arr.isString(i)) return "an array holding " + typeName(arr.get(i));
            }
        }
        return typeName(v);
    }
}
