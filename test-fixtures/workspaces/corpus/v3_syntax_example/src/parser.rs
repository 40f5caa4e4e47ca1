use crate::lexer::Token;
pub struct Parser;
pub struct Program;
pub fn parse(_t: Vec<Token>) -> Program { Program }
