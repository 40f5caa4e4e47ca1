package org.hielements.library.registry;

/** A registry that cannot be reached, refuses, or answers something that is not what npm's registry API says. */
public final class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message) {
        super(message);
    }
}
