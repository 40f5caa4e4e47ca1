package org.hielements.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InputProbe#content} with the real paths of folders remembered ({@link InputProbe.RealFolders}) observes what it
 * observes without them: plain files, files under a folder linked inside or outside the workspace, a file that is a
 * link, missing files.
 */
class InputProbeTest {
    @TempDir
    Path tmp;

    @Test
    void rememberedFoldersObserveTheSameAsResolvingEachPath() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        Path outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        Files.writeString(outside.resolve("secret.py"), "x = 1\n");
        Files.createDirectories(root.resolve("src/pkg"));
        Files.writeString(root.resolve("src/pkg/a.py"), "import os\n");
        Files.writeString(root.resolve("src/pkg/b.py"), "import json\n");
        Files.createSymbolicLink(root.resolve("src/alias"), root.resolve("src/pkg"));        // a folder linked inside
        Files.createSymbolicLink(root.resolve("src/away"), outside);                         // a folder linked outside
        Files.createSymbolicLink(root.resolve("src/pkg/c.py"), root.resolve("src/pkg/a.py")); // a file that is a link
        Files.createSymbolicLink(root.resolve("src/pkg/d.py"), outside.resolve("secret.py"));

        InputProbe.RealFolders folders = new InputProbe.RealFolders();
        List<String> paths = List.of("src/pkg/a.py", "src/pkg/b.py", "src/alias/a.py", "src/alias/b.py", "src/away/secret.py",
                "src/pkg/c.py", "src/pkg/d.py", "src/pkg/missing.py", "src/nowhere/x.py", "src/pkg");
        for (int round = 0; round < 2; round++) {                    // the second round from the remembered folders
            for (String rel : paths) {
                Path abs = root.resolve(rel);
                InputProbe.Content plain = InputProbe.content(root, abs, true);
                InputProbe.Content remembered = InputProbe.content(root, abs, true, folders);
                assertEquals(plain.state(), remembered.state(), rel);
                assertEquals(plain.linked(), remembered.linked(), rel);
                assertEquals(plain.stamp(), remembered.stamp(), rel);
            }
        }
        assertTrue(InputProbe.content(root, root.resolve("src/alias/a.py"), true, folders).state().startsWith("file:@src/pkg/a.py:"));
        assertEquals("absent", InputProbe.content(root, root.resolve("src/away/secret.py"), true, folders).state());
        assertEquals("absent", InputProbe.content(root, root.resolve("src/pkg/d.py"), true, folders).state());
        assertFalse(InputProbe.content(root, root.resolve("src/pkg/a.py"), true, folders).linked());
    }
}
