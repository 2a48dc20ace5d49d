//! `check` on generated repositories (run with `cargo bench`; see `generate.rs`): a large one of
//! 2000 files, and the pre-commit path on a typical one of 100 files with two changed files named.

mod generate;

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use generate::generate;
use tecton_preflight::analyze::DefaultCompute;
use tecton_preflight::check::{self, CheckOptions};

// The same allocator as the binary, so that the numbers are the ones users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn options(paths: Vec<PathBuf>) -> CheckOptions {
    CheckOptions {
        paths,
        sdk_version: None,
        config: None,
        default_compute: Some(DefaultCompute::Unknown),
        select: None,
        ignore: None,
        home: None,
        virtual_env: None,
        top: None,
    }
}

fn bench(c: &mut Criterion) {
    // Not a hidden directory (tempfile's default names start with a dot): Tecton, and so the
    // analyzer, imports nothing below one.
    let dir = tempfile::Builder::new()
        .prefix("preflight-bench-")
        .tempdir()
        .expect("tempdir");
    let large = dir.path().join("large");
    generate(&large, 2000);
    let typical = dir.path().join("typical");
    generate(&typical, 100);

    let whole = options(vec![large.clone()]);
    assert!(
        check::run(&whole).roots[0].objects.len() > 8000,
        "the generated repository is analysed"
    );
    let named = options(vec![
        typical.join("features/group_0/features_1.py"),
        typical.join("repo.yaml"),
    ]);

    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function("2000 files", |b| b.iter(|| check::run(&whole)));
    group.bench_function("pre-commit: 2 files named in a 100-file repository", |b| {
        b.iter(|| check::run(&named))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
