package org.hielements.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attribute maps of the confined view (served with one stat, owner and group from a cache) are
 * the JDK's own maps for the same real file, for plain paths and for entries of a listing, and the
 * listing shortcut never reaches past a symlink leading out.
 */
class WorkspaceAttributesTest {
    @TempDir
    Path tmp;
    Path ws;
    Path view;

    @BeforeEach
    void setUp() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "SECRET!");
        ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("a.txt"), "AAA");
        Files.createDirectories(ws.resolve("d"));
        Files.createSymbolicLink(ws.resolve("in"), Path.of("a.txt"));
        Files.createSymbolicLink(ws.resolve("out"), outside.resolve("secret.txt"));
        view = WorkspaceFileSystem.mount(ws);
    }

    private static final List<String> REQUESTS = List.of("unix:*", "posix:*", "basic:*", "*", "size,isDirectory",
            "unix:size,owner,group,ino", "posix:owner", "unix:isSymbolicLink,size,nlink");

    private static Map<String, Object> comparable(Map<String, Object> m) {
        Map<String, Object> out = new HashMap<>(m);
        out.remove("lastAccessTime"); // reading through the view may update it on some file systems
        return out;
    }

    @Test
    void mapsAreTheJdksForTheRealFile() throws IOException {
        for (String name : List.of("a.txt", "d", "in")) {
            for (String req : REQUESTS) {
                assertEquals(comparable(Files.readAttributes(ws.resolve(name), req)),
                        comparable(Files.readAttributes(view.resolve(name), req)), name + " " + req);
                assertEquals(comparable(Files.readAttributes(ws.resolve(name), req, LinkOption.NOFOLLOW_LINKS)),
                        comparable(Files.readAttributes(view.resolve(name), req, LinkOption.NOFOLLOW_LINKS)),
                        name + " " + req + " nofollow");
            }
        }
        assertEquals(3L, Files.readAttributes(view.resolve("in"), "unix:size").get("size"));
        assertEquals(5L, Files.readAttributes(view.resolve("in"), "size", LinkOption.NOFOLLOW_LINKS).get("size"),
                "a link's own size is the length of its target, \"a.txt\"");
        assertThrows(IllegalArgumentException.class, () -> Files.readAttributes(view.resolve("a.txt"), "posix:ino"));
        assertThrows(IllegalArgumentException.class, () -> Files.readAttributes(view.resolve("a.txt"), "unix:nope"));
    }

    @Test
    void listingEntriesReadTheSameAndStayConfined() throws IOException {
        Map<String, Map<String, Object>> listed = new HashMap<>();
        Map<String, Map<String, Object>> listedNoFollow = new HashMap<>();
        List<Path> kept = new java.util.ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(view)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                kept.add(p);
                listedNoFollow.put(name, Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS));
                if (name.equals("out")) {
                    assertThrows(NoSuchFileException.class, () -> Files.readAttributes(p, "unix:*"));
                    assertThrows(NoSuchFileException.class, () -> Files.readAttributes(p, BasicFileAttributes.class));
                    assertFalse(Files.exists(p));
                } else {
                    listed.put(name, Files.readAttributes(p, "unix:*"));
                    assertEquals(Files.readAttributes(ws.resolve(name), BasicFileAttributes.class).fileKey(),
                            Files.readAttributes(p, BasicFileAttributes.class).fileKey(), name);
                }
            }
        }
        assertEquals(java.util.Set.of("a.txt", "d", "in"), listed.keySet());
        for (String name : listed.keySet()) {
            assertEquals(comparable(Files.readAttributes(ws.resolve(name), "unix:*")), comparable(listed.get(name)),
                    name);
        }
        for (String name : List.of("a.txt", "d", "in", "out")) {
            assertEquals(comparable(Files.readAttributes(ws.resolve(name), "unix:*", LinkOption.NOFOLLOW_LINKS)),
                    comparable(listedNoFollow.get(name)), name + " nofollow");
        }
        assertTrue((Boolean) listed.get("d").get("isDirectory"));
        assertEquals(3L, listed.get("in").get("size"), "a link inside, followed, reads its target");
        // entries kept past the listing's end are resolved in full again
        for (Path p : kept) {
            if (p.getFileName().toString().equals("out")) {
                assertThrows(NoSuchFileException.class, () -> Files.readAttributes(p, "unix:*"));
            } else {
                assertTrue(Files.exists(p), p.toString());
            }
        }
    }
}
