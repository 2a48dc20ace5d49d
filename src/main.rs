//! The command line: clap definitions and dispatch only.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tecton_preflight::analyze::DefaultCompute;
use tecton_preflight::check::{self, CheckOptions};
use tecton_preflight::diagnostic::Severity;
use tecton_preflight::plan::{self, run::BaseSpec, run::PlanOptions};
use tecton_preflight::report::{self, Format, ReportOptions};
use tecton_preflight::rules;
use tecton_preflight::upgrade;

// The analyzer allocates many small AST nodes and values; mimalloc is markedly faster at that than
// the system allocator (ruff makes the same choice).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Static pre-apply checks for Tecton feature repositories: materialization runtimes, the repo
/// config, and the SDK's +1 window. Never runs your Python, never needs a network.
#[derive(Parser)]
#[command(
    name = "tecton-preflight",
    version,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Validate one or more feature repositories (the default command).
    Check(CheckArgs),
    /// The apply plan between a base (git revision or snapshot) and the working tree.
    Plan(PlanArgs),
    /// The path to a newer SDK, hop by hop; `--fix` writes the next step.
    Upgrade(UpgradeArgs),
    /// Explain a rule, or list all rules.
    Rule {
        /// A rule code such as TP202; without it, every rule is listed.
        code: Option<String>,
    },
}

#[derive(Args, Clone)]
struct CheckArgs {
    /// Feature repositories, or paths inside or above them.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// The Tecton SDK version that applies the repository (X.Y or X.Y.Z); overrides detection.
    #[arg(long, value_name = "VERSION")]
    sdk_version: Option<String>,
    /// The repo config to use instead of <root>/repo.yaml (as `tecton plan --config`).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Where views run whose code does not decide it (pandas/python mode, no compute config);
    /// default: the configuration file's `default-compute`, else unknown.
    #[arg(long, value_enum)]
    default_compute: Option<DefaultCompute>,
    /// Report only these rules (codes or prefixes, comma-separated); replaces the file's `select`.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Option<Vec<String>>,
    /// Do not report these rules (codes or prefixes, comma-separated); replaces the file's `ignore`.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Option<Vec<String>>,
    #[arg(long, value_enum, default_value = "full")]
    format: Format,
    /// Print only the findings, without the summary line.
    #[arg(long, short)]
    quiet: bool,
    /// When to color the output (NO_COLOR is honored with auto).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Apply the safe fixes (findings marked [*]) in place, then report what remains.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print the safe fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long)]
    diff: bool,
}

#[derive(Args, Clone)]
struct PlanArgs {
    /// The feature repository (or a directory above several).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// The git revision to compare with (default: HEAD, when the path is in a git repository).
    #[arg(long, value_name = "REF", conflicts_with = "base_snapshot")]
    base: Option<String>,
    /// A `check --format json` document to compare with, instead of a git revision.
    #[arg(long, value_name = "FILE")]
    base_snapshot: Option<PathBuf>,
    /// Exit 3 when the plan is not empty (0 when it is); errors keep 1 and 2.
    #[arg(long)]
    detailed_exitcode: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: PlanFormat,
    /// The Tecton SDK version, for both sides (X.Y or X.Y.Z); overrides detection.
    #[arg(long, value_name = "VERSION")]
    sdk_version: Option<String>,
    /// The repo config to use instead of <root>/repo.yaml, for both sides.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Where views run whose code does not decide it (pandas/python mode, no compute config).
    #[arg(long, value_enum)]
    default_compute: Option<DefaultCompute>,
}

#[derive(Args, Clone)]
struct UpgradeArgs {
    /// The SDK version to reach (X.Y or X.Y.Z).
    #[arg(long, value_name = "VERSION")]
    to: String,
    /// The feature repository (or a directory above several).
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Write the first step that is not done yet, then stop.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print the unified diff of that step without writing it.
    #[arg(long)]
    diff: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: PlanFormat,
    /// The SDK version the repository is on (X.Y or X.Y.Z); overrides detection.
    #[arg(long, value_name = "VERSION")]
    sdk_version: Option<String>,
    /// The repo config to use instead of <root>/repo.yaml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Where views run whose code does not decide it (pandas/python mode, no compute config).
    #[arg(long, value_enum)]
    default_compute: Option<DefaultCompute>,
}

