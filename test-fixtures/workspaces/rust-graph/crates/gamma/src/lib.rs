extern crate beta as b;

use alpha::{walk::Entry, pathutil};

pub mod report;

pub fn list(root: &str) -> Vec<String> {
    let hidden = b::pathutil::is_hidden(root);
    let parts = pathutil::split(root);
    let mut out: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
    if hidden {
        out.push(alpha::walk::walk(root).len().to_string());
    }
    out
}

pub fn first(root: &str) -> Option<String> {
    let _e: Option<Entry> = None;
    list(root).into_iter().next()
}
