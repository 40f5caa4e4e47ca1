package org.hielements.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.config.ConfigEntry;
import org.hielements.library.config.ConfigLoader;
import org.hielements.library.config.LibrariesConfig;
import org.hielements.library.config.WasmPluginConfig;
import org.hielements.library.registry.InvalidPackage;
import org.hielements.library.registry.Lockfile;
import org.hielements.library.registry.NpmConfig;
import org.hielements.library.registry.NpmRange;
import org.hielements.library.registry.PackageCache;
import org.hielements.library.registry.PackageResolver;
import org.hielements.library.registry.PackageSpec;
import org.hielements.library.registry.PluginManifest;
import org.hielements.library.registry.RegistryClient;
import org.hielements.library.registry.RegistryException;
import org.hielements.syntax.TokenKind;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;
import org.tomlj.TomlVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hielements plugins search|add|update|install|list}: WASM plugins shared as npm packages (docs/REGISTRY.md).
 * The registry and its tokens come from npm's own configuration ({@code .npmrc}); {@code add} and {@code update} write
 * {@code hielements.toml} and {@code hielements.lock} through {@link SafeWrite}; {@code install} fetches the locked
 * versions into the package cache, verified against the lock; {@code list} and every load use no network.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"WASM plugins shared as npm packages (keyword hielements-plugin): find them, add them to "
                + "hielements.toml with a version locked in hielements.lock, update them, fetch the locked versions.",
            "The registry and its tokens come from npm's configuration (.npmrc in the workspace and the home folder). "
                + "Publishing is npm's: 'npm publish' in a project made by 'hielements plugin new'."},
        subcommands = {PluginsCommand.Search.class, PluginsCommand.Add.class, PluginsCommand.Update.class,
            PluginsCommand.Install.class, PluginsCommand.ListCommand.class})
