use std::io;
fn main() { let _ = io::stdin(); }
