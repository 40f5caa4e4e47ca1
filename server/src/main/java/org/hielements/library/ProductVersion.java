package org.hielements.library;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product's version, as Maven filtered it into {@code version.properties} ("unknown" when it is missing). */
public final class ProductVersion {
    private static final String VERSION = read();

    private ProductVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        Properties props = new Properties();
        try (InputStream in = ProductVersion.class.getResourceAsStream("/org/hielements/version.properties")) {
            if (in != null) props.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return props.getProperty("version", "unknown");
    }
}
