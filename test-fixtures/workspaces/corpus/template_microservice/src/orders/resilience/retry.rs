pub struct RetryPolicy;
