fn main() {
    gammalib::report::print(".");
}
