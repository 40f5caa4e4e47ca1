package org.hielements.service;

import java.util.List;

/**
 * A code lens: a line of text above a declaration, optionally an action. {@code command} is null for a lens that
 * only shows something.
 */
public record Lens(Range range, String title, String command, List<Object> arguments) {
    public Lens {
        arguments = List.copyOf(arguments);
    }
}
