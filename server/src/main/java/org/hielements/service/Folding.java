package org.hielements.service;

import java.util.ArrayList;
import java.util.List;
import org.hielements.syntax.Ast;
import org.hielements.text.SourceText;
import org.hielements.text.Span;

/** Folding ranges: element, pattern, requirement and language bodies; runs of comment lines; the imports. */
final class Folding {
    private Folding() {}

    static List<FoldRange> of(DocumentAnalysis a) {
        SourceText s = a.source();
        List<FoldRange> out = new ArrayList<>();
        Ast.File file = a.ast();
        for (Ast.Declaration d : file.declarations()) declaration(s, d, out);
        if (file.imports().size() > 1) {
            int first = s.line(file.imports().get(0).span().start());
            int last = s.line(file.imports().get(file.imports().size() - 1).span().end());
            if (last > first) out.add(new FoldRange(first, last, FoldRange.Kind.IMPORTS));
        }
        comments(s, out);
        out.sort((x, y) -> x.startLine() != y.startLine() ? Integer.compare(x.startLine(), y.startLine())
                : Integer.compare(y.endLine(), x.endLine()));
        return out;
    }

    private static void declaration(SourceText s, Ast.Declaration d, List<FoldRange> out) {
        if (d instanceof Ast.Element e) {
            body(s, e.span(), e.block(), e.items(), out);
        } else if (d instanceof Ast.Pattern p) {
            body(s, p.span(), p.block(), p.items(), out);
        } else if (d instanceof Ast.Language l) {
            region(s, l.span(), null, out);
        }
    }

    private static void body(SourceText s, Span span, Ast.Block block, List<Ast.Item> items, List<FoldRange> out) {
        region(s, span, block, out);
        for (Ast.Item it : items) {
            if (it instanceof Ast.Element e) {
                body(s, e.span(), e.block(), e.items(), out);
            } else if (it instanceof Ast.Requirement r && r.spec() instanceof Ast.ElementSpec es) {
                body(s, r.span(), es.block(), es.items(), out);
            }
        }
    }

    /** From the declaration's line to its last line; a closing '}' alone on its line stays visible. */
    private static void region(SourceText s, Span span, Ast.Block block, List<FoldRange> out) {
        int start = s.line(span.start());
        int endOffset = Math.max(span.start(), span.end() - 1);
        int end = s.line(endOffset);
        if (block != null && block.style() == Ast.BlockStyle.BRACES && block.closed()) {
            int closeLineStart = s.lineStart(end);
            if (s.text().substring(closeLineStart, endOffset).isBlank()) end--;
        }
        if (end > start) out.add(new FoldRange(start, end, FoldRange.Kind.REGION));
    }

    /** Runs of two or more comment lines ({@code #}, {@code ##}), and {@code ###} blocks. */
    private static void comments(SourceText s, List<FoldRange> out) {
        int runStart = -1;
        int runEnd = -1;
        int blockStart = -1;
        for (int line = 0; line < s.lineCount(); line++) {
            String t = s.text().substring(s.lineStart(line), s.lineEnd(line)).strip();
            if (blockStart >= 0) {
                if (t.contains("###")) {
                    if (line > blockStart) out.add(new FoldRange(blockStart, line, FoldRange.Kind.COMMENT));
                    blockStart = -1;
                }
                continue;
            }
            if (t.equals("###") || (t.startsWith("###") && !t.substring(3).contains("###") && !t.startsWith("####"))) {
                flush(runStart, runEnd, out);
                runStart = -1;
                blockStart = line;
                continue;
            }
            if (t.startsWith("#")) {
                if (runStart < 0) runStart = line;
                runEnd = line;
            } else {
                flush(runStart, runEnd, out);
                runStart = -1;
            }
        }
        flush(runStart, runEnd, out);
    }

    private static void flush(int start, int end, List<FoldRange> out) {
        if (start >= 0 && end > start) out.add(new FoldRange(start, end, FoldRange.Kind.COMMENT));
    }
}
