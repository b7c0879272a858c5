use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Question {
    text: String,
    votes: u32,
}

fn main() {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    *counts.entry("rust").or_insert(0) += 1;
    println!("{:?}", counts);
}
