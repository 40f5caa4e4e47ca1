package org.hielements.library;

import java.util.List;
import java.util.Optional;

/**
 * A library of selectors and checks: a built-in, a process plugin or a WASM plugin.
 *
 * <p>Contract: {@code call} and {@code check} return a value or throw {@link LibraryException}; no other exception
 * leaves them (a failure inside is converted to a {@link LibraryError} with a code). A check that ran but could not be
 * evaluated may also return {@link CheckResult.Error}; callers treat both alike. Arguments are positional; extra
 * arguments are ignored (as upstream). Implementations are safe to call from several threads.
 */
public interface Library extends AutoCloseable {

    /** The registry key: the name used in {@code .hie} files ({@code files}, or the {@code hielements.toml} key). */
    String name();

    LibraryKind kind();

    /** Runs the selector {@code function} (used by {@code scope}/{@code ref} and by calls nested in arguments). */
    Value call(String function, List<Value> args, CallContext context) throws LibraryException;

    /** Runs the check {@code function} (the top-level call of a {@code check} statement). */
    CheckResult check(String function, List<Value> args, CallContext context) throws LibraryException;

    /**
     * The function list, when it is known without starting anything: always for built-ins, for a plugin once its
     * {@code library.metadata}/{@code library.doc} reply is cached. Empty means "unknown": the semantic checker then
     * reports no unknown-function, arity or selector-vs-check error for this library. Never blocks, never starts a
     * process.
     */
    Optional<LibraryDoc> knownFunctions();

    /**
     * Full documentation for {@code hielements doc} and hover. A plugin may ask its process or module for it (within its
     * timeout); on any failure it returns a fallback, never throws.
     */
    LibraryDoc documentation();

    /**
     * For incremental checking: a text that changes whenever this library may answer differently (a built-in: the
     * product's version; a WASM plugin: its module's hash and its entry; a process plugin: the stamps of its executable
     * and scripts and its entry); null when its answers are never reused. Never starts anything, never blocks long.
     */
    default String cacheIdentity() {
        return null;
    }

    /**
     * Whether the answers it gave may be reused while {@link #cacheIdentity} stays the same (asked after a call: a
     * plugin may answer from its metadata, {@code "pure"}). Built-ins are deterministic.
     */
    default boolean deterministic() {
        return cacheIdentity() != null;
    }

    /** Releases what the library holds (a plugin's process or instances). Built-ins hold nothing. */
    @Override
    default void close() {
    }
}
