package org.hielements.library;

/** Whether a library function is a selector (called through {@link Library#call}) or a check ({@link Library#check}). */
public enum FunctionKind {
    SELECTOR,
    CHECK
}
