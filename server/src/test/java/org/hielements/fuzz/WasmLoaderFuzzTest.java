package org.hielements.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hielements.fuzz.FuzzRunner.Outcome;
import org.hielements.library.config.PluginFixtures;
import org.hielements.wasm.WasmHost;
import org.hielements.wasm.WasmPlugin;
import org.hielements.wasm.WasmPluginException;
import org.hielements.wasm.WasmPluginSpec;
import org.hielements.wasm.WasmPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WASM loader on mutated modules (byte changes, bit flips, truncations, insertions of odd LEB128 numbers and
 * opcodes, duplicated chunks of the committed fixtures): every module is either loaded or refused with a
 * {@link WasmPluginException}; a module that loads is called (its exports with a request, its documentation) and
 * each call answers or fails with a {@link WasmPluginException}; nothing else escapes, no case runs past the deadline,
 * and the memory limit holds (the JVM's heap is bounded by the test's own). Bounded in {@code mvn verify};
 * {@code -Dfuzz.iterations=10000} for the larger run.
 */
class WasmLoaderFuzzTest {
    private static WasmHost host;

    @BeforeAll
    static void start() {
        host = WasmHost.builder().noPersistentCache().maxIdleInstances(1).build();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static final byte[][] DICTIONARY = {
        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            0x00}, {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07}, {0x00}, {0x01}, {0x7F},
        {(byte) 0x80, (byte) 0xAD, (byte) 0xE2, 0x04}, // 10,000,000
        {0x40, 0x00}, {(byte) 0xFC, 0x0F, 0x00}, {(byte) 0xFC, 0x10, 0x00}, {0x0B}, {0x02, 0x40}, {0x03, 0x40},
        {0x10, 0x00}, {0x11, 0x00, 0x00}, {0x00, 0x61, 0x73, 0x6D}, {0x70}, {0x6F}, {0x04, 0x70, 0x00},
        "memory".getBytes(StandardCharsets.US_ASCII), "alloc".getBytes(StandardCharsets.US_ASCII),
        "wasi_snapshot_preview1".getBytes(StandardCharsets.US_ASCII),
    };

    private static final WasmPolicy POLICY = WasmPolicy.builder().timeout(Duration.ofMillis(250))
            .memoryLimitBytes(16L * 1024 * 1024).outputLimitBytes(64 * 1024).consoleLimitBytes(256).build();

    static List<byte[]> corpus() throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(Path.of("..", "wasm-runtime", "src", "test",
                "resources", "wasm"), "*.wasm")) {
            for (Path p : s) out.add(Files.readAllBytes(p));
        }
        out.add(Files.readAllBytes(PluginFixtures.sampleWasm()));
        out.add(Files.readAllBytes(PluginFixtures.plugins().resolve("broken/trap.wasm")));
        return out;
    }

    private static Outcome load(byte[] wasm) throws WasmPluginException {
        WasmPlugin p = host.load(WasmPluginSpec.builder("fuzz").bytes(wasm).policy(POLICY).build());
        try {
            byte[] request = "{\"args\":[],\"function\":\"f\",\"workspace\":\"/nonexistent\"}".getBytes(
                    StandardCharsets.UTF_8);
            for (String export : List.of("library_call", "library_check")) {
                try {
                    p.call(export, request);
                } catch (WasmPluginException e) {
                    // an answer: the guest's failure, named
                }
            }
            for (String export : List.of("library_doc", "library_metadata")) {
                try {
                    p.callNoInput(export);
                } catch (WasmPluginException e) {
                    // idem
                }
            }
        } finally {
            p.close();
            host.evictUnused();
        }
        return Outcome.ACCEPTED;
    }

    @Test
    void mutatedModulesLoadOrAreRefusedWithTheirError() throws Exception {
        List<byte[]> corpus = corpus();
        Random r = FuzzRunner.random("wasm");
        FuzzRunner.run("wasm-loader", FuzzRunner.iterations(1000),
                i -> FuzzRunner.mutate(corpus.get(r.nextInt(corpus.size())), r, DICTIONARY), b -> b,
                WasmLoaderFuzzTest::load, WasmPluginException.class, Duration.ofSeconds(30));
    }
}
