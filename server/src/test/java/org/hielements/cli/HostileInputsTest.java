package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line given hostile inputs (docs/RELIABILITY.md): FIFOs, devices, huge files, imports that leave the
 * workspace. Nothing hangs, nothing outside the workspace is read, every refusal says why.
 */
class HostileInputsTest {
    private static final Duration HANG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Path fifo(Path at) throws IOException, InterruptedException {
        Files.createDirectories(at.getParent());
        Process p = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        return at;
    }

    private static MainTest.Run run(String... args) {
        return assertTimeoutPreemptively(HANG, () -> MainTest.run(args));
    }

    // ------------------------------------------------------------------ FIFOs and devices as the .hie file

    @Test
    void aFifoGivenAsTheFileIsRefusedByEveryCommand() throws Exception {
        Path p = fifo(dir.resolve("pipe.hie"));
        String why = "error: '" + p + "' is a FIFO (named pipe), not a regular file; it was not read\n";
        for (String[] args : new String[][] {{"check", p.toString()}, {"check", "--no-run", p.toString()},
                {"run", p.toString()}, {"parse", p.toString()}, {"format", p.toString()},
                {"format", "--check", p.toString()}}) {
            MainTest.Run r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains(why), String.join(" ", args) + ": " + r.err());
        }
    }

    @Test
    void aDeviceGivenAsTheFileIsRefused() {
        MainTest.Run r = run("check", "--no-run", "/dev/zero");
        assertEquals(2, r.code());
        assertEquals("error: '/dev/zero' is a character device, not a regular file; it was not read\n", r.err());
        assertEquals(2, run("parse", "/dev/zero").code());
        assertEquals(2, run("format", "/dev/zero").code());
    }

    @Test
    void aFifoInAFolderIsNotPickedUp() throws Exception {
        write("ws/a.hie", "element a:\n    scope s = files.folder_selector('.')\n");
        fifo(dir.resolve("ws/b.hie"));
        MainTest.Run r = run("check", "--no-run", dir.resolve("ws").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Finished `" + dir.resolve("ws/a.hie") + "` validated successfully\n", r.out());
    }

    @Test
    void aHieFileOverTheLimitIsRefusedFromItsSize() throws IOException {
        Path big = dir.resolve("big.hie");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(2L * 1024 * 1024 * 1024); // sparse: 2 GiB that are never read
        }
        MainTest.Run r = run("check", big.toString());
        assertEquals(2, r.code());
        assertEquals("error: '" + big + "' is larger than the limit of 16 MiB (2048 MiB); it was not read\n", r.err());
    }

    // ------------------------------------------------------------------ caps

    @Test
    void aLineOfAMillionBadCharactersGivesAThousandDiagnosticsAndACount() throws IOException {
        Path f = write("bad.hie", "a@".repeat(1_000_000) + "\n");
        MainTest.Run r = run("check", "--no-run", f.toString());
        assertEquals(1, r.code());
        assertEquals(1000, r.out().lines().filter(l -> l.startsWith("error[E017] : Unexpected character '@'")).count());
        assertTrue(r.out().contains("error[E021] : 999,000 more diagnostics in this file are not shown, errors among "
                + "them (only the first 1,000 are)\n  --> " + f + ":1:2002\n"), r.out().substring(r.out().length() - 400));
        assertTrue(r.out().length() < 200_000, "printed " + r.out().length() + " characters");
        assertEquals("error: could not validate `" + f + "` due to 1001 previous errors\n", r.err());
        MainTest.Run json = run("check", "--format", "json", f.toString());
        assertEquals(1, json.code());
        assertTrue(json.out().length() < 1_000_000, "printed " + json.out().length() + " characters");
        assertTrue(json.out().contains("\"total_errors\": 1001"), json.out().substring(json.out().length() - 300));
    }

    // ------------------------------------------------------------------ imports

    @Test
    void importsThatLeaveTheWorkspaceAreRefusedAlikeWhetherTheTargetExistsOrNot() throws IOException {
        write("outside/secret.hie", "element leaked:\n    scope s = files.folder_selector('.')\n");
        write("ws/hielements.toml", "");
        Path app = write("ws/app.hie", "import '../outside/secret.hie'\nimport '../outside/nothing.hie'\n"
                + "import '../../../../../../../etc/passwd'\n"
                + "element a:\n    scope s = files.folder_selector('.')\n");
        MainTest.Run r = run("check", "--no-run", app.toString());
        assertEquals(1, r.code());
        Path ws = dir.resolve("ws");
        String why = "the path leaves the workspace " + ws + " (imports stay inside it; a hielements.toml in a "
                + "folder above both files makes that folder the workspace)";
        assertEquals("error[E216] : Cannot import '../outside/secret.hie': " + why + "\n  --> " + app + ":1:8\n\n"
                + "error[E216] : Cannot import '../outside/nothing.hie': " + why + "\n  --> " + app + ":2:8\n\n"
                + "error[E216] : Cannot import '../../../../../../../etc/passwd': " + why + "\n  --> " + app
                + ":3:8\n\n", r.out());
        assertFalse(r.out().contains("leaked") || r.out().contains("root:"), r.out());
    }

    @Test
    void anImportThroughASymbolicLinkThatLeavesTheWorkspaceIsRefused() throws IOException {
        write("outside/secret.hie", "element leaked:\n    scope s = files.folder_selector('.')\n");
        write("ws/hielements.toml", "");
        Files.createSymbolicLink(dir.resolve("ws/shared.hie"), dir.resolve("outside/secret.hie"));
        Files.createSymbolicLink(dir.resolve("ws/lib"), dir.resolve("outside"));
        Path app = write("ws/app.hie", "import './shared'\nimport './lib/secret.hie'\n"
                + "element a:\n    scope s = files.folder_selector('.')\n");
        MainTest.Run r = run("check", "--no-run", app.toString());
        assertEquals(1, r.code());
        Path ws = dir.resolve("ws");
        String why = "the path leads outside the workspace " + ws + " through a symbolic link (imports stay inside it)";
        assertEquals("error[E216] : Cannot import './shared': " + why + "\n  --> " + app + ":1:8\n\n"
                + "error[E216] : Cannot import './lib/secret.hie': " + why + "\n  --> " + app + ":2:8\n\n", r.out());
    }

    @Test
    void anImportNamesAHieFileSoOtherFilesAreNeverReadAsSource() throws IOException {
        write("ws/hielements.toml", "");
        write("ws/.env", "API_TOKEN=s3cr3t-\u0001-value\n");
        write("ws/notes.txt", "password: hunter2 @@@\n");
        Path app = write("ws/app.hie", "import './.env'\nimport './notes.txt'\n"
                + "element a:\n    scope s = files.folder_selector('.')\n");
        MainTest.Run r = run("check", "--no-run", app.toString());
        assertEquals(1, r.code());
        assertEquals("error[E216] : Cannot import './.env': no such file (looked for .env.hie)\n  --> " + app
                + ":1:8\n\nerror[E216] : Cannot import './notes.txt': no such file (looked for notes.txt.hie)\n  --> "
                + app + ":2:8\n\n", r.out());
        assertFalse(r.out().contains("E017") || r.out().contains("s3cr3t") || r.out().contains("hunter2"), r.out());
    }

    @Test
    void anImportedFifoOrDeviceIsRefusedWithoutBlocking() throws Exception {
        write("ws/hielements.toml", "");
        fifo(dir.resolve("ws/pipe.hie"));
        Path app = write("ws/app.hie", "import './pipe.hie'\nimport './folder'\n"
                + "element a:\n    scope s = files.folder_selector('.')\n");
        Files.createDirectories(dir.resolve("ws/folder.hie"));
        MainTest.Run r = run("check", "--no-run", app.toString());
        assertEquals(1, r.code());
        assertEquals("error[E216] : Cannot import './pipe.hie': pipe.hie is a FIFO (named pipe), not a regular file; "
                + "it was not read\n  --> " + app + ":1:8\n\n"
                + "error[E216] : Cannot import './folder': folder.hie is a folder, not a regular file; it was not read"
                + "\n  --> " + app + ":2:8\n\n", r.out());
        // the same in a run
        MainTest.Run run = run("check", app.toString());
        assertEquals(1, run.code());
        assertTrue(run.out().contains("Cannot import './pipe.hie'"), run.out());
    }

    @Test
    void anImportedFileOverTheLimitIsRefused() throws IOException {
        write("ws/hielements.toml", "");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("ws/huge.hie").toFile(), "rw")) {
            f.setLength(20L * 1024 * 1024);
        }
        Path app = write("ws/app.hie", "import './huge'\nelement a:\n    scope s = files.folder_selector('.')\n");
        MainTest.Run r = run("check", "--no-run", app.toString());
        assertEquals(1, r.code());
        assertEquals("error[E216] : Cannot import './huge': huge.hie is larger than the limit of 16 MiB (20 MiB); it was "
                + "not read\n  --> " + app + ":1:8\n\n", r.out());
    }

    // ------------------------------------------------------------------ files read by checks

    @Test
    void aCheckedFileOverTheLimitIsAnErrorOfTheCheckNotAnOutOfMemoryError() throws IOException {
        write("ws/hielements.toml", "");
        write("ws/src/small.py", "import os\n");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("ws/src/huge.py").toFile(), "rw")) {
            f.setLength(2L * 1024 * 1024 * 1024);
        }
        Path app = write("ws/app.hie", "element a:\n    scope models = python.class_selector('Model')\n"
                + "    check python.imports(models, 'os')\n");
        MainTest.Run r = run("check", app.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("the file 'src/huge.py' is larger than the limit of 32 MiB (2048 MiB); it was not "
                + "read"), r.out());
        assertTrue(r.out().contains("Summary: 1 total"), r.out());
        assertEquals("", r.err());
    }
}
