//! The `typescript` library of Hielements: the import graph of TypeScript and JavaScript code (`.ts .tsx .mts .cts
//! .js .jsx .mjs .cjs`), resolved as dependency-cruiser resolves it, as a WASM plugin built with the Rust SDK
//! (`sdk/rust/hielements-plugin`). It reads the workspace through WASI (read-only): every call walks the workspace
//! (without `node_modules` and hidden folders), reads `package.json` and `tsconfig.json` files, and the imports of
//! the files it needs (a file's imports are kept while its size and time stay the same).

pub mod lexer;
pub mod project;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use hielements_plugin::{fail, fail_at, pass, plugin, scope, Call, Function, Place, Reply};

use lexer::Import;
use project::{is_source, within, Project, Target};

fn load(call: &Call) -> Result<Project, String> {
    Project::load(&call.workspace).map_err(|e| format!("{}: {}", call.function, e))
}

fn arg_scope<'a>(call: &'a Call, i: usize, message: &str) -> Result<Vec<&'a str>, String> {
    call.scope_paths(i).map_err(|_| format!("{}", message))
}

fn arg_string<'a>(call: &'a Call, i: usize, message: &str) -> Result<&'a str, String> {
    call.string(i).map_err(|_| message.to_string())
}

/// The place of an import statement in `file`.
fn place(file: &str, import: &Import) -> Place {
    let text = std::fs::read(file).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    Place::of(file, &text, import.start, import.end)
}

/// Places of the imports of one file, the file read once.
fn places(file: &str, imports: &[&Import]) -> Vec<Place> {
    if imports.is_empty() {
        return Vec::new();
    }
    let text = std::fs::read(file).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    imports.iter().map(|i| Place::of(file, &text, i.start, i.end)).collect()
}

/// A workspace-relative path argument as an absolute path (`.` is the root); an error when it leaves the workspace.
fn workspace_path(project: &Project, function: &str, arg: &str) -> Result<String, String> {
    let trimmed = arg.trim_end_matches('/');
    if trimmed.starts_with('/') {
        return Err(format!("{}: '{}' must be a path relative to the workspace", function, arg));
    }
    let p = project::normalize(&format!("{}/{}", project.root, if trimmed.is_empty() { "." } else { trimmed }));
    if !within(&p, &project.root) {
        return Err(format!("{}: '{}' leads out of the workspace", function, arg));
    }
    Ok(p)
}

// ---------------------------------------------------------------- selectors

fn module_selector(call: &Call) -> Result<Reply, String> {
    let arg = arg_string(call, 0, "module_selector requires a file or folder path")?;
    let project = load(call)?;
    let p = workspace_path(&project, "module_selector", arg)?;
    if project.dirs.contains(&p) {
        let paths: Vec<String> = project.sources.iter().filter(|s| within(s, &p)).cloned().collect();
        return Ok(scope("Folder", arg, paths));
    }
    // a file, as written or as an import names it (`src/util/log` is `src/util/log.ts`)
    let file = if project.files.contains(&p) { Some(p) } else { project.resolve_path(&p) };
    Ok(scope("File", arg, file.into_iter().collect()))
}

fn package_selector(call: &Call) -> Result<Reply, String> {
    let name = arg_string(call, 0, "package_selector requires a package name")?;
    let project = load(call)?;
    let pkg = match project.packages.get(name) {
        Some(p) => p,
        None => {
        let known: Vec<&str> = project.packages.keys().map(|k| k.as_str()).take(20).collect();
        return Err(format!("package_selector: no package.json in the workspace is named '{}'{}", name,
                           if known.is_empty() { String::from(" (there is none with a name)") }
                           else { format!(" (known: {})", known.join(", ")) }));
        }
    };
    // its source files, without those of packages nested inside it
    let nested: Vec<&str> = project.packages.values().filter(|o| o.dir != pkg.dir && within(&o.dir, &pkg.dir))
        .map(|o| o.dir.as_str()).collect();
    let paths: Vec<String> = project.sources.iter()
        .filter(|s| within(s, &pkg.dir) && !nested.iter().any(|n| within(s, n))).cloned().collect();
    Ok(scope("Folder", project.display(&pkg.dir), paths))
}

// ---------------------------------------------------------------- module names

