#![no_main]

use tecton_preflight::fuzz_targets::{export_if_asked, python_repository};

libfuzzer_sys::fuzz_target!(init: export_if_asked("python_repository"), |data: &[u8]| python_repository(data));
