pub fn vat(net_cents: u64) -> u64 {
    net_cents * 20 / 100
}
