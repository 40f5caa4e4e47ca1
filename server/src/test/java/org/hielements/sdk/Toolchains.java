package org.hielements.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.hielements.library.config.PluginFixtures;

/** The toolchains the SDK tests build with; when one is missing, a loud message says which test did not run. */
public final class Toolchains {
    private Toolchains() {
    }

    public static Path sdk() {
        return PluginFixtures.fixtures().resolveSibling("sdk");
    }

    public static Optional<Path> onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path c = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isRegularFile(c) && Files.isExecutable(c)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /** Whether clang is there; when not, a loud message that {@code test} did not run. */
    public static boolean clangOr(String test) {
        if (onPath("clang").isPresent()) return true;
        System.err.println("!!!!! NOT RUN: " + test + " needs clang and lld (apt-get install clang lld): the C SDK "
                + "was NOT checked !!!!!");
        return false;
    }

    /** Runs a command in a folder; returns its output, or throws with the output when it fails. */
    public static String run(Path folder, String... command) throws IOException, InterruptedException {
        return run(folder, java.util.Map.of(), command);
    }

    /** Runs a command in a folder with more environment variables; its output, or throws with it when it fails. */
    public static String run(Path folder, java.util.Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out: " + out);
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
        return out;
    }

    /** Builds sdk/c/examples/files into {@code out}; null (after a loud message) without clang. */
    public static Path buildCExample(Path out) throws IOException, InterruptedException {
        return buildCExample("files", out);
    }

    /** Builds the C SDK's example {@code name} (sdk/c/examples/NAME) into {@code out}; null without clang. */
    public static Path buildCExample(String name, Path out) throws IOException, InterruptedException {
        if (!clangOr("the C SDK example build (" + name + ")")) return null;
        Path script = sdk().resolve("c/examples/" + name + "/build.sh");
        run(script.getParent(), "sh", script.toString(), out.toAbsolutePath().toString());
        return out;
    }

    /**
     * Whether Debian's rustc and cargo with the wasm32 standard library are there (apt-get install rustc cargo
     * libstd-rust-dev-wasm32 librust-serde-dev librust-serde-derive-dev librust-serde-json-dev); when not, a loud
     * message that {@code test} did not run.
     */
    public static boolean rustOr(String test) {
        if (Files.isExecutable(Path.of("/usr/bin/cargo")) && Files.isExecutable(Path.of("/usr/bin/rustc"))
                && Files.isDirectory(Path.of("/usr/lib/rustlib/wasm32-wasi"))
                && packagedCrate("serde_json-") && packagedCrate("serde_derive-")) {
            return true;
        }
        System.err.println("!!!!! NOT RUN: " + test + " needs Debian's rustc, cargo and crates (apt-get install rustc "
                + "cargo libstd-rust-dev-wasm32 librust-serde-dev librust-serde-derive-dev librust-serde-json-dev): "
                + "the Rust SDK was NOT checked !!!!!");
        return false;
    }

    /** The cargo build folder of the SDK tests, under this module's target/, kept between runs. */
    public static Path cargoTargetDir() {
        return Path.of("target", "sdk-builds", "cargo").toAbsolutePath();
    }

    /** Whether Debian's packaged crates hold a crate whose folder starts with {@code prefix}. */
    private static boolean packagedCrate(String prefix) {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of("/usr/share/cargo/registry"))) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Builds the cargo project in {@code project} for {@code target} with Debian's toolchain, offline; the build folder
     * is kept under this module's {@code target/} so a second run only checks it is up to date. Returns the module.
     */
    public static Path cargoBuild(Path project, String target, String artifact) throws IOException, InterruptedException {
        Path targetDir = cargoTargetDir();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/cargo", "build", "--release", "--offline", "--target", target)
                .directory(project.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("RUSTC", "/usr/bin/rustc");
        pb.environment().put("CARGO_TARGET_DIR", targetDir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("cargo build timed out: " + out);
        }
        if (p.exitValue() != 0) throw new IOException("cargo build failed: " + out);
        return targetDir.resolve(target).resolve("release").resolve(artifact);
    }

    /**
     * AssemblyScript 0.28.20 installed once by npm under this module's target/ (kept between runs), for the projects
     * of the tests to link as their node_modules; null, after a loud message that {@code test} did not run, when npm
     * is missing or the install fails.
     */
    public static Path assemblyScriptOr(String test) {
        if (onPath("npm").isEmpty()) {
            System.err.println("!!!!! NOT RUN: " + test + " needs Node 20+ with npm: the AssemblyScript SDK was NOT "
                    + "checked !!!!!");
            return null;
        }
        Path dir = Path.of("target", "sdk-builds", "assemblyscript").toAbsolutePath();
        Path modules = dir.resolve("node_modules");
        if (Files.isExecutable(modules.resolve(".bin/asc"))) return modules;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), "{\"name\":\"sdk-test\",\"version\":\"0.0.0\","
                    + "\"private\":true,\"devDependencies\":{\"assemblyscript\":\"0.28.20\"}}\n");
            run(dir, "npm", "install", "--no-audit", "--no-fund");
            return modules;
        } catch (IOException | InterruptedException e) {
            System.err.println("!!!!! NOT RUN: " + test + ": AssemblyScript could not be installed by npm ("
                    + e.getMessage() + "): the AssemblyScript SDK was NOT checked !!!!!");
            return null;
        }
    }

    /** The dependency-cruiser and TypeScript versions the comparison and the benchmark install (Node 20.12+). */
    public static final String DEPENDENCY_CRUISER = "17.4.3";
    public static final String TYPESCRIPT = "5.6.3";

    /**
     * dependency-cruiser {@value #DEPENDENCY_CRUISER} (with TypeScript {@value #TYPESCRIPT}) installed once by npm
     * under this module's target/ (kept between runs, no lock file written): the folder holding
     * {@code node_modules/.bin/depcruise}; null, after a loud message that {@code test} did not run, when node or npm
     * is missing or the install fails.
     */
    public static Path dependencyCruiserOr(String test) {
        if (onPath("npm").isEmpty() || onPath("node").isEmpty()) {
            System.err.println("!!!!! NOT RUN: " + test + " needs Node 20.12+ with npm: the typescript library was NOT "
                    + "compared with dependency-cruiser !!!!!");
            return null;
        }
        Path dir = Path.of("target", "sdk-builds", "dependency-cruiser").toAbsolutePath();
        if (Files.isExecutable(dir.resolve("node_modules/.bin/depcruise"))) return dir;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package.json"), "{\"name\":\"cruiser\",\"version\":\"0.0.0\","
                    + "\"private\":true,\"devDependencies\":{\"dependency-cruiser\":\"" + DEPENDENCY_CRUISER + "\","
                    + "\"typescript\":\"" + TYPESCRIPT + "\"}}\n");
            run(dir, "npm", "install", "--no-package-lock", "--no-audit", "--no-fund");
            return dir;
        } catch (IOException | InterruptedException e) {
            System.err.println("!!!!! NOT RUN: " + test + ": dependency-cruiser could not be installed by npm ("
                    + e.getMessage() + "): the typescript library was NOT compared with dependency-cruiser !!!!!");
            return null;
        }
    }
}
