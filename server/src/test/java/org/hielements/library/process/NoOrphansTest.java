package org.hielements.library.process;

import static org.hielements.library.process.ProcessTestSupport.gone;
import static org.hielements.library.process.ProcessTestSupport.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.hielements.library.config.PluginFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No plugin process outlives its JVM: a separate {@code java} process (this test classpath, {@link OrphanProbe})
 * starts a plugin that ignores the end of its input; after that JVM exits normally, or is killed with SIGKILL, the
 * plugin's PID must be gone.
 */
class NoOrphansTest {
    @TempDir
    Path ws;

    /** Runs the probe; returns the plugin's PID and the probe process (still running in {@code wait} mode). */
    private Object[] probe(String mode, String... jvmOptions) throws Exception {
        String python = PluginFixtures.pythonCommand();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OrphanProbe.class.getName(), mode,
                ws.toRealPath().toString(), python, PluginFixtures.faulty().toString()));
        Process jvm = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PID ")) {
            jvm.destroyForcibly();
            throw new AssertionError("the probe JVM did not report its plugin: " + line);
        }
        long pid = Long.parseLong(line.substring(4).trim());
        assertTrue(running(pid), "the plugin runs while its JVM does");
        return new Object[] {pid, jvm};
    }

    @Test
    void afterTheJvmIsKilledWithSigkillThePluginIsGone() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        if (ProcessLauncher.setpriv().isEmpty()) {
            System.err.println("!!!!! NOT RUN: NoOrphansTest SIGKILL case needs util-linux setpriv --pdeathsig, which "
                    + "is missing here: without it a plugin that ignores end of input outlives a SIGKILLed JVM !!!!!");
            return;
        }
        Object[] r = probe("wait");
        long pid = (Long) r[0];
        Process jvm = (Process) r[1];
        jvm.destroyForcibly();   // SIGKILL: the JVM runs no shutdown hook
        assertTrue(jvm.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, jvm.exitValue(), "killed by SIGKILL");
        assertTrue(gone(pid, 5000), "plugin " + pid + " outlived its SIGKILLed JVM");
    }

    @Test
    void afterTheJvmExitsNormallyWithoutClosingThePluginIsGone() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        Object[] r = probe("exit");
        long pid = (Long) r[0];
        Process jvm = (Process) r[1];
        assertTrue(jvm.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, jvm.exitValue());
        assertTrue(gone(pid, 3000), "plugin " + pid + " outlived its JVM");
    }

    @Test
    void withoutSetprivTheShutdownHookStillStopsThePluginOnANormalExit() throws Exception {
        if (!PluginFixtures.pythonOr(getClass().getSimpleName())) return;
        Object[] r = probe("exit", "-Dhielements.plugins.pdeathsig=false");
        long pid = (Long) r[0];
        Process jvm = (Process) r[1];
        assertTrue(jvm.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, jvm.exitValue());
        assertTrue(gone(pid, 3000), "plugin " + pid + " outlived its JVM (fallback without setpriv)");
    }
}
