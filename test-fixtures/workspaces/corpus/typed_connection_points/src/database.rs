pub struct Connection;
pub const POOL_SIZE: usize = 4;
