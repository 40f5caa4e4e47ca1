pub fn transpile_to_es5(n: usize) -> usize { n }
