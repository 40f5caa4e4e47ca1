package org.hielements.service;

/**
 * One completion proposal. {@code documentation} is Markdown or null; {@code insertText} is what to insert (the label
 * when null); {@code sortText} orders the list (the label when null); {@code edit}, when set, replaces a range wider
 * than the word at the cursor (a dotted path).
 */
public record CompletionEntry(String label, Kind kind, String detail, String documentation, String insertText,
        String sortText, DocEdit edit) {

    /** What a proposal stands for. */
    public enum Kind { KEYWORD, LIBRARY, FUNCTION, ELEMENT, PATTERN, SCOPE, REF, PLACEHOLDER, LANGUAGE, FILE }

    public CompletionEntry(String label, Kind kind, String detail, String documentation, String insertText,
            String sortText) {
        this(label, kind, detail, documentation, insertText, sortText, null);
    }
}
