//! The workspace as dependency-cruiser sees it: its files, `package.json` packages and `tsconfig.json` settings, and
//! the resolution of an import's specifier to a file of the workspace or an external package.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use hielements_plugin::serde_json;

use crate::lexer::{self, Import};

/// The source files the library reads.
pub const SOURCE_EXTENSIONS: &[&str] = &[".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/// The extensions tried after a specifier without one, in TypeScript's order (TypeScript first, then JavaScript).
const TRY_EXTENSIONS: &[&str] = &[".ts", ".tsx", ".d.ts", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"];

/// Folders never walked.
pub fn skipped_folder(name: &str) -> bool {
    name == "node_modules" || name.starts_with('.')
}

pub fn is_source(path: &str) -> bool {
    SOURCE_EXTENSIONS.iter().any(|e| path.ends_with(e))
}

/// Where an import leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// a file of the workspace (absolute)
    File(String),
    /// a module outside the workspace, named by its package (`react`, `@scope/pkg`, `fs` for `node:fs`)
    External(String),
    /// a relative or mapped specifier that names no file
    Unresolved,
}

/// One workspace package: a `package.json` with a name, outside `node_modules`.
#[derive(Clone, Debug)]
pub struct Package {
    pub name: String,
    /// the package's folder, absolute
    pub dir: String,
    manifest: serde_json::Value,
}

/// What `tsconfig.json` (with its `extends`) says about resolution.
#[derive(Clone, Debug, Default)]
struct TsConfig {
    base_url: Option<String>,
    /// (pattern, substitutions), the substitutions absolute
    paths: Vec<(String, Vec<String>)>,
}

/// A config as read, its `extends` merged: `baseUrl` absolute, `paths` raw with the folder of the config defining them.
#[derive(Clone, Debug, Default)]
struct RawConfig {
    base_url: Option<String>,
    paths: Option<(serde_json::Map<String, serde_json::Value>, String)>,
}

/// A file's imports, kept while its size and modification time stay the same (across the calls an instance serves).
struct Facts {
    size: u64,
    modified: std::time::SystemTime,
    imports: Rc<Vec<Import>>,
}

thread_local! {
    static FACTS: RefCell<HashMap<String, Facts>> = RefCell::new(HashMap::new());
}

/// The workspace of one call.
pub struct Project {
    pub root: String,
    /// every file of the walk, absolute
    pub files: Rc<HashSet<String>>,
    /// every folder of the walk, absolute (the root included)
    pub dirs: Rc<HashSet<String>>,
    /// the source files, sorted
    pub sources: Rc<Vec<String>>,
    pub packages: Rc<BTreeMap<String, Package>>,
    tsconfigs: RefCell<HashMap<String, Option<Rc<TsConfig>>>>,
    resolved: RefCell<HashMap<String, Rc<Vec<(Import, Target)>>>>,
}

/// A walk of the workspace kept for the next call, with the size and time of every folder and of every
/// `package.json` and `tsconfig*.json` file it read: a file added, removed or renamed changes its folder's time, so
/// when none of these changed, the walk would find the same files.
struct Snapshot {
    root: String,
    files: Rc<HashSet<String>>,
    dirs: Rc<HashSet<String>>,
    sources: Rc<Vec<String>>,
    packages: Rc<BTreeMap<String, Package>>,
    stamps: Vec<(String, u64, std::time::SystemTime)>,
}

thread_local! {
    static SNAPSHOT: RefCell<Option<Snapshot>> = RefCell::new(None);
}

fn stamp(path: &str) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::metadata(path).ok()?;
    let t = m.modified().ok()?;
    if t == std::time::UNIX_EPOCH {
        return None;
    }
    Some((m.len(), t))
}

impl Snapshot {
    fn still_valid(&self, root: &str) -> bool {
        self.root == root && self.stamps.iter().all(|(p, size, time)| stamp(p) == Some((*size, *time)))
    }
}

