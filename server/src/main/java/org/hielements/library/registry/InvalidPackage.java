package org.hielements.library.registry;

/** A package that is not a usable Hielements plugin (no keyword, no manifest, no module, a broken archive), and why. */
public final class InvalidPackage extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidPackage(String message) {
        super(message);
    }
}
