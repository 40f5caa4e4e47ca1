pub fn payment_routes() {}
