package org.hielements.cli;

import org.hielements.diagnostics.Severity;

/** Terminal colours of the human output (ANSI SGR codes), or plain text when colour is off. */
record Style(boolean color) {
    String paint(String sgr, String text) {
        return color ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }

    String severity(Severity s) {
        return switch (s) {
            case ERROR -> paint("1;31", "error");
            case WARNING -> paint("1;33", "warning");
            case INFO -> paint("1;34", "info");
            case HINT -> paint("1;36", "hint");
        };
    }
}
