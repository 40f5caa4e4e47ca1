package org.hielements.semantics;

/** What a {@link Symbol} is, in the language's own words. */
public enum SymbolKind {
    /** An {@code element} (top-level or nested, also inside a pattern). */
    ELEMENT,
    /** A {@code pattern} or {@code template}. */
    PATTERN,
    /** A {@code scope} (a placeholder when it is in a pattern and has no value). */
    SCOPE,
    /** A {@code ref} or {@code connection_point} (a placeholder when it is in a pattern and has no value). */
    REF,
    /** A {@code language} declaration. */
    LANGUAGE,
    /** A {@code connection_check} of a language. */
    CONNECTION_CHECK,
    /** A parameter of a connection check ({@code source: scope[]}). */
    PARAMETER,
    /** A library: built in, configured, or named by an {@code import}. */
    LIBRARY,
    /** A function ({@code lib.f}) of a library. */
    FUNCTION,
    /** The name an {@code import} introduces (its alias, or the last segment of its path). */
    IMPORT,
    /** A {@code .hie} file, as a namespace reached through an import. */
    FILE;

    /** The kind in words with its article, as messages say it: "an element", "a library". */
    public String withArticle() {
        String k = name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return ("aeiou".indexOf(k.charAt(0)) >= 0 ? "an " : "a ") + k;
    }
}
