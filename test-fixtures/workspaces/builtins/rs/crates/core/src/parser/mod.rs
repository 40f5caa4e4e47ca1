use crate::lexer::{Token, TokenKind};

pub struct ParserState;

pub struct Parser {
    tokens: Vec<Token>,
}

impl ParserState {
    fn reset(&mut self) {}
}

pub fn parse_expr(tokens: &[Token]) -> Option<Expr> {
    None
}

pub trait LibraryExt {}

#[cfg(test)]
mod tests {
    #[test]
    fn parses() {}
}
