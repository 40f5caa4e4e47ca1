pub fn parse_js(n: usize) -> usize { n }
