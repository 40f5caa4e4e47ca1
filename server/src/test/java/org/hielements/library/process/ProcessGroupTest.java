package org.hielements.library.process;

import static org.hielements.library.process.ProcessTestSupport.gone;
import static org.hielements.library.process.ProcessTestSupport.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hielements.library.CallContext;
import org.hielements.library.LibraryException;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's children die with it. The plugin ({@code faulty.py --fork-child}) starts a child that ignores SIGTERM,
 * SIGHUP and SIGINT; after the library is closed, after a timeout, after the plugin crashes, after a {@code hielements
 * check} in a child JVM ends normally, and after that JVM is killed with {@code kill -9}, neither the plugin nor its
 * child nor anything else of its process group runs. (Before, the child outlived all of these: the parent-death
 * signal reaches the plugin, not its children, and a child whose parent exited is no longer its descendant.)
 */
class ProcessGroupTest {
    @TempDir
    Path dir;

    private boolean supported() {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return false;
        if (!ProcessLauncher.groups()) {
            System.err.println("!!!!! NOT RUN: ProcessGroupTest needs util-linux setsid (a plugin in its own process "
                    + "group), which does not work here: a plugin's children may outlive the checker !!!!!");
            return false;
        }
        return true;
    }

    private Path ws() throws IOException {
        return Files.createDirectories(dir.resolve("ws")).toRealPath();
    }

    private static ProcessLibrary library(Path ws, Duration timeout, String... options) {
        List<String> cmd = new ArrayList<>(List.of(PluginFixtures.pythonCommand(), PluginFixtures.faulty().toString(),
                "--fork-child"));
        cmd.addAll(List.of(options));
        return new ProcessLibrary(ProcessPluginSpec.of("forker", ws, cmd).withTimeout(timeout));
    }

    /** The pid the plugin wrote to {@code name} in the workspace, waiting for it up to 30 s. */
    private static long pidFile(Path ws, String name) throws Exception {
        Path f = ws.resolve(name);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(f)) {
            if (System.nanoTime() > end) throw new AssertionError("the plugin did not write " + f);
            Thread.sleep(20);
        }
        return Long.parseLong(Files.readString(f, StandardCharsets.US_ASCII).trim());
    }

    /** Every running process whose process group is {@code pgid}. */
    static List<Long> group(long pgid) throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"), StandardCharsets.UTF_8);
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the name: state, ppid, pgrp
                    if (Long.parseLong(f[2]) == pgid && !f[0].equals("Z")) out.add(Long.parseLong(p.getFileName().toString()));
                } catch (IOException | RuntimeException e) {
                    // it ended while we looked
                }
            }
        }
        return out;
    }

    private static void assertAllGone(String when, long plugin, long child) throws Exception {
        assertTrue(gone(plugin, 5000), "plugin " + plugin + " still runs " + when);
        assertTrue(gone(child, 5000), "its child " + child + " still runs " + when);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!group(plugin).isEmpty() && System.nanoTime() < end) Thread.sleep(20);
        assertEquals(List.of(), group(plugin), "processes of the plugin's group still run " + when);
        System.out.println("ProcessGroupTest: plugin " + plugin + ", its child " + child + " and its group gone " + when);
    }

    @Test
    void closingTheLibraryKillsThePluginsChildren() throws Exception {
        if (!supported()) return;
        Path ws = ws();
        ProcessLibrary lib = library(ws, Duration.ofSeconds(10));
        long plugin = ((Value.IntValue) lib.call("pid", List.of(), CallContext.of(Workspace.of(ws)))).value();
        long child = pidFile(ws, "faulty-child.pid");
        assertEquals(plugin, pidFile(ws, "faulty-plugin.pid"));
        assertTrue(running(child));
        assertEquals(List.of(), group(ProcessHandle.current().pid()).stream().filter(p -> p == plugin).toList(),
                "the plugin is not in our process group");
        lib.close();
        assertAllGone("after close", plugin, child);
    }

    @Test
    void aTimeoutKillsThePluginsChildren() throws Exception {
        if (!supported()) return;
        Path ws = ws();
        ProcessLibrary lib = library(ws, Duration.ofMillis(800));
        try {
            LibraryException e = assertThrows(LibraryException.class,
                    () -> lib.call("hang", List.of(), CallContext.of(Workspace.of(ws))));
            assertEquals("E530", e.code(), e.getMessage());
            assertAllGone("after a timeout", pidFile(ws, "faulty-plugin.pid"), pidFile(ws, "faulty-child.pid"));
        } finally {
            lib.close();
        }
    }

    @Test
    void aPluginThatCrashesTakesItsChildrenWithIt() throws Exception {
        if (!supported()) return;
        Path ws = ws();
        ProcessLibrary lib = library(ws, Duration.ofSeconds(10));
        try {
            assertThrows(LibraryException.class, () -> lib.call("crash", List.of(), CallContext.of(Workspace.of(ws))));
            assertAllGone("after the plugin crashed", pidFile(ws, "faulty-plugin.pid"), pidFile(ws, "faulty-child.pid"));
        } finally {
            lib.close();
        }
    }

    /** {@code hielements check spec.hie} in a child JVM (this test classpath), its workspace {@code ws}. */
    private static Process checkInChildJvm(Path ws, String spec) throws IOException {
        PluginFixtures.write(ws, "hielements.toml", "[libraries.faulty]\nexecutable = "
                + PluginFixtures.q(PluginFixtures.pythonCommand()) + "\nargs = [" + PluginFixtures.q(PluginFixtures.faulty())
                + ", \"--fork-child\"]\ntimeout = \"60s\"\n");
        Path file = PluginFixtures.write(ws, "spec.hie", spec);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.hielements.cli.Main", "check", file.toString());
        return new ProcessBuilder(cmd).directory(ws.toFile()).redirectErrorStream(true)
                .redirectOutput(ws.resolve("check.log").toFile()).start();
    }

    @Test
    void afterANormalCheckRunNothingOfThePluginIsLeft() throws Exception {
        if (!supported()) return;
        Path ws = ws();
        Process jvm = checkInChildJvm(ws, "element app:\n    check faulty.ok()\n");
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the check did not end");
        String log = Files.readString(ws.resolve("check.log"));
        assertEquals(0, jvm.exitValue(), log);
        assertTrue(log.contains("PASS app :: faulty.ok()"), log);
        assertAllGone("after a normal check run", pidFile(ws, "faulty-plugin.pid"), pidFile(ws, "faulty-child.pid"));
    }

    @Test
    void afterTheCheckersJvmIsKilledWithSigkillNothingOfThePluginIsLeft() throws Exception {
        if (!supported()) return;
        Path ws = ws();
        Process jvm = checkInChildJvm(ws, "element app:\n    scope s = faulty.hang()\n    check files.exists(s, 'x')\n");
        long plugin = pidFile(ws, "faulty-plugin.pid");
        long child = pidFile(ws, "faulty-child.pid");
        assertTrue(running(plugin) && running(child) && jvm.isAlive(), Files.readString(ws.resolve("check.log")));
        Thread.sleep(300); // the hanging call is under way
        jvm.destroyForcibly(); // SIGKILL: the JVM runs no code, no shutdown hook
        assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, jvm.exitValue(), "killed by SIGKILL");
        assertAllGone("after kill -9 of the checker", plugin, child);
    }
}
