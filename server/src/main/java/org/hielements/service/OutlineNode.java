package org.hielements.service;

import java.util.List;

/**
 * An entry of a document's outline: an element, pattern, language, scope, ref, check or connection check, with its
 * whole range, the range of its name, and its children.
 */
public record OutlineNode(String name, String detail, Kind kind, Range range, Range selectionRange,
        List<OutlineNode> children) {

    public enum Kind { ELEMENT, PATTERN, LANGUAGE, SCOPE, REF, CHECK, CONNECTION_CHECK, USES }

    public OutlineNode {
        children = List.copyOf(children);
    }
}
