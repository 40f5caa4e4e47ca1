package org.hielements.service;

/** The result of a rename: the edits, or (with {@code change} null) an error message a user understands. */
public record RenameOutcome(WorkspaceChange change, String error) {
    static RenameOutcome error(String message) {
        return new RenameOutcome(null, message);
    }
}
