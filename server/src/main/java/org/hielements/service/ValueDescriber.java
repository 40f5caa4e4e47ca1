package org.hielements.service;

import org.hielements.semantics.Symbol;

/** What the last check run knows of a symbol's value ("selects 12 files"), for hover; null when nothing. */
@FunctionalInterface
public interface ValueDescriber {
    String describe(Symbol symbol);
}
