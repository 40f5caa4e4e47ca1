//! Delta declares beta in its Cargo.toml but never uses it.
pub fn answer() -> u32 {
    42
}
