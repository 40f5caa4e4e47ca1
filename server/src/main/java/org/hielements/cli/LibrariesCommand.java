package org.hielements.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.FunctionDoc;
import org.hielements.library.Library;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryKind;
import org.hielements.library.ParameterDoc;
import org.hielements.library.Workspace;
import org.hielements.library.config.ConfigEntry;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.PackageSource;
import org.hielements.library.config.WasmPluginConfig;
import org.hielements.library.registry.PluginManifest;
import org.hielements.library.config.LibraryStatus;
import org.hielements.library.wasm.WasmLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hielements libraries [-w DIR] [-f human|json]}: every library of a workspace with its kind, status, load time,
 * functions and problems. Process plugins are started to ask their documentation; WASM plugins get a trial call of
 * {@code library_call} and {@code library_check}, so a plugin author sees what is wrong with their module.
 */
@Command(name = "libraries", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Lists every library of a workspace: the built-ins and the plugins of its hielements.toml, with "
                + "their kind, status, load time, functions and problems.",
            "Process plugins are started to ask for their documentation; WASM plugins are loaded and given a trial "
                + "call. Problems of hielements.toml are shown at their line."},
        footer = {"", "Exit codes: 0 every library is usable, 1 a library is broken or hielements.toml has an error, "
                + "2 usage error."})
final class LibrariesCommand implements Callable<Integer> {
    enum Format { human, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--format"}, defaultValue = "human", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "The workspace whose hielements.toml names the plugins (default: the folder holding the "
                    + "hielements.toml nearest above the current folder, else the current folder).")
    Path workspace;

    /** One library as reported: its status plus what was learnt by asking it. */
    private record Row(LibraryStatus status, Optional<LibraryDoc> functions, List<String> problems) {}

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (workspace != null && !Files.isDirectory(workspace)) {
            err.println("error: the workspace '" + Terminal.line(workspace) + "' is not a folder");
            return 2;
        }
        Path root = workspace != null ? workspace.toAbsolutePath().normalize()
                : Workspaces.rootOf(Path.of("").toAbsolutePath().resolve(Workspaces.CONFIG));
        try (Libraries libs = Libraries.load(root, new Libraries.Options(true, null, Main.environment()))) {
            libs.describeAll();
            List<Row> rows = new ArrayList<>();
            Workspace ws = Workspace.of(libs.root());
            for (LibraryStatus s : libs.statuses()) rows.add(row(libs, s, ws));
            if (format == Format.json) json(out, libs, rows);
            else human(out, libs, rows);
            out.flush();
            boolean broken = rows.stream().anyMatch(r -> !r.status().usable());
            boolean errors = libs.diagnostics().stream().anyMatch(Diagnostic::isError);
            return broken || errors ? 1 : 0;
        }
    }

    private static Row row(Libraries libs, LibraryStatus s, Workspace ws) {
        List<String> problems = new ArrayList<>(s.problems());
        Optional<LibraryDoc> functions = Optional.empty();
        Optional<Library> lib = libs.plugins().containsKey(s.name()) ? Optional.of(libs.plugins().get(s.name()))
                : libs.bundled().containsKey(s.name()) ? Optional.of(libs.bundled().get(s.name()))
                : s.kind().equals(Optional.of(LibraryKind.BUILTIN)) ? libs.registry().get(s.name()) : Optional.empty();
        if (lib.isPresent() && (s.state() != LibraryStatus.State.SHADOWED)) {
            functions = lib.get().knownFunctions();
            if (lib.get() instanceof WasmLibrary w) problems.addAll(w.trialProblems(ws));
        }
        return new Row(s, functions, problems);
    }

    // ------------------------------------------------------------------ human

    private static void human(PrintWriter out, Libraries libs, List<Row> rows) {
        out.println("Workspace: " + Terminal.line(libs.root()));
        out.println("Configuration: " + Terminal.line(libs.config().source().isPresent()
                ? libs.config().file().toString()
                : "none (" + libs.config().file().getFileName() + " not found: built-in libraries only)"));
        for (Row r : rows) {
            LibraryStatus s = r.status();
            out.println();
            StringBuilder head = new StringBuilder(s.name()).append(" (").append(kind(s)).append(")  ")
                    .append(s.state().word());
            if (!s.loadTime().isZero()) {
                head.append(", ").append(s.kind().equals(Optional.of(LibraryKind.PROCESS)) ? "started in "
                        : "loaded in ").append(millis(s.loadTime()));
            }
            out.println(Terminal.line(head));
            if (!s.origin().isEmpty() && !s.origin().equals("built-in")) out.println("  from: " + Terminal.line(s.origin()));
            Optional<PackageSource> src = packageSource(libs, s.name());
            if (src.isPresent()) {
                WasmPluginConfig wc = wasmConfig(libs, s.name()).orElseThrow();
                out.println("  package: " + Terminal.line(src.get().label() + " (range \"" + src.get().range()
                        + "\", integrity " + src.get().integrity().sri() + ")"));
                out.println("  permissions asked: " + Terminal.line(src.get().asked().describe()) + "; granted: "
                        + Terminal.line(wc.granted().describe()));
            }
            if (r.functions().isPresent()) {
                LibraryDoc d = r.functions().get();
                boolean signatures = !s.kind().equals(Optional.of(LibraryKind.BUILTIN));
                out.println("  selectors: " + Terminal.line(list(d.functions(), signatures)));
                out.println("  checks: " + Terminal.line(list(d.checks(), signatures)));
            } else if (s.usable()) {
                out.println("  functions: unknown (the plugin answers neither library.doc nor library.metadata)");
            }
            for (String p : r.problems()) out.println("  problem: " + Terminal.line(p));
        }
        if (!libs.diagnostics().isEmpty()) out.println();
        for (Diagnostic d : libs.diagnostics()) {
            out.println(d.severity().word() + "[" + d.code() + "]: " + Terminal.line(d.message()));
            out.println("  --> " + OutcomePrinter.location(d.source(), d.span().start()));
        }
    }

