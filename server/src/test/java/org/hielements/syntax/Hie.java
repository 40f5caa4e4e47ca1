package org.hielements.syntax;

import org.hielements.text.SourceText;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;

/** Helpers for syntax tests: parse a text, look at its diagnostics and tree. */
final class Hie {
    private Hie() {}

    /** Lines joined with '\n' (no final line break unless the last line is empty). */
    static String lines(String... lines) {
        return String.join("\n", lines);
    }

    static ParseResult parse(String text) {
        return Parser.parse(new SourceText("test.hie", text));
    }

    /** "CODE message" of each diagnostic, in order. */
    static List<String> diags(ParseResult r) {
        return r.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList();
    }

    static List<String> codes(ParseResult r) {
        return r.diagnostics().stream().map(Diagnostic::code).toList();
    }

    /** Parses and asserts there is no diagnostic at all. */
    static ParseResult ok(String text) {
        ParseResult r = parse(text);
        assertEquals(List.of(), diags(r), "diagnostics of:\n" + text);
        return r;
    }

    /** Parses and asserts the exact diagnostics ("CODE message"). */
    static ParseResult expect(String text, String... expected) {
        ParseResult r = parse(text);
        assertEquals(List.of(expected), diags(r), "diagnostics of:\n" + text);
        return r;
    }

    /** 1-based "line:column" (code points) of the diagnostic, as the CLI prints it. */
    static String at(ParseResult r, int index) {
        Diagnostic d = r.diagnostics().get(index);
        return r.source().cliLine(d.span().start()) + ":" + r.source().cliColumn(d.span().start());
    }

    static Ast.Element element(ParseResult r, int index) {
        return r.file().elements().get(index);
    }

    static List<String> names(List<? extends Ast.Item> items) {
        return items.stream().map(Hie::itemName).toList();
    }

    /** A short label of an item: "scope s", "check", "element e", "uses a", "binding p.x", "requires ...". */
    static String itemName(Ast.Item item) {
        if (item instanceof Ast.Scope s) return "scope " + s.name().text();
        if (item instanceof Ast.Ref r) return "ref " + r.name().text();
        if (item instanceof Ast.Check c) return "check " + (c.expr() == null ? "<broken>" : AstPrinter.print(c.expr()));
        if (item instanceof Ast.Element e) return "element " + e.name().text();
        if (item instanceof Ast.Uses u) return "uses " + u.source().text() + " " + u.target().text();
        if (item instanceof Ast.Binding b) return "binding " + b.target().text();
        if (item instanceof Ast.Requirement q) return q.kind().name().toLowerCase() + (q.descendant() ? " descendant " : " ")
                + q.spec().getClass().getSimpleName();
        return item.toString();
    }

    /** The fixtures folder (test-fixtures/ at the repository root), as the build passes it. */
    static Path fixtures() {
        String p = System.getProperty("hielements.fixtures");
        Path path = p != null ? Path.of(p) : Path.of("..", "test-fixtures");
        assertTrue(Files.isDirectory(path), "fixtures folder not found: " + path.toAbsolutePath());
        return path;
    }
}
