package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wabt.Wat2Wasm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every committed .wasm fixture is what its .wat source assembles to. Chicory's wabt artifact
 * (wat2wasm compiled to JVM bytecode) is always on the test classpath; Debian's wat2wasm is used
 * too when installed, and the test says loudly when it is not.
 */
class WatFixturesTest {
    private static final Path DIR = Path.of("src", "test", "resources", "wasm");

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<Path> out = new ArrayList<>();
            s.filter(p -> p.toString().endsWith(".wat")).sorted().forEach(out::add);
            return out;
        }
    }

    private static Path committed(Path wat) {
        String name = wat.getFileName().toString();
        return wat.resolveSibling(name.substring(0, name.length() - 4) + ".wasm");
    }

    @Test
    void everyWatHasItsCommittedWasm() throws IOException {
        List<Path> wats = sources();
        assertTrue(wats.size() >= 10, "expected the test modules under " + DIR.toAbsolutePath());
        for (Path wat : wats) {
            assertTrue(Files.isRegularFile(committed(wat)), "missing " + committed(wat));
        }
    }

    @Test
    void chicoryWabtRebuildsEachModuleIdentically() throws IOException {
        for (Path wat : sources()) {
            byte[] built = Wat2Wasm.parse(wat.toFile());
            assertArrayEquals(Files.readAllBytes(committed(wat)), built,
                    wat + ": Chicory's wat2wasm output differs from the committed .wasm; rebuild the fixtures");
        }
        System.out.println("WatFixturesTest: rebuilt " + sources().size() + " modules with Chicory's wabt: identical");
    }

    @Test
    void debianWat2WasmRebuildsEachModuleIdentically(@TempDir Path tmp) throws Exception {
        Path tool = Path.of("/usr/bin/wat2wasm");
        if (!Files.isExecutable(tool)) {
            System.out.println("!!!!!!!! WatFixturesTest: /usr/bin/wat2wasm (Debian package wabt) is NOT installed:"
                    + " the rebuild with Debian's assembler did NOT run (Chicory's wabt rebuild still ran)."
                    + " .ci/run installs it.");
            System.err.println("!!!!!!!! WatFixturesTest: Debian's wat2wasm missing; that comparison did not run");
            assertFalse(Files.exists(tool)); // honest: the tool really is absent
            return;
        }
        for (Path wat : sources()) {
            Path out = tmp.resolve(committed(wat).getFileName());
            Process p = new ProcessBuilder(tool.toString(), wat.toString(), "-o", out.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "wat2wasm hung on " + wat);
            assertEquals(0, p.exitValue(), "wat2wasm failed on " + wat + ": " + log);
            assertArrayEquals(Files.readAllBytes(committed(wat)), Files.readAllBytes(out),
                    wat + ": Debian's wat2wasm output differs from the committed .wasm");
        }
        System.out.println("WatFixturesTest: rebuilt " + sources().size() + " modules with " + tool + ": identical");
    }
}
