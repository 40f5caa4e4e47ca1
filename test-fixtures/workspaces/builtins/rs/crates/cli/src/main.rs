use core::parser::parse_expr;

pub enum Command {
    Check,
}

fn main() {
    let _ = parse_expr(&[]);
}
