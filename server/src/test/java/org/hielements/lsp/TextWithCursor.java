package org.hielements.lsp;

import org.eclipse.lsp4j.Position;

/** A text written with {@code |} as the cursor (lemminx style): the text without it and the cursor position. */
record TextWithCursor(String text, Position position) {
    static TextWithCursor of(String withCursor) {
        int i = withCursor.indexOf('|');
        if (i < 0) throw new IllegalArgumentException("no | cursor in: " + withCursor);
        if (withCursor.indexOf('|', i + 1) >= 0) throw new IllegalArgumentException("two | cursors in: " + withCursor);
        String text = withCursor.substring(0, i) + withCursor.substring(i + 1);
        int line = 0;
        int lineStart = 0;
        for (int k = 0; k < i; k++) {
            if (withCursor.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return new TextWithCursor(text, new Position(line, i - lineStart));
    }
}