/// `a/b/../c` as `a/c`; `.` segments dropped. `p` is absolute.
pub fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = String::with_capacity(p.len());
    for s in parts {
        out.push('/');
        out.push_str(s);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

pub fn parent(p: &str) -> &str {
    match p.rfind('/') {
        Some(0) => "/",
        Some(i) => &p[..i],
        None => "",
    }
}

fn join(dir: &str, rel: &str) -> String {
    if rel.starts_with('/') {
        normalize(rel)
    } else {
        normalize(&format!("{}/{}", dir, rel))
    }
}

/// Whether `path` is `dir` or lies under it.
pub fn within(path: &str, dir: &str) -> bool {
    path == dir || (path.len() > dir.len() && path.starts_with(dir) && (dir.ends_with('/') || path.as_bytes()[dir.len()] == b'/'))
}

/// The package of a bare specifier and the rest: `@s/p/x/y` gives (`@s/p`, `x/y`), `p/x` gives (`p`, `x`).
pub fn split_package(spec: &str) -> (&str, &str) {
    let mut slashes = spec.match_indices('/').map(|(i, _)| i);
    let cut = if spec.starts_with('@') { slashes.nth(1) } else { slashes.next() };
    match cut {
        Some(i) => (&spec[..i], &spec[i + 1..]),
        None => (spec, ""),
    }
}

/// JSON with comments and trailing commas (tsconfig.json) as JSON.
pub fn parse_jsonc(text: &str) -> Option<serde_json::Value> {
    if let Ok(v) = serde_json::from_str(text) {
        return Some(v);
    }
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'"' {
            let s = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i = (i + 1).min(b.len());
            out.extend_from_slice(&b[s..i]);
        } else if c == b'/' && i + 1 < b.len() && b[i + 1] == b'/' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && i + 1 < b.len() && b[i + 1] == b'*' {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if c == b',' {
            let mut j = i + 1;
            loop {
                while j < b.len() && (b[j] as char).is_ascii_whitespace() {
                    j += 1;
                }
                if j + 1 < b.len() && b[j] == b'/' && (b[j + 1] == b'/' || b[j + 1] == b'*') {
                    // a comment between the comma and what follows
                    if b[j + 1] == b'/' {
                        while j < b.len() && b[j] != b'\n' {
                            j += 1;
                        }
                    } else {
                        j += 2;
                        while j + 1 < b.len() && !(b[j] == b'*' && b[j + 1] == b'/') {
                            j += 1;
                        }
                        j += 2;
                    }
                    continue;
                }
                break;
            }
            if j < b.len() && (b[j] == b'}' || b[j] == b']') {
                i += 1; // a trailing comma
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    serde_json::from_slice(&out).ok()
}

fn read_text(path: &str) -> Option<String> {
    std::fs::read(path).ok().map(|b| match String::from_utf8(b) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

impl Project {
    /// Walks the workspace (without `node_modules` and hidden folders) and reads its `package.json` files; the walk
    /// of the previous call when no folder, `package.json` or `tsconfig*.json` changed since.
    pub fn load(root: &str) -> Result<Project, String> {
        let root = normalize(root);
        let kept = SNAPSHOT.with(|s| s.borrow().as_ref().filter(|k| k.still_valid(&root))
            .map(|k| (k.files.clone(), k.dirs.clone(), k.sources.clone(), k.packages.clone())));
        let (files, dirs, sources, packages) = match kept {
            Some(k) => k,
            None => Project::walk_now(&root)?,
        };
        Ok(Project { root, files, dirs, sources, packages, tsconfigs: RefCell::new(HashMap::new()),
                     resolved: RefCell::new(HashMap::new()) })
    }

    #[allow(clippy::type_complexity)]
    fn walk_now(root: &str) -> Result<(Rc<HashSet<String>>, Rc<HashSet<String>>, Rc<Vec<String>>,
                                       Rc<BTreeMap<String, Package>>), String> {
        let mut files = HashSet::new();
        let mut dirs = HashSet::new();
        let mut sources = Vec::new();
        dirs.insert(root.to_string());
        // each stamp is read before what it stands for (a folder before its listing, a file before its text), so a
        // change during the walk makes the next call walk again
        let mut stamps = Vec::new();
        let mut complete = true;
        walk(root, &mut files, &mut dirs, &mut sources, &mut stamps, &mut complete).map_err(|e| format!(
            "cannot read the workspace {}: {} (the library needs filesystem = [\"read\"])", root, e))?;
        let mut watched: Vec<&String> = files.iter().filter(|f| {
            let name = &f[f.rfind('/').map(|i| i + 1).unwrap_or(0)..];
            name == "package.json" || (name.starts_with("tsconfig") && name.ends_with(".json"))
        }).collect();
        watched.sort();
        for w in watched {
            match stamp(w) {
                Some((size, time)) => stamps.push((w.clone(), size, time)),
                None => complete = false,
            }
        }
        sources.sort();
        let mut packages = BTreeMap::new();
        let mut manifests: Vec<&String> = files.iter().filter(|f| f.ends_with("/package.json")).collect();
        manifests.sort();
        for m in manifests {
            let json = match read_text(m).and_then(|t| parse_jsonc(&t)) {
                Some(j) => j,
                None => continue,
            };
            if let Some(name) = json.get("name").and_then(|n| n.as_str()) {
                if !name.is_empty() && !packages.contains_key(name) {
                    packages.insert(name.to_string(), Package { name: name.to_string(), dir: parent(m).to_string(),
                                                                manifest: json });
                }
            }
        }
        let (files, dirs, sources, packages) = (Rc::new(files), Rc::new(dirs), Rc::new(sources), Rc::new(packages));
        SNAPSHOT.with(|s| {
            *s.borrow_mut() = if complete {
                Some(Snapshot { root: root.to_string(), files: files.clone(), dirs: dirs.clone(),
                                sources: sources.clone(), packages: packages.clone(), stamps })
            } else {
                None
            }
        });
        Ok((files, dirs, sources, packages))
    }

    /// `path` relative to the workspace root.
    pub fn display<'a>(&self, path: &'a str) -> &'a str {
        if within(path, &self.root) && path.len() > self.root.len() {
            let rest = &path[self.root.len()..];
            rest.strip_prefix('/').unwrap_or(rest)
        } else {
            path
        }
    }

    /// The imports of a source file (read once per content).
    pub fn imports(&self, file: &str) -> Rc<Vec<Import>> {
        let meta = std::fs::metadata(file).ok();
        let stamp = meta.as_ref().and_then(|m| m.modified().ok().map(|t| (m.len(), t)));
        if let Some((size, modified)) = stamp {
            let hit = FACTS.with(|f| f.borrow().get(file).filter(|x| x.size == size && x.modified == modified)
                .map(|x| x.imports.clone()));
            if let Some(h) = hit {
                return h;
            }
        }
        let imports = Rc::new(read_text(file).map(|t| lexer::imports(&t)).unwrap_or_default());
        if let Some((size, modified)) = stamp {
            if modified != std::time::UNIX_EPOCH {
                FACTS.with(|f| f.borrow_mut().insert(file.to_string(), Facts { size, modified, imports: imports.clone() }));
            }
        }
        imports
    }

    /// The imports of a source file with where each leads (once per call).
    pub fn resolved(&self, file: &str) -> Rc<Vec<(Import, Target)>> {
        if let Some(r) = self.resolved.borrow().get(file) {
            return r.clone();
        }
        let r: Rc<Vec<(Import, Target)>> = Rc::new(self.imports(file).iter()
            .map(|i| (i.clone(), self.resolve(file, &i.specifier))).collect());
        self.resolved.borrow_mut().insert(file.to_string(), r.clone());
        r
    }

    /// Where `spec`, imported by `from`, leads.
    #[inline(never)]
    pub fn resolve(&self, from: &str, spec: &str) -> Target {
        if spec.is_empty() {
            return Target::Unresolved;
        }
        if spec == "." || spec == ".." || spec.starts_with("./") || spec.starts_with("../") {
            return self.resolve_path(&join(parent(from), spec)).map(Target::File).unwrap_or(Target::Unresolved);
        }
        if spec.starts_with('/') {
            return self.resolve_path(&normalize(spec)).map(Target::File).unwrap_or(Target::Unresolved);
        }
        if let Some(name) = spec.strip_prefix("node:") {
            return Target::External(name.to_string());
        }
        if let Some(tc) = self.tsconfig_for(parent(from)) {
            if let Some(t) = self.resolve_mapped(&tc, spec) {
                return t;
            }
        }
        let (pkg, sub) = split_package(spec);
        if let Some(p) = self.packages.get(pkg) {
            let found = if sub.is_empty() { self.package_entry(p) } else { self.package_subpath(p, sub) };
            return Target::File(found.unwrap_or_else(|| format!("{}/package.json", p.dir)));
        }
        Target::External(pkg.to_string())
    }

    /// `paths` first (the longest prefix wins), then `baseUrl`.
    fn resolve_mapped(&self, tc: &TsConfig, spec: &str) -> Option<Target> {
        let mut best: Option<(&str, &Vec<String>, usize)> = None;
        for (pattern, subs) in &tc.paths {
            let matched = match pattern.find('*') {
                Some(star) => {
                    let (pre, post) = (&pattern[..star], &pattern[star + 1..]);
                    spec.len() >= pre.len() + post.len() && spec.starts_with(pre) && spec.ends_with(post)
                }
                None => pattern == spec,
            };
            if matched {
                let weight = pattern.find('*').unwrap_or(pattern.len() + 1);
                if best.map(|b| weight > b.2).unwrap_or(true) {
                    best = Some((pattern.as_str(), subs, weight));
                }
            }
        }
        if let Some((pattern, subs, _)) = best {
            let captured = match pattern.find('*') {
                Some(star) => &spec[star..spec.len() - (pattern.len() - star - 1)],
                None => "",
            };
            for s in subs {
                if let Some(f) = self.resolve_path(&normalize(&s.replacen('*', captured, 1))) {
                    return Some(Target::File(f));
                }
            }
            // a mapped specifier that names no file: TypeScript still tries baseUrl and node_modules
        }
        if let Some(base) = &tc.base_url {
            if let Some(f) = self.resolve_path(&join(base, spec)) {
                return Some(Target::File(f));
            }
        }
        None
    }

    /// A file named by an absolute path: itself, the TypeScript source of a `.js` name, with an extension, or the
    /// folder's `package.json` entry or `index`.
    #[inline(never)]
    pub fn resolve_path(&self, p: &str) -> Option<String> {
        if !within(p, &self.root) {
            return None;
        }
        if self.files.contains(p) {
            return Some(p.to_string());
        }
        // one buffer for every candidate name
        let mut c = String::with_capacity(p.len() + 12);
        for (js, tss) in [(".js", &[".ts", ".tsx"][..]), (".jsx", &[".tsx"][..]), (".mjs", &[".mts"][..]),
                          (".cjs", &[".cts"][..])] {
            if let Some(stem) = p.strip_suffix(js) {
                for ts in tss {
                    c.clear();
                    c.push_str(stem);
                    c.push_str(ts);
                    if self.files.contains(c.as_str()) {
                        return Some(c);
                    }
                }
            }
        }
        for e in TRY_EXTENSIONS {
            c.clear();
            c.push_str(p);
            c.push_str(e);
            if self.files.contains(c.as_str()) {
                return Some(c);
            }
        }
        if self.dirs.contains(p) {
            let manifest = format!("{}/package.json", p);
            if self.files.contains(&manifest) {
                if let Some(p) = self.packages.values().find(|k| k.dir == *p) {
                    if let Some(e) = self.package_entry_field(p) {
                        return Some(e);
                    }
                }
            }
            for e in TRY_EXTENSIONS {
                let c = format!("{}/index{}", p, e);
                if self.files.contains(&c) {
                    return Some(c);
                }
            }
        }
        None
    }

    fn package_entry_field(&self, p: &Package) -> Option<String> {
        let m = &p.manifest;
        let mut candidates: Vec<&str> = Vec::new();
        if let Some(e) = m.get("exports") {
            let dot = if e.is_object() && e.get(".").is_some() { e.get(".") } else { Some(e) };
            if let Some(d) = dot {
                collect_conditions(d, &mut candidates);
            }
        }
        for key in ["types", "typings", "module", "main"] {
            if let Some(s) = m.get(key).and_then(|v| v.as_str()) {
                candidates.push(s);
            }
        }
        for c in candidates {
            if let Some(f) = self.resolve_file_only(&join(&p.dir, c)) {
                return Some(f);
            }
        }
        None
    }

    fn resolve_file_only(&self, p: &str) -> Option<String> {
        if self.dirs.contains(p) && !self.files.contains(p) {
            for e in TRY_EXTENSIONS {
                let c = format!("{}/index{}", p, e);
                if self.files.contains(&c) {
                    return Some(c);
                }
            }
            return None;
        }
        self.resolve_path(p).filter(|f| !self.dirs.contains(f))
    }

    /// The module a workspace package's name leads to: its entry (`exports`, `types`, `module`, `main`), else its
    /// `index`, else `src/index`.
    pub fn package_entry(&self, p: &Package) -> Option<String> {
        self.package_entry_field(p)
            .or_else(|| self.resolve_file_only(&format!("{}/index", p.dir)))
            .or_else(|| self.resolve_file_only(&format!("{}/src/index", p.dir)))
    }

    fn package_subpath(&self, p: &Package, sub: &str) -> Option<String> {
        if let Some(exports) = p.manifest.get("exports").and_then(|e| e.as_object()) {
            if let Some(target) = exports.get(&format!("./{}", sub)) {
                let mut c = Vec::new();
                collect_conditions(target, &mut c);
                for t in c {
                    if let Some(f) = self.resolve_file_only(&join(&p.dir, t)) {
                        return Some(f);
                    }
                }
            }
        }
        self.resolve_path(&join(&p.dir, sub))
    }

    /// The nearest `tsconfig.json` at or above `dir` (inside the workspace), with its `extends` applied.
    fn tsconfig_for(&self, dir: &str) -> Option<Rc<TsConfig>> {
        if let Some(c) = self.tsconfigs.borrow().get(dir) {
            return c.clone();
        }
        let file = format!("{}/tsconfig.json", if dir == "/" { "" } else { dir });
        let found = if self.files.contains(&file) {
            let mut seen = Vec::new();
            Some(Rc::new(self.read_tsconfig(&file, &mut seen).unwrap_or_default()))
        } else if dir == self.root || !within(dir, &self.root) {
            None
        } else {
            self.tsconfig_for(parent(dir))
        };
        self.tsconfigs.borrow_mut().insert(dir.to_string(), found.clone());
        found
    }

    fn read_tsconfig(&self, file: &str, seen: &mut Vec<String>) -> Option<TsConfig> {
        let raw = self.read_raw(file, seen)?;
        let mut config = TsConfig { base_url: raw.base_url.clone(), paths: Vec::new() };
        if let Some((paths, defined_in)) = raw.paths {
            // `paths` are relative to `baseUrl` when one applies, else to the config that defines them
            let base = raw.base_url.unwrap_or(defined_in);
            for (pattern, subs) in paths {
                let subs: Vec<String> = subs.as_array().map(|a| a.iter().filter_map(|s| s.as_str())
                    .map(|s| join(&base, s)).collect()).unwrap_or_default();
                config.paths.push((pattern, subs));
            }
        }
        Some(config)
    }

    /// A config with its `extends` merged: the last `baseUrl` and `paths` win (an extending config overrides).
    fn read_raw(&self, file: &str, seen: &mut Vec<String>) -> Option<RawConfig> {
        if seen.iter().any(|s| s == file) || seen.len() > 32 {
            return None;
        }
        seen.push(file.to_string());
        let json = parse_jsonc(&read_text(file)?)?;
        let dir = parent(file);
        let mut config = RawConfig::default();
        let bases: Vec<String> = match json.get("extends") {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(String::from)).collect(),
            _ => vec![],
        };
        for base in bases {
            let candidates: Vec<String> = if base.starts_with('.') || base.starts_with('/') {
                let p = join(dir, &base);
                vec![p.clone(), format!("{}.json", p)]
            } else {
                // a package's config, from node_modules above the file
                let mut out = Vec::new();
                let mut d = dir.to_string();
                loop {
                    let p = format!("{}/node_modules/{}", if d == "/" { "" } else { &d }, base);
                    out.push(p.clone());
                    out.push(format!("{}.json", p));
                    out.push(format!("{}/tsconfig.json", p));
                    if d == self.root || d == "/" || !within(&d, &self.root) {
                        break;
                    }
                    d = parent(&d).to_string();
                }
                out
            };
            for c in candidates {
                if std::fs::metadata(&c).map(|m| m.is_file()).unwrap_or(false) {
                    if let Some(p) = self.read_raw(&c, seen) {
                        if p.base_url.is_some() {
                            config.base_url = p.base_url;
                        }
                        if p.paths.is_some() {
                            config.paths = p.paths;
                        }
                    }
                    break;
                }
            }
        }
        let options = json.get("compilerOptions");
        if let Some(b) = options.and_then(|o| o.get("baseUrl")).and_then(|b| b.as_str()) {
            config.base_url = Some(join(dir, b));
        }
        if let Some(p) = options.and_then(|o| o.get("paths")).and_then(|p| p.as_object()) {
            config.paths = Some((p.clone(), dir.to_string()));
        }
        Some(config)
    }

    /// The source files of a scope's paths (the others are not read).
    pub fn sources_of<'a>(&self, paths: &[&'a str]) -> Vec<&'a str> {
        let mut v: Vec<&str> = paths.iter().copied().filter(|p| is_source(p)).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

fn collect_conditions<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Object(m) => {
            for key in ["types", "import", "module", "default", "require", "node"] {
                if let Some(x) = m.get(key) {
                    collect_conditions(x, out);
                }
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                collect_conditions(x, out);
            }
        }
        _ => {}
    }
}

