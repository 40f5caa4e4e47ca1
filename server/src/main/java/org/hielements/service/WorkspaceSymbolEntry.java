package org.hielements.service;

/** A declaration found by a workspace symbol search. */
public record WorkspaceSymbolEntry(String name, OutlineNode.Kind kind, String containerName, DocLocation location) {}