/// Whether an import leading to `target` (written `spec`) imports `module`: an external package by name (`react`,
/// `@scope/pkg`, `lodash/fp` as written), a workspace package by name, or a workspace file or folder by path.
fn imports_module(project: &Project, spec: &str, target: &Target, module: &str) -> bool {
    match target {
        Target::External(name) => {
            let m = module.strip_prefix("node:").unwrap_or(module);
            let s = spec.strip_prefix("node:").unwrap_or(spec);
            m == name || (m.starts_with(name.as_str()) && m.as_bytes().get(name.len()) == Some(&b'/')
                && (s == m || (s.starts_with(m) && s.as_bytes().get(m.len()) == Some(&b'/'))))
        }
        Target::File(f) => {
            if let Some(p) = project.packages.get(module) {
                return within(f, &p.dir);
            }
            let m = module.trim_start_matches("./").trim_end_matches('/');
            if m.is_empty() || m.starts_with('/') {
                return false;
            }
            let abs = project::normalize(&format!("{}/{}", project.root, m));
            if within(f, &abs) {
                return true;
            }
            let stem = strip_extension(f);
            stem == abs || stem == format!("{}/index", abs)
        }
        Target::Unresolved => false,
    }
}

fn strip_extension(f: &str) -> &str {
    if let Some(s) = f.strip_suffix(".d.ts") {
        return s;
    }
    match f.rfind('.') {
        Some(i) if i > f.rfind('/').unwrap_or(0) => &f[..i],
        _ => f,
    }
}

// ---------------------------------------------------------------- checks

fn imports(call: &Call) -> Result<Reply, String> {
    let paths = arg_scope(call, 0, "imports requires a scope")?;
    let module = arg_string(call, 1, "imports requires a module name")?;
    let project = load(call)?;
    for f in project.sources_of(&paths) {
        for (i, t) in project.resolved(f).iter() {
            if imports_module(&project, &i.specifier, t, module) {
                return Ok(pass());
            }
        }
    }
    Ok(fail(&format!("Scope does not import '{}'", module)))
}

fn offending(project: &Project, paths: &[&str], mut bad: impl FnMut(&Import, &Target) -> bool) -> Vec<Place> {
    let mut out = Vec::new();
    for f in project.sources_of(paths) {
        let resolved = project.resolved(f);
        let hits: Vec<&Import> = resolved.iter().filter(|(i, t)| bad(i, t)).map(|(i, _)| i).collect();
        out.extend(places(f, &hits));
    }
    out
}

fn no_import(call: &Call) -> Result<Reply, String> {
    let paths = arg_scope(call, 0, "no_import requires a scope")?;
    let module = arg_string(call, 1, "no_import requires a module name")?;
    let project = load(call)?;
    let found = offending(&project, &paths, |i, t| imports_module(&project, &i.specifier, t, module));
    Ok(if found.is_empty() { pass() } else { fail_at(&format!("Scope imports '{}' but should not", module), &found) })
}

fn no_external(call: &Call) -> Result<Reply, String> {
    let paths = arg_scope(call, 0, "no_external requires a scope")?;
    let package = arg_string(call, 1, "no_external requires a package name")?;
    let project = load(call)?;
    let wanted = package.strip_prefix("node:").unwrap_or(package);
    let found = offending(&project, &paths, |_, t| matches!(t, Target::External(n) if wanted == "*" || n == wanted));
    Ok(if found.is_empty() { pass() } else if wanted == "*" {
        fail_at("Scope imports external packages but should not", &found)
    } else {
        fail_at(&format!("Scope imports external package '{}' but should not", wanted), &found)
    })
}

fn depends_on(call: &Call) -> Result<Reply, String> {
    let a = arg_scope(call, 0, "depends_on requires a source scope as first argument")?;
    let b = arg_scope(call, 1, "depends_on requires a target scope as second argument")?;
    let project = load(call)?;
    let targets: HashSet<&str> = b.iter().copied().collect();
    for f in project.sources_of(&a) {
        if targets.contains(f) {
            continue;
        }
        for (_, t) in project.resolved(f).iter() {
            if let Target::File(x) = t {
                if targets.contains(x.as_str()) {
                    return Ok(pass());
                }
            }
        }
    }
    Ok(fail("No dependency found: no module of the source scope imports a module of the target scope"))
}

