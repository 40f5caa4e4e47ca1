pub fn lex(src: &str) -> usize { src.len() }
