package org.hielements.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Check text as upstream prints it in run rows (upstream-language.md §4). */
class AstPrinterTest {
    private static String printed(String expr) {
        ParseResult r = Hie.ok("element a:\n    check " + expr + "\n");
        return AstPrinter.checkText(r.file().elements().get(0).items(Ast.Check.class).get(0));
    }

    @Test
    void callsMembersAndArguments() {
        assertEquals("files.exists(src, 'x')", printed("files.exists( src ,'x' )"));
        assertEquals("a.b.c(x)(y)", printed("a.b.c(x)(y)"));
        assertEquals("f()", printed("f()"));
        assertEquals("x.y([1, 2], [[]], true, false)", printed("x.y([1,2,], [[ ]], true, false)"));
    }

    @Test
    void stringsAreSingleQuotedAndDecoded() {
        assertEquals("f('a'b')", printed("f('a\\'b')"));
        assertEquals("f('say \"hi\"')", printed("f(\"say \\\"hi\\\"\")"));
        assertEquals("f('a\\q')", printed("f('a\\q')"));
        assertEquals("f('tab\there')", printed("f('tab\\there')"));
    }

    @Test
    void numbersAsRustF64Display() {
        assertEquals("f(8080, 1.5, -5, 0.1, 7, 1.5, 0)", printed("f(8080, 1.5, -5, 0.1, 007, 1.50, 0.0)"));
        assertEquals("1000000000000000000000", AstPrinter.number(1e21));
        assertEquals("0.0000001", AstPrinter.number(1e-7));
        assertEquals("-0", AstPrinter.number(-0.0));
        assertEquals("inf", AstPrinter.number(Double.POSITIVE_INFINITY));
        assertEquals("NaN", AstPrinter.number(Double.NaN));
        assertEquals("123456789012345680000", AstPrinter.number(123456789012345678901.0));
    }

    @Test
    void aBrokenCheckHasNoText() {
        ParseResult r = Hie.parse("element a:\n    check f(\n");
        assertEquals("", AstPrinter.checkText(r.file().elements().get(0).items(Ast.Check.class).get(0)));
    }
}
