package org.hielements.semantics;

import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * Where something is declared: the file, the span of its name (what definition jumps to and rename edits) and the
 * span of the whole declaration.
 */
public record Location(SourceFile file, Span nameSpan, Span span) {
    public SourceText source() {
        return file.source();
    }
}
