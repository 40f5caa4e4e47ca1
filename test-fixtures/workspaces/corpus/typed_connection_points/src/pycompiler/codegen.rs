pub fn generate_bytecode() {}
