pub fn metrics_handler() {}
