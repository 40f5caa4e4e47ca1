package org.hielements.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code typescript} library is its source: {@code libraries/typescript/build.sh} (Debian's rustc 1.63 and
 * cargo, offline, the repository's path remapped) gives exactly the committed {@code typescript.wasm}, the module the
 * jar ships. Without the toolchain, a loud message says the module was NOT checked against its source.
 */
class TypeScriptLibraryRebuildTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedModuleIsTheBuildOfItsSource() throws Exception {
        if (!Toolchains.rustOr(getClass().getSimpleName() + " (the bundled typescript.wasm against its source)")) return;
        Path crate = Toolchains.sdk().resolveSibling("libraries").resolve("typescript").toRealPath();
        Path out = dir.resolve("typescript.wasm");
        Toolchains.run(crate, Map.of("CARGO_TARGET_DIR", Toolchains.cargoTargetDir().toString()),
                "sh", crate.resolve("build.sh").toString(), out.toString());
        byte[] committed = Files.readAllBytes(crate.resolve("typescript.wasm"));
        byte[] rebuilt = Files.readAllBytes(out);
        assertEquals(sha256(committed), sha256(rebuilt), "libraries/typescript/typescript.wasm is not the build of "
                + "its source (or of sdk/rust/hielements-plugin): run libraries/typescript/build.sh and commit the "
                + "module");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " (" + bytes.length
                + " bytes)";
    }
}
