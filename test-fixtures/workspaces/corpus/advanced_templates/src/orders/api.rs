pub fn create_routes() {}
#[cfg(test)]
mod tests {}
