pub fn index() {}