final class PluginsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** What every subcommand shares: the workspace and the registry tools. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
                description = "The workspace (default: the folder holding the hielements.toml nearest above the "
                        + "current folder, else the current folder).")
        Path workspace;

        PrintWriter out;
        PrintWriter err;
        Path root;
        Map<String, String> environment = Main.environment();

        @Override
        public final Integer call() {
            out = spec.commandLine().getOut();
            err = spec.commandLine().getErr();
            if (workspace != null && !Files.isDirectory(workspace)) {
                err.println("error: the workspace '" + Terminal.line(workspace) + "' is not a folder");
                return 2;
            }
            root = workspace != null ? workspace.toAbsolutePath().normalize()
                    : Workspaces.rootOf(Path.of("").toAbsolutePath().resolve(Workspaces.CONFIG));
            try {
                return run();
            } finally {
                out.flush();
                err.flush();
            }
        }

        abstract int run();

        NpmConfig npm() {
            NpmConfig c = NpmConfig.load(root, environment);
            for (String p : c.problems()) err.println("warning: " + Terminal.line(p));
            return c;
        }

        PackageResolver resolver() {
            return new PackageResolver(new RegistryClient(npm()), PackageCache.of(environment));
        }

        Path tomlFile() {
            return root.resolve(ConfigLoader.FILE_NAME);
        }

        /** The text of hielements.toml, empty when there is none; null (said) when it cannot be read. */
        String tomlText() {
            Path f = tomlFile();
            if (!Files.exists(f)) return "";
            try {
                return new String(org.hielements.text.InputFile.read(f, ConfigLoader.MAX_CONFIG_BYTES),
                        StandardCharsets.UTF_8);
            } catch (org.hielements.text.InputFile.Refused e) {
                err.println("error: " + Terminal.line(f) + " " + Terminal.line(e.getMessage()));
                return null;
            }
        }

        /** The lock, empty when missing or unreadable (said). */
        Lockfile lock() {
            try {
                return Lockfile.read(root);
            } catch (Lockfile.Unreadable e) {
                err.println("warning: " + Terminal.line(e.getMessage()) + "; it is written anew");
                return Lockfile.empty();
            }
        }

        boolean writeLock(Lockfile lock, String toml) {
            Lockfile kept = lock.retain(packageEntries(toml).keySet());
            try {
                SafeWrite.replace(root.resolve(Lockfile.FILE_NAME), kept.text());
                return true;
            } catch (IOException e) {
                err.println("error: cannot write " + Terminal.line(root.resolve(Lockfile.FILE_NAME)) + ": "
                        + Terminal.line(e.getMessage()));
                return false;
            }
        }

        void permissionsNote(String lib, PluginManifest.Permissions asked, PluginManifest.Permissions granted) {
            out.println("  permissions asked: " + Terminal.line(asked.describe()) + "; granted: "
                    + Terminal.line(granted.describe()));
            PluginManifest.Permissions beyond = asked.beyond(granted);
            if (beyond.isEmpty()) return;
            out.println("  it loads with what hielements.toml grants; to grant what it asks, add:");
            out.println("    [libraries." + lib + ".permissions]");
            if (asked.readWorkspace()) out.println("    filesystem = [\"read\"]");
            if (!asked.environment().isEmpty()) out.println("    environment = " + tomlArray(asked.environment()));
            if (!asked.network().isEmpty()) out.println("    network = " + tomlArray(asked.network()));
        }
    }

    /** {@code libraries.NAME.package} of a hielements.toml text, in file order (an unparsable text: none). */
    static Map<String, String> packageEntries(String toml) {
        Map<String, String> out = new LinkedHashMap<>();
        TomlParseResult t = Toml.parse(toml, TomlVersion.V1_0_0);
        TomlTable libs = t.getTable("libraries");
        if (libs == null) return out;
        for (String lib : libs.keySet()) {
            Object v = libs.get(List.of(lib));
            if (v instanceof TomlTable e && e.get("package") instanceof String p) out.put(lib, p);
        }
        return out;
    }

    static String tomlArray(List<String> items) {
        List<String> q = new ArrayList<>();
        for (String i : items) q.add(Lockfile.quote(i));
        return "[" + String.join(", ", q) + "]";
    }

    private static Optional<WasmPluginConfig> wasmConfig(LibrariesConfig config, String lib) {
        return config.entry(lib).flatMap(ConfigEntry::config).filter(WasmPluginConfig.class::isInstance)
                .map(WasmPluginConfig.class::cast);
    }

    // ------------------------------------------------------------------ search

    @Command(name = "search", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Searches the registry for plugin packages (keyword hielements-plugin) matching TEXT.",
            footer = {"", "Exit codes: 0 searched (found or not), 1 the registry failed, 2 usage error."})
    static final class Search extends Base {
        @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Words to search for.")
        List<String> text = new ArrayList<>();

        @Option(names = "--size", defaultValue = "20", paramLabel = "N", description = "At most N results (default "
                + "${DEFAULT-VALUE}).")
        int size;

        @Override
        int run() {
            List<RegistryClient.Hit> hits;
            try {
                hits = new RegistryClient(npm()).search(String.join(" ", text), Math.max(1, Math.min(size, 250)));
            } catch (RegistryException e) {
                err.println("error: " + Terminal.line(e.getMessage()));
                return 1;
            }
            if (hits.isEmpty()) {
                out.println("no plugin package found" + (text.isEmpty() ? "" : " for '" + Terminal.line(
                        String.join(" ", text)) + "'"));
                return 0;
            }
            for (RegistryClient.Hit h : hits) {
                out.println(Terminal.line(h.name() + "  " + h.version() + (h.description().isEmpty() ? ""
                        : "  " + h.description())));
            }
            return 0;
        }
    }

    // ------------------------------------------------------------------ add

    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = {"Adds a plugin package to hielements.toml ([libraries.LIB] package = \"NAME@RANGE\") and "
                    + "locks the highest version of the range, with its tarball's SHA-512, in hielements.lock.",
                "The tarball is downloaded, verified and kept in the package cache; no permission is granted: those "
                    + "the plugin asks for are printed, to be granted in hielements.toml."},
            footer = {"", "Exit codes: 0 added, 1 the registry or the package failed (nothing written), 2 usage "
                    + "error."})
    static final class Add extends Base {
        @Parameters(paramLabel = "NAME[@RANGE]", description = "The package, such as @acme/hie-typescript@^1.2 "
                + "(default range: ^ of the highest version).")
        String written;

        @Option(names = "--as", paramLabel = "LIB", description = "The library name in hielements.toml and .hie "
                + "files (default: the one the package's manifest gives).")
        String as;

        @Override
        int run() {
            PackageSpec spec;
            try {
                spec = PackageSpec.parse(written);
            } catch (NpmRange.InvalidRange e) {
                err.println("error: '" + Terminal.line(written) + "': " + Terminal.line(e.getMessage()));
                return 2;
            }
            if (as != null && (!as.matches("[A-Za-z_][A-Za-z0-9_]*") || TokenKind.keyword(as) != null)) {
                err.println("error: '" + Terminal.line(as) + "' is not a valid library name (letters, digits and "
                        + "'_', not starting with a digit, not a keyword)");
                return 2;
            }
            String toml = tomlText();
            if (toml == null) return 1;
            PackageResolver resolver = resolver();
            PackageResolver.Resolved resolved;
            PackageCache.Opened opened;
            try {
                resolved = resolver.resolve(spec);
                opened = resolver.fetch(resolved, resolved.integrity(), ConfigLoader.MAX_WASM_MODULE);
            } catch (RegistryException | InvalidPackage | IOException e) {
                err.println("error: " + Terminal.line(e.getMessage()) + "; nothing was written");
                return 1;
            }
            String lib = as != null ? as : opened.pkg().manifest().library();
            String range = spec.range().text().isEmpty() ? "^" + resolved.version() : spec.range().text();
            String value = resolved.name() + "@" + range;
            Optional<String> edited = withPackage(toml, lib, value);
            if (edited.isEmpty()) return 1;
            if (!value.equals(packageEntries(edited.get()).get(lib))) {
                err.println("error: hielements.toml could not be edited to hold [libraries." + lib + "] package = "
                        + Lockfile.quote(value) + " (is [libraries] written as an inline table?); nothing was "
                        + "written");
                return 1;
            }
            try {
                SafeWrite.replace(tomlFile(), edited.get());
            } catch (IOException e) {
                err.println("error: cannot write " + Terminal.line(tomlFile()) + ": " + Terminal.line(e.getMessage()));
                return 1;
            }
            Lockfile lock = lock().with(new Lockfile.Entry(lib, resolved.name(), range, resolved.version(),
                    resolved.integrity()));
            if (!writeLock(lock, edited.get())) return 1;
            LibrariesConfig check = ConfigLoader.load(root, environment);
            out.println("added " + lib + ": " + Terminal.line(resolved.name() + "@" + resolved.version()) + " (range \""
                    + Terminal.line(range) + "\"), locked with " + resolved.integrity().sri());
            PluginManifest.Permissions granted = wasmConfig(check, lib).map(WasmPluginConfig::granted)
                    .orElse(PluginManifest.Permissions.NONE);
            permissionsNote(lib, opened.pkg().manifest().permissions(), granted);
            return 0;
        }

        /** The toml text with library {@code lib}'s package set to {@code value}; empty (said) when it cannot be. */
        private Optional<String> withPackage(String toml, String lib, String value) {
            TomlParseResult t = Toml.parse(toml, TomlVersion.V1_0_0);
            if (t.hasErrors()) {
                err.println("error: hielements.toml is not valid TOML (" + Terminal.line(t.errors().get(0)
                        .toString()) + "); fix it first, nothing was written");
                return Optional.empty();
            }
            Object entry = t.get(List.of("libraries", lib));
            if (entry == null) {
                StringBuilder b = new StringBuilder(toml);
                if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') b.append('\n');
                if (b.length() > 0) b.append('\n');
                b.append("[libraries.").append(lib).append("]\n");
                b.append("package = ").append(Lockfile.quote(value)).append('\n');
                return Optional.of(b.toString());
            }
            if (!(entry instanceof TomlTable e) || !(e.get("package") instanceof String)) {
                err.println("error: hielements.toml already has a library '" + lib + "' that is not a package; "
                        + "choose another name with --as LIB; nothing was written");
                return Optional.empty();
            }
            TomlPosition pos = t.inputPositionOf(List.of("libraries", lib, "package"));
            if (pos == null) return Optional.empty();
            String[] lines = toml.split("\n", -1);
            String line = lines[pos.line() - 1];
            int col = pos.column() - 1;
            Matcher m = Pattern.compile("\\G(\"?package\"?\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')")
                    .matcher(line);
            if (col < 0 || col > line.length() || !m.find(col)) {
                err.println("error: the package value of [libraries." + lib + "] could not be found to replace; "
                        + "nothing was written");
                return Optional.empty();
            }
            lines[pos.line() - 1] = line.substring(0, m.start(2)) + Lockfile.quote(value) + line.substring(m.end(2));
            return Optional.of(String.join("\n", lines));
        }
    }

    // ------------------------------------------------------------------ update

    @Command(name = "update", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Resolves each package library's range again (or only LIB's), locks the highest version in "
                    + "hielements.lock and fetches it into the package cache, verified.",
            footer = {"", "Exit codes: 0 updated, 1 a package failed (the others are locked), 2 usage error."})
    static final class Update extends Base {
        @Parameters(paramLabel = "LIB", arity = "0..1", description = "Only this library.")
        String only;

        @Override
        int run() {
            String toml = tomlText();
            if (toml == null) return 1;
            Map<String, String> entries = packageEntries(toml);
            if (only != null && !entries.containsKey(only)) {
                err.println("error: hielements.toml has no package library '" + Terminal.line(only) + "'");
                return 2;
            }
            if (entries.isEmpty()) {
                out.println("no package library in hielements.toml (add one: hielements plugins add NAME@RANGE)");
                return 0;
            }
            Lockfile lock = lock();
            PackageResolver resolver = resolver();
            boolean failed = false;
            for (Map.Entry<String, String> e : entries.entrySet()) {
                String lib = e.getKey();
                if (only != null && !only.equals(lib)) continue;
                try {
                    PackageSpec spec = PackageSpec.parse(e.getValue());
                    PackageResolver.Resolved r = resolver.resolve(spec);
                    resolver.fetch(r, r.integrity(), ConfigLoader.MAX_WASM_MODULE);
                    Optional<Lockfile.Entry> before = lock.entry(lib);
                    lock = lock.with(new Lockfile.Entry(lib, r.name(), spec.range().text(), r.version(),
                            r.integrity()));
                    String was = before.map(b -> b.name().equals(r.name()) ? b.version() : b.name() + "@"
                            + b.version()).orElse("not locked");
                    out.println(lib + ": " + Terminal.line(r.name()) + " " + (was.equals(r.version())
                            ? r.version() + " (up to date)" : Terminal.line(was) + " -> " + r.version()));
                } catch (NpmRange.InvalidRange | RegistryException | InvalidPackage | IOException x) {
                    err.println("error: " + lib + ": " + Terminal.line(x.getMessage()));
                    failed = true;
                }
            }
            if (!writeLock(lock, toml)) return 1;
            return failed ? 1 : 0;
        }
    }

    // ------------------------------------------------------------------ install

    @Command(name = "install", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Fetches the versions hielements.lock holds into the package cache (a fresh clone, another "
                    + "machine), each verified against the lock's SHA-512; the lock is not changed.",
            footer = {"", "Exit codes: 0 every locked package is in the cache, 1 one could not be fetched or did not "
                    + "match the lock, 2 usage error."})
    static final class Install extends Base {
        @Override
        int run() {
            String toml = tomlText();
            if (toml == null) return 1;
            Lockfile lock;
            try {
                lock = Lockfile.read(root);
            } catch (Lockfile.Unreadable e) {
                err.println("error: " + Terminal.line(e.getMessage()) + "; run 'hielements plugins update'");
                return 1;
            }
            Map<String, String> entries = packageEntries(toml);
            boolean failed = false;
            PackageResolver resolver = null;
            PackageCache cache = PackageCache.of(environment);
            for (String lib : entries.keySet()) {
                Optional<Lockfile.Entry> e = lock.entry(lib);
                if (e.isEmpty()) {
                    err.println("error: " + lib + ": not in hielements.lock; run 'hielements plugins update " + lib
                            + "'");
                    failed = true;
                    continue;
                }
                Lockfile.Entry le = e.get();
                String label = le.name() + "@" + le.version();
                try {
                    cache.open(le.integrity(), ConfigLoader.MAX_WASM_MODULE);
                    out.println(lib + ": " + Terminal.line(label) + " already in the cache");
                    continue;
                } catch (PackageCache.Problem p) {
                    if (p.kind() == PackageCache.Problem.Kind.TAMPERED) {
                        out.println(lib + ": the cached tarball of " + Terminal.line(label) + " does not match the "
                                + "lock; downloading it again");
                    }
                }
                try {
                    if (resolver == null) resolver = resolver();
                    PackageResolver.Resolved r = resolver.exact(le.name(), le.version());
                    resolver.fetch(r, le.integrity(), ConfigLoader.MAX_WASM_MODULE);
                    out.println(lib + ": " + Terminal.line(label) + " fetched and verified");
                } catch (RegistryException | InvalidPackage | IOException x) {
                    err.println("error: " + lib + ": " + Terminal.line(x.getMessage()));
                    failed = true;
                }
            }
            return failed ? 1 : 0;
        }
    }

    // ------------------------------------------------------------------ list

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
            description = "Lists the package libraries of hielements.toml: the range, the locked version, whether it "
                    + "is ready in the cache, the permissions asked and granted. Uses no network.",
            footer = {"", "Exit codes: 0 every package library is ready, 1 one is not, 2 usage error."})
    static final class ListCommand extends Base {
        @Override
        int run() {
            String toml = tomlText();
            if (toml == null) return 1;
            Map<String, String> entries = packageEntries(toml);
            if (entries.isEmpty()) {
                out.println("no package library in hielements.toml (add one: hielements plugins add NAME@RANGE)");
                return 0;
            }
            LibrariesConfig config = ConfigLoader.load(root, environment);
            boolean broken = false;
            for (Map.Entry<String, String> e : entries.entrySet()) {
                String lib = e.getKey();
                Optional<WasmPluginConfig> wc = wasmConfig(config, lib);
                if (wc.isPresent() && wc.get().source().isPresent()) {
                    var src = wc.get().source().get();
                    out.println(lib + "  " + Terminal.line(e.getValue()) + "  locked " + Terminal.line(src.version())
                            + "  ready");
                    out.println("  module: " + Terminal.line(wc.get().path()));
                    permissionsNote(lib, src.asked(), wc.get().granted());
                } else {
                    broken = true;
                    out.println(lib + "  " + Terminal.line(e.getValue()) + "  not ready");
                }
                for (Diagnostic d : config.entry(lib).map(ConfigEntry::diagnostics).orElse(List.of())) {
                    out.println("  " + d.severity().word() + "[" + d.code() + "]: " + Terminal.line(d.message()));
                }
            }
            return broken ? 1 : 0;
        }
    }
}
