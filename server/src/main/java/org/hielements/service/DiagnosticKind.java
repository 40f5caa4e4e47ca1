package org.hielements.service;

/**
 * Where a diagnostic comes from. Each kind of a document is computed on its own schedule and replaced on its own: a
 * new set of one kind never wipes out the other kinds.
 */
public enum DiagnosticKind {
    /** Lexical, syntax and semantic diagnostics of a {@code .hie} file: on every change, debounced. */
    ANALYSIS,
    /** Check outcomes (failed or errored checks): on open and save, in the background. */
    CHECKS,
    /** Problems of a {@code hielements.toml}. */
    CONFIGURATION
}
