pub fn parse(tokens: Vec<String>) -> usize { tokens.len() }
