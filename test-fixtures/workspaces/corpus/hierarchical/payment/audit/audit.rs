pub fn record() {}
