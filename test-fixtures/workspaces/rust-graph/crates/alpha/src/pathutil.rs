/// Splits a path. Not to be confused with beta's own `pathutil.rs`.
pub fn split(path: &str) -> Vec<&str> {
    path.split('/').collect()
}
