#![no_main]

use tecton_preflight::fuzz_targets::{export_if_asked, plan_snapshot};

libfuzzer_sys::fuzz_target!(init: export_if_asked("plan_snapshot"), |data: &[u8]| plan_snapshot(data));
