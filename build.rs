//! How the program is linked on Linux with glibc: at a fixed address, and with GCC's unwinder
//! built in rather than loaded from `libgcc_s.so.1`.
//!
//! A position-independent executable is relocated at every start: the dynamic loader writes about
//! 17,000 pointers into the program's tables, and each page written is a page the kernel copies
//! first (83 pages, 0.36 ms of a 2.2 ms `tecton-preflight --version` on a small virtual machine,
//! where a page costs about 2.7 µs). Linked at a fixed address, the tables are read from the file
//! as they are. The cost is that the program's own code and tables are not placed at a random
//! address (its libraries, stacks and heap still are): a distribution that requires
//! position-independent executables builds with `TECTON_PREFLIGHT_PIE=1`.
//!
//! `libgcc_s.so.1` is only the unwinder that panics use, but loading it costs a library's mapping
//! and relocation, and its constructor asks the processor for its features with `cpuid`, which on
//! a virtual machine traps to the hypervisor (about 4 µs each): 0.19 ms of a 1.45 ms
//! `tecton-preflight --version`, and 5% of a typical repository's check. Rust links it with
//! `-lgcc_s`; a linker script of that name, found first, links GCC's static unwinder
//! (`libgcc_eh.a`, what `gcc -static-libgcc` links) in its place, in the program and its tests
//! alike. Skipped when the C compiler has no `libgcc_eh.a`, when cross-compiling, or with
//! `TECTON_PREFLIGHT_SHARED_LIBGCC=1`.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=TECTON_PREFLIGHT_PIE");
    println!("cargo:rerun-if-env-changed=TECTON_PREFLIGHT_SHARED_LIBGCC");
    println!("cargo:rerun-if-env-changed=CC");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    if var("CARGO_CFG_TARGET_OS") != "linux" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    if !set("TECTON_PREFLIGHT_PIE") {
        // The compiler's own objects stay position-independent; only the final link of the
        // program (not the tests, not other crates' build tools) changes.
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    if !set("TECTON_PREFLIGHT_SHARED_LIBGCC") && var("TARGET") == var("HOST") && has_libgcc_eh() {
        let dir = PathBuf::from(var("OUT_DIR")).join("static-libgcc");
        let written = std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join("libgcc_s.so"), "INPUT(-lgcc_eh)\n"));
        if written.is_ok() {
            println!("cargo:rustc-link-search=native={}", dir.display());
        }
    }
}

/// Whether the C compiler that links the program has GCC's static unwinder.
fn has_libgcc_eh() -> bool {
    let compiler = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
    std::process::Command::new(compiler)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .is_some_and(|path| {
            Path::new(path.trim()).is_absolute() && Path::new(path.trim()).is_file()
        })
}
