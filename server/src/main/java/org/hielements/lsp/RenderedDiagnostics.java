package org.hielements.lsp;

import com.google.common.collect.MapMaker;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.hielements.service.DiagnosticKind;
import org.hielements.service.DocumentDiagnostic;

/**
 * LSP diagnostics converted and serialized once, then reused by every publish that re-sends them. A document's
 * published set is the union of its kinds (syntax and semantics, check outcomes, configuration): an edit re-sends the
 * check outcomes of the last run unchanged, thousands of them in a large workspace, and converting and serializing
 * them again on every keystroke was most of the edit's cost. The service keeps each kind's diagnostics as the same
 * objects until that kind is recomputed, so they are cached here by identity (weakly: a replaced run's diagnostics go
 * with it).
 *
 * <p>A cached diagnostic is a {@link Rendered}: an LSP4J {@link Diagnostic} (the plain conversion's fields) that also
 * carries its JSON, written verbatim by the type adapter {@link #configure} registers on the connection's Gson. The
 * JSON is produced by LSP4J's own Gson configuration, so what goes on the wire is what LSP4J would have written.
 */
final class RenderedDiagnostics {
    private static final Gson GSON = configure(new MessageJsonHandler(Map.of()).getDefaultGsonBuilder()).create();

    /** Identity-keyed, weak keys. */
    private final Map<DocumentDiagnostic, Rendered> cache = new MapMaker().weakKeys().makeMap();

    /** An LSP4J diagnostic with its JSON. The JSON field is transient: any other Gson writes the plain diagnostic. */
    static final class Rendered extends Diagnostic {
        private final transient String json;

        Rendered(Diagnostic d) {
            setRange(d.getRange());
            setSeverity(d.getSeverity());
            setCode(d.getCode());
            setCodeDescription(d.getCodeDescription());
            setSource(d.getSource());
            setMessage(d.getMessage());
            setTags(d.getTags());
            setRelatedInformation(d.getRelatedInformation());
            setData(d.getData());
            this.json = GSON.toJson(d, Diagnostic.class);
        }

        String json() {
            return json;
        }
    }

    /** Registers the adapter writing {@link Rendered} diagnostics as their stored JSON. */
    static GsonBuilder configure(GsonBuilder builder) {
        return builder.registerTypeAdapter(Rendered.class, new TypeAdapter<Rendered>() {
            @Override
            public void write(JsonWriter out, Rendered value) throws IOException {
                if (value == null) out.nullValue();
                else out.jsonValue(value.json());
            }

            @Override
            public Rendered read(JsonReader in) {
                throw new UnsupportedOperationException("rendered diagnostics are written, never read");
            }
        });
    }

    /**
     * The LSP form of a document's diagnostics. Those of a kind that stays unchanged across edits (check outcomes,
     * configuration) are rendered once and reused. Syntax and semantic diagnostics are new for every version: they are
     * used rendered when {@link #prepare} rendered them ahead of publishing, and are otherwise converted plainly
     * (rendering them at publish time would cost as much as serializing them, for no reuse).
     */
    List<Diagnostic> convert(List<DocumentDiagnostic> diagnostics) {
        List<Diagnostic> out = new ArrayList<>(diagnostics.size());
        for (DocumentDiagnostic d : diagnostics) {
            if (d.kind() == DiagnosticKind.ANALYSIS) {
                Rendered r = cache.get(d);
                out.add(r != null ? r : Lsp.diagnostic(d));
            } else {
                out.add(cache.computeIfAbsent(d, x -> new Rendered(Lsp.diagnostic(x))));
            }
        }
        return out;
    }

    /** Renders diagnostics ahead of the publish that will send them (while the debounce delay runs). */
    void prepare(List<DocumentDiagnostic> diagnostics) {
        for (DocumentDiagnostic d : diagnostics) cache.computeIfAbsent(d, x -> new Rendered(Lsp.diagnostic(x)));
    }
}
