//! The progress line: when a run on a terminal takes longer than [`DELAY`], one line on stderr,
//! rewritten in place, says how far the run has got (`Checking… 12,345 directories read`), and
//! is erased when the run ends, so a `check /` that walks a whole file system is not silent. The
//! walkers count what they read in process-wide counters; a timer thread reads them. Nothing is
//! printed when stderr is not a terminal (CI logs, pipes, tests' captured output).

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long a run goes silent before the line appears.
pub const DELAY: Duration = Duration::from_secs(1);
/// How often the line is rewritten once shown.
const INTERVAL: Duration = Duration::from_millis(250);

static DIRECTORIES: AtomicUsize = AtomicUsize::new(0);

/// Called by the walkers for each directory they list.
pub fn directory_read() {
    DIRECTORIES.fetch_add(1, Ordering::Relaxed);
}

/// The line to show after `elapsed`, when stderr is a terminal; `None` before [`DELAY`] or when
/// it is not.
pub fn line(terminal: bool, elapsed: Duration, directories: usize) -> Option<String> {
    if !terminal || elapsed < DELAY {
        return None;
    }
    Some(format!(
        "Checking… {} {} read ({}s)",
        thousands(directories),
        if directories == 1 {
            "directory"
        } else {
            "directories"
        },
        elapsed.as_secs()
    ))
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The timer thread; [`Progress::finish`] stops it and erases the line.
pub struct Progress {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts the timer when `terminal` (stderr is a terminal); otherwise does nothing.
    pub fn start(terminal: bool) -> Progress {
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let thread = terminal.then(|| {
            let stop = Arc::clone(&stop);
            let started = Instant::now();
            std::thread::spawn(move || {
                let (lock, wake) = &*stop;
                let mut shown = false;
                let mut wait = DELAY;
                loop {
                    let Ok(guard) = lock.lock() else { return };
                    let Ok((guard, _)) = wake.wait_timeout_while(guard, wait, |stop| !*stop) else {
                        return;
                    };
                    if *guard {
                        break;
                    }
                    drop(guard);
                    let count = DIRECTORIES.load(Ordering::Relaxed);
                    if let Some(text) = line(true, started.elapsed(), count) {
                        // `\r` and erase-line: the line is rewritten in place.
                        eprint!("\r\x1b[2K{text}");
                        let _ = std::io::stderr().flush();
                        shown = true;
                    }
                    wait = INTERVAL;
                }
                if shown {
                    eprint!("\r\x1b[2K");
                    let _ = std::io::stderr().flush();
                }
            })
        });
        Progress { stop, thread }
    }

    /// Stops the timer and erases the line if it was shown, before anything else is printed.
    pub fn finish(mut self) {
        if let Some(thread) = self.thread.take() {
            if let Ok(mut stop) = self.stop.0.lock() {
                *stop = true;
            }
            self.stop.1.notify_all();
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn silent_before_a_second_and_off_a_terminal() {
        assert_eq!(line(true, Duration::from_millis(999), 5), None);
        assert_eq!(line(false, Duration::from_secs(300), 5), None);
        assert_eq!(
            line(true, Duration::from_millis(1000), 1).as_deref(),
            Some("Checking… 1 directory read (1s)")
        );
        assert_eq!(
            line(true, Duration::from_secs(301), 1_234_567).as_deref(),
            Some("Checking… 1,234,567 directories read (301s)")
        );
    }

    #[test]
    fn off_a_terminal_no_thread_starts() {
        let progress = Progress::start(false);
        assert!(progress.thread.is_none());
        progress.finish();
    }

    #[test]
    fn a_started_timer_stops_at_once() {
        let began = Instant::now();
        Progress::start(true).finish();
        assert!(began.elapsed() < DELAY);
    }
}
