package org.hielements.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The committed test modules (src/test/resources/wasm/*.wasm, built from the .wat beside them). */
final class Fixtures {
    private Fixtures() {}

    static byte[] wasm(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /wasm/" + name + ".wasm");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WasmPluginSpec spec(String name, WasmPolicy policy) {
        return WasmPluginSpec.builder(name).bytes(wasm(name)).policy(policy).build();
    }

    static WasmPluginSpec spec(String name) {
        return spec(name, WasmPolicy.defaults());
    }

    /** A host for tests: never touches the user's real cache folder. */
    static WasmHost host() {
        return WasmHost.builder().noPersistentCache().build();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
