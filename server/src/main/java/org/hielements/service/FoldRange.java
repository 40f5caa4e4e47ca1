package org.hielements.service;

/** A foldable range of lines (both inclusive). */
public record FoldRange(int startLine, int endLine, Kind kind) {
    public enum Kind { REGION, COMMENT, IMPORTS }
}
