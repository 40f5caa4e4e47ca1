//! Beta: its own path helpers. Mentions of alpha_core::walk below are text, not code.
pub mod pathutil;

// use alpha_core::walk;   (a comment: must not count)
/* block comment /* nested: alpha_core::pathutil::split() */ still a comment: alpha_core::x */
pub const HELP: &str = "see alpha_core::walk for walking";
pub const RAW: &str = r#"raw "alpha_core::walk" text"#;
pub const BYTES: &[u8] = b"alpha_core::walk";

pub fn count(words: &[&str]) -> std::collections::HashMap<String, usize> {
    let mut m = std::collections::HashMap::new();
    for w in words {
        *m.entry(w.to_string()).or_insert(0) += 1;
    }
    m
}
