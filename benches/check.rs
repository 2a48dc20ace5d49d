//! `check` on a generated repository of 2000 files (run with `cargo bench`); see `generate.rs`.

mod generate;

use criterion::{criterion_group, criterion_main, Criterion};
use generate::generate;
use tecton_preflight::analyze::DefaultCompute;
use tecton_preflight::check::{self, CheckOptions};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    generate(&root, 2000);
    let options = CheckOptions {
        paths: vec![root.clone()],
        sdk_version: None,
        config: None,
        default_compute: Some(DefaultCompute::Unknown),
        select: None,
        ignore: None,
        home: None,
        virtual_env: None,
    };
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function("2000 files", |b| b.iter(|| check::run(&options)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
