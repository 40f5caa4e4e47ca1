pub fn optimize_ast(n: usize) -> usize { n }
