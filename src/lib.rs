//! tecton-preflight: static pre-apply checks for Tecton feature repositories.
//!
//! The pipeline, in the order data flows: [`discover`] finds roots and files, [`config`] reads
//! `repo.yaml`, [`python`] reads the definitions, [`sdk`] finds the SDK version, [`analyze`] joins
//! them into [`model`] objects, [`rules`] turn those into [`diagnostic`]s, and [`report`] prints them.

pub mod analyze;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod fix;
#[doc(hidden)]
pub mod fuzz_targets;
pub mod git;
pub mod model;
pub mod plan;
pub mod progress;
pub mod python;
pub mod report;
pub mod rules;
pub mod sdk;
pub mod settings;
pub mod show;
pub mod source;
pub mod suppress;
pub mod upgrade;

#[cfg(test)]
mod fuzz;

/// The stack of each thread that parses and analyses files: the program's rayon workers and the
/// thread it runs the analysis on.
pub const WORKER_STACK: usize = 256 * 1024 * 1024;

thread_local! {
    /// Whether this thread is checking one of several roots at once (see [`one_of_several`]).
    static ONE_OF_SEVERAL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work`, the check of one of several roots that rayon's threads check at once: what it
/// hands to [`drop_elsewhere`] is dropped where it is.
pub fn one_of_several<T>(work: impl FnOnce() -> T) -> T {
    ONE_OF_SEVERAL.set(true);
    let result = work();
    ONE_OF_SEVERAL.set(false);
    result
}

/// Drops `value` on another of rayon's threads: freeing a root's syntax trees and objects is work
/// the report need not wait for (the process may even exit first). In the check of one of
/// several roots ([`one_of_several`]), every thread busy, it is dropped here and now: queued
/// behind other roots, or freed by a thread that did not allocate it, it costs more than it saves
/// (a monorepo took 10% longer).
pub fn drop_elsewhere<T: Send + 'static>(value: T) {
    if ONE_OF_SEVERAL.get() {
        drop(value);
    } else {
        rayon::spawn(move || drop(value));
    }
}
