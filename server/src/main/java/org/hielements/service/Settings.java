package org.hielements.service;

/**
 * The {@code hielements.*} settings an editor can give (pulled with {@code workspace/configuration}, with
 * {@code initializationOptions} as fallback).
 *
 * @param diagnosticsDelay {@code hielements.diagnostics.delay}: milliseconds of quiet after an edit before syntax and
 *                         semantic diagnostics are computed (default 200)
 * @param checksOnChange   {@code hielements.checks.onChange}: also run checks after edits, not only on open and save
 * @param allowProcess     {@code hielements.plugins.allowProcess}: whether process plugins may be started
 */
public record Settings(int diagnosticsDelay, boolean checksOnChange, boolean allowProcess) {
    public static final Settings DEFAULT = new Settings(200, false, true);

    public Settings {
        diagnosticsDelay = Math.max(0, Math.min(diagnosticsDelay, 10_000));
    }
}
