package org.hielements.diagnostics;

import java.text.MessageFormat;
import java.util.Locale;

/**
 * The one catalogue of diagnostic codes: every code the front end, the semantic model and the checker report, with its
 * severity and message template ({@link MessageFormat} syntax, {@code {0}} for the first argument). Syntax codes keep
 * upstream's message stems (token kinds are upstream's Rust debug names: {@code Colon}, {@code Identifier}, ...).
 */
public enum Code {
    // ---- syntax (upstream E001-E016, ours E017-E019, W002) ----
    E001(Severity.ERROR, "Expected ''template'', ''element'', or ''language'', found {0}"),
    E002(Severity.ERROR, "Expected ''scope'', ''ref'', ''uses'', ''check'', or ''element'', found {0}"),
    /** E002 as reported inside a pattern (template) body. */
    E002_PATTERN("E002", Severity.ERROR,
            "Expected ''scope'', ''ref'', ''check'', ''element'', ''requires'', ''allows'', or ''forbids'' in template, found {0}"),
    E003(Severity.ERROR, "Expected expression, found {0}"),
    /** E003 for {@code a.b} with no {@code =} in an element body. */
    E003_BINDING("E003", Severity.ERROR, "Not a template binding"),
    E004(Severity.ERROR, "Expected identifier, found {0}"),
    E005(Severity.ERROR, "Expected string, found {0}"),
    E006(Severity.ERROR, "Expected number, found {0}"),
    E007(Severity.ERROR, "Expected {0}, found {1}"),
    E008(Severity.ERROR, "Expected newline, found {0}"),
    E011(Severity.ERROR,
            "Expected ''scope'', ''check'', ''element'', ''connection'', ''ref'', ''implements'', or ''language'' after ''{0}'', found {1}"),
    E012(Severity.ERROR, "''{0}'' is only allowed in templates, not in regular elements. "
            + "Move this constraint into a template and have the element implement it"),
    /** E012 inside the body of a {@code requires element} specification: shorter, no suggestion. */
    E012_SPEC("E012", Severity.ERROR, "''{0}'' is only allowed in templates, not in regular elements"),
    E013(Severity.ERROR, "Expected ''connection_check'' in language body, found {0}"),
    E014(Severity.ERROR, "Unbounded scope ''{0}'' is only allowed in templates. "
            + "In an element, give it a value: scope {0} = <expression>"),
    E015(Severity.ERROR, "Unbounded ref ''{0}'' is only allowed in templates. "
            + "In an element, give it a value: ref {0}: {1} = <expression>"),
    E016(Severity.ERROR, "Expected identifier for uses source, found {0}"),
    E017(Severity.ERROR, "Unexpected character ''{0}''"),
    E018(Severity.ERROR, "Unterminated string"),
    E019(Severity.ERROR, "Unterminated block comment"),
    /** Ours: elements or expressions nested deeper than the parser follows (a guard against runaway input). */
    E020(Severity.ERROR, "Nesting too deep (more than {0} levels)"),
    /** Ours: the diagnostics of one file past the first {@link DiagnosticCap#PER_FILE}, counted (some are errors). */
    E021(Severity.ERROR, "{0} more diagnostics in this file are not shown, errors among them (only the first {1} are)"),
    /** As E021 when none of the diagnostics left out is an error. */
    W004(Severity.WARNING, "{0} more diagnostics in this file are not shown (only the first {1} are)"),
    W001(Severity.WARNING, "Unknown library ''{0}'' (will be resolved at runtime)"),
    W002(Severity.WARNING, "block opened here is never closed"),

