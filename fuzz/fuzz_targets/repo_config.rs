#![no_main]

use tecton_preflight::fuzz_targets::{export_if_asked, repo_config};

libfuzzer_sys::fuzz_target!(init: export_if_asked("repo_config"), |data: &[u8]| repo_config(data));
