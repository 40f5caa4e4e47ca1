package org.hielements.cli;

/**
 * Text printed for people (the human output of every command, on stdout and stderr) made safe for a terminal. Texts
 * we print come from files, plugins and file names that anyone may have written: a carriage return, a backspace or an
 * escape sequence in them could move the cursor, erase or recolour what was printed, or make a FAIL row read PASS.
 * Every such character is shown escaped instead (a carriage return as the two characters {@code \r}, an escape as
 * the six characters {@code \\u001B}): the C0 controls (NUL, CR, LF, ESC, ...), DEL, the C1 controls, the line and
 * paragraph separators and the bidirectional formatting characters (which can reorder what a line shows). The JSON
 * and SARIF outputs keep exact strings: JSON escapes them.
 */
final class Terminal {
    private Terminal() {}

    /** A text printed within one line (a message, a check, a file name): every control character escaped. */
    static String line(Object text) {
        String s = String.valueOf(text);
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) i++;
        if (i == s.length()) return s;
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) escape(sb, s.charAt(i));
        return sb.toString();
    }

    /**
     * A text of several lines (a catalog, a list): line feeds kept, and tabs where they indent a line; a CR before a
     * line feed is dropped (a CRLF text prints as LF); everything else as {@link #line}.
     */
    static String lines(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        boolean indent = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append(c);
                indent = true;
            } else if (c == '\t' && indent) {
                sb.append(c);
            } else if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                // the line break is the LF
            } else {
                if (c != ' ') indent = false;
                if (unsafe(c)) escape(sb, c);
                else sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Whether a character must not reach a terminal as itself. */
    static boolean unsafe(char c) {
        if (c < 0x20 || c == 0x7F) return true;
        if (c < 0x80) return false;
        return c <= 0x9F || c == '\u2028' || c == '\u2029' || c == '\u061C' || c == '\u200E' || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static void escape(StringBuilder sb, char c) {
        switch (c) {
            case '\r' -> sb.append("\\r");
            case '\n' -> sb.append("\\n");
            case '\t' -> sb.append("\\t");
            default -> {
                if (unsafe(c)) sb.append(String.format("\\u%04X", (int) c));
                else sb.append(c);
            }
        }
    }
}
