package org.hielements.wasm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One call's record of the workspace paths its guest touched ({@link WorkspaceAccess}), set for the thread running the
 * guest while it runs. Paths touched before the call has its instance (while one is instantiated) wait; once attached,
 * the instance's whole history is told to the caller's {@link WorkspaceAccess} and every new path is added to the
 * history and told.
 */
final class AccessLog {
    private static final ThreadLocal<AccessLog> CURRENT = new ThreadLocal<>();

    private final WorkspaceAccess out;
    private final List<Path> early = new ArrayList<>();
    private Set<Path> history;

    AccessLog(WorkspaceAccess out) {
        this.out = out;
    }

    /** Records {@code path} for the call running on this thread, if any. */
    static void touched(Path path) {
        AccessLog log = CURRENT.get();
        if (log != null) log.record(path);
    }

    /** Makes this the log of the calling thread; returns the one it replaces, for {@link #restore}. */
    AccessLog install() {
        AccessLog prev = CURRENT.get();
        CURRENT.set(this);
        return prev;
    }

    static void restore(AccessLog prev) {
        if (prev == null) CURRENT.remove();
        else CURRENT.set(prev);
    }

    private void record(Path path) {
        if (history == null) {
            early.add(path);
        } else if (history.add(path)) {
            tell(path);
        }
    }

    /** From now on paths go to {@code instanceHistory}; everything in it (and what waited) is told now. */
    void attach(Set<Path> instanceHistory) {
        history = instanceHistory;
        history.addAll(early);
        early.clear();
        for (Path p : history) tell(p);
    }

    private void tell(Path p) {
        if (out != null) out.accessed(p);
    }
}
