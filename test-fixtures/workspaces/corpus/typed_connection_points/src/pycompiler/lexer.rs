pub fn tokenize() {}
