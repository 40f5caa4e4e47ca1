pub fn tokenize(src: &str) -> Vec<String> { src.split(' ').map(String::from).collect() }