#[inline(never)]
fn walk(dir: &str, files: &mut HashSet<String>, dirs: &mut HashSet<String>, sources: &mut Vec<String>,
        stamps: &mut Vec<(String, u64, std::time::SystemTime)>, complete: &mut bool) -> std::io::Result<()> {
    match stamp(dir) {
        Some((size, time)) => stamps.push((dir.to_string(), size, time)),
        None => *complete = false,
    }
    for entry in std::fs::read_dir(if dir.is_empty() { "/" } else { dir })? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = if dir == "/" { format!("/{}", name) } else { format!("{}/{}", dir, name) };
        if kind.is_dir() {
            if !skipped_folder(&name) {
                dirs.insert(path.clone());
                // an unreadable folder is skipped, as dependency-cruiser does
                if walk(&path, files, dirs, sources, stamps, complete).is_err() {
                    *complete = false;
                }
            }
        } else if kind.is_file() || (kind.is_symlink() && std::fs::metadata(&path).map(|m| m.is_file()).unwrap_or(false)) {
            if is_source(&path) {
                sources.push(path.clone());
            }
            files.insert(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_and_paths() {
        assert_eq!(split_package("@s/p/x/y"), ("@s/p", "x/y"));
        assert_eq!(split_package("lodash/fp"), ("lodash", "fp"));
        assert_eq!(split_package("react"), ("react", ""));
        assert_eq!(normalize("/a/b/../c/./d"), "/a/c/d");
        assert!(within("/a/b/c", "/a/b"));
        assert!(!within("/a/bc", "/a/b"));
    }

    #[test]
    fn jsonc() {
        let v = parse_jsonc("{ // c\n \"a\": [1, 2,], /* x */ \"b\": \"//not\", }").unwrap();
        assert_eq!(v["b"], "//not");
        assert_eq!(v["a"][1], 2);
    }
}
