pub fn handler() {}
pub fn metrics_handler() {}
