package org.hielements.service;

/** A fix for one diagnostic (its code and range) whose result is certain. */
public record QuickFix(String title, String diagnosticCode, Range diagnosticRange, WorkspaceChange change) {}
