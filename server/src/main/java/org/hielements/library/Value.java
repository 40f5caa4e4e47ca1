package org.hielements.library;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A value passed to and returned by libraries: upstream's eight variants.
 *
 * <ul>
 *   <li>{@link NullValue} (never produced by the language), {@link BoolValue}, {@link IntValue} ({@code long}),
 *       {@link FloatValue} ({@code double}), {@link StringValue}, {@link ListValue};</li>
 *   <li>{@link Scope}, what selectors return;</li>
 *   <li>{@link ConnectionPoint}, which nothing creates (kept for the wire format).</li>
 * </ul>
 * Accessors follow upstream: {@link #asString()}, {@link #asBool()} and {@link #asScope()} are strict;
 * {@link #asInt()} also accepts a float, truncating it (saturating, NaN gives 0).
 */
public sealed interface Value
        permits Value.NullValue, Value.BoolValue, Value.IntValue, Value.FloatValue, Value.StringValue, Value.ListValue,
                Scope, ConnectionPoint {

    NullValue NULL = new NullValue();

    static Value of(boolean b) {
        return b ? BoolValue.TRUE : BoolValue.FALSE;
    }

    static Value of(long i) {
        return new IntValue(i);
    }

    static Value of(double d) {
        return new FloatValue(d);
    }

    static Value of(String s) {
        return new StringValue(s);
    }

    static Value list(List<? extends Value> items) {
        return new ListValue(List.copyOf(items));
    }

    static Value list(Value... items) {
        return new ListValue(List.of(items));
    }

    /**
     * A number literal as upstream reads it: an {@link IntValue} when its fractional part is zero and it fits in a
     * {@code long}, otherwise a {@link FloatValue}.
     */
    static Value number(double d) {
        if (!Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d)
                && d >= -9.223372036854775808E18 && d < 9.223372036854775808E18) {
            return new IntValue((long) d);
        }
        return new FloatValue(d);
    }

    /** The type name used in messages and by {@code ref} type annotations: {@code integer}, {@code scope}, ... */
    String typeName();

    /**
     * The value as check text prints it (upstream's format): numbers {@code 8080} and {@code 2.5} (never
     * {@code 8080.0}, never an exponent), strings single-quoted with their decoded text, lists {@code [a, b]},
     * booleans {@code true}, a scope as {@code Folder('src')}.
     */
    String display();

    default Optional<String> asString() {
        return this instanceof StringValue s ? Optional.of(s.value()) : Optional.empty();
    }

    default Optional<Boolean> asBool() {
        return this instanceof BoolValue b ? Optional.of(b.value()) : Optional.empty();
    }

    default Optional<Scope> asScope() {
        return this instanceof Scope s ? Optional.of(s) : Optional.empty();
    }

    /** An int, or a float truncated toward zero (saturating at the {@code long} range; NaN gives 0), as upstream. */
    default OptionalLong asInt() {
        if (this instanceof IntValue i) return OptionalLong.of(i.value());
        if (this instanceof FloatValue f) return OptionalLong.of((long) f.value());
        return OptionalLong.empty();
    }

    default Optional<List<Value>> asList() {
        return this instanceof ListValue l ? Optional.of(l.items()) : Optional.empty();
    }

    /** {@code 'text'}: a string as check text prints it (decoded, not re-escaped, as upstream). */
    static String quote(String s) {
        return "'" + s + "'";
    }

    /** A double as Rust's {@code Display} prints it: shortest round-trip digits, no exponent, {@code 10} not {@code 10.0}. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        String plain = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        return plain;
    }

    record NullValue() implements Value {
        @Override
        public String typeName() {
            return "null";
        }

        @Override
        public String display() {
            return "null";
        }
    }

    record BoolValue(boolean value) implements Value {
        static final BoolValue TRUE = new BoolValue(true);
        static final BoolValue FALSE = new BoolValue(false);

        @Override
        public String typeName() {
            return "boolean";
        }

        @Override
        public String display() {
            return Boolean.toString(value);
        }
    }

    record IntValue(long value) implements Value {
        @Override
        public String typeName() {
            return "integer";
        }

        @Override
        public String display() {
            return Long.toString(value);
        }
    }

    record FloatValue(double value) implements Value {
        @Override
        public String typeName() {
            return "float";
        }

        @Override
        public String display() {
            return formatFloat(value);
        }
    }

    record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "string";
        }

        @Override
        public String display() {
            return quote(value);
        }
    }

    record ListValue(List<Value> items) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public String typeName() {
            return "list";
        }

        @Override
        public String display() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(items.get(i).display());
            }
            return sb.append(']').toString();
        }
    }
}
