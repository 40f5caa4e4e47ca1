package org.hielements.library;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The product's version, and the version of the TOML reader it was built with, as Maven filtered them into
 * {@code version.properties} ("unknown" when it is missing).
 */
public final class ProductVersion {
    private static final Properties PROPERTIES = read();
    private static final String VERSION = PROPERTIES.getProperty("version", "unknown");

    private ProductVersion() {
    }

    public static String get() {
        return VERSION;
    }

    /** The version of tomlj the product was built with. */
    public static String tomlj() {
        return PROPERTIES.getProperty("tomlj", "unknown");
    }

    private static Properties read() {
        Properties props = new Properties();
        try (InputStream in = ProductVersion.class.getResourceAsStream("/org/hielements/version.properties")) {
            if (in != null) props.load(in);
        } catch (IOException e) {
            return new Properties();
        }
        return props;
    }
}
