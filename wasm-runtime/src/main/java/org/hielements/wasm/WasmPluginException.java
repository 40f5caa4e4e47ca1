package org.hielements.wasm;

import java.util.List;
import java.util.Objects;

/**
 * Every failure of the WASM host: loading, validating or calling a plugin. It names the plugin, the
 * export (when one was being called) and the reason in words a plugin author understands. No
 * exception of the underlying engine ever reaches a caller; this one is all there is.
 */
public final class WasmPluginException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so callers can react without parsing messages. */
    public enum Kind {
        /** The bytes could not be read, are not WebAssembly, or the engine could not compile them. */
        LOAD,
        /** Wrong or missing exports, export types outside the ABI, imports the host does not provide. */
        VALIDATION,
        /** The guest trapped: {@code unreachable}, an out-of-bounds access, a division by zero... */
        TRAP,
        /** The guest recursed past the call stack. */
        STACK_OVERFLOW,
        /** The call ran past the policy's time limit and was interrupted. */
        TIMEOUT,
        /** The guest tried to grow its memory past the policy's limit (or needs more than it to start). */
        MEMORY_LIMIT,
        /** The reply is longer than the policy's output limit. */
        OUTPUT_LIMIT,
        /** {@code alloc} returned a range outside the guest's memory. */
        BAD_ALLOC,
        /** The reply has length 0, or its pointer and length leave the guest's memory. */
        BAD_REPLY,
        /** The guest called WASI {@code proc_exit}. */
        EXIT,
        /** The caller asked for an export the plugin does not have, or one without an ABI shape. */
        NO_SUCH_EXPORT,
        /** The calling thread was interrupted while waiting for the guest; the guest was stopped. */
        CANCELLED,
        /** The plugin (or its host) is closed. */
        CLOSED
    }

    private final Kind kind;
    private final String plugin;
    private final String export;
    private final String reason;
    private final List<String> problems;

    WasmPluginException(Kind kind, String plugin, String export, String reason) {
        this(kind, plugin, export, reason, List.of(reason), null);
    }

    WasmPluginException(Kind kind, String plugin, String export, String reason, Throwable cause) {
        this(kind, plugin, export, reason, List.of(reason), cause);
    }

    WasmPluginException(Kind kind, String plugin, String export, String reason, List<String> problems, Throwable cause) {
        // The engine's exception is kept as the cause for the log only: it is never rethrown.
        super(format(plugin, export, reason), cause);
        this.kind = Objects.requireNonNull(kind);
        this.plugin = plugin;
        this.export = export;
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    private static String format(String plugin, String export, String reason) {
        StringBuilder b = new StringBuilder("plugin '").append(plugin).append('\'');
        if (export != null) {
            b.append(": export ").append(export);
        }
        return b.append(": ").append(reason).toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The plugin's name as given in its {@link WasmPluginSpec}. */
    public String plugin() {
        return plugin;
    }

    /** The export being called, or null for errors at load time. */
    public String export() {
        return export;
    }

    /** The reason alone, without the plugin and export prefix. */
    public String reason() {
        return reason;
    }

    /** For validation errors, every problem found (the reason joins them); otherwise the reason alone. */
    public List<String> problems() {
        return problems;
    }
}
