package org.hielements.library.config;

import static org.hielements.library.config.PluginFixtures.q;

/** The {@code sample} behavioural suite against the C plugin built to WASM, run by Chicory. */
class SampleWasmPluginTest extends SampleLibrarySuite {
    @Override
    String tomlEntry() {
        return "[libraries.sample]\npath = " + q(PluginFixtures.sampleWasm()) + "\n"
                + "[libraries.sample.permissions]\nfilesystem = [\"read\"]\n";
    }

    @Override
    boolean available() {
        return true;
    }
}
