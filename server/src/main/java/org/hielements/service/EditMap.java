package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import org.hielements.text.Position;

/**
 * Where positions of a document's earlier version are after an edit: the diagnostics kept from an earlier version
 * (check outcomes of the last run, published again with every keystroke's syntax and semantic diagnostics) move with
 * the text they mark instead of staying on the line numbers of the version they were computed for. A position before
 * the edited range stays; one after it moves by what the edit added or removed; one inside it goes to the end of the
 * inserted text.
 */
final class EditMap {
    /** One edit: the replaced range (in the version before it) and the shape of the inserted text. */
    private record Edit(Position start, Position end, int newLines, int lastLineLength) {
        Position map(Position p) {
            if (p.compareTo(start) < 0) return p;
            Position insertedEnd = new Position(start.line() + newLines,
                    newLines == 0 ? start.character() + lastLineLength : lastLineLength);
            if (p.compareTo(end) < 0) return insertedEnd;
            if (p.line() == end.line()) {
                return new Position(insertedEnd.line(), insertedEnd.character() + (p.character() - end.character()));
            }
            return new Position(p.line() + insertedEnd.line() - end.line(), p.character());
        }
    }

    private final List<Edit> edits;

    private EditMap(List<Edit> edits) {
        this.edits = edits;
    }

    /**
     * The map of one editor notification's changes, applied in order; empty when one of them replaces the whole text
     * (nothing of the old positions can be placed then).
     */
    static java.util.Optional<EditMap> of(List<TextChange> changes) {
        List<Edit> edits = new ArrayList<>(changes.size());
        for (TextChange c : changes) {
            if (c.range() == null) return java.util.Optional.empty();
            Position a = c.range().start();
            Position b = c.range().end();
            if (b.compareTo(a) < 0) {
                Position x = a;
                a = b;
                b = x;
            }
            String t = c.text();
            int newLines = 0;
            int lastBreak = -1;
            for (int i = 0; i < t.length(); i++) { // line breaks as LSP counts them: CRLF, LF, a lone CR
                char ch = t.charAt(i);
                if (ch == '\n' || (ch == '\r' && (i + 1 == t.length() || t.charAt(i + 1) != '\n'))) {
                    newLines++;
                    lastBreak = i;
                }
            }
            edits.add(new Edit(a, b, newLines, t.length() - lastBreak - 1));
        }
        return java.util.Optional.of(new EditMap(edits));
    }

    Position map(Position p) {
        for (Edit e : edits) p = e.map(p);
        return p;
    }

    Range map(Range r) {
        return new Range(map(r.start()), map(r.end()));
    }

    /**
     * A diagnostic of the edited document at its new place (the same object when nothing of it moved); related
     * places in the same document move too.
     */
    DocumentDiagnostic map(DocumentDiagnostic d, String uri) {
        Range range = map(d.range());
        boolean moved = !range.equals(d.range());
        List<DocumentDiagnostic.Related> related = d.related();
        if (!related.isEmpty()) {
            List<DocumentDiagnostic.Related> out = new ArrayList<>(related.size());
            for (DocumentDiagnostic.Related r : related) {
                if (r.location().uri().equals(uri)) {
                    Range rr = map(r.location().range());
                    if (!rr.equals(r.location().range())) {
                        moved = true;
                        r = new DocumentDiagnostic.Related(new DocLocation(uri, rr), r.message());
                    }
                }
                out.add(r);
            }
            related = out;
        }
        return moved ? new DocumentDiagnostic(range, d.severity(), d.code(), d.message(), related, d.kind()) : d;
    }
}
