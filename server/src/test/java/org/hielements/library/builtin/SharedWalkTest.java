package org.hielements.library.builtin;

import static org.hielements.library.TestFiles.mkdir;
import static org.hielements.library.TestFiles.symlink;
import static org.hielements.library.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every built-in function of one run shares the workspace's single walk, and none of them leaves the workspace. */
class SharedWalkTest extends BuiltinTestSupport {

    @Test
    void allBuiltinsOfARunShareOneWalkAndNeverFollowLinksOut(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("ws")).toRealPath();
        Path outside = mkdir(tmp, "outside");
        write(outside, "evil.py", "def handler():\n    import os\n");
        write(outside, "evil.rs", "pub fn handler() {}\npub struct Evil;\n");
        write(root, "app/main.py", "def handler():\n    pass\n");
        write(root, "src/lib.rs", "pub fn handler() {}\n");
        symlink(root.resolve("linked"), outside);
        symlink(root.resolve("app/evil.py"), outside.resolve("evil.py"));
        workspace(root);

        assertEquals(0, ws.walkCount());
        assertEquals(List.of("app/main.py"), rel(scope("python", "function_selector", s("handler"))));
        assertEquals(List.of("src/lib.rs"), rel(scope("rust", "function_selector", s("handler"))));
        assertPass(check("rust", "function_exists", s("handler")));
        assertFail("Struct 'Evil' not found", check("rust", "struct_exists", s("Evil")));
        assertEquals(List.of("app/main.py", "src/lib.rs"), rel(scope("files", "folder_selector", s("."))));
        assertEquals(List.of("app/main.py"), rel(scope("files", "glob_selector", s("**/*.py"))));
        assertTrue(scope("files", "folder_selector", s("linked")).isEmpty());
        assertTrue(scope("files", "file_selector", s("app/evil.py")).isEmpty());
        assertTrue(scope("python", "module_selector", s("evil")).isEmpty());
        assertPass(check("python", "no_import", call("files", "glob_selector", s("**/*")), s("os")));
        assertEquals(1, ws.walkCount(), "one walk for the whole run");
    }
}