fn no_dependency(call: &Call) -> Result<Reply, String> {
    let a = arg_scope(call, 0, "no_dependency requires a source scope as first argument")?;
    let b = arg_scope(call, 1, "no_dependency requires a target scope as second argument")?;
    let project = load(call)?;
    let targets: HashSet<&str> = b.iter().copied().collect();
    let sources: Vec<&str> = a.iter().copied().filter(|f| !targets.contains(f)).collect();
    let found = offending(&project, &sources, |_, t| matches!(t, Target::File(x) if targets.contains(x.as_str())));
    Ok(if found.is_empty() { pass() } else { fail_at("Forbidden dependency detected", &found) })
}

/// The workspace modules reachable from `start`, and the import edges between them (each with its import).
fn reachable(project: &Project, start: &[&str]) -> HashMap<String, Vec<(String, Import)>> {
    let mut graph: HashMap<String, Vec<(String, Import)>> = HashMap::new();
    let mut queue: VecDeque<String> = start.iter().map(|s| s.to_string()).collect();
    while let Some(f) = queue.pop_front() {
        if graph.contains_key(&f) {
            continue;
        }
        let mut edges = Vec::new();
        if is_source(&f) {
            for (i, t) in project.resolved(&f).iter() {
                if let Target::File(x) = t {
                    if !graph.contains_key(x) {
                        queue.push_back(x.clone());
                    }
                    edges.push((x.clone(), i.clone()));
                }
            }
        }
        graph.insert(f, edges);
    }
    graph
}

/// The shortest cycle through `start` (a list of modules, `start` first), if any.
fn cycle_through(graph: &HashMap<String, Vec<(String, Import)>>, start: &str) -> Option<Vec<String>> {
    let mut previous: HashMap<&str, &str> = HashMap::new();
    let mut queue: VecDeque<&str> = VecDeque::new();
    queue.push_back(start);
    while let Some(f) = queue.pop_front() {
        for (x, _) in graph.get(f).map(|v| v.as_slice()).unwrap_or(&[]) {
            if x == start {
                let mut path = vec![f.to_string()];
                let mut at = f;
                while at != start {
                    at = previous[at];
                    path.push(at.to_string());
                }
                path.reverse();
                return Some(path);
            }
            if !previous.contains_key(x.as_str()) {
                previous.insert(x.as_str(), f);
                queue.push_back(x.as_str());
            }
        }
    }
    None
}

fn no_cycles(call: &Call) -> Result<Reply, String> {
    let paths = arg_scope(call, 0, "no_cycles requires a scope")?;
    let project = load(call)?;
    let sources = project.sources_of(&paths);
    let graph = reachable(&project, &sources);
    // the strongly connected parts first, so a module in no cycle costs no search
    let in_cycle = cyclic(&graph);
    for f in sources {
        if !in_cycle.contains(f) {
            continue;
        }
        if let Some(cycle) = cycle_through(&graph, f) {
            let mut names: Vec<&str> = cycle.iter().map(|c| project.display(c)).collect();
            names.push(project.display(&cycle[0]));
            let mut found = Vec::new();
            for (k, from) in cycle.iter().enumerate() {
                let to = &cycle[(k + 1) % cycle.len()];
                if let Some((_, i)) = graph[from].iter().find(|(x, _)| x == to) {
                    found.push(place(from, i));
                }
            }
            return Ok(fail_at(&format!("Circular dependency: {}", names.join(" -> ")), &found));
        }
    }
    Ok(pass())
}

/// The modules that lie on a cycle (Tarjan's strongly connected components, iterative).
fn cyclic(graph: &HashMap<String, Vec<(String, Import)>>) -> HashSet<&str> {
    let mut names: Vec<&str> = graph.keys().map(|k| k.as_str()).collect();
    names.sort_unstable();
    let id: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let adj: Vec<Vec<usize>> = names.iter().map(|n| graph[*n].iter().filter_map(|(x, _)| id.get(x.as_str()).copied())
        .collect()).collect();
    let n = names.len();
    let (mut index, mut low, mut on) = (vec![usize::MAX; n], vec![0usize; n], vec![false; n]);
    let mut stack = Vec::new();
    let mut next = 0usize;
    let mut out = HashSet::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut e)) = work.last_mut() {
            if *e == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on[v] = true;
            }
            if *e < adj[v].len() {
                let w = adj[v][*e];
                *e += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                loop {
                    let w = stack.pop().unwrap();
                    on[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 || adj[v].contains(&v) {
                    for w in component {
                        out.insert(names[w]);
                    }
                }
            }
        }
    }
    out
}

