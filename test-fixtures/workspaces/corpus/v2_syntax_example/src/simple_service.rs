pub fn handle_request() {}
