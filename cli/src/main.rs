fn main() {
    println!("whycors");
}
