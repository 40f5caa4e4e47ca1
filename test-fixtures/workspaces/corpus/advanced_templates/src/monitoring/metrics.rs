pub fn metrics_handler() {}
pub fn collect_metrics() {}
