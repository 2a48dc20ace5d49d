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

/// The stack of each thread that parses and analyses files: the program's rayon workers, one of
/// which runs the analysis.
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

/// Whether the process reports and exits once the work under way is done (set by the program for
/// a `check` that only reports): see [`drop_or_keep`].
static EXITS_AFTER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Tells [`drop_or_keep`] that the process exits once its work is done.
pub fn exits_after() {
    EXITS_AFTER.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The most Python source a lone root may have for its syntax trees and raw objects to be left to
/// the exit (see [`drop_or_keep`]): what is built after them cannot reuse their memory, which
/// raised the peak of a root of 20 MB by 44 MiB (11%), and of a typical one (0.2 MB) by 0.4 MiB.
const KEPT_UNTIL_EXIT: usize = 1 << 20;

/// Whether this thread may hand work to rayon's other threads: not in the check of one of
/// several roots, where every thread has a root of its own.
pub fn alone() -> bool {
    !ONE_OF_SEVERAL.get()
}

/// [`drop_elsewhere`], or, when the process exits after a lone root's check ([`exits_after`])
/// whose Python source is `source_bytes` long, at most [`KEPT_UNTIL_EXIT`], not freed at all: the
/// other thread is then free for the work after the interpretation (resolving the objects,
/// listing them beside the rules), 2% of a typical repository's time.
pub fn drop_or_keep<T: Send + 'static>(value: T, source_bytes: usize) {
    if alone()
        && EXITS_AFTER.load(std::sync::atomic::Ordering::Relaxed)
        && source_bytes <= KEPT_UNTIL_EXIT
    {
        std::mem::forget(value);
    } else {
        drop_elsewhere(value);
    }
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
