package org.hielements.service;

/**
 * The {@code hielements.*} settings an editor can give (pulled with {@code workspace/configuration}, with
 * {@code initializationOptions} as fallback), and what the client says of the workspace's trust.
 *
 * @param diagnosticsDelay    {@code hielements.diagnostics.delay}: milliseconds of quiet after an edit before syntax
 *                            and semantic diagnostics are computed (default 200)
 * @param checksOnChange      {@code hielements.checks.onChange}: also run checks after edits, not only on open and save
 * @param allowProcessSetting {@code hielements.plugins.allowProcess} as given, null when never given
 * @param trust               {@code trustedWorkspace} as the client said it, once said it stays until said again
 */
public record Settings(int diagnosticsDelay, boolean checksOnChange, Boolean allowProcessSetting, Trust trust) {
    /** Nothing said: process plugins are off (opening a cloned repository must never run its programs). */
    public static final Settings DEFAULT = new Settings(200, false, null, Trust.UNSAID);

    /** What the client said of the workspace ({@code "trustedWorkspace": true|false}). */
    public enum Trust { UNSAID, TRUSTED, UNTRUSTED }

    public Settings {
        diagnosticsDelay = Math.max(0, Math.min(diagnosticsDelay, 10_000));
        if (trust == null) trust = Trust.UNSAID;
    }

    /**
     * Whether process plugins may start: never in a workspace the client calls untrusted; in a trusted one unless
     * {@code allowProcess} is false; otherwise only when {@code allowProcess} is true. Off by default.
     */
    public boolean allowProcess() {
        return switch (trust) {
            case UNTRUSTED -> false;
            case TRUSTED -> !Boolean.FALSE.equals(allowProcessSetting);
            case UNSAID -> Boolean.TRUE.equals(allowProcessSetting);
        };
    }
}
