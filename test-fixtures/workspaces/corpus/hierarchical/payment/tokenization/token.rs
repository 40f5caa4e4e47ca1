pub fn tokenize_card() {}
