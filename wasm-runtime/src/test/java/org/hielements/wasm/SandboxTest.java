package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.text;
import static org.hielements.wasm.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hielements.wasm.WasmPluginException.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WASI sandbox, probed from inside by wasi_probe.wat, which hands raw paths to path_open on
 * the preopened directory (no libc in between): only the host decides what is reachable.
 */
class SandboxTest {
    private static final String SECRET = "TOP SECRET outside the workspace";
    private static final String DATA = "hello workspace";

    @TempDir
    static Path tmp;
    private static Path workspace;
    private static Path outside;
    private static WasmHost host;
    private static WasmPlugin mounted;
    private static WasmPlugin bare;

    @BeforeAll
    static void start() throws Exception {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        workspace = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(workspace.resolve("data.txt"), DATA);
        Files.createDirectories(workspace.resolve("sub"));
        Files.writeString(workspace.resolve("sub/inner.txt"), "inner");
        Files.createSymbolicLink(workspace.resolve("link_out"), Path.of("../outside/secret.txt"));
        Files.createSymbolicLink(workspace.resolve("link_out_abs"), outside.resolve("secret.txt").toAbsolutePath());
        Files.createSymbolicLink(workspace.resolve("link_dir_out"), Path.of("../outside"));
        Files.createSymbolicLink(workspace.resolve("link_in"), Path.of("data.txt"));
        Files.createSymbolicLink(workspace.resolve("sub/link_up"), Path.of("../data.txt"));
        Files.createSymbolicLink(workspace.resolve("dangling"), Path.of("/nonexistent/file"));
        Process mk = new ProcessBuilder("mkfifo", workspace.resolve("pipe").toString()).start();
        assertTrue(mk.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
        Files.createSymbolicLink(workspace.resolve("zero"), Path.of("/dev/zero"));

        host = Fixtures.host();
        mounted = host.load(WasmPluginSpec.builder("probe").bytes(Fixtures.wasm("wasi_probe"))
                .policy(WasmPolicy.builder()
                        .readOnlyWorkspace(workspace)
                        .allowEnvironment(List.of("HIE_ALLOWED", "HIE_ABSENT"), Map.of("HIE_ALLOWED", "yes", "HOME", "/root"))
                        .consoleLimitBytes(1000)
                        .build())
                .build());
        bare = host.load(WasmPluginSpec.builder("bare").bytes(Fixtures.wasm("wasi_probe")).build());
    }

    @AfterAll
    static void stop() {
        mounted.close();
        bare.close();
        host.close();
    }

    private static String ask(WasmPlugin p, String request) throws WasmPluginException {
        String reply = text(p.call("library_call", utf8(request)));
        System.out.println("SandboxTest " + p.name() + " " + request.replace(tmp.toString(), "$TMP") + " -> "
                + reply.replace("\0", "\\0"));
        return reply;
    }

    private static void assertDenied(String request) throws WasmPluginException {
        String reply = ask(mounted, request);
        assertTrue(reply.startsWith("errno:"), request + " -> " + reply);
        assertFalse(reply.contains("SECRET"), reply);
    }

    @Test
    void readsAWorkspaceFileWhenGranted() throws Exception {
        assertEquals("data:" + DATA, ask(mounted, "Rdata.txt"));
        assertEquals("data:inner", ask(mounted, "Rsub/inner.txt"));
        assertEquals("data:" + DATA, ask(mounted, "Rsub/../data.txt"));
        // symlinks that stay inside work
        assertEquals("data:" + DATA, ask(mounted, "Rlink_in"));
        assertEquals("data:" + DATA, ask(mounted, "Rsub/link_up"));
    }

    @Test
    void noFilesystemWhenNotGranted() throws Exception {
        assertEquals("errno:8", ask(bare, "Rdata.txt")); // EBADF: there is no fd 3 at all
        assertEquals("errno:8", ask(bare, "P"));
        assertEquals("errno:8", ask(bare, "R" + workspace.resolve("data.txt")));
    }

    @Test
    void theMountIsAtTheWorkspacesOwnAbsolutePath() throws Exception {
        assertEquals("pre:" + workspace.toAbsolutePath(), ask(mounted, "P"));
    }

    @Test
    void specialFilesInTheWorkspaceAreNeverOpened() throws Exception {
        // a FIFO would block the guest's thread in open(2), past any timeout; a device never ends
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            assertDenied("Rpipe");
            assertDenied("Rzero");
        });
        assertEquals("data:" + DATA, ask(mounted, "Rdata.txt"), "the plugin still answers");
    }

    @Test
    void parentDirectoryEscapesAreDenied() throws Exception {
        assertDenied("R../outside/secret.txt");
        assertDenied("Rsub/../../outside/secret.txt");
        assertDenied("R..");
    }

    @Test
    void absolutePathsAreDenied() throws Exception {
        assertDenied("R/etc/passwd");
        assertDenied("R" + outside.resolve("secret.txt"));
        assertDenied("R" + workspace.resolve("data.txt")); // absolute, even inside: WASI paths are relative to fd 3
    }

    @Test
    void symlinksPointingOutsideAreDenied() throws Exception {
        assertDenied("Rlink_out");
        assertDenied("Rlink_out_abs");
        assertDenied("Rlink_dir_out/secret.txt");
        assertDenied("Rdangling");
    }

    @Test
    void everyWriteIsDenied() throws Exception {
        assertDenied("Wnew.txt");
        assertFalse(Files.exists(workspace.resolve("new.txt")));
        assertDenied("Wdata.txt");
        assertEquals(DATA, Files.readString(workspace.resolve("data.txt")));
        assertDenied("Wlink_out");
        assertEquals(SECRET, Files.readString(outside.resolve("secret.txt")));
        assertDenied("Kdata.txt");
        assertTrue(Files.exists(workspace.resolve("data.txt")));
        assertDenied("Mnewdir");
        assertFalse(Files.exists(workspace.resolve("newdir")));
    }

    @Test
    void directoryListingSkipsLinksLeadingOut() throws Exception {
        byte[] reply = mounted.call("library_call", utf8("D")); // binary: dirents are not text
        assertEquals("dir:", new String(reply, 0, 4, StandardCharsets.US_ASCII));
        List<String> names = dirents(java.util.Arrays.copyOfRange(reply, 4, reply.length));
        System.out.println("SandboxTest readdir names: " + names);
        assertTrue(names.containsAll(List.of(".", "..", "data.txt", "sub", "link_in")), names.toString());
        assertFalse(names.contains("link_out") || names.contains("link_out_abs") || names.contains("link_dir_out")
                || names.contains("dangling"), names.toString());
    }

    /** Parses a WASI fd_readdir buffer: dirent (24 bytes) followed by the name. */
    private static List<String> dirents(byte[] buf) {
        List<String> names = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 24) {
            int len = b.getInt(b.position() + 16);
            b.position(b.position() + 24);
            if (b.remaining() < len) {
                break;
            }
            byte[] name = new byte[len];
            b.get(name);
            names.add(new String(name, StandardCharsets.UTF_8));
        }
        return names;
    }

    @Test
    void environmentHoldsOnlyTheAllowList() throws Exception {
        // HOME was in the source map but not allowed; HIE_ABSENT was allowed but has no value.
        assertEquals("env:HIE_ALLOWED=yes\0", ask(mounted, "E"));
        assertEquals("env:", ask(bare, "E"));
    }

    @Test
    void argumentsAreThePluginNameOnly() throws Exception {
        assertEquals("args:probe\0", ask(mounted, "A"));
        assertEquals("args:bare\0", ask(bare, "A"));
    }

    @Test
    void stdoutAndStderrGoToTheLogCapped() throws Exception {
        Logger log = Logger.getLogger("org.hielements.wasm.guest");
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(h);
        try {
            assertEquals("printed", ask(mounted, "O"));
            assertEquals(2, records.size(), records.toString());
            assertEquals("[probe stdout] hello stdout", records.get(0).getMessage());
            assertEquals(Level.INFO, records.get(0).getLevel());
            assertEquals("[probe stderr] hello stderr", records.get(1).getMessage());
            assertEquals(Level.WARNING, records.get(1).getLevel());

            records.clear();
            assertEquals("printed", ask(mounted, "V")); // 13,000 bytes against a 1,000-byte cap
            assertEquals(1, records.size(), "one record per stream and call, however many lines");
            String logged = records.get(0).getMessage();
            assertTrue(logged.startsWith("[probe stdout] hello stdout\nhello stdout\n"), logged);
            // 76 whole lines (988 bytes), then the first 12 bytes of the 77th: "hello stdout" without its newline
            assertEquals(77, logged.split("hello stdout", -1).length - 1, logged);
            assertTrue(logged.endsWith("\nhello stdout\nhello stdout\n(12000 more bytes written in this call were"
                    + " dropped; 1000 bytes are kept per call)"), logged);
            // the budget is per call
            records.clear();
            ask(mounted, "O");
            assertEquals(2, records.size());
            // with the default policy, 13,000 bytes of short lines make one record of at most 8 KiB and a note
            records.clear();
            assertEquals("printed", ask(bare, "V"));
            assertEquals(1, records.size());
            int size = records.get(0).getMessage().length();
            System.out.println("SandboxTest: 1,000 guest lines (13,000 bytes) logged as one record of " + size
                    + " characters");
            assertTrue(size < WasmPolicy.DEFAULT_CONSOLE_BYTES + 200, "record of " + size + " characters");
            assertTrue(records.get(0).getMessage().endsWith("(4808 more bytes written in this call were dropped;"
                    + " 8192 bytes are kept per call)"), records.get(0).getMessage());
        } finally {
            log.removeHandler(h);
        }
    }

    @Test
    void procExitEndsTheCallWithAnError() throws Exception {
        WasmPluginException e = assertThrows(WasmPluginException.class, () -> mounted.call("library_call", utf8("X")));
        System.out.println("SandboxTest X: " + e.getMessage());
        assertEquals(Kind.EXIT, e.kind());
        assertEquals("plugin 'probe': export library_call: called proc_exit(3); a plugin must return a reply, not exit",
                e.getMessage());
        assertEquals("data:" + DATA, ask(mounted, "Rdata.txt"));
    }

    @Test
    void aWorkspaceThatIsNotADirectoryIsALoadError() {
        WasmPluginException e = assertThrows(WasmPluginException.class, () -> host.load(
                WasmPluginSpec.builder("nofolder").bytes(Fixtures.wasm("wasi_probe"))
                        .policy(WasmPolicy.builder().readOnlyWorkspace(tmp.resolve("missing")).build()).build()));
        assertEquals(Kind.LOAD, e.kind());
        assertTrue(e.getMessage().startsWith("plugin 'nofolder': cannot mount the workspace "), e.getMessage());
    }
}
