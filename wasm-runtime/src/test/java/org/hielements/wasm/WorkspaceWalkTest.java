package org.hielements.wasm;

import static org.hielements.wasm.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest (wasi_walk.wat) listing a folder of 2,000 files through the confined view the way the C
 * sample plugin walks one: fd_readdir, then path_filestat_get without following links, per entry.
 * Checks every entry's type and size, and prints how long the walk takes.
 */
class WorkspaceWalkTest {
    static final int FILES = 2000;
    static final int FILETYPE_DIRECTORY = 3;
    static final int FILETYPE_REGULAR = 4;
    static final int FILETYPE_SYMLINK = 7;

    @TempDir
    static Path tmp;
    private static Path workspace;
    private static WasmHost host;
    private static WasmPlugin walker;

    @BeforeAll
    static void start() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET");
        workspace = Files.createDirectories(tmp.resolve("ws"));
        Path big = createFolder(workspace.resolve("big"), FILES);
        Files.createDirectories(big.resolve("sub"));
        Files.writeString(big.resolve("sub/inner.txt"), "inner");
        Files.createSymbolicLink(big.resolve("link_in"), Path.of("f0007.txt"));
        Files.createSymbolicLink(big.resolve("link_out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(big.resolve("link_dir_out"), Path.of("../../outside"));
        host = Fixtures.host();
        walker = host.load(Fixtures.spec("wasi_walk", WasmPolicy.builder().readOnlyWorkspace(workspace).build()));
    }

    @AfterAll
    static void stop() {
        walker.close();
        host.close();
    }

    /** {@code count} files f0000.txt... in a new folder, file i holding i % 97 bytes. */
    static Path createFolder(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            Files.write(dir.resolve(String.format(Locale.ROOT, "f%04d.txt", i)), new byte[i % 97]);
        }
        return dir;
    }

    /** One entry of the guest's reply: the WASI file type (255: the stat failed) and size (or errno). */
    record Entry(int type, long size) {}

    /** Parses the guest's reply: records of u8 type, u64 size, u32 name length, name; each padded to 8 bytes. */
    static Map<String, Entry> parse(byte[] reply) {
        String head = new String(reply, 0, Math.min(6, reply.length), StandardCharsets.US_ASCII);
        if (head.equals("errno:")) {
            throw new AssertionError("the walk failed: " + new String(reply, StandardCharsets.US_ASCII));
        }
        Map<String, Entry> out = new HashMap<>();
        ByteBuffer b = ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (pos < reply.length) {
            int type = b.get(pos) & 0xff;
            long size = b.getLong(pos + 1);
            int len = b.getInt(pos + 9);
            String name = new String(reply, pos + 13, len, StandardCharsets.UTF_8);
            out.put(name, new Entry(type, size));
            pos += (13 + len + 7) & ~7;
        }
        return out;
    }

    @Test
    void theWalkSeesEveryFileWithItsTypeAndSize() throws Exception {
        Map<String, Entry> entries = parse(walker.call("library_call", utf8("big")));
        // the files, the folder, the link inside; not the links leading out (they look missing)
        assertEquals(FILES + 2, entries.size(), entries.keySet().stream().filter(n -> !n.startsWith("f")).toList()
                .toString());
        for (int i = 0; i < FILES; i++) {
            String name = String.format(Locale.ROOT, "f%04d.txt", i);
            assertEquals(new Entry(FILETYPE_REGULAR, i % 97), entries.get(name), name);
        }
        assertEquals(FILETYPE_DIRECTORY, entries.get("sub").type());
        Entry link = entries.get("link_in");
        assertEquals(FILETYPE_SYMLINK, link.type(), "path_filestat_get without following sees the link itself");
        assertEquals("f0007.txt".length(), link.size(), "a link's size is the length of its target");

        Map<String, Entry> sub = parse(walker.call("library_call", utf8("big/sub")));
        assertEquals(Map.of("inner.txt", new Entry(FILETYPE_REGULAR, 5)), sub);
    }

    @Test
    void aChangedFileIsSeenByTheNextWalk() throws Exception {
        Path f = workspace.resolve("big/f0001.txt");
        Files.write(f, new byte[1234]);
        try {
            assertEquals(new Entry(FILETYPE_REGULAR, 1234), parse(walker.call("library_call", utf8("big")))
                    .get("f0001.txt"));
        } finally {
            Files.write(f, new byte[1]);
        }
        assertEquals(new Entry(FILETYPE_REGULAR, 1), parse(walker.call("library_call", utf8("big")))
                .get("f0001.txt"));
    }

    @Test
    void walkingOutsideTheWorkspaceFails() throws Exception {
        for (String p : new String[] {"..", "big/link_dir_out", "/etc"}) {
            String reply = new String(walker.call("library_call", utf8(p)), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("errno:"), p + " -> " + reply);
        }
    }

    @Test
    void timesTheWalkOf2000Files() throws Exception {
        walker.call("library_call", utf8("big")); // warm-up
        long best = Long.MAX_VALUE;
        long total = 0;
        int rounds = 5;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            Map<String, Entry> entries = parse(walker.call("library_call", utf8("big")));
            long t = System.nanoTime() - t0;
            assertEquals(FILES + 2, entries.size());
            best = Math.min(best, t);
            total += t;
        }
        System.out.printf(Locale.ROOT,
                "WorkspaceWalkTest: readdir + path_filestat_get of %d entries through the confined view:"
                        + " best %.1f ms, mean %.1f ms of %d%n",
                FILES + 2, best / 1e6, total / 1e6 / rounds, rounds);
    }
}
