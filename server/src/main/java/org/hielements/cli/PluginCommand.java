package org.hielements.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.hielements.library.CallContext;
import org.hielements.library.CheckResult;
import org.hielements.library.FunctionDoc;
import org.hielements.library.LibraryDoc;
import org.hielements.library.LibraryException;
import org.hielements.library.ParameterDoc;
import org.hielements.library.Scope;
import org.hielements.library.ScopeKind;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.wasm.WasmLibrary;
import org.hielements.syntax.TokenKind;
import org.hielements.wasm.ExportInfo;
import org.hielements.wasm.WasmPlugin;
import org.hielements.wasm.WasmPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hielements plugin new|test}: for plugin authors. */
@Command(name = "plugin", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "For plugin authors: start a WASM plugin project (new) and try a built module as the host would "
                + "(test).",
        subcommands = {PluginCommand.New.class, PluginCommand.Test.class})
final class PluginCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code hielements plugin new NAME --lang c|rust|assemblyscript [-d DIR]}. */
    @Command(name = "new", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Creates DIR/NAME: a WASM plugin project on the SDK of the language, with a sample "
                    + "selector, a sample check, a hielements.toml and checks.hie that use them, build.sh (one "
                    + "command builds NAME.wasm) and test.sh (builds, runs 'hielements plugin test' and "
                    + "'hielements check'), package.json and hielements-plugin.json (ready for 'npm publish': "
                    + "docs/REGISTRY.md).",
                "Never overwrites: an existing DIR/NAME is an error and nothing is written."},
            footer = {"", "Exit codes: 0 created, 2 bad name, existing folder, or a file that cannot be written."})
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The library's name (letters, digits and '_', not starting "
                + "with a digit): the folder, the module NAME.wasm and the name in hielements.toml.")
        String name;

        @Option(names = "--lang", required = true, paramLabel = "LANG",
                description = "The language: ${COMPLETION-CANDIDATES}.")
        PluginTemplates.Lang lang;

        @Option(names = {"-d", "--directory"}, paramLabel = "DIR", defaultValue = ".",
                description = "Where to create the NAME folder (default: the current folder).")
        Path directory;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || TokenKind.keyword(name) != null) {
                err.println("error: '" + name + "' is not a valid library name: use letters, digits and '_', not "
                        + "starting with a digit, not a keyword (it is how .hie files call the plugin: NAME.function())");
                return 2;
            }
            Path project = directory.resolve(name).toAbsolutePath().normalize();
            if (Files.exists(project, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                err.println("error: '" + project + "' already exists; nothing was written");
                return 2;
            }
            String refused = SafeWrite.refusal(project);
            if (refused != null) {
                err.println("error: " + refused + "; nothing was written");
                return 2;
            }
            Map<String, String> files;
            try {
                files = PluginTemplates.files(lang, name);
            } catch (IOException e) {
                err.println("error: the " + lang + " templates cannot be read: " + e.getMessage());
                return 2;
            }
            try {
                Files.createDirectories(project);
                for (Map.Entry<String, String> f : files.entrySet()) {
                    Path target = project.resolve(f.getKey());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, f.getValue(), java.nio.charset.StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE_NEW);
                    if (f.getKey().endsWith(".sh")) target.toFile().setExecutable(true);
                }
            } catch (IOException e) {
                err.println("error: cannot write '" + project + "': " + e.getMessage());
                return 2;
            }
            out.println("created " + project + " (" + lang + " plugin '" + name + "', " + files.size() + " files)");
            out.println("  build:  cd " + project + " && ./build.sh      (gives " + name + ".wasm)");
            out.println("  test:   ./test.sh                (hielements plugin test, then hielements check)");
            out.println("  needs:  " + PluginTemplates.needs(lang));
            out.println("  share:  npm publish              (package " + PluginTemplates.packageName(name)
                    + "; others: hielements plugins add " + PluginTemplates.packageName(name) + ")");
            return 0;
        }
    }

    /** {@code hielements plugin test FILE.wasm [-w DIR]}. */
    @Command(name = "test", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Loads a WASM module as the host would and reports its exports and their shapes, its "
                    + "documentation, and a trial call of each function (arguments made from the documented parameter "
                    + "types: a scope of the workspace's files, '.', 1, false, []), with a message naming the export "
                    + "for each problem.",
                "The module may read DIR (default: the current folder), as with filesystem = [\"read\"]."},
            footer = {"", "Exit codes: 0 no problem, 1 a problem was found, 2 usage error."})
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE.wasm", description = "The module.")
        Path file;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
                description = "The folder the module may read and its scopes come from (default: the current folder).")
        Path workspace;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path root = (workspace != null ? workspace : Path.of("")).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                err.println("error: the workspace '" + root + "' is not a folder");
                return 2;
            }
            Path module = file.toAbsolutePath().normalize();
            String name = libraryName(module);
            List<String> problems = new ArrayList<>();
            WasmPolicy policy = WasmPolicy.builder().readOnlyWorkspace(root).build();
            WasmLibrary lib = WasmLibrary.load(name, module, policy, WasmLibrary.sharedHost());
            try {
                out.println("Module: " + module);
                if (lib.loadError().isPresent()) {
                    out.println("  does not load (E600)");
                    out.println();
                    for (String p : lib.problems()) out.println("problem: " + p);
                    out.println(lib.problems().size() + " problem" + (lib.problems().size() == 1 ? "" : "s")
                            + " found");
                    return 1;
                }
                WasmPlugin plugin = lib.plugin().orElseThrow();
                out.println("  loaded in " + LibrariesCommand.millis(lib.loadTime()) + (plugin.usesWasi()
                        ? ", imports WASI" : ", imports nothing"));
                out.println("Exports:");
                for (ExportInfo e : plugin.exports()) {
                    out.println("  " + e.name() + "  " + e.kind() + (e.signature().isEmpty() ? "" : " " + e.signature())
                            + e.shape().map(s -> "  (" + s.name().toLowerCase(Locale.ROOT).replace('_', '-')
                                    + " shape)").orElse(""));
                }
                if (!plugin.hasDealloc()) {
                    out.println("  note: no dealloc: the host throws an instance away once its memory passes half "
                            + "the limit");
                }
                for (String p : lib.problems()) problems.add(p);
                Optional<LibraryDoc> doc = lib.knownFunctions();
                out.println("Documentation:");
                if (doc.isEmpty()) {
                    out.println("  none: the module answers neither library_doc nor library_metadata, so no function "
                            + "can be tried by name");
                } else {
                    LibraryDoc d = doc.get();
                    out.println("  " + d.name() + " " + d.version() + ": " + d.description());
                    for (FunctionDoc f : d.functions()) out.println("  selector " + signature(f));
                    for (FunctionDoc f : d.checks()) out.println("  check    " + signature(f));
                }
                Workspace ws = Workspace.of(root);
                CallContext ctx = CallContext.of(ws);
                out.println("Trial calls:");
                if (doc.isPresent()) {
                    for (FunctionDoc f : doc.get().functions()) trial(out, problems, lib, f, false, ctx, root);
                    for (FunctionDoc f : doc.get().checks()) trial(out, problems, lib, f, true, ctx, root);
                }
                List<String> unknown = lib.trialProblems(ws);
                out.println("  an unknown function: " + (unknown.isEmpty() ? "answered" : "see the problems"));
                problems.addAll(unknown);
                out.println();
                for (String p : problems) out.println("problem: " + p);
                out.println(problems.isEmpty() ? "no problem found" : problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + " found");
                return problems.isEmpty() ? 0 : 1;
            } finally {
                lib.close();
                out.flush();
            }
        }

        private static String libraryName(Path module) {
            String base = module.getFileName().toString().replaceFirst("\\.wasm$", "").replaceAll("[^A-Za-z0-9_]", "_");
            return base.isEmpty() || Character.isDigit(base.charAt(0)) ? "plugin_" + base : base;
        }

        private static String signature(FunctionDoc f) {
            return (f.arityKnown() ? f.signature() : f.name() + "(?)")
                    + (f.description().isEmpty() ? "" : "  " + f.description());
        }

        private static void trial(PrintWriter out, List<String> problems, WasmLibrary lib, FunctionDoc f,
                                  boolean check, CallContext ctx, Path root) {
            List<Value> args = new ArrayList<>();
            if (f.arityKnown()) for (ParameterDoc p : f.parameters()) args.add(sample(p.type(), root));
            String export = check ? "library_check" : "library_call";
            String call = f.name() + "(" + String.join(", ", args.stream().map(PluginCommand.Test::shown).toList())
                    + ")";
            try {
                if (check) {
                    CheckResult r = lib.check(f.name(), args, ctx);
                    out.println("  " + call + " -> " + (r instanceof CheckResult.Pass ? "pass"
                            : r instanceof CheckResult.Fail fl ? "fail: " + fl.message()
                            : "error: " + ((CheckResult.Error) r).message()));
                } else {
                    Value v = lib.call(f.name(), args, ctx);
                    out.println("  " + call + " -> " + shown(v));
                }
            } catch (LibraryException e) {
                boolean answered = WasmLibrary.pluginAnswered(e.code()) && !e.code().equals("E508")
                        && !e.code().equals("E509");
                if (answered) {
                    out.println("  " + call + " -> the plugin's error " + e.code() + ": " + e.error().message());
                } else {
                    out.println("  " + call + " -> PROBLEM (" + e.code() + ")");
                    problems.add("trial call of " + f.name() + " through " + export + ": " + e.error().message());
                }
            }
        }

        private static String shown(Value v) {
            String s = v instanceof Scope sc ? "Scope " + sc.kind().tag() + " '" + sc.argument() + "' ("
                    + sc.paths().size() + " files)" : v.display();
            return s.length() > 200 ? s.substring(0, 200) + "..." : s;
        }

        /** An argument for a parameter of the documented type. */
        private static Value sample(String type, Path root) {
            String t = type.toLowerCase(Locale.ROOT);
            if (t.contains("scope")) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(root, 6)) {
                    files = s.filter(Files::isRegularFile).filter(p -> !root.relativize(p).toString().startsWith("."))
                            .sorted().limit(1000).toList();
                } catch (IOException | RuntimeException e) {
                    files = List.of();
                }
                return Scope.of(ScopeKind.FOLDER, ".", files);
            }
            if (t.startsWith("int")) return Value.of(1);
            if (t.startsWith("float") || t.startsWith("num")) return Value.of(1.0);
            if (t.startsWith("bool")) return Value.of(false);
            if (t.startsWith("list") || t.endsWith("[]")) return new Value.ListValue(List.of());
            return Value.of(".");
        }
    }
}
