package org.hielements.service;

/**
 * A fix whose result is certain: for one diagnostic (its code and range), or, with an empty code, an offer at a range
 * that fixes no diagnostic (an {@code import} for a configured library).
 */
public record QuickFix(String title, String diagnosticCode, Range diagnosticRange, WorkspaceChange change) {}
