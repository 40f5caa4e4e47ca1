use super::list;

pub fn print(root: &str) {
    for line in list(root) {
        println!("{}", line);
    }
}
