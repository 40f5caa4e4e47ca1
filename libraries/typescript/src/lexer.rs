//! A JavaScript/TypeScript lexer that finds the import statements of a file: comments, strings and template literals
//! never count (a template's `${...}` expressions are code), regular expression literals are told from division by
//! the token before them. One pass over the bytes; no backtracking.

/// What an import statement is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKind {
    /// `import x from 'm'`, `import 'm'`, `import {a} from 'm'`
    Import,
    /// `import type {T} from 'm'`
    ImportType,
    /// `export {a} from 'm'`, `export * from 'm'`
    Export,
    /// `require('m')`
    Require,
    /// `import('m')`
    Dynamic,
}

impl ImportKind {
    pub fn describe(self) -> &'static str {
        match self {
            ImportKind::Import => "import",
            ImportKind::ImportType => "import type",
            ImportKind::Export => "export from",
            ImportKind::Require => "require",
            ImportKind::Dynamic => "dynamic import",
        }
    }
}

/// One import of a file: its specifier and the bytes `[start, end)` of the statement (from `import`/`export`/`require`
/// to the end of the specifier, or the closing parenthesis of a call).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Import {
    pub specifier: String,
    pub kind: ImportKind,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Ident,
    /// a string literal, or a template literal without substitutions
    Str,
    /// a template literal with substitutions (its head), a number, a regex: a value that is no specifier
    Value,
    Punct(u8),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    start: u32,
    end: u32,
}

const REGEX_AFTER: &[&str] = &["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case",
    "do", "else", "yield", "await", "extends"];

fn ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$' || b >= 0x80 || b == b'\\'
}

fn ident_part(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80 || b == b'\\'
}

/// The significant tokens of `src`. (The scanners of comments, strings, templates and regular expressions are
/// functions of their own, kept out of line: the host compiles each WASM function to one JVM method, and small hot
/// methods are compiled sooner and faster by the JVM's JIT.)
#[inline(never)]
fn tokens(src: &[u8]) -> Vec<Tok> {
    let n = src.len();
    let mut out: Vec<Tok> = Vec::with_capacity(n / 6 + 16);
    // brace stack: true for a `${` of a template (its `}` resumes the template)
    let mut braces: Vec<bool> = Vec::new();
    let mut i = 0usize;
    if n >= 2 && src[0] == b'#' && src[1] == b'!' {
        while i < n && src[i] != b'\n' && src[i] != b'\r' {
            i += 1;
        }
    }
    let regex_allowed = |out: &Vec<Tok>| -> bool {
        match out.last() {
            None => true,
            Some(t) => match t.kind {
                Kind::Punct(c) => !matches!(c, b')' | b']' | b'}'),
                Kind::Str | Kind::Value => false,
                Kind::Ident => {
                    let w = &src[t.start as usize..t.end as usize];
                    REGEX_AFTER.iter().any(|k| k.as_bytes() == w)
                }
            },
        }
    };
    while i < n {
        let c = src[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => i += 1,
            b'/' if i + 1 < n && src[i + 1] == b'/' => i = line_comment(src, i),
            b'/' if i + 1 < n && src[i + 1] == b'*' => i = block_comment(src, i),
            b'/' if regex_allowed(&out) => {
                let end = regex(src, i);
                out.push(Tok { kind: Kind::Value, start: i as u32, end: end as u32 });
                i = end;
            }
            b'\'' | b'"' => {
                let end = string(src, i);
                out.push(Tok { kind: Kind::Str, start: i as u32, end: end as u32 });
                i = end;
            }
            b'`' => {
                let start = i;
                i += 1;
                let (next, substitution) = template(src, i);
                if substitution {
                    braces.push(true);
                    out.push(Tok { kind: Kind::Value, start: start as u32, end: next as u32 });
                } else {
                    out.push(Tok { kind: Kind::Str, start: start as u32, end: next as u32 });
                }
                i = next;
            }
            b'}' if braces.last() == Some(&true) => {
                braces.pop();
                let start = i;
                let (next, substitution) = template(src, i + 1);
                if substitution {
                    braces.push(true);
                }
                out.push(Tok { kind: Kind::Value, start: start as u32, end: next as u32 });
                i = next;
            }
            b'0'..=b'9' => {
                let start = i;
                while i < n && (src[i].is_ascii_alphanumeric() || src[i] == b'_' || src[i] == b'.') {
                    i += 1;
                }
                out.push(Tok { kind: Kind::Value, start: start as u32, end: i as u32 });
            }
            b'.' if i + 1 < n && src[i + 1].is_ascii_digit() => {
                let start = i;
                i += 1;
                while i < n && (src[i].is_ascii_alphanumeric() || src[i] == b'_' || src[i] == b'.') {
                    i += 1;
                }
                out.push(Tok { kind: Kind::Value, start: start as u32, end: i as u32 });
            }
            _ if ident_start(c) => {
                let start = i;
                while i < n && ident_part(src[i]) {
                    i += if src[i] == b'\\' { 2 } else { 1 };
                }
                let i2 = i.min(n);
                out.push(Tok { kind: Kind::Ident, start: start as u32, end: i2 as u32 });
                i = i2;
            }
            _ => {
                if c == b'{' {
                    braces.push(false);
                } else if c == b'}' {
                    braces.pop();
                }
                // `?.` is a member access like `.`
                if c == b'?' && i + 1 < n && src[i + 1] == b'.' && !(i + 2 < n && src[i + 2].is_ascii_digit()) {
                    out.push(Tok { kind: Kind::Punct(b'.'), start: i as u32, end: (i + 2) as u32 });
                    i += 2;
                    continue;
                }
                // `=>`, `==`, `<=`...: one punctuator each, so `)` then `=>` then `/re/` reads as a regex
                out.push(Tok { kind: Kind::Punct(c), start: i as u32, end: (i + 1) as u32 });
                i += 1;
            }
        }
    }
    out
}

