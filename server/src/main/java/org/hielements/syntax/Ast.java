package org.hielements.syntax;

import org.hielements.text.Span;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The syntax tree of one {@code .hie} file. Every node carries its {@link Span}; nullable fields say so. The tree keeps
 * every declaration the parser could read, also in a file with errors (then some fields may be null or lists shorter:
 * a {@code check} whose expression could not be parsed has {@code expr == null}).
 *
 * <p>The tree is immutable and knows nothing of meaning: names are not resolved here.
 */
public final class Ast {
    private Ast() {}

    /** A name as written, with its span. Soft keywords used as names appear here as plain text. */
    public record Name(String text, Span span) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A dotted path {@code a.b.c} (one segment allowed). */
    public record QualifiedName(List<Name> segments, Span span) {
        public QualifiedName {
            segments = List.copyOf(segments);
        }

        public String text() {
            return segments.stream().map(Name::text).collect(Collectors.joining("."));
        }

        @Override
        public String toString() {
            return text();
        }
    }

    /** {@code ## ...} lines before a declaration, joined with "\n", each line's leading '#'s stripped and trimmed. */
    public record DocComment(String text, Span span) {}

    /** How a block was written: braces ({@code { }}) or indentation ({@code :}). */
    public enum BlockStyle { BRACES, INDENT }

    /**
     * The body of an element, pattern or requirement element: where it starts and ends (for folding and for the
     * W002 "never closed" warning), and its style. {@code closed} is false when a brace block reached the end of file.
     */
    public record Block(BlockStyle style, Span open, Span span, boolean closed) {}

    /** A whole file. */
    public record File(List<Import> imports, List<Declaration> declarations, Span span) {
        public File {
            imports = List.copyOf(imports);
            declarations = List.copyOf(declarations);
        }

        public List<Element> elements() {
            return declarations.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
        }

        public List<Pattern> patterns() {
            return declarations.stream().filter(Pattern.class::isInstance).map(Pattern.class::cast).toList();
        }

        public List<Language> languages() {
            return declarations.stream().filter(Language.class::isInstance).map(Language.class::cast).toList();
        }
    }

    // ------------------------------------------------------------------------------------------------ imports

    /** What an import names: a string path ({@code './x.hie'}) or a dotted name ({@code a.b}). */
    public sealed interface ImportPath permits ImportPath.Dotted, ImportPath.StringPath {
        Span span();

        record Dotted(QualifiedName name) implements ImportPath {
            @Override
            public Span span() {
                return name.span();
            }
        }

        record StringPath(String value, Span span) implements ImportPath {}
    }

    /**
     * {@code import path [as alias]} ({@code names} empty) or {@code from path import a, b} ({@code from} true,
     * {@code alias} null).
     */
    public record Import(boolean from, ImportPath path, Name alias, List<Name> names, Span span) {
        public Import {
            names = List.copyOf(names);
        }
    }

    // ------------------------------------------------------------------------------------------------ declarations

    /** A top-level declaration. */
    public sealed interface Declaration permits Element, Pattern, Language {
        Name name();

        Span span();
    }

    /** A statement inside an element or pattern body. */
    public sealed interface Item permits Scope, Ref, Check, Element, Uses, Binding, Requirement {
        Span span();
    }

