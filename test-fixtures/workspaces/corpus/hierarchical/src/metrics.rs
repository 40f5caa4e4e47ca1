pub fn handler() {}
pub fn collect_metrics() {}
