package org.hielements.library;

/** How a scope was selected; the selector argument itself is kept in {@link Scope#argument()}. */
public enum ScopeKind {
    FILE("File"),
    FOLDER("Folder"),
    GLOB("Glob");

    private final String tag;

    ScopeKind(String tag) {
        this.tag = tag;
    }

    /** The tag on the wire and in upstream's debug output: {@code File}, {@code Folder}, {@code Glob}. */
    public String tag() {
        return tag;
    }

    /** The kind whose {@link #tag()} is {@code tag} (exact, case-sensitive), or null. */
    public static ScopeKind fromTag(String tag) {
        for (ScopeKind k : values()) {
            if (k.tag.equals(tag)) return k;
        }
        return null;
    }
}
