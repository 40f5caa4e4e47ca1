package org.hielements.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hielements.diagnostics.Diagnostic;
import org.hielements.syntax.ParseResult;
import org.hielements.syntax.Parser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hielements parse FILE}: the syntax tree as JSON. */
@Command(name = "parse", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Prints the syntax tree of a .hie file as JSON: {\"file\", \"diagnostics\", \"tree\"}.",
            "Spans are UTF-16 offsets with 0-based line and character.",
            "A file with errors still gets its tree: every declaration that could be read."},
        footer = {"", "Exit codes: 0 no error, 1 syntax errors, 2 usage or I/O error."})
final class ParseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", arity = "1", description = "The .hie file.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (java.nio.file.Files.isDirectory(file)) {
            err.println("error: '" + Terminal.line(file) + "' is a folder; parse takes one .hie file");
            return 2;
        }
        SourceFiles.Loaded loaded = SourceFiles.collect(List.of(file));
        if (!loaded.problems().isEmpty() || loaded.sources().size() != 1) {
            for (String problem : loaded.problems()) err.println("error: " + Terminal.line(problem));
            if (loaded.problems().isEmpty()) err.println("error: '" + Terminal.line(file) + "' is not a file");
            return 2;
        }
        ParseResult parsed = Parser.parse(loaded.sources().get(0));
        out.flush();
        try {
            write(parsed, main.rawOut());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parsed.hasErrors() ? 1 : 0;
    }

    /**
     * Writes {@code {"file", "diagnostics", "tree"}} and a newline as UTF-8, streamed: the tree is written as it is
     * walked, straight to bytes (the JSON of 200,000 lines is about 600 MB; encoding it through a Writer took a
     * quarter of the time).
     */
    static void write(ParseResult parsed, OutputStream out) throws IOException {
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("file", parsed.source().name());
            g.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : parsed.diagnostics()) g.writeTree(Json.diagnostic(d));
            g.writeEndArray();
            g.writeFieldName("tree");
            TreeJson.write(parsed.source(), parsed.file(), g);
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }
}
