#![no_main]

use tecton_preflight::fuzz_targets::{export_if_asked, python_module};

libfuzzer_sys::fuzz_target!(init: export_if_asked("python_module"), |data: &[u8]| python_module(data));
