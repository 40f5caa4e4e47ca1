package org.hielements.library.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.hielements.library.CallContext;
import org.hielements.library.Library;
import org.hielements.library.LibraryException;
import org.hielements.library.Scope;
import org.hielements.library.Value;
import org.hielements.library.Workspace;
import org.hielements.library.config.Libraries;
import org.hielements.library.config.PluginFixtures;

/** Shared by the process plugin tests: a workspace with a {@code hielements.toml}, calls, process liveness. */
final class ProcessTestSupport {
    private ProcessTestSupport() {
    }

    /** {@code [libraries.NAME]} running faulty.py with these options (and {@code extra} lines). */
    static String faulty(String name, String options, String extra) {
        StringBuilder args = new StringBuilder(PluginFixtures.q(PluginFixtures.faulty()));
        for (String o : options.split(" ")) {
            if (!o.isBlank()) args.append(", ").append(PluginFixtures.q(o));
        }
        return "[libraries." + name + "]\nexecutable = " + PluginFixtures.q(PluginFixtures.pythonCommand()) + "\nargs = ["
                + args + "]\n" + extra + "\n";
    }

    static Libraries load(Path ws, String toml) {
        PluginFixtures.write(ws, "hielements.toml", toml);
        return Libraries.load(ws, PluginFixtures.options());
    }

    static CallContext ctx(Path ws) {
        return CallContext.of(Workspace.of(ws));
    }

    static Library lib(Libraries libs, String name) {
        return libs.registry().get(name).orElseThrow();
    }

    static long pid(Libraries libs, String name, Path ws) throws LibraryException {
        return ((Value.IntValue) lib(libs, name).call("pid", List.of(), ctx(ws))).value();
    }

    static LibraryException fails(Libraries libs, String name, String function, Path ws) {
        return assertThrows(LibraryException.class, () -> lib(libs, name).call(function, List.of(), ctx(ws)));
    }

    /** The other libraries of the registry still work: the well-behaved plugin {@code good} and the built-in files. */
    static void othersStillWork(Libraries libs, Path ws) throws LibraryException {
        long pid = pid(libs, "good", ws);
        assertTrue(running(pid), "good's process runs");
        Value v = lib(libs, "files").call("folder_selector", List.of(Value.of(".")), ctx(ws));
        assertTrue(((Scope) v).paths().contains(ws.resolve("hielements.toml")), "the built-in files works");
    }

    /** Whether a process runs (a zombie, exited but not reaped, does not). */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** Waits up to {@code millis} for a process to stop running; returns whether it did. */
    static boolean gone(long pid, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            if (!running(pid)) return true;
            Thread.sleep(20);
        }
        return !running(pid);
    }

    static void assertMessage(LibraryException e, String code, String message) {
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(message, e.error().message());
    }
}
