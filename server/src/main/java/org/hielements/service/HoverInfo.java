package org.hielements.service;

/** What hovering shows: Markdown, and the range of the word it is about. */
public record HoverInfo(String markdown, Range range) {}
