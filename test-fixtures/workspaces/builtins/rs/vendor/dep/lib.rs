pub fn parse() {}
pub trait Library {}
