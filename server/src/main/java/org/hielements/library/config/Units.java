package org.hielements.library.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations ({@code "10s"}, {@code "500ms"}, {@code "1.5s"}, {@code "2m"}) and byte sizes ({@code "64MiB"},
 * {@code "512KiB"}, {@code "1GB"}, {@code "4096"}) as {@code hielements.toml} writes them, and their display in messages
 * ({@code 10 s}, {@code 500 ms}, {@code 64 MiB}).
 */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)\\s*");
    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?\\s*");

    private Units() {
    }

    /** A duration such as {@code 10s}, {@code 500ms}, {@code 1.5s}, {@code 2m}; empty when it is not one. */
    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) return Optional.empty();
        BigDecimal n = new BigDecimal(m.group(1));
        BigDecimal millis = switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n.multiply(BigDecimal.valueOf(1000));
            default -> n.multiply(BigDecimal.valueOf(60_000));
        };
        try {
            return Optional.of(Duration.ofMillis(millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact()));
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * A byte size: a number with an optional unit, {@code B}, {@code KiB}/{@code MiB}/{@code GiB} (powers of 1024) or
     * {@code KB}/{@code MB}/{@code GB} (powers of 1000); empty when it is not one (or does not fit in a long).
     */
    public static Optional<Long> parseSize(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) return Optional.empty();
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "KiB" -> 1024L;
            case "MiB" -> 1024L * 1024;
            case "GiB" -> 1024L * 1024 * 1024;
            case "KB" -> 1000L;
            case "MB" -> 1000L * 1000;
            case "GB" -> 1000L * 1000 * 1000;
            default -> 1L;
        };
        try {
            return Optional.of(n.multiply(BigDecimal.valueOf(factor)).setScale(0, java.math.RoundingMode.DOWN)
                    .longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** {@code 10 s}, {@code 500 ms}, {@code 1500 ms}, {@code 2 min}: how messages show a duration. */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms >= 60_000 && ms % 60_000 == 0) return (ms / 60_000) + " min";
        if (ms >= 1000 && ms % 1000 == 0) return (ms / 1000) + " s";
        return ms + " ms";
    }

    /** {@code 64 MiB}, {@code 512 KiB}, {@code 1000 bytes}: how messages show a size. */
    public static String humanSize(long bytes) {
        long kib = 1024;
        if (bytes >= kib * kib * kib && bytes % (kib * kib * kib) == 0) return bytes / (kib * kib * kib) + " GiB";
        if (bytes >= kib * kib && bytes % (kib * kib) == 0) return bytes / (kib * kib) + " MiB";
        if (bytes >= kib && bytes % kib == 0) return bytes / kib + " KiB";
        return String.format(Locale.ROOT, "%d bytes", bytes);
    }
}
