package org.hielements.library;

import java.util.Map;
import java.util.Objects;

/** Upstream's connection point value. Nothing in the language creates one; it exists for the wire format. */
public record ConnectionPoint(String name, String kind, Map<String, Value> data) implements Value {
    public ConnectionPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        data = Map.copyOf(data);
    }

    @Override
    public String typeName() {
        return "connection_point";
    }

    @Override
    public String display() {
        return name;
    }
}
