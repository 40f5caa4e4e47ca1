/// Beta's pathutil: the same file name as alpha's, no relation.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}
