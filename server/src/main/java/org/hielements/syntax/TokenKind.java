package org.hielements.syntax;

import java.util.HashMap;
import java.util.Map;

/**
 * The kinds of token. {@link #debugName()} is the name upstream's messages use ("Expected Colon, found Equals"), so
 * our diagnostics keep upstream's stems.
 */
public enum TokenKind {
    // keywords
    ELEMENT("Element", "element", true),
    TEMPLATE("Template", "template", true),
    PATTERN("Pattern", "pattern", true),
    IMPLEMENTS("Implements", "implements", true),
    BINDS("Binds", "binds", true),
    SCOPE("Scope", "scope", true),
    CONNECTION_POINT("ConnectionPoint", "connection_point", true),
    REF("Ref", "ref", true),
    USES("Uses", "uses", true),
    CHECK("Check", "check", true),
    IMPORT("Import", "import", false),
    FROM("From", "from", false),
    AS("As", "as", false),
    TRUE("True", "true", false),
    FALSE("False", "false", false),
    REQUIRES("Requires", "requires", true),
    ALLOWS("Allows", "allows", true),
    FORBIDS("Forbids", "forbids", true),
    DESCENDANT("Descendant", "descendant", true),
    CONNECTION("Connection", "connection", true),
    TO("To", "to", true),
    LANGUAGE("Language", "language", true),
    CONNECTION_CHECK("ConnectionCheck", "connection_check", true),
    // punctuation
    COLON("Colon", ":", false),
    EQUALS("Equals", "=", false),
    DOT("Dot", ".", false),
    COMMA("Comma", ",", false),
    LPAREN("LParen", "(", false),
    RPAREN("RParen", ")", false),
    LBRACKET("LBracket", "[", false),
    RBRACKET("RBracket", "]", false),
    LBRACE("LBrace", "{", false),
    RBRACE("RBrace", "}", false),
    LANGLE("LAngle", "<", false),
    RANGLE("RAngle", ">", false),
    STAR("Star", "*", false),
    // the rest
    NEWLINE("Newline", null, false),
    IDENTIFIER("Identifier", null, false),
    STRING_DOUBLE("StringDouble", null, false),
    STRING_SINGLE("StringSingle", null, false),
    NUMBER("Number", null, false),
    DOC_COMMENT("DocComment", null, false),
    INDENT("Indent", null, false),
    DEDENT("Dedent", null, false),
    EOF("Eof", null, false);

    private static final Map<String, TokenKind> KEYWORDS = new HashMap<>();

    static {
        for (TokenKind k : values()) {
            if (k.ordinal() <= CONNECTION_CHECK.ordinal()) KEYWORDS.put(k.text, k);
        }
    }

    private final String debugName;
    private final String text;
    private final boolean softKeyword;

    TokenKind(String debugName, String text, boolean softKeyword) {
        this.debugName = debugName;
        this.text = text;
        this.softKeyword = softKeyword;
    }

    /** Upstream's name for the kind, used in messages: {@code Colon}, {@code Identifier}, {@code Eof}. */
    public String debugName() {
        return debugName;
    }

    /**
     * The kind in plain words, as messages name what was expected: {@code ')'}, {@code 'element'}, {@code a name},
     * {@code the end of the line}, {@code an indented block}; never an internal name such as {@code RParen}.
     */
    public String describe() {
        if (text != null) return "'" + text + "'";
        return switch (this) {
            case NEWLINE -> "the end of the line";
            case IDENTIFIER -> "a name";
            case STRING_DOUBLE, STRING_SINGLE -> "a string";
            case NUMBER -> "a number";
            case DOC_COMMENT -> "a doc comment";
            case INDENT -> "an indented block";
            case DEDENT -> "the end of the indented block";
            case EOF -> "the end of the file";
            default -> debugName;
        };
    }

    /** The fixed text of a keyword or punctuation token, null for the others. */
    public String text() {
        return text;
    }

    public boolean isKeyword() {
        return ordinal() <= CONNECTION_CHECK.ordinal();
    }

    /** A keyword that can also be used as a name (declaration name, member, path segment, type). */
    public boolean isSoftKeyword() {
        return softKeyword;
    }

    public boolean isString() {
        return this == STRING_SINGLE || this == STRING_DOUBLE;
    }

    /** The keyword spelled {@code word}, or null. */
    public static TokenKind keyword(String word) {
        return KEYWORDS.get(word);
    }
}
