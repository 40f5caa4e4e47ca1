package org.hielements.semantics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hielements.diagnostics.Diagnostic;
import org.junit.jupiter.api.Test;

/** Requirements in patterns and connection boundaries (LANGUAGE.md §5): E220, E221, E222, E223. */
class RequirementsTest {

    static List<String> diags(String text) {
        return Fixture.render(Fixture.of("main.hie", text).analyze());
    }

    @Test
    void requiresScopeInReachWithLanguage() {
        String pattern = """
                pattern p:
                    requires scope api<python>
                """;
        assertEquals(List.of("E220 main.hie:3:22 [p] Requirement of pattern 'p' not met: requires scope api<python>"),
                diags(pattern + """
                        element x implements p:
                            scope api<rust> = files.folder_selector('a')
                        """));
        assertEquals(List.of(), diags(pattern + """
                element x implements p:
                    scope api<python> = files.folder_selector('a')
                """));
        assertEquals(List.of(), diags(pattern + """
                element x implements p:
                    element child:
                        scope api<python> = files.folder_selector('a')
                """));
    }

    @Test
    void descendantWidensTheReach() {
        String deep = """
                element x implements p:
                    element child:
                        element grandchild:
                            scope api = files.folder_selector('a')
                """;
        assertEquals(List.of("E220 main.hie:3:22 [p] Requirement of pattern 'p' not met: requires scope api"),
                diags("pattern p:\n    requires scope api\n" + deep));
        assertEquals(List.of(), diags("pattern p:\n    requires descendant scope api\n" + deep));
    }

    @Test
    void requiresScopeBoundToThePlaceholder() {
        assertEquals(List.of(), diags("""
                pattern p:
                    scope api
                    requires scope api
                element x implements p:
                    scope web binds p.api = files.folder_selector('a')
                """));
    }

    @Test
    void requiresCheckByLibraryFunctionThroughAliases() {
        String pattern = "pattern p:\n    requires descendant check files.exists(x, 'Dockerfile')\n";
        assertEquals(List.of("E220 main.hie:4:22 [p] Requirement of pattern 'p' not met: requires descendant check "
                + "files.exists(x, 'Dockerfile')"), diags("import files\n" + pattern + """
                        element x implements p:
                            element c:
                                scope s = files.folder_selector('c')
                                check files.no_files_matching(s, '*.tmp')
                        """));
        assertEquals(List.of(), diags("import files as f\n" + pattern + """
                element x implements p:
                    element c:
                        scope s = f.folder_selector('c')
                        check f.exists(s, 'Dockerfile')
                """));
    }

    @Test
    void requiresCheckWithoutArgumentsNamesTheFunctionAndANonFunctionIsReported() {
        String pattern = "pattern p:\n    requires check files.exists\n";
        assertEquals(List.of("E220 main.hie:3:22 [p] Requirement of pattern 'p' not met: requires check files.exists"),
                diags(pattern + """
                        element x implements p:
                            scope s = files.folder_selector('c')
                        """));
        assertEquals(List.of(), diags(pattern + """
                element x implements p:
                    scope s = files.folder_selector('c')
                    check files.exists(s, 'Dockerfile')
                """));
        assertEquals(List.of("E205 main.hie:2:20 [exists] Expected library.function"), diags("""
                pattern p:
                    requires check exists
                element x implements p:
                    scope s = files.folder_selector('c')
                """));
    }

    @Test
    void requiresElementWithImplementsAndBody() {
        String patterns = """
                pattern base:
                    scope s = files.folder_selector('s')
                pattern p:
                    requires element handler implements base:
                        scope src<python>
                        check files.exists(src, 'x')
                """;
        assertEquals(List.of(), diags(patterns + """
                element x implements p:
                    element handler implements base:
                        scope src<python> = files.folder_selector('h')
                        check files.exists(src, 'main.py')
                """));
        assertEquals(List.of("E220 main.hie:7:22 [p] Requirement of pattern 'p' not met: requires element handler "
                + "implements base"), diags(patterns + """
                        element x implements p:
                            element handler implements base:
                                scope src<rust> = files.folder_selector('h')
                                check files.exists(src, 'main.py')
                        """));
        assertEquals(List.of("E220 main.hie:7:22 [p] Requirement of pattern 'p' not met: requires element handler "
                + "implements base"), diags(patterns + """
                        element x implements p:
                            element handler:
                                scope src<python> = files.folder_selector('h')
                                check files.exists(src, 'main.py')
                        """));
    }

    @Test
    void requiresRefOfType() {
        String pattern = "pattern p:\n    requires ref port: integer\n";
        assertEquals(List.of("E220 main.hie:3:22 [p] Requirement of pattern 'p' not met: requires ref port: integer"),
                diags(pattern + "element x implements p:\n    ref port: string = files.folder_selector('x')\n"));
        assertEquals(List.of(), diags(pattern + "element x implements p:\n    ref port: integer = 8080\n"));
    }

    @Test
    void requiresImplements() {
        String patterns = """
                pattern dockerized:
                    scope d = files.file_selector('Dockerfile')
                pattern production:
                    requires descendant implements dockerized
                """;
        assertEquals(List.of("E220 main.hie:5:22 [production] Requirement of pattern 'production' not met: requires "
                + "descendant implements dockerized"), diags(patterns + """
                        element x implements production:
                            element a:
                                scope s = files.folder_selector('a')
                        """));
        assertEquals(List.of(), diags(patterns + """
                element x implements production:
                    element a:
                        element b implements dockerized:
                            scope s = files.folder_selector('a')
                """));
    }

