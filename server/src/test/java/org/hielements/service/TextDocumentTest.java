package org.hielements.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.hielements.text.Position;
import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;

/** Incremental edits in UTF-16 positions, as editors send them. */
class TextDocumentTest {
    private static TextDocument doc(String text) {
        return new TextDocument("file:///x.hie", Path.of("/x.hie"), 1, new SourceText("x.hie", text));
    }

    private static TextChange edit(int l1, int c1, int l2, int c2, String text) {
        return new TextChange(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }

    @Test
    void editsApplyInOrderEachOnTheTextLeftByThePrevious() {
        TextDocument d = doc("element a {\n}\n").apply(2, List.of(
                edit(0, 8, 0, 9, "app"),
                edit(1, 0, 1, 0, "    scope s = x\n"),
                edit(1, 14, 1, 15, "files.folder_selector('s')")));
        assertEquals("element app {\n    scope s = files.folder_selector('s')\n}\n", d.text().text());
        assertEquals(2, d.version());
    }

    @Test
    void columnsAreUtf16CodeUnits() {
        // 😀 is two UTF-16 code units: column 6 is right after it
        TextDocument d = doc("## 😀 x\n").apply(2, List.of(edit(0, 6, 0, 7, "y")));
        assertEquals("## 😀 y\n", d.text().text());
    }

    @Test
    void crlfLineEndsAndPositionsPastTheEnd() {
        TextDocument d = doc("a\r\nb\r\n").apply(2, List.of(edit(0, 99, 0, 99, "!"), edit(50, 0, 60, 0, "z")));
        assertEquals("a!\r\nb\r\nz", d.text().text());
    }

    @Test
    void aRangeWithoutPositionsReplacesEverything() {
        assertEquals("new", doc("old").apply(2, List.of(TextChange.full("new"))).text().text());
    }
}