#[inline(never)]
fn line_comment(src: &[u8], mut i: usize) -> usize {
    while i < src.len() && src[i] != b'\n' && src[i] != b'\r' {
        i += 1;
    }
    i
}

#[inline(never)]
fn block_comment(src: &[u8], mut i: usize) -> usize {
    let n = src.len();
    i += 2;
    while i < n && !(src[i] == b'*' && i + 1 < n && src[i + 1] == b'/') {
        i += 1;
    }
    (i + 2).min(n)
}

/// A regular expression literal from its `/`: the index after its flags (or the end of its line, unterminated).
#[inline(never)]
fn regex(src: &[u8], mut i: usize) -> usize {
    let n = src.len();
    i += 1;
    let mut class = false;
    while i < n {
        match src[i] {
            b'\\' => i += 2,
            b'[' => {
                class = true;
                i += 1;
            }
            b']' => {
                class = false;
                i += 1;
            }
            b'/' if !class => {
                i += 1;
                break;
            }
            b'\n' | b'\r' => break,
            _ => i += 1,
        }
    }
    while i < n && ident_part(src[i]) {
        i += 1;
    }
    i.min(n)
}

/// A string literal from its quote: the index after the closing quote (or the end of its line, unterminated).
#[inline(never)]
fn string(src: &[u8], mut i: usize) -> usize {
    let n = src.len();
    let quote = src[i];
    i += 1;
    while i < n && src[i] != quote {
        if src[i] == b'\\' {
            i += 2;
            continue;
        }
        if src[i] == b'\n' || src[i] == b'\r' {
            return i; // unterminated: the string ends with its line
        }
        i += 1;
    }
    if i < n {
        i + 1
    } else {
        n
    }
}

/// Scans template characters from `i` (after the backquote or the `}` of a substitution): the index after the closing
/// backquote (false) or after a `${` (true).
#[inline(never)]
fn template(src: &[u8], mut i: usize) -> (usize, bool) {
    let n = src.len();
    while i < n {
        match src[i] {
            b'\\' => i += 2,
            b'`' => return (i + 1, false),
            b'$' if i + 1 < n && src[i + 1] == b'{' => return (i + 2, true),
            _ => i += 1,
        }
    }
    (n, false)
}

fn word<'a>(src: &'a [u8], t: &Tok) -> &'a [u8] {
    &src[t.start as usize..t.end as usize]
}

fn is_ident(src: &[u8], t: Option<&Tok>, w: &str) -> bool {
    matches!(t, Some(t) if t.kind == Kind::Ident && word(src, t) == w.as_bytes())
}

fn is_punct(t: Option<&Tok>, c: u8) -> bool {
    matches!(t, Some(t) if t.kind == Kind::Punct(c))
}

fn is_str(t: Option<&Tok>) -> bool {
    matches!(t, Some(t) if t.kind == Kind::Str)
}

