package org.hielements.library;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Documentation of one selector or check.
 *
 * @param returnType  {@code Scope}, {@code CheckResult}, ... ({@code ""} when unknown)
 * @param example     a usage example, or null when there is none
 * @param arityKnown  whether {@code parameters} is the real parameter list; false for a function known only by name
 *                    (a plugin's {@code library.metadata} lists names only), in which case no arity check applies
 */
public record FunctionDoc(String name, String description, List<ParameterDoc> parameters, String returnType,
                          String example, boolean arityKnown) {

    public FunctionDoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        parameters = List.copyOf(parameters);
        Objects.requireNonNull(returnType, "returnType");
    }

    public FunctionDoc(String name, String description, List<ParameterDoc> parameters, String returnType,
                       String example) {
        this(name, description, parameters, returnType, example, true);
    }

    /** A function known by name only (no parameters, arity unknown). */
    public static FunctionDoc nameOnly(String name) {
        return new FunctionDoc(name, "", List.of(), "", null, false);
    }

    public Optional<String> exampleText() {
        return Optional.ofNullable(example);
    }

    /** {@code name(p: T, q: U) -> R}, as in the catalog heading (without the library prefix). */
    public String signature() {
        StringBuilder sb = new StringBuilder(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(parameters.get(i).name()).append(": ").append(parameters.get(i).type());
        }
        sb.append(')');
        if (!returnType.isEmpty()) sb.append(" -> ").append(returnType);
        return sb.toString();
    }

    // Written out, in the record's own format: the generated method spins method handles on its first call (dozens of
    // classes, a few milliseconds of every short run: the cache computes it at each check).
    @Override
    public String toString() {
        return "FunctionDoc[name=" + name + ", description=" + description + ", parameters=" + parameters
                + ", returnType=" + returnType + ", example=" + example + ", arityKnown=" + arityKnown + "]";
    }
}
