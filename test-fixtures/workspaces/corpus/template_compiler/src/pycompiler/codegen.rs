pub fn generate_bytecode(n: usize) -> Vec<u8> { vec![n as u8] }
