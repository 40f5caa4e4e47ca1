#[test]
fn lists() {
    assert!(gammalib::list("a/b").len() >= 2);
}
