package org.hielements.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hielements.text.SourceText;
import org.junit.jupiter.api.Test;

/** Which plugins a check asks for their documentation before the analysis: those the files' tokens name. */
class AskPluginsTest {

    private static boolean names(String text) {
        return CheckRun.names(new SourceText("a.hie", text), "sample_py");
    }

    @Test
    void aCallAnImportOrAFromImportNamesThePlugin() {
        assertTrue(names("element a:\n    check sample_py.has_extension(x, '.rs')\n"));
        assertTrue(names("import sample_py\n"));
        assertTrue(names("from sample_py import has_extension\n"));
        assertTrue(names("element a:\n    scope s = sample_py . files()\n"));
    }

    @Test
    void commentsStringsAndOtherNamesDoNot() {
        assertFalse(names("## sample_py.has_extension is not used here\nelement a:\n    scope s = files.all()\n"));
        assertFalse(names("element a:\n    check files.exists(root, 'sample_py.txt')\n"));
        assertFalse(names("element sample_py:\n    scope s = files.all()\n"));
        assertFalse(names("element a:\n    check sample_pyx.f(x)\n"));
        assertFalse(names(""));
    }
}
