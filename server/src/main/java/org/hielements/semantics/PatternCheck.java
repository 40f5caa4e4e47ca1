package org.hielements.semantics;

/**
 * A check written in a pattern, to run once for one implementing element. Names in it that resolve to members of
 * the pattern take the values of {@link Implementation#binding} ({@link Resolution#valueNode}); its outcome belongs
 * on the implementing element's {@code implements} clause ({@link Implementation#clause()}), with related
 * information pointing at {@link #site()}.
 */
public record PatternCheck(Implementation implementation, CheckSite site) {}
