package org.hielements.library.config;

import static org.hielements.library.config.PluginFixtures.q;

/** The {@code sample} behavioural suite against the Python process plugin. */
class SampleProcessPluginTest extends SampleLibrarySuite {
    @Override
    String tomlEntry() {
        return "[libraries.sample]\nexecutable = " + q(PluginFixtures.pythonCommand()) + "\nargs = [" + q(PluginFixtures.samplePython()) + "]\n";
    }

    @Override
    boolean available() {
        return PluginFixtures.pythonOr(getClass().getSimpleName());
    }
}