    /**
     * {@code element name [implements p, q] body}. {@code implemented} holds the pattern names as written.
     * {@code block} is null only when the parser could not find a body at all.
     */
    public record Element(DocComment doc, Name name, List<Name> implemented, List<Item> items, Block block, Span span)
            implements Declaration, Item {
        public Element {
            implemented = List.copyOf(implemented);
            items = List.copyOf(items);
        }

        public <T extends Item> List<T> items(Class<T> kind) {
            return items.stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    /** {@code pattern name body} or its synonym {@code template name body} ({@code template} true). */
    public record Pattern(DocComment doc, boolean template, Name name, List<Item> items, Block block, Span span)
            implements Declaration {
        public Pattern {
            items = List.copyOf(items);
        }

        public <T extends Item> List<T> items(Class<T> kind) {
            return items.stream().filter(kind::isInstance).map(kind::cast).toList();
        }
    }

    /**
     * {@code scope name [<lang> | : lang] [binds p.x] [= expr]}. {@code language} null when not annotated;
     * {@code legacyLanguage} true for the {@code : lang} form. {@code value} null for an unbounded scope (a
     * placeholder, in patterns).
     */
    public record Scope(DocComment doc, Name name, Name language, boolean legacyLanguage, QualifiedName binds,
            Expr value, Span span) implements Item {}

    /**
     * {@code ref name: Type [binds p.x] [= expr]} or its synonym {@code connection_point} ({@code connectionPoint}
     * true).
     */
    public record Ref(DocComment doc, boolean connectionPoint, Name name, Name type, QualifiedName binds, Expr value,
            Span span) implements Item {}

    /** {@code check expr}. {@code expr} is null when it could not be parsed. */
    public record Check(DocComment doc, Expr expr, Span span) implements Item {}

    /** {@code source uses target.path}. */
    public record Uses(Name source, QualifiedName target, Span span) implements Item {}

    /** The old binding form {@code pattern.path.placeholder = expr} (upstream's "V1 binding"). */
    public record Binding(QualifiedName target, Expr value, Span span) implements Item {}

    /** The action word of a requirement. */
    public enum RequirementKind { REQUIRES, ALLOWS, FORBIDS }

    /** {@code requires|allows|forbids [descendant] spec}, only in patterns. */
    public record Requirement(RequirementKind kind, boolean descendant, RequirementSpec spec, Span span)
            implements Item {}

    /** What a requirement is about. */
    public sealed interface RequirementSpec permits ScopeSpec, CheckSpec, ElementSpec, ConnectionSpec, RefSpec,
            ImplementsSpec, LanguageSpec {
        Span span();
    }

    /** {@code requires scope n<lang>}. */
    public record ScopeSpec(Scope scope) implements RequirementSpec {
        @Override
        public Span span() {
            return scope.span();
        }
    }

    /** {@code requires check lib.f(...)}. */
    public record CheckSpec(Check check) implements RequirementSpec {
        @Override
        public Span span() {
            return check.span();
        }
    }

    /**
     * {@code requires element n [: Type] [implements Q] [: body]}; the body holds scopes, refs, checks and elements.
     * {@code type} and {@code implemented} may be null; {@code block} null without a body.
     */
    public record ElementSpec(Name name, Name type, Name implemented, List<Item> items, Block block, Span span)
            implements RequirementSpec {
        public ElementSpec {
            items = List.copyOf(items);
        }
    }

    /**
     * {@code connection [to] a.b.*}: {@code segments} are the names before any {@code *}; {@code wildcard} true when
     * the path ends with {@code .*}.
     */
    public record ConnectionSpec(boolean to, List<Name> segments, boolean wildcard, Span span)
            implements RequirementSpec {
        public ConnectionSpec {
            segments = List.copyOf(segments);
        }

        public String text() {
            return segments.stream().map(Name::text).collect(Collectors.joining(".")) + (wildcard ? ".*" : "");
        }
    }

    /** {@code requires ref n: Type [= expr]}. */
    public record RefSpec(Ref ref) implements RequirementSpec {
        @Override
        public Span span() {
            return ref.span();
        }
    }

    /** {@code requires implements Q}. */
    public record ImplementsSpec(Name pattern, Span span) implements RequirementSpec {}

    /** {@code requires language L}. */
    public record LanguageSpec(Name language, Span span) implements RequirementSpec {}

    /** {@code language name [: connection checks]}. */
    public record Language(DocComment doc, Name name, List<ConnectionCheck> checks, Span span) implements Declaration {
        public Language {
            checks = List.copyOf(checks);
        }
    }

    /** {@code connection_check name(p: scope[], ...): expr}. {@code body} null when it could not be parsed. */
    public record ConnectionCheck(DocComment doc, Name name, List<Name> parameters, Expr body, Span span) {
        public ConnectionCheck {
            parameters = List.copyOf(parameters);
        }
    }

    // ------------------------------------------------------------------------------------------------ expressions

    /** An expression: there are no operators, only literals, names, member access, calls and lists. */
    public sealed interface Expr permits Identifier, StringLit, NumberLit, BoolLit, ListLit, Member, Call {
        Span span();
    }

    public record Identifier(Name name) implements Expr {
        @Override
        public Span span() {
            return name.span();
        }
    }

    /** A string literal; {@code value} is decoded (escapes applied). */
    public record StringLit(String value, Span span) implements Expr {}

    /** A number literal as written ({@code text}, maybe with a leading '-') and its value. */
    public record NumberLit(String text, double value, Span span) implements Expr {
        /** Upstream makes a number with no fractional part an Int. */
        public boolean isInteger() {
            return value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 9.0e18;
        }
    }

    public record BoolLit(boolean value, Span span) implements Expr {}

    public record ListLit(List<Expr> elements, Span span) implements Expr {
        public ListLit {
            elements = List.copyOf(elements);
        }
    }

    /** {@code target.member}. */
    public record Member(Expr target, Name member, Span span) implements Expr {}

    /** {@code callee(args)}. */
    public record Call(Expr callee, List<Expr> arguments, Span span) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }
}
