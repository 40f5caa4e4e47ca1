package org.hielements.library.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.hielements.diagnostics.Code;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.Library;
import org.hielements.library.LibraryError;
import org.hielements.library.LibraryKind;
import org.hielements.library.LibraryRegistry;
import org.hielements.library.Workspace;
import org.hielements.library.process.ProcessLibrary;
import org.hielements.library.process.ProcessPluginSpec;
import org.hielements.library.wasm.WasmLibrary;
import org.hielements.wasm.WasmHost;

/**
 * The libraries of one workspace: the built-ins plus every loadable plugin of its {@code hielements.toml}, with the
 * configuration's diagnostics (and those found while loading: a name shadowing a built-in, E515; a WASM module that
 * does not load, E521) and the status of each library.
 *
 * <pre>{@code
 * try (Libraries libs = Libraries.load(root, Libraries.Options.defaults())) {
 *     LibraryRegistry registry = libs.registry();      // KnownLibraries.of(registry) for the semantic checks
 *     List<Diagnostic> problems = libs.diagnostics();  // all in hielements.toml
 * }
 * }</pre>
 * Loading reads only {@code hielements.toml}: every plugin is lazy. A process plugin starts on its first call or its
 * first {@link Library#documentation()}; a WASM module is read, compiled and asked for its {@code library_doc} the
 * first time anything needs it (a call, {@link Library#knownFunctions()}, its documentation or status). So a library
 * no check calls is never started, read or compiled, and a broken one breaks only its own calls. The diagnostics of a
 * WASM module that does not load (E521) are there once it was tried. {@link #describeAll()} loads and asks them all
 * on purpose ({@code hielements libraries}, {@code doc}, the editor's completion); {@link #close()} stops every plugin
 * process.
 */
public final class Libraries implements AutoCloseable {

    /**
     * The libraries shipped in the product as WASM modules (name to classpath resource), registered in every workspace
     * like a built-in but loaded through the WASM plugin path, with the workspace mounted read-only; a
     * {@code hielements.toml} entry of the same name replaces one.
     */
    public static final Map<String, String> BUNDLED = Map.of("typescript", "org/hielements/library/wasm/typescript.wasm");

    /** The sandbox of a bundled library: the workspace read-only, 512 MiB, 120 s per call (a large repository). */
    static org.hielements.wasm.WasmPolicy bundledPolicy(Path root) {
        return org.hielements.wasm.WasmPolicy.builder()
                .memoryLimitBytes(512L << 20)
                .timeout(Duration.ofSeconds(120))
                .readOnlyWorkspace(root)
                .build();
    }

    /**
     * How to load.
     *
     * @param allowProcess the trust switch: whether process plugins may be started (default true for the command line;
     *                     the language server follows the client's workspace trust)
     * @param wasmHost     the WASM host (default {@link WasmLibrary#sharedHost()})
     * @param environment  the environment process plugins inherit and WASM allow-lists copy from (default ours)
     */
    public record Options(boolean allowProcess, WasmHost wasmHost, Map<String, String> environment) {
        public Options {
            Objects.requireNonNull(environment, "environment");
        }

        public static Options defaults() {
            return new Options(true, null, System.getenv());
        }

        public Options withAllowProcess(boolean allow) {
            return new Options(allow, wasmHost, environment);
        }

        public Options withWasmHost(WasmHost host) {
            return new Options(allowProcess, host, environment);
        }

        WasmHost host() {
            return wasmHost != null ? wasmHost : WasmLibrary.sharedHost();
        }
    }

    private final Path root;
    private final LibrariesConfig config;
    private final LibraryRegistry registry;
    private final List<Diagnostic> diagnostics;
    private final Map<String, Library> plugins;
    private final Map<String, Duration> loadTimes;
    private final Map<String, LibraryStatus.State> refused;
    private final Map<String, WasmLibrary> bundled;

    private Libraries(Path root, LibrariesConfig config, LibraryRegistry registry, List<Diagnostic> diagnostics,
                      Map<String, Library> plugins, Map<String, Duration> loadTimes,
                      Map<String, LibraryStatus.State> refused, Map<String, WasmLibrary> bundled) {
        this.root = root;
        this.config = config;
        this.registry = registry;
        this.diagnostics = List.copyOf(diagnostics);
        this.plugins = plugins;
        this.loadTimes = loadTimes;
        this.refused = refused;
        this.bundled = bundled;
    }

    /** The libraries of the workspace at {@code workspaceRoot}, with the default options. */
    public static Libraries load(Path workspaceRoot) {
        return load(workspaceRoot, Options.defaults());
    }

