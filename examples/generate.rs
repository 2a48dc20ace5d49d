//! Writes the benchmark's generated repository: `cargo run --example generate -- DIR [FILES]`.

#[path = "../benches/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: generate DIR [FILES]");
        std::process::exit(2);
    };
    let files = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    generate::generate(std::path::Path::new(&dir), files);
}