    // ---- semantics (LANGUAGE.md §2-§6) ----
    E200(Severity.ERROR, "Undefined identifier: {0}"),
    /** E200 for a name declared by several imported files (bare names from imports must be unambiguous). */
    E200_AMBIGUOUS("E200", Severity.ERROR, "Ambiguous identifier: {0} is declared in {1}; qualify it with the import name"),
    /** E201: a name or path that is not a value (an element, a pattern, a library, a function) used as one. */
    E201(Severity.ERROR, "{0} cannot be evaluated directly: it is {1}, not a scope or ref"),
    E202(Severity.ERROR, "Undefined reference: {0}"),
    /** E202 for a pattern member reached from outside the pattern and its implementing elements. */
    E202_PLACEHOLDER("E202", Severity.ERROR, "Undefined reference: {0} is a member of pattern ''{1}'' and has a value "
            + "only inside ''{1}'' or inside an element implementing it"),
    E203(Severity.ERROR, "Unknown library: {0}"),
    E204(Severity.ERROR, "Check must be a function call"),
    E205(Severity.ERROR, "Expected library.function"),
    E206(Severity.ERROR, "Unknown function: {0}"),
    /** E206 with a "did you mean" suggestion. */
    E206_SUGGEST("E206", Severity.ERROR, "Unknown function: {0}. Did you mean {1}?"),
    E207(Severity.ERROR, "{0} expects {1} argument(s), found {2}"),
    E208(Severity.ERROR, "{0}"),
    /** E208: a selector as the call of a {@code check}. */
    E208_SELECTOR_IN_CHECK("E208", Severity.ERROR, "{0} is a selector, not a check: it selects a scope (use it in a scope or ref)"),
    /** E208: a check where a value is needed. */
    E208_CHECK_AS_SELECTOR("E208", Severity.ERROR, "{0} is a check, not a selector: it gives no value (use it in a check)"),
    E210(Severity.ERROR, "Duplicate name ''{0}'' in {1}"),
    /** E210 for a placeholder bound twice in one implementation. */
    E210_BINDING("E210", Severity.ERROR, "Placeholder {0} is bound twice for element ''{1}''"),
    E211(Severity.ERROR, "Unknown pattern: {0}"),
    E212(Severity.ERROR, "Pattern ''{0}'' has unbound placeholders: {1}"),
    E213(Severity.ERROR, "Pattern ''{0}'' declares no placeholder {1}"),
    /** E213 for a binding of a pattern no enclosing element implements. */
    E213_NOT_IMPLEMENTED("E213", Severity.ERROR, "{0} binds nothing: no enclosing element implements pattern ''{1}''"),
    E214(Severity.ERROR, "Type mismatch: {0}"),
    E215(Severity.ERROR, "Cycle: {0}"),
    E216(Severity.ERROR, "Cannot import {0}: {1}"),
    E220(Severity.ERROR, "Requirement of pattern ''{0}'' not met: {1}"),
    E221(Severity.ERROR, "Forbidden connection to {0} (pattern ''{1}'' forbids {2})"),
    E222(Severity.ERROR, "Connection to {0} is outside the allowed set of pattern ''{1}'': {2}"),
    E223(Severity.ERROR, "Language ''{0}'' is not allowed by pattern ''{1}''"),
    /** E223 for a language a pattern forbids. */
    E223_FORBIDDEN("E223", Severity.ERROR, "Language ''{0}'' is forbidden by pattern ''{1}''"),
    W003(Severity.WARNING, "Language ''{0}'' differs from the placeholder''s language ''{1}''"),

