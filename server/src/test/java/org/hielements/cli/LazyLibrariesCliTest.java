package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.hielements.library.TestFiles;
import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hielements check} starts, reads and compiles only the libraries its checks call: 10,000 configured process
 * plugins that no check calls are not started (before, all were: 61 s), a WASM path that is a FIFO is not opened, a
 * module that is not WebAssembly is not read; and a broken library breaks only its own checks.
 */
class LazyLibrariesCliTest {
    @TempDir
    Path dir;

    private Path plugin() throws Exception {
        Path script = TestFiles.write(dir, "plugin.sh", "#!/bin/sh\ntouch \"$0.started\"\nexit 1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0);
    }

    @Test
    void librariesNoCheckCallsAreNeitherStartedNorRead() throws Exception {
        Path script = plugin();
        mkfifo(dir.resolve("fifo.wasm"));
        TestFiles.write(dir, "bad.wasm", "root:x:0:0:root:/root:/bin/bash\n");
        StringBuilder toml = new StringBuilder("[libraries]\n");
        for (int i = 0; i < 10_000; i++) {
            toml.append(String.format("p%05d = { executable = \"./plugin.sh\", args = [\"%d\"] }\n", i, i));
        }
        toml.append("bad = { path = \"bad.wasm\" }\n");
        TestFiles.write(dir, "hielements.toml", toml.toString());
        TestFiles.write(dir, "src/main.py", "");
        Path spec = TestFiles.write(dir, "spec.hie", "element app:\n    scope src = files.folder_selector('src')\n"
                + "    check files.exists(src, 'main.py')\n");
        long t0 = System.nanoTime();
        MainTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> MainTest.run("check", spec.toString()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("LazyLibrariesCliTest: check with 10,000 configured process plugins none calls: " + ms
                + " ms (before: every plugin started, 61 s)");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("PASS app :: files.exists(src, 'main.py')"), r.out());
        assertFalse(Files.exists(dir.resolve(script.getFileName() + ".started")), "a plugin was started");
        assertFalse(r.out().contains("root:x"), r.out());
        // the FIFO was never opened: adding it to the configuration changes nothing but a diagnostic at its key
        TestFiles.write(dir, "hielements.toml", toml + "fifo = { path = \"fifo.wasm\" }\n");
        MainTest.Run withFifo = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> MainTest.run("check", spec.toString()));
        assertTrue((withFifo.out() + withFifo.err()).contains("is a FIFO (named pipe), not a regular file"),
                withFifo.out() + withFifo.err());
        assertTrue(withFifo.out().contains("PASS app :: files.exists(src, 'main.py')"), withFifo.out());
        assertFalse(Files.exists(dir.resolve(script.getFileName() + ".started")), "a plugin was started");
    }

    @Test
    void aBrokenLibraryBreaksOnlyItsOwnChecks() throws Exception {
        TestFiles.write(dir, "bad.wasm", "not a module at all");
        TestFiles.write(dir, "hielements.toml", "[libraries]\nbad = { path = \"bad.wasm\" }\n"
                + "sample = { path = " + PluginFixtures.q(PluginFixtures.sampleWasm()) + " }\n");
        TestFiles.write(dir, "src/main.py", "");
        Path spec = TestFiles.write(dir, "spec.hie", "element app:\n    scope src = files.folder_selector('src')\n"
                + "    check files.exists(src, 'main.py')\n"
                + "    check sample.always_pass()\n"
                + "    check bad.always_pass()\n");
        MainTest.Run r = MainTest.run("check", spec.toString());
        assertTrue(r.out().contains("PASS app :: files.exists(src, 'main.py')"), r.out());
        assertTrue(r.out().contains("PASS app :: sample.always_pass()"), r.out());
        assertTrue(r.out().contains("not a WebAssembly module (bad magic number"), r.out());
        assertFalse(r.out().contains("not a module at all"), r.out());
        assertEquals(1, r.code(), r.out() + r.err());
    }
}