    public static Libraries load(Path workspaceRoot, Options options) {
        Path root = Workspace.of(workspaceRoot).root();
        return build(root, ConfigLoader.load(root, options.environment()), options);
    }

    /** The libraries of an already read configuration (an editor's unsaved {@code hielements.toml}). */
    public static Libraries build(Path workspaceRoot, LibrariesConfig config, Options options) {
        Path root = workspaceRoot.toAbsolutePath().normalize();
        LibraryRegistry registry = LibraryRegistry.withBuiltins();
        List<Diagnostic> diagnostics = new ArrayList<>(config.diagnostics());
        Map<String, Library> plugins = new LinkedHashMap<>();
        Map<String, Duration> loadTimes = new LinkedHashMap<>();
        Map<String, LibraryStatus.State> refused = new LinkedHashMap<>();
        for (PluginConfig pc : config.plugins()) {
            if (registry.isBuiltin(pc.name())) {
                config.source().ifPresent(src -> diagnostics.add(Diagnostic.of(Code.E515, src, pc.span(), pc.name())));
                refused.put(pc.name(), LibraryStatus.State.SHADOWED);
                continue;
            }
            long t0 = System.nanoTime();
            Library lib;
            if (pc instanceof WasmPluginConfig wc) {
                lib = WasmLibrary.lazy(wc.name(), wc.path(), WasmLibrary.policy(wc, root, options.environment()),
                        options.host());
            } else {
                ProcessPluginConfig p = (ProcessPluginConfig) pc;
                lib = new ProcessLibrary(ProcessPluginSpec.of(p, root, options.allowProcess()));
            }
            loadTimes.put(pc.name(), Duration.ofNanos(System.nanoTime() - t0));
            Optional<LibraryError> err = registry.register(lib);
            if (err.isPresent()) {
                // TOML keys are unique and built-ins are checked above: only a programming error gets here
                lib.close();
                refused.put(pc.name(), LibraryStatus.State.SHADOWED);
                continue;
            }
            plugins.put(pc.name(), lib);
        }
        Map<String, WasmLibrary> bundled = new java.util.TreeMap<>();
        for (Map.Entry<String, String> b : BUNDLED.entrySet()) {
            // an entry of that name, even a broken one, replaces the bundled library
            if (config.entry(b.getKey()).isPresent() || registry.has(b.getKey())) continue;
            WasmLibrary lib = WasmLibrary.bundled(b.getKey(), b.getValue(), bundledPolicy(root), options.host());
            if (registry.register(lib).isEmpty()) bundled.put(b.getKey(), lib);
        }
        return new Libraries(root, config, registry, diagnostics, plugins, loadTimes, refused, bundled);
    }

    public Path root() {
        return root;
    }

    public LibrariesConfig config() {
        return config;
    }

    /** Built-ins plus every loaded plugin. */
    public LibraryRegistry registry() {
        return registry;
    }

