package org.hielements.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One server per test class on a temporary workspace; assertions written with a {@code |} cursor, as lemminx's tests
 * are: {@code assertCompletion("check files.|", "exists", "contains")}.
 */
abstract class LspTestBase {
    static LspHarness lsp;
    private static Path workspace;
    private static final AtomicInteger DOCS = new AtomicInteger();

    @BeforeAll
    static void startServer() throws Exception {
        workspace = Files.createTempDirectory("hielements-lsp-test");
        lsp = LspHarness.start(workspace);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (lsp != null) lsp.close();
        lsp = null;
        if (workspace != null) {
            try (var walk = Files.walk(workspace)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A fresh document name, so assertions never see each other's text. */
    static String freshName() {
        return "doc" + DOCS.incrementAndGet() + ".hie";
    }

    static List<CompletionItem> complete(String textWithCursor) throws Exception {
        TextWithCursor t = TextWithCursor.of(textWithCursor);
        String uri = lsp.open(freshName(), t.text());
        try {
            return lsp.completion(uri, t.position());
        } finally {
            lsp.close(uri);
        }
    }

    static List<String> labels(List<CompletionItem> items) {
        return items.stream().map(CompletionItem::getLabel).toList();
    }

    /** Completion at the cursor offers every one of {@code expected}. */
    static List<CompletionItem> assertCompletion(String textWithCursor, String... expected) throws Exception {
        List<CompletionItem> items = complete(textWithCursor);
        List<String> labels = labels(items);
        for (String e : expected) {
            assertTrue(labels.contains(e), "completion at " + show(textWithCursor) + " lacks '" + e + "'; got "
                    + labels);
        }
        return items;
    }

    /** Completion at the cursor offers none of {@code absent}. */
    static void assertNoCompletion(String textWithCursor, String... absent) throws Exception {
        List<String> labels = labels(complete(textWithCursor));
        for (String a : absent) {
            assertFalse(labels.contains(a), "completion at " + show(textWithCursor) + " offers '" + a + "'; got "
                    + labels);
        }
    }

    /** Hover at the cursor shows Markdown containing every fragment; returns the hover. */
    static Hover assertHover(String textWithCursor, String... fragments) throws Exception {
        TextWithCursor t = TextWithCursor.of(textWithCursor);
        String uri = lsp.open(freshName(), t.text());
        try {
            Hover h = lsp.hover(uri, t.position());
            assertNotNull(h, "no hover at " + show(textWithCursor));
            String md = h.getContents().getRight().getValue();
            for (String f : fragments) {
                assertTrue(md.contains(f), "hover at " + show(textWithCursor) + " lacks '" + f + "':\n" + md);
            }
            return h;
        } finally {
            lsp.close(uri);
        }
    }

    /** Definition at the cursor {@code |} jumps to the marker {@code ^} (both in the same text). */
    static void assertDefinition(String textWithCursorAndTarget) throws Exception {
        TextWithCursor t = TextWithCursor.of(textWithCursorAndTarget.replace("^", ""));
        TextWithCursor expected = TextWithCursor.of(textWithCursorAndTarget.replace("|", "").replace('^', '|'));
        String uri = lsp.open(freshName(), t.text());
        try {
            var r = lsp.remote.getTextDocumentService().definition(new DefinitionParams(
                    new TextDocumentIdentifier(uri), t.position())).get(LspHarness.TIMEOUT, TimeUnit.MILLISECONDS);
            List<? extends Location> locs = r.getLeft();
            assertTrue(locs.size() == 1, "definition at " + show(textWithCursorAndTarget) + " gave " + locs);
            assertTrue(locs.get(0).getUri().equals(uri), "definition went to " + locs.get(0).getUri());
            assertTrue(locs.get(0).getRange().getStart().equals(expected.position()),
                    "definition at " + show(textWithCursorAndTarget) + " went to " + locs.get(0).getRange().getStart()
                            + ", expected " + expected.position());
        } finally {
            lsp.close(uri);
        }
    }

    static String show(String textWithCursor) {
        return "\"" + textWithCursor.replace("\n", "\\n") + "\"";
    }
}
