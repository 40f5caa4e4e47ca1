package org.hielements.syntax;

import java.math.BigDecimal;
import java.util.List;
import org.hielements.syntax.Ast.Expr;

/**
 * Prints expressions as upstream re-prints them in check rows ({@code PASS element :: files.exists(src, 'x')}):
 * strings single-quoted with their decoded value (not re-escaped), numbers as Rust's {@code f64} Display
 * ({@code 8080}, {@code 1.5}, {@code -5}, never an exponent), arguments joined with {@code ", "}, lists as
 * {@code [a, b]}.
 */
public final class AstPrinter {
    private AstPrinter() {}

    /** The expression as upstream prints it. */
    public static String print(Expr e) {
        StringBuilder out = new StringBuilder();
        print(e, out);
        return out.toString();
    }

    /** The text of a check row: its expression, or empty for a check whose expression could not be parsed. */
    public static String checkText(Ast.Check check) {
        return check.expr() == null ? "" : print(check.expr());
    }

    private static void print(Expr e, StringBuilder out) {
        if (e instanceof Ast.Identifier id) {
            out.append(id.name().text());
        } else if (e instanceof Ast.StringLit s) {
            out.append('\'').append(s.value()).append('\'');
        } else if (e instanceof Ast.NumberLit n) {
            out.append(number(n.value()));
        } else if (e instanceof Ast.BoolLit b) {
            out.append(b.value());
        } else if (e instanceof Ast.ListLit l) {
            out.append('[');
            join(l.elements(), out);
            out.append(']');
        } else if (e instanceof Ast.Member m) {
            print(m.target(), out);
            out.append('.').append(m.member().text());
        } else if (e instanceof Ast.Call c) {
            print(c.callee(), out);
            out.append('(');
            join(c.arguments(), out);
            out.append(')');
        }
    }

    private static void join(List<Expr> items, StringBuilder out) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(", ");
            print(items.get(i), out);
        }
    }

    /**
     * A double as Rust's {@code f64} Display prints it: the shortest decimal that reads back as the same value, in
     * plain notation, without a trailing {@code .0}; {@code inf}, {@code -inf}, {@code NaN}; {@code -0} for minus zero.
     */
    public static String number(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        String plain = new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        return plain;
    }
}
