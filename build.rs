//! Links the program as a position-dependent executable on Linux with glibc, unless
//! `TECTON_PREFLIGHT_PIE` is set at build time.
//!
//! A position-independent executable is relocated at every start: the dynamic loader writes about
//! 17,000 pointers into the program's tables, and each page written is a page the kernel copies
//! first (83 pages, 0.36 ms of a 2.2 ms `tecton-preflight --version` on a small virtual machine,
//! where a page costs about 2.7 µs). Linked at a fixed address, the tables are read from the file
//! as they are. The cost is that the program's own code and tables are not placed at a random
//! address (its libraries, stacks and heap still are): a distribution that requires
//! position-independent executables builds with `TECTON_PREFLIGHT_PIE=1`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TECTON_PREFLIGHT_PIE");
    let target = |name: &str| std::env::var(name).unwrap_or_default();
    let pie = std::env::var_os("TECTON_PREFLIGHT_PIE").is_some_and(|v| !v.is_empty());
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ENV") == "gnu" && !pie {
        // The compiler's own objects stay position-independent; only the final link of the
        // program (not the tests, not other crates' build tools) changes.
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
