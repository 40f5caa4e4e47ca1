package org.hielements.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;
import org.hielements.text.Span;
import org.junit.jupiter.api.Test;

/** At most {@link DiagnosticCap#PER_FILE} diagnostics per file, then one note counting the rest, whoever capped first. */
class DiagnosticCapTest {
    private static final SourceText A = new SourceText("a.hie", "x".repeat(5000));
    private static final SourceText B = new SourceText("b.hie", "y".repeat(5000));

    private static List<Diagnostic> many(SourceText s, int n, Code code) {
        List<Diagnostic> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Diagnostic.of(code, s, new Span(i, i + 1), "x"));
        return out;
    }

    @Test
    void aShortListIsLeftAlone() {
        List<Diagnostic> l = many(A, 1000, Code.E017);
        assertSame(l, DiagnosticCap.cap(l));
    }

    @Test
    void theFirstThousandThenOneNoteCountingTheRest() {
        List<Diagnostic> capped = DiagnosticCap.cap(many(A, 2500, Code.E017));
        assertEquals(1001, capped.size());
        Diagnostic note = capped.get(1000);
        assertEquals("E021", note.code());
        assertEquals(Severity.ERROR, note.severity());
        assertEquals("1,500 more diagnostics in this file are not shown, errors among them (only the first 1,000 are)",
                note.message());
        assertEquals(new Span(1000, 1001), note.span());
        assertEquals(1500, DiagnosticCap.leftOutBy(note));
    }

    @Test
    void warningsOnlyMakeAWarningAndNotesOfEarlierCapsAddUp() {
        List<Diagnostic> first = DiagnosticCap.cap(many(A, 1200, Code.W001));
        assertEquals("W004", first.get(1000).code());
        List<Diagnostic> union = new ArrayList<>(first);
        union.addAll(many(A, 10, Code.E017));
        List<Diagnostic> again = DiagnosticCap.cap(union);
        assertEquals(1001, again.size());
        assertEquals("210 more diagnostics in this file are not shown, errors among them (only the first 1,000 are)",
                again.get(1000).message());
    }

    @Test
    void eachFileHasItsOwnCapAndItsNoteAfterItsLastKeptDiagnostic() {
        List<Diagnostic> all = new ArrayList<>(many(A, 1003, Code.E017));
        all.addAll(many(B, 5, Code.E017));
        List<Diagnostic> capped = DiagnosticCap.capPerFile(all);
        assertEquals(1006, capped.size());
        assertEquals("E021", capped.get(1000).code());
        assertSame(A, capped.get(1000).source());
        assertEquals(3, DiagnosticCap.leftOutBy(capped.get(1000)));
        assertSame(B, capped.get(1005).source());
    }

    @Test
    void theParserCapsALineOfMillionsOfBadCharactersAndBlanksJoinARun() {
        ParseResult spaced = Parser.parse(new SourceText("s.hie", "@ @ @ \u0001 @@\n"));
        assertEquals(1, spaced.diagnostics().size(), spaced.diagnostics().toString());
        assertEquals(new Span(0, 10), spaced.diagnostics().get(0).span());
        ParseResult r = Parser.parse(new SourceText("m.hie", "a@".repeat(1_000_000)));
        assertEquals(1001, r.diagnostics().size());
        assertEquals("E017", r.diagnostics().get(999).code());
        Diagnostic note = r.diagnostics().get(1000);
        assertEquals("E021", note.code());
        assertEquals(999_000, DiagnosticCap.leftOutBy(note), note.message());
    }
}
