package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.gson.Gson;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.hielements.diagnostics.Severity;
import org.hielements.service.DiagnosticKind;
import org.hielements.service.DocLocation;
import org.hielements.service.DocumentDiagnostic;
import org.hielements.service.Range;
import org.hielements.text.Position;
import org.junit.jupiter.api.Test;

class RenderedDiagnosticsTest {
    private static final Gson PLAIN = new MessageJsonHandler(Map.of()).getDefaultGsonBuilder().create();
    private static final Gson CONNECTION = RenderedDiagnostics
            .configure(new MessageJsonHandler(Map.of()).getDefaultGsonBuilder()).create();

    private static DocumentDiagnostic diagnostic(DiagnosticKind kind, String message) {
        Range r = new Range(new Position(3, 4), new Position(3, 11));
        return new DocumentDiagnostic(r, Severity.ERROR, "F001", message,
                List.of(new DocumentDiagnostic.Related(new DocLocation("file:///w/a%20b.hie",
                        new Range(new Position(0, 0), new Position(0, 2))), "declared \"here\"")),
                kind);
    }

    @Test
    void theWireJsonIsWhatLsp4jWritesForThePlainConversion() {
        RenderedDiagnostics rendered = new RenderedDiagnostics();
        List<DocumentDiagnostic> ds = List.of(diagnostic(DiagnosticKind.ANALYSIS, "unknown name 'x'"),
                diagnostic(DiagnosticKind.CHECKS, "files.exists failed: no file 'src/\u00e9\n'"),
                new DocumentDiagnostic(new Range(new Position(0, 0), new Position(0, 1)), Severity.WARNING, "E100",
                        "bad toml", List.of(), DiagnosticKind.CONFIGURATION));
        List<Diagnostic> converted = rendered.convert(ds);
        List<Diagnostic> plain = ds.stream().map(Lsp::diagnostic).toList();
        assertEquals(plain.size(), converted.size());
        for (int i = 0; i < plain.size(); i++) assertEquals(PLAIN.toJson(plain.get(i)), PLAIN.toJson(converted.get(i)));
        assertInstanceOf(RenderedDiagnostics.Rendered.class, converted.get(1));
        assertInstanceOf(RenderedDiagnostics.Rendered.class, converted.get(2));
        String wire = CONNECTION.toJson(new PublishDiagnosticsParams("file:///w/a.hie", converted, 7));
        String expected = PLAIN.toJson(new PublishDiagnosticsParams("file:///w/a.hie", plain, 7));
        assertEquals(expected, wire);
        // a Gson without the adapter still writes the plain diagnostic (the stored JSON is transient)
        assertEquals(expected, PLAIN.toJson(new PublishDiagnosticsParams("file:///w/a.hie", converted, 7)));
    }

    @Test
    void checkOutcomesAreRenderedOncePerDiagnosticObjectAnalysisEveryTime() {
        RenderedDiagnostics rendered = new RenderedDiagnostics();
        DocumentDiagnostic check = diagnostic(DiagnosticKind.CHECKS, "failed");
        DocumentDiagnostic analysis = diagnostic(DiagnosticKind.ANALYSIS, "unknown");
        List<Diagnostic> first = rendered.convert(List.of(analysis, check));
        List<Diagnostic> second = rendered.convert(List.of(analysis, check));
        assertSame(first.get(1), second.get(1));
        assertNotSame(first.get(0), second.get(0));
        // an equal diagnostic of a new run is a new object: rendered again, not confused with the old one
        DocumentDiagnostic again = diagnostic(DiagnosticKind.CHECKS, "failed");
        assertNotSame(first.get(1), rendered.convert(List.of(again)).get(0));
    }
}
