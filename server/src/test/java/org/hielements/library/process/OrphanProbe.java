package org.hielements.library.process;

import java.nio.file.Path;
import java.util.List;

import org.hielements.library.CallContext;
import org.hielements.library.Value;
import org.hielements.library.Workspace;

/**
 * The child JVM of {@link NoOrphansTest}: starts a plugin that ignores the end of its input, prints
 * {@code PID <plugin pid>}, then either returns from {@code main} without closing anything ({@code exit}: only the
 * shutdown hook can stop the plugin) or waits to be killed ({@code wait}: only the kernel can).
 *
 * <p>Arguments: mode, the workspace, the python executable, the faulty plugin.
 */
public final class OrphanProbe {
    private OrphanProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path ws = Path.of(args[1]);
        ProcessLibrary lib = new ProcessLibrary(ProcessPluginSpec.of("stubborn", ws,
                List.of(args[2], args[3], "--ignore-eof")));
        Value pid = lib.call("pid", List.of(), CallContext.of(Workspace.of(ws)));
        System.out.println("PID " + ((Value.IntValue) pid).value());
        System.out.flush();
        if (mode.equals("wait")) {
            Thread.sleep(120_000);
        }
    }
}
