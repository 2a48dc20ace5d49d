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

/// Drops `value` on one of rayon's threads when called from another thread: freeing a root's
/// syntax trees and objects is work the report need not wait for (the process may even exit
/// first). On one of rayon's own threads (the roots of a monorepo are checked there, every thread
/// busy) it is dropped here and now: queued behind other roots, it would only raise the peak.
pub fn drop_elsewhere<T: Send + 'static>(value: T) {
    if rayon::current_thread_index().is_some() {
        drop(value);
    } else {
        rayon::spawn(move || drop(value));
    }
}
