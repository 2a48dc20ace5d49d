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
