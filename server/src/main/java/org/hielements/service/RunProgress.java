package org.hielements.service;

/**
 * Where a check run reports how far it is (an editor's progress indicator). Implementations decide whether and when
 * to show it; calls come from the run's thread.
 */
public interface RunProgress {
    /** Opens the report of one run; {@code cancel} stops the run when the user cancels it. */
    interface Factory {
        RunProgress open(String title, Runnable cancel);
    }

    void report(int percent, String message);

    void done(String message);

    /** Reports nothing. */
    Factory NONE = (title, cancel) -> new RunProgress() {
        @Override
        public void report(int percent, String message) {
        }

        @Override
        public void done(String message) {
        }
    };
}
