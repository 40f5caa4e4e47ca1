pub fn validate_card() {}
