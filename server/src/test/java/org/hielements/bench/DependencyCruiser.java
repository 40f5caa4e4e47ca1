package org.hielements.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hielements.library.CallContext;
import org.hielements.library.Library;
import org.hielements.library.LibraryException;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.config.Libraries;

/**
 * The import graph of a workspace between folders, as dependency-cruiser finds it and as the {@code typescript}
 * library finds it (its {@code folder_edges}), for the comparison test and {@code benchmarks/run typescript}.
 * dependency-cruiser runs with the options that make it resolve as TypeScript does: type-only imports kept
 * ({@code tsPreCompilationDeps}), the workspace's {@code tsconfig.json}, {@code package.json} {@code exports} and the
 * {@code types} condition. Edges are {@code from-folder -> to-folder}, relative, {@code .} for the root; only edges
 * between workspace files (externals, Node's core modules and what does not resolve left out).
 */
public final class DependencyCruiser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The options file, written next to the installation (the tsconfig line only for a workspace that has one). */
    static final String CONFIG = "module.exports = {\n  options: {\n    tsPreCompilationDeps: true,\n"
            + "    TSCONFIG\n    enhancedResolveOptions: {\n"
            + "      exportsFields: [\"exports\"],\n"
            + "      conditionNames: [\"types\", \"import\", \"require\", \"node\", \"default\"],\n"
            + "      mainFields: [\"types\", \"typings\", \"module\", \"main\"],\n    },\n  },\n};\n";

    private final Path install;

    /** dependency-cruiser installed under {@code install} (its {@code node_modules}). */
    public DependencyCruiser(Path install) throws IOException {
        this.install = install;
        Files.writeString(install.resolve("compare.cjs"), CONFIG.replace("TSCONFIG",
                "tsConfig: { fileName: \"tsconfig.json\" },"), StandardCharsets.UTF_8);
        Files.writeString(install.resolve("compare-no-tsconfig.cjs"), CONFIG.replace("TSCONFIG", ""),
                StandardCharsets.UTF_8);
    }

    private static final List<String> SOURCES = List.of(".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs");

    /**
     * What dependency-cruiser is given: the top-level folders of a workspace (node_modules and hidden folders left
     * out) and its top-level source files, sorted.
     */
    public static List<String> roots(Path ws) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(ws)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("node_modules") && !n.startsWith("."))
                    .filter(n -> Files.isDirectory(ws.resolve(n)) || SOURCES.stream().anyMatch(n::endsWith))
                    .sorted().forEach(out::add);
        }
        return out;
    }

    /**
     * Links each workspace package into {@code node_modules} by its name, as {@code npm install} does for the
     * {@code workspaces} of the root {@code package.json} (dependency-cruiser resolves a workspace package through
     * that link). Only for a tree the caller made (a copy, a generated repository).
     */
    public static void linkWorkspaces(Path ws) throws IOException {
        List<Path> manifests;
        try (Stream<Path> s = Files.walk(ws)) {
            manifests = s.filter(p -> p.getFileName().toString().equals("package.json"))
                    .filter(p -> !ws.relativize(p).toString().contains("node_modules"))
                    .filter(p -> !p.getParent().equals(ws)).sorted().toList();
        }
        for (Path m : manifests) {
            JsonNode name = JSON.readTree(m.toFile()).get("name");
            if (name == null || !name.isTextual()) continue;
            Path link = ws.resolve("node_modules").resolve(name.textValue());
            if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) continue;
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, link.getParent().relativize(m.getParent()));
        }
    }

    /** Copies a folder tree (regular files and folders) to {@code to}. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    /** Runs dependency-cruiser on the workspace's code folders; its JSON output. */
    public String run(Path ws) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", install.resolve("node_modules/.bin/depcruise").toString(),
                "--config", install.resolve(Files.isRegularFile(ws.resolve("tsconfig.json")) ? "compare.cjs"
                        : "compare-no-tsconfig.cjs").toString(), "--output-type", "json"));
        cmd.addAll(roots(ws));
        Path out = Files.createTempFile("depcruise", ".json");
        try {
            Process p = new ProcessBuilder(cmd).directory(ws.toFile()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("depcruise timed out");
            }
            if (p.exitValue() != 0) throw new IOException("depcruise failed with exit code " + p.exitValue());
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The folder edges of dependency-cruiser's JSON output. */
    public static TreeSet<String> folderEdges(String json) throws IOException {
        TreeSet<String> edges = new TreeSet<>();
        for (JsonNode m : JSON.readTree(json).get("modules")) {
            String from = m.get("source").asText();
            for (JsonNode d : m.get("dependencies")) {
                if (d.path("couldNotResolve").asBoolean() || d.path("coreModule").asBoolean()) continue;
                String to = d.get("resolved").asText();
                if (to.startsWith("node_modules/") || to.contains("/node_modules/")) continue;
                edges.add(folder(from) + " -> " + folder(to));
            }
        }
        return edges;
    }

    private static String folder(String file) {
        int i = file.lastIndexOf('/');
        return i < 0 ? "." : file.substring(0, i);
    }

    /** The folder edges the typescript library finds between workspace files (its {@code folder_edges}). */
    public static TreeSet<String> ours(Path ws) throws LibraryException {
        try (Libraries libs = Libraries.load(ws)) {
            Library ts = libs.registry().get("typescript").orElseThrow();
            CallContext ctx = CallContext.of(Workspace.of(ws));
            Value all = ts.call("module_selector", List.of(Value.of(".")), ctx);
            Value list = ts.call("folder_edges", List.of(all), ctx);
            TreeSet<String> edges = new TreeSet<>();
            for (Value v : ((Value.ListValue) list).items()) {
                String e = ((Value.StringValue) v).value();
                if (!e.contains(" -> npm:")) edges.add(e);
            }
            return edges;
        }
    }
}