/// Every folder-to-folder edge of the workspace's import graph (`from -> to`, relative folders; externals as
/// `npm:name`): what the comparison with dependency-cruiser reads.
fn folder_edges(call: &Call) -> Result<Reply, String> {
    let paths = arg_scope(call, 0, "folder_edges requires a scope")?;
    let project = load(call)?;
    let mut edges = BTreeSet::new();
    for f in project.sources_of(&paths) {
        for (_, t) in project.resolved(f).iter() {
            let to = match t {
                Target::File(x) => project.display(project::parent(x)).to_string(),
                Target::External(n) => format!("npm:{}", n),
                Target::Unresolved => continue,
            };
            let from = project.display(project::parent(f)).to_string();
            edges.insert(format!("{} -> {}", if from.is_empty() { "." } else { &from },
                                 if to.is_empty() { "." } else { &to }));
        }
    }
    Ok(hielements_plugin::list(edges.into_iter().map(|e| hielements_plugin::string(&e)).collect()))
}

static FUNCTIONS: &[Function] = &[
    Function::selector("module_selector", module_selector, "Scope",
        "Select TypeScript/JavaScript modules by path: a folder and every source file under it (node_modules and \
         hidden folders left out), or one file, also named as an import names it ('src/util/log' is src/util/log.ts, \
         a folder's index).",
        &[("path", "string", "File or folder path relative to the workspace")],
        "scope core = typescript.module_selector('src/core')"),
    Function::selector("package_selector", package_selector, "Scope",
        "Select a workspace package by the name in its package.json: the source files of its folder (packages nested \
         inside it left out).",
        &[("package_name", "string", "The package.json name ('@acme/ui')")],
        "scope ui = typescript.package_selector('@acme/ui')"),
    Function::selector("folder_edges", folder_edges, "list",
        "The folder-to-folder edges of a scope's imports ('src/a -> src/b', externals as 'npm:react'), as \
         dependency-cruiser's folder graph shows them.",
        &[("scope", "Scope", "The modules whose imports are listed")],
        "ref edges: list = typescript.folder_edges(app)"),
    Function::check("imports", imports,
        "Check that a scope imports a module: an external package ('react', '@scope/pkg', 'lodash/fp'), a workspace \
         package by name, or a workspace file or folder by path ('src/core'). import/export-from/import type/require()/\
         import() with a literal count, resolved as dependency-cruiser does; comments and strings never count.",
        &[("scope", "Scope", "The scope to check"), ("module_name", "string", "Package name or workspace path")],
        "check typescript.imports(app, 'react')"),
    Function::check("no_import", no_import,
        "Check that a scope does NOT import a module (named as for imports); a failure names every offending import.",
        &[("scope", "Scope", "The scope to check"),
          ("module_name", "string", "Package name or workspace path that should not be imported")],
        "check typescript.no_import(core, 'src/ui')"),
    Function::check("depends_on", depends_on,
        "Check that scope_a depends on scope_b: an import of a module of scope_a resolves to a module of scope_b.",
        &[("scope_a", "Scope", "Source scope"), ("scope_b", "Scope", "Target scope that should be a dependency")],
        "check typescript.depends_on(ui, core)"),
    Function::check("no_dependency", no_dependency,
        "Check that scope_a does NOT depend on scope_b (architectural boundary); a failure names every offending \
         import.",
        &[("scope_a", "Scope", "Source scope"),
          ("scope_b", "Scope", "Target scope that should NOT be a dependency")],
        "check typescript.no_dependency(core, ui)"),
    Function::check("no_cycles", no_cycles,
        "Check that no module of a scope lies on an import cycle (through any workspace module); a failure names one \
         shortest cycle and each of its imports.",
        &[("scope", "Scope", "The scope to check")],
        "check typescript.no_cycles(app)"),
    Function::check("no_external", no_external,
        "Check that a scope does not import an external package (outside the workspace; named by package, 'fs' for \
         node:fs too; '*' for any); a failure names every offending import.",
        &[("scope", "Scope", "The scope to check"), ("package_name", "string", "External package name, or '*'")],
        "check typescript.no_external(core, 'react')"),
];

plugin!(name: "typescript", version: "0.1.0",
        description: "TypeScript and JavaScript import graph library (.ts .tsx .mts .cts .js .jsx .mjs .cjs), resolved \
                      as dependency-cruiser does: relative paths with extensions and index, .js names of .ts sources, \
                      tsconfig.json baseUrl and paths (with extends), workspace packages by package.json name; other \
                      bare specifiers are external packages.",
        functions: FUNCTIONS);
