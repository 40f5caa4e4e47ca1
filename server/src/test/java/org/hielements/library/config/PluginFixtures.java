package org.hielements.library.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.hielements.wasm.WasmHost;

/** Paths of the plugin fixtures under {@code test-fixtures/plugins}, and what the plugin tests share. */
public final class PluginFixtures {
    private static WasmHost host;

    private PluginFixtures() {
    }

    public static Path fixtures() {
        String p = System.getProperty("hielements.fixtures");
        Path dir = p != null ? Path.of(p) : Path.of("..", "test-fixtures");
        return dir.toAbsolutePath().normalize();
    }

    public static Path plugins() {
        return fixtures().resolve("plugins");
    }

    public static Path samplePython() {
        return plugins().resolve("sample/python/sample_plugin.py");
    }

    public static Path sampleWasm() {
        return sampleWasm("c");
    }

    /** The committed build of {@code sample} in a toolchain: c, rust, assemblyscript or wat. */
    public static Path sampleWasm(String toolchain) {
        return plugins().resolve("sample").resolve(toolchain).resolve("sample.wasm");
    }

    public static Path faulty() {
        return plugins().resolve("faulty/faulty.py");
    }

    /** {@code python3} on PATH, if any. */
    public static Optional<Path> python() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path c = Path.of(dir, "python3");
            if (Files.isRegularFile(c) && Files.isExecutable(c)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /**
     * The python3 to write in test configurations: {@code /usr/bin/python3} when it is there (starting it directly is
     * several times faster than through a version manager's shim), else the first python3 on PATH.
     */
    public static String pythonCommand() {
        Path usr = Path.of("/usr/bin/python3");
        if (Files.isRegularFile(usr) && Files.isExecutable(usr)) return usr.toString();
        return python().map(Path::toString).orElse("python3");
    }

    /**
     * Whether python3 is there; when it is not, prints a loud message that {@code test} did not run (the test then
     * returns: it checked nothing, and says so).
     */
    public static boolean pythonOr(String test) {
        if (python().isPresent()) return true;
        System.err.println("!!!!! NOT RUN: " + test + " needs python3 on PATH, which is missing: "
                + "the process plugin behaviour was NOT checked (apt-get install python3) !!!!!");
        return false;
    }

    /**
     * One WASM host for the tests, compiling into a private cache folder under the module's {@code target/} (not the
     * user's cache, and nothing left behind in the system's temporary folder).
     */
    public static synchronized WasmHost wasmHost() {
        if (host == null) {
            try {
                Path cache = Files.createDirectories(Path.of("target", "test-wasm-cache").toAbsolutePath());
                host = WasmHost.builder().persistentCache(cache).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return host;
    }

    /** Options for tests: process plugins allowed, the test WASM host. */
    public static Libraries.Options options() {
        return Libraries.Options.defaults().withWasmHost(wasmHost());
    }

    public static Path write(Path root, String relative, String content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TOML basic string of a path or text. */
    public static String q(Object s) {
        return "\"" + s.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
