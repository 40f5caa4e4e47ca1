package org.hielements.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Edits to several documents, by URI, each list in document order. */
public record WorkspaceChange(Map<String, List<DocEdit>> edits) {
    public WorkspaceChange {
        Map<String, List<DocEdit>> copy = new LinkedHashMap<>();
        edits.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        edits = java.util.Collections.unmodifiableMap(copy);
    }
}
