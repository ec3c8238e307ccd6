fn main() {
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).unwrap();
    match sharecart::price_cart_json(&s) {
        Ok(t) => println!("{t}"),
        Err(e) => eprintln!("{}", e.to_json()),
    }
}
