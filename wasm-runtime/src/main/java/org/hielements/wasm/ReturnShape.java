package org.hielements.wasm;

/**
 * How an ABI export hands its reply back (PLUGINS.md §4), detected from the export's type. The
 * input-taking form is shown; exports without input ({@code library_metadata}, {@code library_doc})
 * drop the {@code (ptr, len)} parameters.
 */
public enum ReturnShape {
    /** {@code (ptr i32, len i32) -> (i32, i32)}: the reply's pointer and length. */
    MULTI_VALUE("(i32, i32) -> (i32, i32)", "() -> (i32, i32)"),
    /** {@code (ptr i32, len i32) -> i64}: low 32 bits the pointer, high 32 bits the length. */
    PACKED_I64("(i32, i32) -> (i64)", "() -> (i64)"),
    /** {@code (out i32, ptr i32, len i32) -> ()}: pointer then length stored at {@code out}. */
    OUT_POINTER("(i32, i32, i32) -> ()", "(i32) -> ()");

    private final String withInput;
    private final String withoutInput;

    ReturnShape(String withInput, String withoutInput) {
        this.withInput = withInput;
        this.withoutInput = withoutInput;
    }

    /** The signature of this shape for an export taking input. */
    public String signatureWithInput() {
        return withInput;
    }

    /** The signature of this shape for an export taking no input. */
    public String signatureWithoutInput() {
        return withoutInput;
    }
}
