#![no_main]

use tecton_preflight::fuzz_targets::{export_if_asked, pin_files};

libfuzzer_sys::fuzz_target!(init: export_if_asked("pin_files"), |data: &[u8]| pin_files(data));
