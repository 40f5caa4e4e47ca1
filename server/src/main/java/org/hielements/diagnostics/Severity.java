package org.hielements.diagnostics;

/** How bad a diagnostic is; names as LSP and upstream's JSON output spell them. */
public enum Severity {
    ERROR, WARNING, INFO, HINT;

    /** The lower-case word used in JSON output ({@code "error"}, {@code "warning"}, ...). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
