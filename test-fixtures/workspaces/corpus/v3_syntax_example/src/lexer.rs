pub struct Lexer;
pub struct Token;
pub enum TokenKind { Ident, Number }
