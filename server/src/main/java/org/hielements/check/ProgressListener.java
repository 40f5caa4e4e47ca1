package org.hielements.check;

/**
 * Told how far a run is after each check and each element (the language server's {@code $/progress}, the command
 * line's progress line). Called on the thread that runs the checks; must return quickly and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = p -> { };

    void progress(Progress progress);
}
