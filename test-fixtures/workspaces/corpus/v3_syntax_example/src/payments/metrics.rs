pub fn handler() {}