/// The value of a string token (quotes removed, simple escapes decoded).
fn string_value(src: &[u8], t: &Tok) -> String {
    let s = t.start as usize + 1;
    let e = (t.end as usize).saturating_sub(1).max(s);
    let raw = &src[s..e.min(src.len())];
    if !raw.contains(&b'\\') {
        return String::from_utf8_lossy(raw).into_owned();
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' && i + 1 < raw.len() {
            out.push(match raw[i + 1] {
                b'n' => b'\n',
                b't' => b'\t',
                other => other,
            });
            i += 2;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// From token `from` on, the index of the string after a `from` at brace depth 0, if the statement has one.
fn from_clause(src: &[u8], toks: &[Tok], from: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut j = from;
    let limit = (from + 20_000).min(toks.len());
    while j < limit {
        let t = &toks[j];
        match t.kind {
            Kind::Punct(b'{') => depth += 1,
            Kind::Punct(b'}') => {
                depth -= 1;
                if depth < 0 {
                    return None;
                }
            }
            Kind::Punct(b';') | Kind::Punct(b'=') | Kind::Punct(b'(') | Kind::Punct(b')') if depth == 0 => return None,
            Kind::Str | Kind::Value if depth == 0 => return None,
            Kind::Ident if depth == 0 => {
                let w = word(src, t);
                if w == b"from" && is_str(toks.get(j + 1)) {
                    return Some(j + 1);
                }
                if (w == b"import" || w == b"export") && j > from {
                    return None;
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// Every import of a file, in order.
pub fn imports(text: &str) -> Vec<Import> {
    let src = text.as_bytes();
    let toks = tokens(src);
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < toks.len() {
        let t = &toks[i];
        if t.kind != Kind::Ident || is_punct(if i > 0 { toks.get(i - 1) } else { None }, b'.') {
            i += 1;
            continue;
        }
        let w = word(src, t);
        let next = toks.get(i + 1);
        if w == b"import" {
            if is_punct(next, b'(') && is_str(toks.get(i + 2))
                && (is_punct(toks.get(i + 3), b')') || is_punct(toks.get(i + 3), b',')) {
                let s = &toks[i + 2];
                out.push(Import { specifier: string_value(src, s), kind: ImportKind::Dynamic, start: t.start as usize,
                                  end: toks[i + 3].end as usize });
                i += 4;
                continue;
            }
            if is_str(next) {
                let s = &toks[i + 1];
                out.push(Import { specifier: string_value(src, s), kind: ImportKind::Import, start: t.start as usize,
                                  end: s.end as usize });
                i += 2;
                continue;
            }
            let clause_start = matches!(next, Some(n) if n.kind == Kind::Ident) || is_punct(next, b'{')
                || is_punct(next, b'*');
            if clause_start {
                // `import type X from`, but `import type from 'm'` imports a default named `type`
                let type_only = is_ident(src, next, "type")
                    && !(is_ident(src, toks.get(i + 2), "from") && is_str(toks.get(i + 3)))
                    && !is_punct(toks.get(i + 2), b'=');
                if let Some(s) = from_clause(src, &toks, i + 1) {
                    let st = &toks[s];
                    out.push(Import { specifier: string_value(src, st),
                                      kind: if type_only { ImportKind::ImportType } else { ImportKind::Import },
                                      start: t.start as usize, end: st.end as usize });
                    i = s + 1;
                    continue;
                }
            }
        } else if w == b"export" {
            let mut k = i + 1;
            if is_ident(src, toks.get(k), "type") {
                k += 1;
            }
            if is_punct(toks.get(k), b'*') || is_punct(toks.get(k), b'{') {
                if let Some(s) = from_clause(src, &toks, k) {
                    let st = &toks[s];
                    out.push(Import { specifier: string_value(src, st), kind: ImportKind::Export,
                                      start: t.start as usize, end: st.end as usize });
                    i = s + 1;
                    continue;
                }
            }
        } else if w == b"require" && is_punct(next, b'(') && is_str(toks.get(i + 2)) && is_punct(toks.get(i + 3), b')') {
            let s = &toks[i + 2];
            out.push(Import { specifier: string_value(src, s), kind: ImportKind::Require, start: t.start as usize,
                              end: toks[i + 3].end as usize });
            i += 4;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs(text: &str) -> Vec<String> {
        imports(text).into_iter().map(|i| i.specifier).collect()
    }

    #[test]
    fn statements() {
        let t = "import a from './a';\nimport {b,\n c} from \"./b\"\nimport * as d from './d'\nimport './e';\n\
                 import type { T } from './t';\nexport * from './f';\nexport { g } from './g';\nexport type {H} from './h'\n\
                 const x = require('./x');\nconst y = await import('./y');\nimport z = require('./z');\n\
                 export const k = 1;\nexport { k as kk };\nimport type from './typ';\n";
        assert_eq!(specs(t), vec!["./a", "./b", "./d", "./e", "./t", "./f", "./g", "./h", "./x", "./y", "./z", "./typ"]);
        let all = imports(t);
        assert_eq!(all[4].kind, ImportKind::ImportType);
        assert_eq!(all[11].kind, ImportKind::Import);
        assert_eq!(all[8].kind, ImportKind::Require);
    }

    #[test]
    fn comments_strings_templates_never_count() {
        let t = "// import a from './no1'\n/* require('./no2') */\nconst s = \"import b from './no3'\";\n\
                 const u = `require('./no4') ${require('./yes1')} import('./no5')`;\nconst v = 'it\\'s require(\"./no6\")';\n\
                 const r = /import x from '.\\/no7'/g; const q = a / 2; import('./yes2');\n\
                 const w = `${`${require('./yes3')}`}`;\nobj.require('./no8'); x.import('./no9');\n";
        assert_eq!(specs(t), vec!["./yes1", "./yes2", "./yes3"]);
    }

    #[test]
    fn regex_versus_division() {
        let t = "const a = b / c; const d = e / f; require('./yes1');\nif (/'/.test(x)) require('./yes2');\n\
                 const g = h[1] / 2 / 3; require('./yes3'); return /\"/;\nrequire('./yes4')";
        assert_eq!(specs(t), vec!["./yes1", "./yes2", "./yes3", "./yes4"]);
    }

    #[test]
    fn not_imports() {
        let t = "const o = { import: 1, from: './no' };\nimport.meta.url;\nimport(dynamic);\nrequire(name);\n\
                 import(`./t${x}`);\nclass A { import() {} }\n";
        assert!(specs(t).is_empty(), "{:?}", specs(t));
    }
}
