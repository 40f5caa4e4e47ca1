package org.hielements.library;

import java.util.Objects;

/**
 * One parameter of a documented function. {@code type} is a free-form type name ({@code string}, {@code Scope},
 * {@code integer}, {@code any}); in the catalog JSON the key is {@code param_type} (upstream), in plugin replies it
 * is {@code type}.
 */
public record ParameterDoc(String name, String type, String description) {
    public ParameterDoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    // Written out, in the record's own format: the generated method spins method handles on its first call (dozens of
    // classes, a few milliseconds of every short run: the cache computes it at each check).
    @Override
    public String toString() {
        return "ParameterDoc[name=" + name + ", type=" + type + ", description=" + description + "]";
    }
}
