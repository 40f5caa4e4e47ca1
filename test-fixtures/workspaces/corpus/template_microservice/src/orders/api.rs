pub fn create_routes() {}

#[cfg(test)]
mod tests {
    #[test]
    fn routes() { super::create_routes(); }
}
