package org.hielements.library;

import java.util.Objects;

/**
 * What a library call may know about the run: the {@link Workspace} (its root, the shared file walk, the read cache).
 * One workspace instance per run, so every call of that run shares one walk.
 */
public record CallContext(Workspace workspace) {
    public CallContext {
        Objects.requireNonNull(workspace, "workspace");
    }

    public static CallContext of(Workspace workspace) {
        return new CallContext(workspace);
    }
}