#[derive(Clone, Copy, ValueEnum)]
enum PlanFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    // Files are parsed on rayon's threads: give them the stack that a parse of the deepest input
    // the guard lets through needs (a 2 MiB default overflows on a few thousand chained operators).
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .build_global();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Rule { code }) => rule(code.as_deref()),
        Some(Command::Check(args)) => run_check(args),
        Some(Command::Plan(args)) => run_plan(args),
        Some(Command::Upgrade(args)) => run_upgrade(args),
        None => run_check(cli.check),
    }
}

fn rule(code: Option<&str>) -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = match code {
        Some(code) => match rules::find(code) {
            Some(rule) => write!(out, "{}", rule.doc()),
            None => {
                eprintln!("error: no rule {code}; `tecton-preflight rule` lists them");
                return ExitCode::from(2);
            }
        },
        None => rules::RULES.iter().try_for_each(|r| {
            let mark = if r.fixable() { " [*]" } else { "" };
            writeln!(
                out,
                "{}  {:<7}  {}{mark}",
                r.code,
                r.severity.as_str(),
                r.summary
            )
        }),
    };
    match result.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => output_failed(&err),
    }
}

/// Exit 2 for an output that could not be written, saying why on stderr (a full disk, a closed
/// file). A reader that stopped reading (`| head`) is not an error worth a message.
fn output_failed(err: &std::io::Error) -> ExitCode {
    if err.kind() != std::io::ErrorKind::BrokenPipe {
        eprintln!("error: cannot write the output to stdout: {err}");
    }
    ExitCode::from(2)
}

