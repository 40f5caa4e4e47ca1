package org.hielements.library.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link TextScan#find}: the same answer as the regex's own search, found from the literal's places. */
class TextScanTest {
    private static final String WORD_END = "(?![A-Za-z0-9_])";

    @Test
    void wordBoundariesSeeTheTextBeforeTheLiteral() {
        Pattern fn = Pattern.compile("\\bfn\\s+" + Pattern.quote("run") + WORD_END);
        assertTrue(TextScan.find(fn, "fn", "pub fn run() {}"));
        assertTrue(TextScan.find(fn, "fn", "fn run"));
        assertFalse(TextScan.find(fn, "fn", "pub xfn run() {}"));       // no boundary before the keyword
        assertFalse(TextScan.find(fn, "fn", "pub éfn run() {}"));       // a letter outside ASCII is a word character
        assertFalse(TextScan.find(fn, "fn", "fn runner()"));
        assertTrue(TextScan.find(fn, "fn", "xfn run; fn  run;"));      // the second place matches
        assertFalse(TextScan.find(fn, "fn", ""));
    }

    @Test
    void sameAsTheRegexSearchOnRandomTexts() {
        Random r = new Random(17);
        String[] pieces = {"fn", "struct", "impl", " ", "\n", "\t", "run", "S1", "_", "x", "é", "<", "{", "(", ";", "> ",
            "for", "T", "9", "\u0301", "Ω", "impl<T>"};
        List<String[]> patterns = List.of(
                new String[] {"\\bfn\\s+" + Pattern.quote("run") + WORD_END, "fn"},
                new String[] {"\\bstruct\\s+" + Pattern.quote("S1") + "(\\s*[<{(;]|\\s)", "struct"},
                new String[] {"\\bimpl\\s+" + Pattern.quote("T") + "\\s+for\\s+" + Pattern.quote("S1") + WORD_END, "impl"},
                new String[] {"> " + Pattern.quote("T") + WORD_END, "> "});
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(12);
            for (int k = 0; k < n; k++) b.append(pieces[r.nextInt(pieces.length)]);
            String text = b.toString();
            for (String[] p : patterns) {
                Pattern pattern = Pattern.compile(p[0]);
                assertEquals(pattern.matcher(text).find(), TextScan.find(pattern, p[1], text), p[0] + " in '" + text + "'");
            }
        }
    }
}
