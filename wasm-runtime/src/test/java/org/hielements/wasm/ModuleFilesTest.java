package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.hielements.wasm.WasmPluginException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module path is read only when it names a regular file within the size limit: a FIFO (which would
 * block the reader forever), a device ({@code /dev/zero} never ends, {@code /dev/stdin} is the server's
 * protocol pipe), a symbolic link to one, a folder, or a 2 GB file is refused from its attributes,
 * without being opened. A file that is not WebAssembly is refused without showing its bytes.
 */
class ModuleFilesTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static WasmHost host;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        host = Fixtures.host();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static WasmPluginException refused(Path path) {
        return refused(path, WasmPolicy.defaults());
    }

    private static WasmPluginException refused(Path path, WasmPolicy policy) {
        // preemptive: a regression that blocks on the file fails here instead of hanging the build
        WasmPluginException e = assertTimeoutPreemptively(DEADLINE, () -> assertThrows(WasmPluginException.class,
                () -> host.load(WasmPluginSpec.builder("m").path(path).policy(policy).build())));
        System.out.println("ModuleFilesTest " + path + ": " + e.getMessage());
        assertEquals(Kind.LOAD, e.kind());
        return e;
    }

    static Path fifo(Path dir) throws Exception {
        Path f = dir.resolve("plugin.wasm");
        Process p = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return f;
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path f = fifo(dir);
        WasmPluginException e = refused(f);
        assertEquals("plugin 'm': " + f + " is a FIFO (named pipe), not a regular file; a module is read only from "
                + "a regular file", e.getMessage());
        Path link = dir.resolve("link.wasm");
        Files.createSymbolicLink(link, f);
        assertTrue(refused(link).getMessage().contains("is a FIFO (named pipe), not a regular file"));
    }

    @Test
    void devicesAreRefused() throws Exception {
        assertTrue(refused(Path.of("/dev/zero")).getMessage().contains("/dev/zero is a character device, not a "
                + "regular file"));
        assertTrue(refused(Path.of("/dev/stdin")).getMessage().contains("not a regular file"));
        Path link = dir.resolve("zero.wasm");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        assertTrue(refused(link).getMessage().contains("is a character device, not a regular file"));
        assertTrue(refused(dir).getMessage().contains("is a folder, not a regular file"));
    }

    @Test
    void aFileOverTheLimitIsRefusedUnread() throws Exception {
        Path big = dir.resolve("big.wasm");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(2L * 1024 * 1024 * 1024); // 2 GiB, sparse: nothing is written
        }
        WasmPluginException e = refused(big);
        assertEquals("plugin 'm': " + big + " is larger than the module limit of 16 MiB (2048 MiB); it was not read",
                e.getMessage());
        Path small = dir.resolve("small.wasm");
        Files.write(small, new byte[4096]);
        assertTrue(refused(small, WasmPolicy.builder().moduleLimitBytes(2048).build()).getMessage()
                .contains("is larger than the module limit of 2 KiB (4 KiB)"));
    }

    @Test
    void aFileThatIsNotWebAssemblyIsRefusedWithoutItsBytes() throws Exception {
        Path secret = dir.resolve("shadow");
        Files.writeString(secret, "root:$6$SECRETHASH:19000:0:99999:7:::\n");
        Path link = dir.resolve("plugin.wasm");
        Files.createSymbolicLink(link, secret);
        WasmPluginException e = refused(link);
        assertEquals("plugin 'm': not a WebAssembly module (bad magic number: a binary module starts with \\0asm)",
                e.getMessage());
        assertFalse(e.getMessage().contains("root") || e.getMessage().contains("SECRET"), e.getMessage());
        // the right magic number with another version: still no bytes shown
        Files.write(secret, new byte[] {0, 'a', 's', 'm', 'r', 'o', 'o', 't'});
        e = refused(link);
        assertEquals("plugin 'm': not a WebAssembly module of version 1 (the only binary format version there is)",
                e.getMessage());
        // given as bytes, the same
        WasmPluginException b = assertThrows(WasmPluginException.class, () -> host.load(
                WasmPluginSpec.builder("b").bytes("root:x:0:0".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .build()));
        assertEquals("plugin 'b': not a WebAssembly module (bad magic number: a binary module starts with \\0asm)",
                b.getMessage());
    }

    @Test
    void modulesTheEngineFindsInconsistentAreRefusedWithTheirError() throws Exception {
        // found by the WASM loader fuzz: the engine's parser trips its own assertions (tests run with -ea) on these
        for (String name : java.util.List.of("fuzz/engine-assertion-1", "fuzz/engine-assertion-2")) {
            WasmPluginException e = assertThrows(WasmPluginException.class,
                    () -> host.load(WasmPluginSpec.builder("f").bytes(Fixtures.wasm(name)).build()));
            System.out.println("ModuleFilesTest " + name + ": " + e.getMessage());
            assertEquals(Kind.LOAD, e.kind());
            assertTrue(e.getMessage().startsWith("plugin 'f': is not a valid WebAssembly module: "), e.getMessage());
        }
    }

    @Test
    void aModuleInsideTheLimitLoads() throws Exception {
        Path ok = dir.resolve("hostile.wasm");
        Files.write(ok, Fixtures.wasm("hostile"));
        try (WasmPlugin p = host.load(WasmPluginSpec.builder("ok").path(ok).build())) {
            assertEquals("ok", Fixtures.text(p.call("library_call", Fixtures.utf8("fine"))));
        }
    }
}
