mod entry;

pub use self::entry::Entry;

pub fn walk(root: &str) -> Vec<Entry> {
    let parts = super::pathutil::split(root);
    parts.into_iter().map(Entry::new).collect()
}
