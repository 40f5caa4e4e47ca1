package org.hielements.service;

/** Replace {@code range} of a document by {@code newText}. */
public record DocEdit(Range range, String newText) {}
