pub fn payments() {}
