package org.hielements.wasm;

import java.nio.file.Path;

/**
 * What a guest looked at in its read-only workspace, told to the caller of a call (for incremental checking: an answer
 * can be reused while nothing it depended on changed). A path is told when the guest opens it, lists it, or asks what it
 * is (a stat); a missing path too. Paths are absolute and lexical (symlinks not resolved), inside the workspace folder
 * of the plugin's policy.
 *
 * <p>An instance keeps what it learnt in its memory from call to call (a guest may cache a folder's walk), so a call is
 * told everything its instance looked at since it was created, not only in this call: an answer may rest on any of it.
 * Told on the thread running the guest, at most once per path and call.
 */
@FunctionalInterface
public interface WorkspaceAccess {
    void accessed(Path path);
}
