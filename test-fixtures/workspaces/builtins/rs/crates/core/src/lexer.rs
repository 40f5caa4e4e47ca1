/// A token.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
}

pub enum TokenKind {
    Ident,
    Number,
}

pub struct Lexer<'a> {
    input: &'a str,
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token;
    fn next(&mut self) -> Option<Token> {
        None
    }
}

pub fn tokenize(input: &str) -> Vec<Token> {
    Vec::new()
}
