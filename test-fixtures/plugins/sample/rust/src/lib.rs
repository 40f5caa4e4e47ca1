//! The `sample` library as a WASM plugin in Rust, on the SDK crate (sdk/rust/hielements-plugin): each function
//! declared once with its documentation; the SDK does the ABI, the JSON, the argument errors,
//! library_doc/library_metadata and the reading of the workspace through WASI. The same answers as the other builds
//! of `sample` (../README.md). Build: ./build.sh (the built sample.wasm is committed).

use hielements_plugin::{fail, pass, path_type, plugin, scope, walk, Call, Function, PathType, Reply};

/// The path without leading "./" and trailing "/"; "." is the workspace itself ("").
fn clean(path: &str) -> &str {
    let mut rel = path;
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    while rel.len() > 1 && rel.ends_with('/') {
        rel = &rel[..rel.len() - 1];
    }
    if rel == "." {
        ""
    } else {
        rel
    }
}

fn simple_selector(call: &Call) -> Result<Reply, String> {
    let path = call.string(0)?;
    let rel = clean(path);
    if rel.starts_with('/') || rel.split('/').any(|part| part == "..") {
        return Err(format!("simple_selector: the path must stay inside the workspace: {}", path));
    }
    let kind = if rel.is_empty() { PathType::Directory } else { path_type(call, rel)? };
    match kind {
        PathType::Directory => Ok(scope("Folder", path, walk(call, rel)?)),
        PathType::File => Ok(scope("File", path, vec![format!("{}/{}", call.workspace, rel)])),
        _ => Ok(scope("File", path, Vec::new())),
    }
}

fn always_pass(_: &Call) -> Result<Reply, String> {
    Ok(pass())
}

fn file_count_check(call: &Call) -> Result<Reply, String> {
    let count = call.scope_paths(0)?.len() as i64;
    let limit = call.int(1)?;
    Ok(if count <= limit { pass() } else { fail(&format!("Too many files: {} > {}", count, limit)) })
}

fn has_extension(call: &Call) -> Result<Reply, String> {
    let paths = call.scope_paths(0)?;
    let given = call.string(1)?;
    let ext = if given.starts_with('.') { given.to_string() } else { format!(".{}", given) };
    let prefix = format!("{}/", call.workspace);
    let wrong: Vec<&str> =
        paths.iter().copied().filter(|p| !p.rsplit('/').next().unwrap_or(p).ends_with(ext.as_str())).collect();
    if wrong.is_empty() {
        return Ok(pass());
    }
    let shown: Vec<&str> = wrong.iter().take(3).map(|p| p.strip_prefix(prefix.as_str()).unwrap_or(p)).collect();
    let more = if wrong.len() > 3 { ", ..." } else { "" };
    Ok(fail(&format!("{} of {} files do not end with '{}': {}{}", wrong.len(), paths.len(), ext, shown.join(", "),
                     more)))
}

fn prime_count(call: &Call) -> Result<Reply, String> {
    let n = call.int(0)?;
    let expected = call.int(1)?;
    if n > 10_000_000 {
        return Err("prime_count: n must be at most 10000000".to_string());
    }
    let mut count = 0i64;
    let mut p = 2i64;
    while p < n {
        if p % 2 == 0 {
            if p == 2 {
                count += 1;
            }
        } else {
            let mut d = 3i64;
            let mut prime = true;
            while d * d <= p {
                if p % d == 0 {
                    prime = false;
                    break;
                }
                d += 2;
            }
            if prime {
                count += 1;
            }
        }
        p += 1;
    }
    Ok(if count == expected {
        pass()
    } else {
        fail(&format!("There are {} primes below {}, not {}", count, n, expected))
    })
}

static FUNCTIONS: &[Function] = &[
    Function::selector("simple_selector", simple_selector, "Scope",
                       "Selects every file under a folder of the workspace, or one file",
                       &[("path", "string", "Folder or file, relative to the workspace")],
                       "sample.simple_selector('src')"),
    Function::check("always_pass", always_pass, "Always passes", &[], "sample.always_pass()"),
    Function::check("file_count_check", file_count_check, "Passes when the scope has at most max files",
                    &[("scope", "Scope", "The files to count"),
                      ("max", "integer", "The largest number of files allowed")],
                    "sample.file_count_check(src, 10)"),
    Function::check("has_extension", has_extension,
                    "Passes when the name of every file of the scope ends with the extension",
                    &[("scope", "Scope", "The files to look at"),
                      ("ext", "string", "The extension, with or without its dot")],
                    "sample.has_extension(src, '.py')"),
    Function::check("prime_count", prime_count,
                    "Counts the primes below n by trial division (a compute-heavy check) and passes when there are \
                     expected of them",
                    &[("n", "integer", "The bound (at most 10000000)"),
                      ("expected", "integer", "The expected number of primes below n")],
                    "sample.prime_count(100000, 9592)"),
];

plugin!(name: "sample", version: "1.0.0",
        description: "Sample plugin library: a folder selector and checks over a scope's files",
        functions: FUNCTIONS);
