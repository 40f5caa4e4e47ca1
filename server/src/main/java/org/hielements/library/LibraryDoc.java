package org.hielements.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Documentation of a library: upstream's {@code LibraryDoc}. {@code functions} are the selectors, {@code checks} the
 * checks, each in declaration order.
 */
public record LibraryDoc(String name, String description, String version, List<FunctionDoc> functions,
                         List<FunctionDoc> checks) {

    /** Upstream's default version for a library that documents nothing else. */
    public static final String DEFAULT_VERSION = "0.1.0";

    public LibraryDoc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(version, "version");
        functions = List.copyOf(functions);
        checks = List.copyOf(checks);
    }

    /** Only a name (upstream's default {@code documentation()}): no functions, version {@code 0.1.0}. */
    public static LibraryDoc minimal(String name) {
        return new LibraryDoc(name, "", DEFAULT_VERSION, List.of(), List.of());
    }

    public Optional<FunctionDoc> selector(String function) {
        return find(functions, function);
    }

    public Optional<FunctionDoc> check(String function) {
        return find(checks, function);
    }

    /** Whether {@code function} is a selector or a check of this library; empty when it is neither. */
    public Optional<FunctionKind> kindOf(String function) {
        if (selector(function).isPresent()) return Optional.of(FunctionKind.SELECTOR);
        if (check(function).isPresent()) return Optional.of(FunctionKind.CHECK);
        return Optional.empty();
    }

    /** The function of either kind named {@code function}, selectors first. */
    public Optional<FunctionDoc> function(String function) {
        Optional<FunctionDoc> s = selector(function);
        return s.isPresent() ? s : check(function);
    }

    /** Every selector and check name, selectors first, in declaration order. */
    public List<String> allNames() {
        List<String> names = new ArrayList<>(functions.size() + checks.size());
        for (FunctionDoc f : functions) names.add(f.name());
        for (FunctionDoc f : checks) names.add(f.name());
        return names;
    }

    private static Optional<FunctionDoc> find(List<FunctionDoc> list, String name) {
        for (FunctionDoc f : list) {
            if (f.name().equals(name)) return Optional.of(f);
        }
        return Optional.empty();
    }

    // Written out, in the record's own format: the generated method spins method handles on its first call (dozens of
    // classes, a few milliseconds of every short run: the cache computes it at each check).
    @Override
    public String toString() {
        return "LibraryDoc[name=" + name + ", description=" + description + ", version=" + version + ", functions="
                + functions + ", checks=" + checks + "]";
    }
}
