package org.hielements.service;

import java.util.List;

/**
 * Signature help for a library call: the signature's label ({@code files.exists(scope: Scope, filename: string) ->
 * CheckResult}), its documentation (Markdown), each parameter's label (a substring of the signature label) and
 * documentation, and which parameter the cursor is in (may be past the last one).
 */
public record SignatureInfo(String label, String documentation, List<Parameter> parameters, int activeParameter) {
    public record Parameter(String label, String documentation) {}

    public SignatureInfo {
        parameters = List.copyOf(parameters);
    }
}
