package org.hielements.check;

import org.hielements.semantics.ValueNode;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * A value of the run that could not be computed: the value where the problem is ({@code root}; a value that failed
 * because it needs a failed one has the same root), how it is named in messages ({@code scope `shop.src`}), where
 * its problem is and what it is.
 */
record Failed(ValueNode root, String description, SourceText source, Span span, String message) {}
