package org.hielements.library.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Kills the process groups of plugins, also when the JVM is killed: one small {@code sh} process per JVM, in its own
 * session (so a signal to our process group or terminal does not reach it, and it ignores the terminal's signals),
 * reads commands on its standard input: {@code +PGID} (a plugin's group to kill at the end), {@code kPGID} (kill that
 * group now), {@code -PGID} (forget it). When its input ends, which the kernel ensures when the JVM dies however it
 * dies, it kills every group it still knows and exits. So a plugin's children (which the parent-death signal does not
 * reach) die with the plugin: after a close, a timeout, a normal exit, and a {@code kill -9} of the JVM.
 */
final class GroupReaper {
    private static final Logger LOG = Logger.getLogger(GroupReaper.class.getName());

    /** Every command is checked to be a number before it reaches {@code kill}. */
    static final String SCRIPT = String.join("\n",
            "trap '' INT HUP TERM QUIT PIPE",
            "g=' '",
            "while IFS= read -r l; do",
            "  n=${l#?}",
            "  case $n in ''|*[!0-9]*) continue ;; esac",
            "  case $l in",
            "    +*) g=\"$g$n \" ;;",
            "    -*) case $g in *\" $n \"*) g=\"${g%% $n *} ${g#* $n }\" ;; esac ;;",
            "    k*) kill -KILL \"-$n\" 2>/dev/null ;;",
            "  esac",
            "done",
            "for n in $g; do kill -KILL \"-$n\" 2>/dev/null; done",
            "");

    private static Process reaper;
    private static OutputStream commands;
    private static boolean failed;

    private GroupReaper() {
    }

    /** Starts the reaper (once) through {@code setsid}; false when it cannot run here. */
    private static boolean ensureStarted(String setsid) {
        if (commands != null) return true;
        if (failed) return false;
        try {
            reaper = new ProcessBuilder(List.of(setsid, "--", "/bin/sh", "-c", SCRIPT))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            commands = reaper.getOutputStream();
            LOG.fine(() -> "process group reaper started (pid " + reaper.pid() + ")");
            return true;
        } catch (IOException e) {
            failed = true;
            LOG.log(Level.WARNING, "cannot start the process group reaper; a plugin's children may outlive a killed "
                    + "JVM", e);
            return false;
        }
    }

    /** Remembers a plugin's group, to be killed when the JVM ends. */
    static synchronized void register(long pgid, String setsid) {
        if (ensureStarted(setsid)) send("+" + pgid);
    }

    /** Kills a plugin's group now (the plugin and everything it started that did not leave the group). */
    static synchronized void kill(long pgid) {
        if (commands != null) send("k" + pgid);
    }

    /** Kills a plugin's group now and forgets it (the plugin is done with). */
    static synchronized void release(long pgid) {
        if (commands != null) send("k" + pgid + "\n-" + pgid);
    }

    /** Ends the reaper, which kills every group it still knows; waits up to {@code millis} for that. */
    static void shutdown(long millis) {
        Process p;
        synchronized (GroupReaper.class) {
            p = reaper;
            if (commands == null) return;
            try {
                commands.close();
            } catch (IOException ignored) {
                // it is gone already: nothing to wait for
            }
            commands = null;
            reaper = null;
        }
        try {
            p.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(String line) {
        try {
            commands.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            commands.flush();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the process group reaper is gone; plugin groups are killed by the JVM alone", e);
            commands = null;
            failed = true;
        }
    }
}
