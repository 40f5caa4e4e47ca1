package org.hielements.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Our version and Chicory's, filled in at build time; they key the persistent compile cache. */
final class RuntimeInfo {
    static final String VERSION;
    static final String CHICORY_VERSION;

    static {
        Properties p = new Properties();
        try (InputStream in = RuntimeInfo.class.getResourceAsStream("runtime.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to the defaults below
        }
        VERSION = clean(p.getProperty("version"));
        CHICORY_VERSION = clean(p.getProperty("chicory"));
    }

    private static String clean(String v) {
        // Unfiltered resources (an IDE build) still say ${...}: use a tag that never matches a release.
        return v == null || v.startsWith("${") ? "dev" : v;
    }

    private RuntimeInfo() {}
}
