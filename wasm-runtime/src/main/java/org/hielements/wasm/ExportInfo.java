package org.hielements.wasm;

import java.util.Optional;

/**
 * One export of a loaded plugin, as {@link WasmPlugin#exports()} lists it.
 *
 * @param name       the export's name
 * @param kind       {@code function}, {@code memory}, {@code table}, {@code global} or {@code tag}
 * @param signature  for functions, the type as {@code (i32, i32) -> (i32, i32)}; empty otherwise
 * @param shape      the ABI return shape the function's type matches, if any
 * @param takesInput whether that shape carries input ({@code (ptr, len)}); false when there is no shape
 */
public record ExportInfo(String name, String kind, String signature, Optional<ReturnShape> shape, boolean takesInput) {

    /** Whether {@link WasmPlugin#call} accepts this export. */
    public boolean callableWithInput() {
        return shape.isPresent() && takesInput;
    }

    /** Whether {@link WasmPlugin#callNoInput} accepts this export. */
    public boolean callableWithoutInput() {
        return shape.isPresent() && !takesInput;
    }
}
