package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.library.builtin.Builtins;
import org.hielements.semantics.ElementSymbol;
import org.hielements.semantics.FunctionSymbol;
import org.hielements.semantics.Implementation;
import org.hielements.semantics.LibrarySymbol;
import org.hielements.semantics.MemberSymbol;
import org.hielements.semantics.Occurrence;
import org.hielements.semantics.SemanticModel;
import org.hielements.semantics.SourceFile;
import org.hielements.syntax.Ast;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/**
 * Quick fixes where the fix is certain: the "did you mean" function name of E206, binding stubs for the placeholders
 * E212 names, and an {@code import} for a configured plugin library called without one (legal, LANGUAGE.md §3, but an
 * import states the dependency in the file; offered at the call, tied to no diagnostic).
 */
final class QuickFixes {
    private static final String DID_YOU_MEAN = ". Did you mean ";

    private QuickFixes() {}

    static List<QuickFix> at(DocumentAnalysis a, Range range) {
        Optional<SourceFile> file = a.file();
        if (file.isEmpty()) return List.of();
        SourceText s = a.source();
        List<QuickFix> out = new ArrayList<>();
        for (Diagnostic d : a.model().diagnostics(file.get())) {
            Range r = Range.of(s, d.span());
            if (!r.intersects(range)) continue;
            if (d.code().equals("E206")) didYouMean(a, d, r, out);
            else if (d.code().equals("E212")) bindingStubs(a, file.get(), d, r, out);
        }
        importFor(a, file.get(), range, out);
        return out;
    }

    /** "Add 'import x'" when the range touches a call of a configured plugin library {@code x} the file does not import. */
    private static void importFor(DocumentAnalysis a, SourceFile file, Range range, List<QuickFix> out) {
        SourceText s = a.source();
        java.util.Set<String> offered = new java.util.HashSet<>();
        for (Occurrence o : a.model().index().occurrences(file)) {
            LibrarySymbol lib = o.symbol() instanceof FunctionSymbol f ? f.library()
                    : o.symbol() instanceof LibrarySymbol l ? l : null;
            if (lib == null || !lib.known() || Builtins.names().contains(lib.name())) continue;
            if (!Range.of(s, o.span()).intersects(range) || imports(a.ast(), lib.name())) continue;
            if (!offered.add(lib.name())) continue;
            List<Ast.Import> imports = a.ast().imports();
            int at = imports.isEmpty() ? 0 : lineAfter(s, imports.get(imports.size() - 1).span().end());
            Range where = Range.at(s.position(at));
            boolean lastLineOpen = at == s.text().length() && at > 0 && s.text().charAt(at - 1) != '\n';
            String newText = lastLineOpen ? "\nimport " + lib.name() : "import " + lib.name() + "\n";
            WorkspaceChange change = new WorkspaceChange(Map.of(a.uri(), List.of(new DocEdit(where, newText))));
            out.add(new QuickFix("Add 'import " + lib.name() + "'", "", Range.of(s, o.span()), change));
        }
    }

    /** Whether an {@code import} of the file names the library (as {@code import x} or {@code import x as y}). */
    private static boolean imports(Ast.File file, String library) {
        for (Ast.Import i : file.imports()) {
            if (i.path() instanceof Ast.ImportPath.Dotted d && d.name().text().equals(library)) return true;
        }
        return false;
    }

    /** The offset of the start of the line after the one holding {@code offset} (the end of the text on the last). */
    private static int lineAfter(SourceText s, int offset) {
        int line = s.line(Math.max(0, offset - 1));
        return line + 1 < s.lineCount() ? s.lineStart(line + 1) : s.text().length();
    }

    private static void didYouMean(DocumentAnalysis a, Diagnostic d, Range r, List<QuickFix> out) {
        int i = d.message().lastIndexOf(DID_YOU_MEAN);
        if (i < 0 || !d.message().endsWith("?")) return;
        String suggestion = d.message().substring(i + DID_YOU_MEAN.length(), d.message().length() - 1);
        String function = suggestion.substring(suggestion.lastIndexOf('.') + 1);
        if (function.isEmpty()) return;
        WorkspaceChange change = new WorkspaceChange(Map.of(a.uri(), List.of(new DocEdit(r, function))));
        out.add(new QuickFix("Change to '" + suggestion + "'", d.code(), r, change));
    }

