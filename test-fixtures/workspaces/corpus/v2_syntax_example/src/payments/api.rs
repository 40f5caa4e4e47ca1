pub fn process_payment() {}
