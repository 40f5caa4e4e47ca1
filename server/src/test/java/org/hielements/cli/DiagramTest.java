package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code hielements diagram}: the Mermaid and DOT text of the python-layers and demo workspaces pinned in
 * {@code test-fixtures/golden/diagram/} ({@code -Dgolden.update=true} rewrites them; a mismatch writes the actual text
 * to {@code target/golden-actual/diagram/}); the SVG is well-formed XML with the statuses and the failed dependency's
 * evidence in it, and rendered to PNG by {@code rsvg-convert} (Debian's librsvg2-bin) when it is installed: the
 * picture has the SVG's size and is not blank. The HTML page is self-contained.
 */
class DiagramTest {
    static final Path WORKSPACES = Path.of("..", "test-fixtures", "workspaces");
    static final Path GOLDEN = Path.of("..", "test-fixtures", "golden", "diagram");

    @TempDir
    Path dir;

    static MainTest.Run diagram(String workspace, String format) {
        return MainTest.run("diagram", "--format", format, WORKSPACES.resolve(workspace).toString());
    }

    @ParameterizedTest
    @CsvSource({"python-layers,mermaid,mmd", "python-layers,dot,dot", "demo,mermaid,mmd", "demo,dot,dot"})
    void mermaidAndDotMatchTheirGoldens(String workspace, String format, String ext) throws IOException {
        MainTest.Run r = diagram(workspace, format);
        assertEquals(0, r.code(), r.err());
        Path golden = GOLDEN.resolve(workspace + "." + ext);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
        }
        String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : "";
        if (!expected.equals(r.out())) {
            Path actual = Path.of("target", "golden-actual", "diagram", workspace + "." + ext);
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, r.out(), "golden " + golden + " (actual in target/golden-actual/diagram/)");
    }

    @Test
    void theFailedDependencyIsRedWithItsEvidence() {
        MainTest.Run r = diagram("python-layers", "dot");
        assertTrue(r.out().contains("shop_core -> shop_api [label=\"1 code ref\", color=\"#c62828\", style=dashed, "
                + "penwidth=2, tooltip=\"1 code ref (failed)\\nbreaks shop.core :: python.no_import(code, 'shop.api') at "
                + "src/shop/core/service.py:11 from shop.api import views"), r.out());
        MainTest.Run m = diagram("python-layers", "mermaid");
        assertTrue(m.out().contains("  shop_core -.->|\"1 code ref\"| shop_api\n"), m.out());
    }

    @Test
    void noRunDrawsTheDeclaredUsesOnlyAndNothingIsChecked() {
        MainTest.Run r = MainTest.run("diagram", "--no-run", "--format", "mermaid",
                WORKSPACES.resolve("python-layers").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("shop_api -->|\"uses\"| shop_core"), r.out());
        assertFalse(r.out().contains("code ref"), r.out());
        assertFalse(r.out().contains("passed"), r.out());
    }

    @Test
    void theSvgIsWellFormedAndRendersToAPictureThatIsNotBlank() throws Exception {
        MainTest.Run r = diagram("python-layers", "svg");
        assertEquals(0, r.code(), r.err());
        String svg = r.out();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(svg.contains("<title>shop.core: 1 passed, 1 failed</title>"), svg);
        assertTrue(svg.contains("breaks shop.core :: python.no_import(code, &apos;shop.api&apos;)")
                || svg.contains("breaks shop.core :: python.no_import(code, 'shop.api') at src/shop/core/service.py:11"),
                svg);
        assertEquals(4, doc.getElementsByTagName("rect").getLength() - 1 - 4, "3 element boxes + the shop box");
        int width = Integer.parseInt(doc.getDocumentElement().getAttribute("width"));
        int height = Integer.parseInt(doc.getDocumentElement().getAttribute("height"));

        Path rsvg = Path.of("/usr/bin/rsvg-convert");
        if (!Files.isExecutable(rsvg)) {
            // the SVG's own checks above ran; only its rendering could not (.ci/run installs librsvg2-bin)
            System.err.println("NOT RUN DiagramTest: rsvg-convert is not installed (apt-get install librsvg2-bin): "
                    + "the SVG was not rendered to PNG");
            return;
        }
        Path in = dir.resolve("d.svg");
        Path png = dir.resolve("d.png");
        Files.writeString(in, svg);
        Process p = new ProcessBuilder(rsvg.toString(), "-o", png.toString(), in.toString()).redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb == 0xc62828) red++;
            }
        }
        assertTrue(colours.size() > 20, "a picture, not a blank page: " + colours.size() + " colours");
        assertTrue(red > 50, "the failed dependency and box are drawn red: " + red + " red pixels");
    }

    @Test
    void theHtmlPageHoldsTheSvgAndTheOutcomesAndNothingFromElsewhere() {
        MainTest.Run r = diagram("python-layers", "html");
        assertEquals(0, r.code(), r.err());
        String html = r.out();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), html);
        assertTrue(html.contains("<td class=\"fail\">FAIL</td><td>Scope imports &apos;shop.api&apos; but should not")
                || html.contains("<td class=\"fail\">FAIL</td><td>Scope imports 'shop.api' but should not"), html);
        for (String outside : List.of("<script", "<link", "src=\"http", "@import", "url(http")) {
            assertFalse(html.contains(outside), outside);
        }
    }

    @Test
    void outputFileAndBadInputs() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Path target = cwd.resolve("target").resolve("diagram-test-" + ProcessHandle.current().pid() + ".mmd");
        String rel = cwd.relativize(target).toString();
        try {
            MainTest.Run r = MainTest.run("diagram", "--format", "mermaid", "-o", rel,
                    WORKSPACES.resolve("python-layers").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.readString(target).startsWith("---\ntitle: python-layers\n---\nflowchart LR\n"));
        } finally {
            Files.deleteIfExists(target);
        }
        MainTest.Run two = MainTest.run("diagram", WORKSPACES.resolve("python-layers").toString(),
                WORKSPACES.resolve("demo").toString());
        assertEquals(2, two.code());
        assertTrue(two.err().contains("the files belong to 2 workspaces; a diagram draws one"), two.err());
        MainTest.Run bad = MainTest.run("diagram", "--format", "png", WORKSPACES.resolve("demo").toString());
        assertEquals(2, bad.code());
    }
}
