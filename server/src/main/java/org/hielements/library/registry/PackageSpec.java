package org.hielements.library.registry;

import java.util.regex.Pattern;

/**
 * A package as {@code hielements.toml} and {@code hielements plugins add} name it: {@code name}, {@code name@range},
 * {@code @scope/name@range}. The name follows npm's rules for new packages (lower case, URL-safe, at most 214
 * characters); a missing range is any version ({@code *}).
 *
 * @param name  the package name, with its scope when it has one
 * @param range the version range
 */
public record PackageSpec(String name, NpmRange range) {
    private static final Pattern NAME = Pattern.compile("(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*");

    /** Reads {@code name[@range]}; the reason when it is not one. */
    public static PackageSpec parse(String text) throws NpmRange.InvalidRange {
        String t = text.trim();
        int at = t.indexOf('@', t.startsWith("@") ? 1 : 0);
        String name = at < 0 ? t : t.substring(0, at);
        String range = at < 0 ? "" : t.substring(at + 1);
        checkName(name);
        return new PackageSpec(name, NpmRange.parse(range));
    }

    /** Refuses a name npm would not publish, saying why. */
    public static void checkName(String name) throws NpmRange.InvalidRange {
        if (name.isEmpty()) throw new NpmRange.InvalidRange("no package name (write \"name@range\", such as "
                + "\"@acme/hie-typescript@^1.2\")");
        if (name.length() > 214) throw new NpmRange.InvalidRange("a package name is at most 214 characters");
        if (!NAME.matcher(name).matches()) {
            throw new NpmRange.InvalidRange("'" + name + "' is not an npm package name (lower case letters, digits, "
                    + "'-', '.', '_' and '~', optionally in a scope: @scope/name)");
        }
    }

    /** The scope with its {@code @}, or null for an unscoped package. */
    public String scope() {
        return name.startsWith("@") ? name.substring(0, name.indexOf('/')) : null;
    }

    /** {@code name@range}, as written in {@code hielements.toml}. */
    public String text() {
        return range.text().isEmpty() ? name : name + "@" + range.text();
    }
}
