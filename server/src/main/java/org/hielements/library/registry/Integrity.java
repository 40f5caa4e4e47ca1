package org.hielements.library.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A Subresource Integrity value as npm writes it in {@code dist.integrity} and lock files: {@code sha512-<base64>}.
 * Only SHA-512 is accepted (a package with only a SHA-1 {@code shasum} is refused by the caller).
 */
public record Integrity(byte[] digest) {
    private static final String PREFIX = "sha512-";

    /** The SHA-512 value of an SRI text; several hashes separated by spaces are allowed, the sha512 one is taken. */
    public static Optional<Integrity> parse(String sri) {
        if (sri == null) return Optional.empty();
        for (String part : sri.trim().split("\\s+")) {
            if (!part.startsWith(PREFIX)) continue;
            String b64 = part.substring(PREFIX.length());
            int q = b64.indexOf('?');
            if (q >= 0) b64 = b64.substring(0, q);
            try {
                byte[] d = Base64.getDecoder().decode(b64);
                if (d.length == 64) return Optional.of(new Integrity(d));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The SHA-512 of {@code bytes}. */
    public static Integrity of(byte[] bytes) {
        try {
            return new Integrity(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-512", e);
        }
    }

    public boolean matches(byte[] bytes) {
        return MessageDigest.isEqual(digest, of(bytes).digest);
    }

    /** {@code sha512-<base64>}. */
    public String sri() {
        return PREFIX + Base64.getEncoder().encodeToString(digest);
    }

    /** The digest in hexadecimal: the name of the package in the content-addressed cache. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }

    /** The first characters of the SRI text, for messages. */
    public String shortText() {
        String s = sri();
        return s.substring(0, Math.min(s.length(), 19)) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Integrity i && MessageDigest.isEqual(digest, i.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return sri();
    }
}