    // ---- hielements.toml (PLUGINS.md §1): upstream's E510-E515, ours E516-E522, W510-W512; packages E540-E544, W513 ----
    E510(Severity.ERROR, "Cannot read hielements.toml: {0}"),
    E511(Severity.ERROR, "Invalid TOML: {0}"),
    /** E511 for an inline table spread over several lines (valid only from TOML 1.1). */
    E511_MULTILINE_INLINE("E511", Severity.ERROR, "Library ''{0}'': an inline table spread over several lines is not "
            + "valid TOML 1.0; write the entry as a table: [libraries.{0}] on its own line, then one key = value per line"),
    E512(Severity.ERROR, "Library ''{0}'': cannot tell its type; give ''executable'' (a process plugin), "
            + "''path'' (a .wasm module) or ''type''"),
    E513(Severity.ERROR, "Library ''{0}'': an external library needs ''executable'' (or ''path'')"),
    E514(Severity.ERROR, "Library ''{0}'': a WASM library needs ''path'' (its .wasm file)"),
    E515(Severity.ERROR, "Library ''{0}'' shadows a built-in library; the built-in ''{0}'' is used"),
    /** A key whose value has the wrong TOML type: key, expected, found. */
    E516(Severity.ERROR, "''{0}'' must be {1}, found {2}"),
    /** A key whose value has the right type but is not allowed ({@code type = "External"}). */
    E517(Severity.ERROR, "{0}"),
    /** A file named by the entry is missing or cannot be run. */
    E518(Severity.ERROR, "Library ''{0}'': {1}"),
    /** A limit or timeout that is not a valid size or duration, or out of range: library, problem, default used. */
    E519(Severity.ERROR, "Library ''{0}'': {1}; the default {2} is used"),
    /** A permission that is refused (plugins observe, they never write). */
    E520(Severity.ERROR, "Library ''{0}'': {1}"),
    /** A WASM module that fails to load: not WebAssembly, missing exports, wrong shapes, unknown imports. */
    E521(Severity.ERROR, "Library ''{0}'': {1}"),
    /** A library name that is not an identifier ({@code ""}, {@code a.b}, control characters): the name, quoted. */
    E522(Severity.ERROR, "Library name {0} is not valid: a library name is an identifier (letters, digits and _, "
            + "not starting with a digit), as .hie files call it; the entry is not loaded"),
    /** A {@code package} entry that cannot be read: a bad name or range, {@code package} with {@code path}. */
    E540(Severity.ERROR, "Library ''{0}'': {1}"),
    /** A {@code package} entry without a matching {@code hielements.lock} entry (run plugins add/update). */
    E541(Severity.ERROR, "Library ''{0}'': {1}"),
    /** A locked package that is not in the package cache (run plugins install). */
    E542(Severity.ERROR, "Library ''{0}'': {1}"),
    /** A cached tarball whose hash is not the lock's: refused, nothing of it loaded. */
    E543(Severity.ERROR, "Library ''{0}'': {1}"),
    /** A package that is not a usable plugin: no keyword, no manifest, no module, a refused archive. */
    E544(Severity.ERROR, "Library ''{0}'': {1}"),
    /** An unknown key: key, where it is ignored. */
    W510(Severity.WARNING, "Unknown key ''{0}'' {1} is ignored"),
    /** A known key that does not apply to this kind of library: library, key, kind. */
    W512(Severity.WARNING, "Library ''{0}'': ''{1}'' does not apply to a {2} and is ignored"),
    /** A package asking for permissions {@code hielements.toml} does not grant: library, what is asked, what it gets. */
    W513(Severity.WARNING, "Library ''{0}'': the package asks for {1}, which hielements.toml does not grant; it loads "
            + "with {2} (grant it in [libraries.{0}.permissions])"),

    // ---- evaluation (LANGUAGE.md §7) ----
    F001(Severity.ERROR, "{0}"),
    E230(Severity.ERROR, "{0}"),
    /**
     * A check given a scope that selected no files (ArchUnit's failOnEmptyShould): a typo in a folder name must not
     * turn a rule green. Scope name (quoted, with a trailing space, or empty), selector.
     */
    E231(Severity.ERROR, "scope {0}selected no files ({1})"),
    /** Ours: a check run that died of a failure of the program itself (a bug, out of memory). */
    E232(Severity.ERROR, "The checks did not run to the end: internal error ({0}); see the server log");

    private final String id;
    private final Severity severity;
    private final String template;

    Code(Severity severity, String template) {
        this(null, severity, template);
    }

    Code(String id, Severity severity, String template) {
        this.id = id;
        this.severity = severity;
        this.template = template;
    }

    /** The code users see, e.g. {@code "E002"} (several catalogue entries may share one code). */
    public String id() {
        return id != null ? id : name();
    }

    public Severity severity() {
        return severity;
    }

    public String template() {
        return template;
    }

    /** The message with its arguments filled in. */
    public String format(Object... args) {
        return new MessageFormat(template, Locale.ROOT).format(args);
    }
}