    private static Optional<WasmPluginConfig> wasmConfig(Libraries libs, String name) {
        return libs.config().entry(name).flatMap(ConfigEntry::config)
                .filter(WasmPluginConfig.class::isInstance).map(WasmPluginConfig.class::cast);
    }

    private static Optional<PackageSource> packageSource(Libraries libs, String name) {
        return wasmConfig(libs, name).flatMap(WasmPluginConfig::source);
    }

    private static String kind(LibraryStatus s) {
        if (s.kind().isEmpty()) return "unknown kind";
        return switch (s.kind().get()) {
            case BUILTIN -> "built-in";
            case PROCESS -> "process plugin";
            case WASM -> s.origin().startsWith("bundled: ") ? "bundled WASM library" : "WASM plugin";
        };
    }

    private static String list(List<FunctionDoc> fs, boolean signatures) {
        if (fs.isEmpty()) return "(none)";
        List<String> parts = new ArrayList<>();
        for (FunctionDoc f : fs) parts.add(signatures && f.arityKnown() ? f.signature() : f.name());
        return String.join(", ", parts);
    }

    static String millis(Duration d) {
        double ms = d.toNanos() / 1_000_000.0;
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : Math.round(ms) + " ms";
    }

    // ------------------------------------------------------------------ json

    private static void json(PrintWriter out, Libraries libs, List<Row> rows) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("workspace", libs.root().toString());
        if (libs.config().source().isPresent()) root.put("config", libs.config().file().toString());
        else root.putNull("config");
        ArrayNode arr = root.putArray("libraries");
        for (Row r : rows) {
            LibraryStatus s = r.status();
            ObjectNode o = arr.addObject();
            o.put("name", s.name());
            if (s.kind().isPresent()) o.put("kind", s.kind().get().name().toLowerCase(Locale.ROOT));
            else o.putNull("kind");
            o.put("status", s.state().word());
            o.put("origin", s.origin());
            o.put("load_time_ms", Math.round(s.loadTime().toNanos() / 100_000.0) / 10.0);
            if (r.functions().isPresent()) {
                ArrayNode fs = o.putArray("functions");
                for (FunctionDoc f : r.functions().get().functions()) fs.add(function(f, "selector"));
                for (FunctionDoc f : r.functions().get().checks()) fs.add(function(f, "check"));
            } else {
                o.putNull("functions");
            }
            Optional<PackageSource> src = packageSource(libs, s.name());
            if (src.isPresent()) {
                ObjectNode p = o.putObject("package");
                p.put("name", src.get().name());
                p.put("range", src.get().range());
                p.put("version", src.get().version());
                p.put("integrity", src.get().integrity().sri());
                permissions(p.putObject("permissions_asked"), src.get().asked());
                permissions(p.putObject("permissions_granted"), wasmConfig(libs, s.name()).orElseThrow().granted());
            }
            ArrayNode ps = o.putArray("problems");
            r.problems().forEach(ps::add);
        }
        ArrayNode ds = root.putArray("diagnostics");
        for (Diagnostic d : libs.diagnostics()) ds.add(Json.diagnostic(d));
        out.println(Json.pretty(root));
    }

    private static void permissions(ObjectNode o, PluginManifest.Permissions p) {
        ArrayNode fs = o.putArray("filesystem");
        if (p.readWorkspace()) fs.add("read");
        ArrayNode env = o.putArray("environment");
        p.environment().forEach(env::add);
        ArrayNode net = o.putArray("network");
        p.network().forEach(net::add);
    }

    private static ObjectNode function(FunctionDoc f, String kind) {
        ObjectNode o = Json.NODES.objectNode();
        o.put("name", f.name());
        o.put("kind", kind);
        if (f.arityKnown()) {
            ArrayNode ps = o.putArray("parameters");
            for (ParameterDoc p : f.parameters()) {
                ObjectNode po = ps.addObject();
                po.put("name", p.name());
                po.put("type", p.type());
            }
        } else {
            o.putNull("parameters");
        }
        o.put("return_type", f.returnType());
        return o;
    }
}
