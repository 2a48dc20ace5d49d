//! How the program is linked (see `build.rs`).

/// GCC's unwinder is linked in: the program does not load `libgcc_s.so.1` at every start.
#[test]
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn the_unwinder_is_linked_in() {
    if option_env!("TECTON_PREFLIGHT_SHARED_LIBGCC").is_some_and(|v| !v.is_empty()) {
        return;
    }
    let program = std::fs::read(env!("CARGO_BIN_EXE_tecton-preflight")).expect("the program");
    let needs = program
        .windows(b"libgcc_s.so.1".len())
        .any(|w| w == b"libgcc_s.so.1");
    assert!(
        !needs,
        "the program names libgcc_s.so.1 among its libraries"
    );
}

/// The program linked so starts and runs (that the unwinder linked in catches a panic is the
/// library's test `a_parse_that_panicked_panics_again_where_it_is_read`, linked the same way).
#[test]
fn the_program_starts() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
        .arg("--version")
        .output()
        .expect("run the program");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("tecton-preflight "));
}
