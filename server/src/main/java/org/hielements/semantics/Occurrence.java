package org.hielements.semantics;

import org.hielements.text.Span;

/**
 * A name in a file and the symbol it stands for. {@code declaration} is true at the name of the declaration itself
 * (what rename also edits), false at a use.
 */
public record Occurrence(SourceFile file, Span span, Symbol symbol, boolean declaration) {}
