package org.hielements.service;

/** A range in a document named by its URI. */
public record DocLocation(String uri, Range range) {}
