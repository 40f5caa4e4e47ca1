package org.hielements.cli;

import java.util.ArrayList;
import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.diagnostics.DiagnosticCap;
import org.hielements.diagnostics.Severity;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import org.hielements.text.SourceText;

/**
 * What {@code hielements check} does to each file before anything runs: parse it (lexical and syntax diagnostics),
 * then each further {@link Stage} in order (the semantic model plugs in here), collecting every diagnostic per file.
 */
public final class Validation {
    /** A stage after parsing that adds diagnostics about a parsed file. */
    @FunctionalInterface
    public interface Stage {
        List<Diagnostic> diagnose(ParseResult parsed);
    }

    /**
     * What validating one file gave: the parse (tree and syntax diagnostics) and all diagnostics, in report order, at
     * most {@link DiagnosticCap#PER_FILE} per file then a note counting the others.
     */
    public record FileResult(SourceText source, ParseResult parse, List<Diagnostic> diagnostics) {
        public FileResult {
            diagnostics = List.copyOf(DiagnosticCap.capPerFile(diagnostics));
        }

        public long count(Severity severity) {
            return diagnostics.stream().filter(d -> d.severity() == severity).count();
        }

        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(Diagnostic::isError);
        }
    }

    private final List<Stage> stages;

    public Validation(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** Parsing only: lexical and syntax diagnostics (E001-E020, W002). */
    public static Validation syntaxOnly() {
        return new Validation(List.of());
    }

    /** Syntax diagnostics first (in source order), then each stage's, in the stages' order. */
    public FileResult validate(SourceText source) {
        ParseResult parsed = Parser.parse(source);
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        for (Stage stage : stages) all.addAll(stage.diagnose(parsed));
        return new FileResult(source, parsed, all);
    }

    public List<FileResult> validate(List<SourceText> sources) {
        return sources.stream().map(this::validate).toList();
    }
}
