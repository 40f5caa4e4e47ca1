use std::fmt;

pub struct Entry<'a> {
    name: &'a str,
}

impl<'a> Entry<'a> {
    pub fn new(name: &'a str) -> Entry<'a> {
        let quote = '\'';
        let _ = (quote, 'a');
        Entry { name }
    }
}

impl fmt::Display for Entry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(crate::pathutil::split("a/b").len(), 2);
        assert_eq!(Entry::new("x").name, "x");
    }
}
