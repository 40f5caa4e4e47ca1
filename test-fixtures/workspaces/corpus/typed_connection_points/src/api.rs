pub const PORT: u16 = 8080;
pub fn handle_request() {}
pub fn apply_middleware() {}
pub fn get_routes() {}
