pub struct BreakerConfig;