fn run_check(args: CheckArgs) -> ExitCode {
    if let Err(code) = check_sdk_version(args.sdk_version.as_deref()) {
        return code;
    }
    for code in args.select.iter().chain(args.ignore.iter()).flatten() {
        if code != "ALL"
            && !rules::RULES
                .iter()
                .any(|r| r.code.starts_with(code.as_str()))
        {
            eprintln!("error: `{code}` is not a rule code or a prefix of one; `tecton-preflight rule` lists them");
            return ExitCode::from(2);
        }
    }
    if let Some(config) = &args.config {
        if !config.is_file() {
            let why = if config.exists() {
                "not a regular file"
            } else {
                "no such file"
            };
            eprintln!("error: --config {}: {why}", config.display());
            return ExitCode::from(2);
        }
    }
    for path in &args.paths {
        if !path.exists() {
            eprintln!("error: {}: no such file or directory", path.display());
            return ExitCode::from(2);
        }
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = |p: &PathBuf| absolute(&cwd, p);
    let options = CheckOptions {
        paths: args.paths.iter().map(absolute).collect(),
        sdk_version: args.sdk_version.clone(),
        config: args.config.as_ref().map(absolute),
        default_compute: args.default_compute,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        home: std::env::var_os("HOME").map(PathBuf::from),
        virtual_env: std::env::var_os("VIRTUAL_ENV").map(PathBuf::from),
        top: None,
    };
    let fix_mode = (args.fix || args.diff).then_some(args.fix);
    let fix_cwd = cwd.clone();
    let Some((result, fix_run)) = on_large_stack(move || match fix_mode {
        Some(write) => {
            let mut run = check::run_fix(&options, write, &fix_cwd);
            let result = std::mem::take(&mut run.result);
            (result, Some(run))
        }
        None => (check::run(&options), None),
    }) else {
        eprintln!("error: internal error while checking; please report it");
        return ExitCode::from(2);
    };
    for error in fix_run.iter().flat_map(|run| &run.errors) {
        eprintln!("error: {error}");
    }
    let fix_failed = fix_run.as_ref().is_some_and(|run| !run.errors.is_empty());
    if args.diff {
        let run = fix_run.unwrap_or_default();
        return print_diff(&run, args.quiet, fix_failed);
    }
    let stdout = std::io::stdout();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let report_options = ReportOptions {
        format: args.format,
        color,
        quiet: args.quiet,
        // Only the formats GitHub reads need it; the others spare the `git` call.
        repo_top: matches!(args.format, Format::Sarif | Format::Github)
            .then(|| tecton_preflight::git::toplevel(&cwd))
            .flatten(),
        cwd,
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(err) = report::print(&result, &report_options, &mut out).and_then(|_| out.flush()) {
        return output_failed(&err);
    }
    if report::nothing_checked(&result) {
        // Not a failure (pre-commit passes changed files that may all lie outside the feature
        // repositories), but not "All checks passed" either.
        eprintln!("note: nothing was checked: no named path is in a feature repository (a directory with `.tecton` at or above it)");
    }
    if let Some(run) = &fix_run {
        // Text formats say what was fixed after the summary; the machine formats keep stdout one
        // document, so the line goes to stderr there.
        let line = report::fixed_line(run.fixed, run.written.len());
        let text = matches!(args.format, Format::Full | Format::Concise);
        if text && !args.quiet {
            if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
                return ExitCode::from(2);
            }
        } else if !text {
            eprintln!("{line}");
        }
    }
    if fix_failed {
        ExitCode::from(2)
    } else if result.count(Severity::Error) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `check --diff`: the diff on stdout, what it would fix on stderr (as ruff); exit 1 when the diff
/// is not empty, 2 when a fix could not be computed.
fn print_diff(run: &check::FixRun, quiet: bool, failed: bool) -> ExitCode {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if write!(out, "{}", run.diff)
        .and_then(|_| out.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    if !quiet {
        eprintln!("{}", report::would_fix_line(run.fixed));
    }
    if failed {
        ExitCode::from(2)
    } else if run.diff.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run_plan(args: PlanArgs) -> ExitCode {
    if let Err(code) = check_sdk_version(args.sdk_version.as_deref()) {
        return code;
    }
    for (flag, path) in [
        ("", Some(&args.path)),
        ("--config ", args.config.as_ref()),
        ("--base-snapshot ", args.base_snapshot.as_ref()),
    ] {
        if let Some(path) = path {
            if !path.exists() {
                eprintln!("error: {flag}{}: no such file or directory", path.display());
                return ExitCode::from(2);
            }
        }
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = |p: &PathBuf| absolute(&cwd, p);
    let base = match (&args.base, &args.base_snapshot) {
        (Some(revision), _) => BaseSpec::Revision(revision.clone()),
        (None, Some(file)) => BaseSpec::Snapshot(absolute(file)),
        (None, None) => BaseSpec::Default,
    };
    let options = PlanOptions {
        path: absolute(&args.path),
        base,
        sdk_version: args.sdk_version.clone(),
        config: args.config.as_ref().map(absolute),
        default_compute: args.default_compute,
        home: std::env::var_os("HOME").map(PathBuf::from),
        virtual_env: std::env::var_os("VIRTUAL_ENV").map(PathBuf::from),
        cwd: cwd.clone(),
    };
    let result = match on_large_stack(move || plan::run::run(&options)) {
        Some(Ok(result)) => result,
        Some(Err(err)) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
        None => {
            eprintln!("error: internal error while planning; please report it");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let printed = match args.format {
        PlanFormat::Text => report::plan::print_text(&result, &cwd, &mut out),
        PlanFormat::Json => report::plan::print_json(&result, &cwd, &mut out),
    };
    if let Err(err) = printed.and_then(|_| out.flush()) {
        return output_failed(&err);
    }
    if result.head_errors() > 0 || result.apply_blocked() {
        ExitCode::from(1)
    } else if args.detailed_exitcode && !result.changes.is_empty() {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_upgrade(args: UpgradeArgs) -> ExitCode {
    if let Err(code) = check_sdk_version(args.sdk_version.as_deref()) {
        return code;
    }
    if let Err(err) = upgrade::parse_target(&args.to) {
        eprintln!("error: invalid --to {:?}: {err}", args.to);
        return ExitCode::from(2);
    }
    if !args.path.exists() {
        eprintln!("error: {}: no such file or directory", args.path.display());
        return ExitCode::from(2);
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let options = upgrade::UpgradeOptions {
        path: absolute(&cwd, &args.path),
        to: args.to.clone(),
        sdk_version: args.sdk_version.clone(),
        config: args.config.as_ref().map(|c| absolute(&cwd, c)),
        default_compute: args.default_compute,
        home: std::env::var_os("HOME").map(PathBuf::from),
        virtual_env: std::env::var_os("VIRTUAL_ENV").map(PathBuf::from),
    };
    let result = match on_large_stack(move || upgrade::run(&options)) {
        Some(Ok(result)) => result,
        Some(Err(err)) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
        None => {
            eprintln!("error: internal error while working out the upgrade; please report it");
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.diff {
        for root in &result.roots {
            match upgrade::first_step(root) {
                Some(Ok(changeset)) => {
                    let diff = tecton_preflight::fix::unified_diff(&changeset, &cwd);
                    if write!(out, "{diff}").is_err() {
                        return ExitCode::from(2);
                    }
                }
                Some(Err(err)) => {
                    eprintln!("error: {err}");
                    return ExitCode::from(2);
                }
                None => {}
            }
        }
        let remaining = result.roots.iter().any(|r| !r.done());
        return if out.flush().is_err() {
            ExitCode::from(2)
        } else if remaining {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    let mut written = Vec::new();
    let mut result = result;
    if args.fix {
        for root in &mut result.roots {
            let sdk = root.steps.first().map(|s| s.sdk);
            match (upgrade::first_step(root), sdk) {
                (Some(Ok(changeset)), Some(sdk)) => {
                    match tecton_preflight::fix::apply(&changeset, &upgrade::allowed_paths(root)) {
                        Ok(files) => {
                            written.push(report::upgrade::Written {
                                root: root.root.clone(),
                                files,
                                sdk,
                            });
                            // What was written is done; the rest still remains.
                            root.steps.remove(0);
                        }
                        Err(err) => {
                            eprintln!("error: {err}");
                            return ExitCode::from(2);
                        }
                    }
                }
                (Some(Err(err)), _) => {
                    eprintln!("error: {err}");
                    return ExitCode::from(2);
                }
                _ => {}
            }
        }
    }
    let printed = match args.format {
        PlanFormat::Text => report::upgrade::print_text(&result, &written, &cwd, &mut out),
        PlanFormat::Json => report::upgrade::print_json(&result, &written, &cwd, &mut out),
    };
    if printed.and_then(|_| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    if result.roots.iter().all(|r| r.done()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Rejects an `--sdk-version` that is not a Tecton version (exit 2).
fn check_sdk_version(version: Option<&str>) -> Result<(), ExitCode> {
    let checked = version.map(|v| {
        tecton_preflight::sdk::parse_version_arg(v)
            .and_then(|parsed| tecton_preflight::sdk::check_released(&parsed))
    });
    match checked {
        Some(Err(err)) => {
            eprintln!(
                "error: invalid --sdk-version {:?}: {err}",
                version.unwrap_or_default()
            );
            Err(ExitCode::from(2))
        }
        _ => Ok(()),
    }
}

/// A path from the command line made absolute, without `.` components (`check .` names the
/// working directory itself).
fn absolute(cwd: &std::path::Path, path: &std::path::Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    joined
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// The stack of each thread that parses and analyses files.
const WORKER_STACK: usize = 256 * 1024 * 1024;

/// Runs the analysis on a thread with a generous stack. Deeply nested input is refused before
/// parsing, but this keeps every recursive walk of a large file far from the stack's end. `None`
/// when the work panicked (an internal error).
fn on_large_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    std::thread::Builder::new()
        .stack_size(WORKER_STACK)
        .spawn(work)
        .ok()?
        .join()
        .ok()
}