    private static void bindingStubs(DocumentAnalysis a, SourceFile file, Diagnostic d, Range r,
            List<QuickFix> out) {
        SemanticModel model = a.model();
        for (ElementSymbol e : model.elements()) {
            if (e.file() != file) continue;
            for (Implementation impl : e.implementations()) {
                if (!impl.clause().span().equals(d.span())) continue;
                List<String> stubs = new ArrayList<>();
                for (MemberSymbol m : impl.unbound()) {
                    String stub = stub(e, impl, m);
                    if (stub != null) stubs.add(stub);
                }
                if (stubs.isEmpty()) return;
                Optional<DocEdit> edit = insertion(a.source(), e.node(), stubs);
                if (edit.isEmpty()) return;
                String title = stubs.size() == 1 ? "Add a binding stub for the missing placeholder"
                        : "Add binding stubs for " + stubs.size() + " missing placeholders";
                out.add(new QuickFix(title, d.code(), r,
                        new WorkspaceChange(Map.of(a.uri(), List.of(edit.get())))));
                return;
            }
        }
    }

    /** {@code scope x<lang> binds P.path = files.folder_selector('path/to/x')}, or a ref with a typed value. */
    private static String stub(ElementSymbol e, Implementation impl, MemberSymbol m) {
        String name = m.name();
        if (e.lookup(name).isPresent()) name = impl.pattern().name() + "_" + name;
        String target = impl.pattern().name() + "." + m.patternPath();
        if (m.isScope()) {
            String lang = m.language() != null ? "<" + m.language() + ">" : "";
            return "scope " + name + lang + " binds " + target + " = files.folder_selector('path/to/" + m.name()
                    + "')";
        }
        String type = m.type();
        String value = type == null ? null : switch (type) {
            case "integer" -> "0";
            case "float" -> "0.0";
            case "string" -> "''";
            case "boolean" -> "false";
            case "list" -> "[]";
            default -> null;
        };
        if (value == null) return null;
        return "ref " + name + ": " + type + " binds " + target + " = " + value;
    }

    /** Where the stubs go: after the element's last statement, indented like its statements. */
    private static Optional<DocEdit> insertion(SourceText s, Ast.Element el, List<String> stubs) {
        Ast.Block block = el.block();
        if (block == null) return Optional.empty();
        int declIndent = Cursor.indentOf(s, s.line(el.span().start()));
        String declPad = s.text().substring(s.lineStart(s.line(el.span().start())),
                s.lineStart(s.line(el.span().start())) + leadingWhitespace(s, s.line(el.span().start())));
        String pad;
        if (!el.items().isEmpty()) {
            int line = s.line(el.items().get(0).span().start());
            if (line > s.line(block.open().start())) {
                int ws = leadingWhitespace(s, line);
                pad = s.text().substring(s.lineStart(line), s.lineStart(line) + ws);
            } else {
                pad = declPad + "    ";
            }
        } else {
            pad = declPad + "    ";
        }
        if (pad.length() <= declIndent && !pad.contains("\t")) pad = declPad + "    ";
        StringBuilder lines = new StringBuilder();
        for (String st : stubs) lines.append(pad).append(st).append('\n');
        if (block.style() == Ast.BlockStyle.BRACES) {
            if (!block.closed()) return Optional.empty();
            int close = block.span().end() - 1;
            int closeLine = s.line(close);
            int lineStart = s.lineStart(closeLine);
            if (s.text().substring(lineStart, close).isBlank()) {
                return Optional.of(new DocEdit(Range.of(s, Span.at(lineStart)), lines.toString()));
            }
            String text = "\n" + lines + declPad;
            return Optional.of(new DocEdit(Range.of(s, Span.at(close)), text));
        }
        int lastEnd = el.items().isEmpty() ? block.open().end() : el.items().get(el.items().size() - 1).span().end();
        int line = s.line(Math.max(0, lastEnd - 1));
        int at = s.lineEnd(line);
        String text = "\n" + lines.substring(0, lines.length() - 1);
        return Optional.of(new DocEdit(Range.of(s, Span.at(at)), text));
    }

    private static int leadingWhitespace(SourceText s, int line) {
        int i = s.lineStart(line);
        int e = s.lineEnd(line);
        int n = 0;
        while (i + n < e && (s.text().charAt(i + n) == ' ' || s.text().charAt(i + n) == '\t')) n++;
        return n;
    }
}
