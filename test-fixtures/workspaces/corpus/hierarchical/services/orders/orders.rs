pub fn orders() {}
