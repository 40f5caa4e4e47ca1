package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call is told the workspace paths its guest touched ({@link WorkspaceAccess}): the folder it listed, every entry it
 * looked at, a missing path it asked for; and, because an instance keeps what it learnt in its memory, everything the
 * same instance touched in earlier calls. A plugin without a workspace tells nothing.
 */
class WorkspaceAccessTest {
    @TempDir
    static Path tmp;
    private static Path workspace;
    private static WasmHost host;
    private static WasmPlugin walker;

    @BeforeAll
    static void start() throws Exception {
        workspace = Files.createDirectories(tmp.resolve("ws"));
        Files.createDirectories(workspace.resolve("a/sub"));
        Files.writeString(workspace.resolve("a/one.txt"), "1");
        Files.writeString(workspace.resolve("a/two.txt"), "22");
        Files.createDirectories(workspace.resolve("b"));
        Files.writeString(workspace.resolve("b/three.txt"), "333");
        Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(workspace.resolve("a/out"), tmp.resolve("outside"));
        host = Fixtures.host();
        walker = host.load(Fixtures.spec("wasi_walk", WasmPolicy.builder().readOnlyWorkspace(workspace).build()));
    }

    @AfterAll
    static void stop() {
        walker.close();
        host.close();
    }

    private static Set<Path> call(String folder) throws WasmPluginException {
        Set<Path> told = new LinkedHashSet<>();
        walker.call("library_call", utf8(folder), p -> assertTrue(told.add(p), "told twice: " + p));
        return told;
    }

    @Test
    void aCallIsToldWhatItsInstanceTouchedNowAndBefore() throws Exception {
        Path ws = workspace.toAbsolutePath().normalize();
        Set<Path> first = call("a");
        assertTrue(first.containsAll(Set.of(ws.resolve("a"), ws.resolve("a/one.txt"), ws.resolve("a/two.txt"),
                ws.resolve("a/sub"), ws.resolve("a/out"))), first.toString());
        assertFalse(first.contains(ws.resolve("b/three.txt")), first.toString());
        for (Path p : first) assertTrue(p.startsWith(ws) && p.isAbsolute() && p.equals(p.normalize()), p.toString());

        // the pooled instance served the first call: the second is told that call's paths too
        Set<Path> second = call("b");
        assertTrue(second.containsAll(first), "the instance's history: " + second);
        assertTrue(second.containsAll(Set.of(ws.resolve("b"), ws.resolve("b/three.txt"))), second.toString());

        // a missing folder is an input too (its appearing would change the answer)
        Set<Path> missing = call("nope");
        assertTrue(missing.contains(ws.resolve("nope")), missing.toString());
    }

    @Test
    void aPlainCallAndAPluginWithoutWorkspaceTellNothingAndStillWork() throws Exception {
        assertTrue(walker.call("library_call", utf8("a")).length > 0);
        try (WasmHost h = Fixtures.host()) {
            WasmPlugin bare = h.load(Fixtures.spec("wasi_walk", WasmPolicy.builder().build()));
            Set<Path> told = new LinkedHashSet<>();
            byte[] reply = bare.call("library_call", utf8("a"), told::add);
            assertEquals("errno:", new String(reply, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(Set.of(), told);
        }
    }
}