    @Test
    void forbidsAnItem() {
        assertEquals(List.of("E220 main.hie:3:22 [p] Requirement of pattern 'p' not met: forbids scope secrets"),
                diags("pattern p:\n    forbids scope secrets\nelement x implements p:\n    scope secrets = files.folder_selector('s')\n"));
        assertEquals(List.of(),
                diags("pattern p:\n    forbids scope secrets\nelement x implements p:\n    scope public = files.folder_selector('s')\n"));
    }

    @Test
    void languages() {
        assertEquals(List.of("E220 main.hie:3:22 [p] Requirement of pattern 'p' not met: requires language python"),
                diags("pattern p:\n    requires language python\nelement x implements p:\n    scope s<rust> = files.folder_selector('s')\n"));
        assertEquals(List.of(),
                diags("pattern p:\n    requires language python\nelement x implements p:\n    scope s<python> = files.folder_selector('s')\n"));
        assertEquals(List.of("E223 main.hie:4:13 [rust] Language 'rust' is forbidden by pattern 'p'"),
                diags("pattern p:\n    forbids language rust\nelement x implements p:\n    scope s<rust> = files.folder_selector('s')\n"));
        assertEquals(List.of("E223 main.hie:5:13 [java] Language 'java' is not allowed by pattern 'p'"),
                diags("pattern p:\n    allows language rust\n    allows language python\nelement x implements p:\n"
                        + "    scope s<java> = files.folder_selector('s')\n    scope t<rust> = files.folder_selector('t')\n"));
        assertEquals(List.of(),
                diags("pattern p:\n    allows language rust\n    allows language python\nelement x implements p:\n"
                        + "    scope s<python> = files.folder_selector('s')\n    scope t<rust> = files.folder_selector('t')\n"));
    }

    @Test
    void e223CarriesRelatedInformationAtEachAllowsRequirement() {
        SemanticModel m = Fixture.of("main.hie", "pattern p:\n    allows language rust\n    allows language python\n"
                + "element x implements p:\n    scope s<java> = files.folder_selector('s')\n").analyze();
        Diagnostic d = m.diagnostics().get(0);
        assertEquals(List.of(1, 2), d.related().stream().map(r -> d.source().line(r.span().start())).toList());
        assertEquals("requirement of pattern 'p': allows language rust", d.related().get(0).message());
    }

    private static final String SYSTEM = """
            element system:
                element logging:
                    scope src = files.folder_selector('log')
                element external:
                    element untrusted:
                        scope api = files.folder_selector('ext')
                element app implements zone:
                    scope src = files.folder_selector('app')
                    element worker:
                        scope w = files.folder_selector('w')
                        USES
            """;

    @Test
    void forbiddenConnectionIsE221OnTheUsesAndInheritedByDescendants() {
        String pattern = "pattern zone:\n    forbids connection to external.untrusted.*\n";
        SemanticModel m = Fixture.of("main.hie", pattern + SYSTEM.replace("USES", "w uses external.untrusted.api"))
                .analyze();
        assertEquals(List.of("E221 main.hie:13:13 [w uses external.untrusted.api] Forbidden connection to "
                + "external.untrusted.api (pattern 'zone' forbids connection to external.untrusted.*)"),
                Fixture.render(m));
        Diagnostic d = m.diagnostics().get(0);
        assertEquals(1, d.source().line(d.related().get(0).span().start()));
        assertEquals(List.of(), diags(pattern + SYSTEM.replace("USES", "w uses logging.src")));
    }

    @Test
    void wildcardNeedsAtLeastOneMoreSegmentAndMatchesTheResolvedPathToo() {
        String pattern = "pattern zone:\n    forbids connection to system.external.*\n";
        assertEquals(List.of("E221 main.hie:13:13 [w uses external.untrusted] Forbidden connection to "
                + "external.untrusted (pattern 'zone' forbids connection to system.external.*)"),
                diags(pattern + SYSTEM.replace("USES", "w uses external.untrusted")));
        assertEquals(List.of(), diags(pattern.replace("system.external.*", "system.external.untrusted.api.*")
                + SYSTEM.replace("USES", "w uses external.untrusted.api")));
    }

    @Test
    void connectionOutsideTheAllowedSetIsE222() {
        String pattern = "pattern zone:\n    allows connection to logging.*\n    allows connection to system.app.*\n";
        assertEquals(List.of("E222 main.hie:14:13 [w uses external.untrusted.api] Connection to external.untrusted.api "
                + "is outside the allowed set of pattern 'zone': logging.*, system.app.*"),
                diags(pattern + SYSTEM.replace("USES", "w uses external.untrusted.api")));
        assertEquals(List.of(), diags(pattern + SYSTEM.replace("USES", "w uses logging.src")));
    }

    @Test
    void requiredConnectionIsE220() {
        String pattern = "pattern zone:\n    requires connection to logging.*\n";
        assertEquals(List.of("E220 main.hie:9:28 [zone] Requirement of pattern 'zone' not met: requires connection "
                + "to logging.*"), diags(pattern + SYSTEM.replace("USES", "w uses external.untrusted.api")));
        assertEquals(List.of(), diags(pattern + SYSTEM.replace("USES", "w uses logging.src")));
    }
}
