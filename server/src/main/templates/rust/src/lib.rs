//! __NAME__: a Hielements WASM plugin in Rust, on the hielements-plugin crate (the SDK, in ./hielements-plugin).
//! A plugin is its functions, each declared once in FUNCTIONS with its documentation.
//! Build: ./build.sh   Test: ./test.sh

use hielements_plugin::{fail, pass, plugin, scope, Call, Function, Reply};

/// A selector: the files of a scope whose name ends with a suffix.
fn with_suffix(call: &Call) -> Result<Reply, String> {
    let suffix = call.string(1)?;
    let kept = call.scope_paths(0)?.into_iter().filter(|p| p.ends_with(suffix)).map(String::from).collect();
    Ok(scope("Glob", suffix, kept))
}

/// A check: passes when a scope has at most n files.
fn at_most(call: &Call) -> Result<Reply, String> {
    let count = call.scope_paths(0)?.len() as i64;
    let n = call.int(1)?;
    Ok(if count <= n { pass() } else { fail(&format!("the scope has {} files, more than {}", count, n)) })
}

static FUNCTIONS: &[Function] = &[
    Function::selector("with_suffix", with_suffix, "Scope", "The files of a scope whose name ends with a suffix.",
                       &[("scope", "Scope", "the files"), ("suffix", "string", "the end of the name, such as '.txt'")],
                       "__NAME__.with_suffix(files.folder_selector('src'), '.py')"),
    Function::check("at_most", at_most, "Passes when a scope has at most n files.",
                    &[("scope", "Scope", "the files"), ("n", "integer", "the limit")], "__NAME__.at_most(notes, 10)"),
];

plugin!(name: "__NAME__", version: "0.1.0",
        description: "The __NAME__ plugin: files by suffix, and a file-count check.", functions: FUNCTIONS);