    /**
     * Every diagnostic about {@code hielements.toml}, sorted by position: those of the file, then E521 for each WASM
     * module tried so far that does not load (and whose file is not already reported missing or unreadable, E518).
     */
    public List<Diagnostic> diagnostics() {
        List<Diagnostic> all = new ArrayList<>(diagnostics);
        for (Library lib : plugins.values()) {
            if (!(lib instanceof WasmLibrary w) || !w.attempted() || w.loadError().isEmpty()) continue;
            WasmPluginConfig wc = (WasmPluginConfig) config.entry(w.name()).flatMap(ConfigEntry::config).orElseThrow();
            boolean fileReported = config.entry(wc.name()).map(e -> e.diagnostics().stream()
                    .anyMatch(d -> d.code().equals("E518"))).orElse(false);
            if (fileReported) continue;
            String problems = String.join("; ", w.problems());
            config.source().ifPresent(src -> all.add(Diagnostic.of(Code.E521, src, wc.spanOf("path"), wc.name(),
                    "the WASM module " + wc.path().getFileName() + " does not load: " + problems)));
        }
        all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()).thenComparing(Diagnostic::code));
        return List.copyOf(all);
    }

    /** The configured plugins that were registered, by name, in file order. */
    public Map<String, Library> plugins() {
        return java.util.Collections.unmodifiableMap(plugins);
    }

    /**
     * Asks every library for its documentation (a process plugin is started for {@code library.metadata} and
     * {@code library.doc}, within its timeout), so that {@link Library#knownFunctions()} is known for the semantic
     * checks and {@code doc}. Process plugins of an untrusted workspace are not started.
     */
    public void describeAll() {
        for (Library lib : registry.libraries()) lib.documentation();
    }

    /** The bundled libraries registered (those no {@code hielements.toml} entry replaced), by name. */
    public Map<String, WasmLibrary> bundled() {
        return java.util.Collections.unmodifiableMap(bundled);
    }

    /**
     * The status of every library: built-ins first, then the bundled WASM libraries, then the entries of
     * {@code hielements.toml} in file order.
     */
    public List<LibraryStatus> statuses() {
        List<LibraryStatus> out = new ArrayList<>();
        for (Library lib : registry.libraries()) {
            if (lib.kind() == LibraryKind.BUILTIN) {
                out.add(new LibraryStatus(lib.name(), Optional.of(LibraryKind.BUILTIN), LibraryStatus.State.READY,
                        "built-in", Duration.ZERO, List.of()));
            }
        }
        for (WasmLibrary w : bundled.values()) {
            List<String> problems = new ArrayList<>();
            for (String p : w.problems()) problems.add(w.loadError().isPresent() ? "does not load: " + p : p);
            out.add(new LibraryStatus(w.name(), Optional.of(LibraryKind.WASM),
                    w.isLoaded() ? LibraryStatus.State.READY : LibraryStatus.State.FAILED, w.origin(), w.loadTime(),
                    problems));
        }
        for (ConfigEntry entry : config.entries()) out.add(status(entry));
        return out;
    }

    public Optional<LibraryStatus> status(String name) {
        return statuses().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private LibraryStatus status(ConfigEntry entry) {
        List<String> problems = new ArrayList<>();
        for (Diagnostic d : entry.diagnostics()) problems.add(describe(d));
        String name = entry.name();
        if (refused.containsKey(name)) {
            PluginConfig pc = entry.config().orElseThrow();
            for (Diagnostic d : diagnostics) {
                if (d.code().equals("E515") && d.span().equals(pc.span())) problems.add(describe(d));
            }
            return new LibraryStatus(name, Optional.of(kindOf(pc)), LibraryStatus.State.SHADOWED, origin(pc),
                    Duration.ZERO, problems);
        }
        Library lib = plugins.get(name);
        if (lib == null) {
            return new LibraryStatus(name, entry.config().map(Libraries::kindOf), LibraryStatus.State.NOT_LOADED,
                    entry.config().map(Libraries::origin).orElse(""), Duration.ZERO, problems);
        }
        PluginConfig pc = entry.config().orElseThrow();
        if (lib instanceof WasmLibrary w) {
            for (String p : w.problems()) {
                if (w.loadError().isPresent()) problems.add("does not load: " + p);
                else problems.add(p);
            }
            LibraryStatus.State state = w.isLoaded() ? LibraryStatus.State.READY : LibraryStatus.State.FAILED;
            return new LibraryStatus(name, Optional.of(LibraryKind.WASM), state, origin(pc), w.loadTime(), problems);
        }
        ProcessLibrary p = (ProcessLibrary) lib;
        LibraryStatus.State state = switch (p.state()) {
            case NOT_STARTED -> LibraryStatus.State.NOT_STARTED;
            case RUNNING -> LibraryStatus.State.READY;
            case STOPPED -> LibraryStatus.State.STOPPED;
            case DISABLED, CLOSED -> LibraryStatus.State.FAILED;
            case NOT_ALLOWED -> LibraryStatus.State.NOT_ALLOWED;
        };
        p.lastProblem().ifPresent(problems::add);
        problems.addAll(p.documentationProblems());
        if (state == LibraryStatus.State.NOT_ALLOWED) {
            problems.add("the workspace is not trusted: process plugins are not started (set "
                    + "hielements.plugins.allowProcess to true for a folder you trust)");
        }
        return new LibraryStatus(name, Optional.of(LibraryKind.PROCESS), state, origin(pc),
                p.lastStartTime().orElse(Duration.ZERO), problems);
    }

    private static LibraryKind kindOf(PluginConfig pc) {
        return pc instanceof WasmPluginConfig ? LibraryKind.WASM : LibraryKind.PROCESS;
    }

    private static String origin(PluginConfig pc) {
        if (pc instanceof WasmPluginConfig w) {
            return w.source().map(src -> "package " + src.label() + " (" + w.path() + ")").orElse(w.path().toString());
        }
        return String.join(" ", ((ProcessPluginConfig) pc).command());
    }

    /** {@code hielements.toml:3:5: E516 message}. */
    private static String describe(Diagnostic d) {
        return "hielements.toml:" + d.source().cliLine(d.span().start()) + ":" + d.source().cliColumn(d.span().start())
                + ": " + d.code() + " " + d.message();
    }

    /** Closes every plugin: processes stopped (input closed, 500 ms, then killed), WASM instances released. */
    @Override
    public void close() {
        registry.close();
    }
}
