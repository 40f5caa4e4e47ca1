use crate::tax;

pub struct PriceList {
    pub net_cents: Vec<u64>,
}

pub fn total(list: &PriceList) -> u64 {
    let net: u64 = list.net_cents.iter().sum();
    net + tax::vat(net)
}
