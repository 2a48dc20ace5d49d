//! The command line: clap definitions and dispatch only.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use tecton_preflight::analyze::DefaultCompute;
use tecton_preflight::check::{self, CheckOptions};
use tecton_preflight::diagnostic::Severity;
use tecton_preflight::plan::{self, run::BaseSpec, run::PlanOptions};
use tecton_preflight::progress::Progress;
use tecton_preflight::report::{self, Format, ReportOptions};
use tecton_preflight::rules;
use tecton_preflight::upgrade;
use tecton_preflight::WORKER_STACK;

// The analyzer allocates many small AST nodes and values; mimalloc is markedly faster at that than
// the system allocator (ruff makes the same choice).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's C API, linked in by the `mimalloc` crate (the same symbol in its v2 and v3).
extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` (the same ordinal in mimalloc v2 and v3).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// `mi_option_destroy_on_exit` (the same ordinal in mimalloc v2 and v3). Set above 1, mimalloc
/// skips its clean-up at process exit (collecting every thread's pages, about 1.5% of a small
/// repository's run): the system takes the whole address space back anyway.
const MI_OPTION_DESTROY_ON_EXIT: std::ffi::c_int = 22;

/// How long freed memory stays with mimalloc before it goes back to the system. A monorepo's
/// roots are each freed once checked, and the next roots reuse those pages: memory given back is
/// faulted in again, page by page. At 100 ms, the 40-root monorepo took 15,000 to 18,000 page
/// faults where it takes 7,500 to 7,800 at one second, for 4% more wall time, and the 400-root
/// one 90,000 to 160,000 where it takes 38,000, at the same peak (36 to 38 MiB and 109 to
/// 112 MiB: the next roots reuse what the last ones freed). Runs shorter than the delay (a
/// typical repository) are not affected.
const PURGE_DELAY_MS: std::ffi::c_long = 1_000;

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
    /// Output format: full (alias text), concise, json, github, gitlab, sarif or junit; default
    /// full. Repeat it for several in one run; FORMAT=PATH writes that one to a file.
    #[arg(long, value_name = "FORMAT[=PATH]", value_parser = report::parse_output)]
    format: Vec<report::Output>,
    /// Write the output of the `--format` given without a file to PATH instead of stdout.
    #[arg(long, short = 'o', value_name = "PATH", conflicts_with_all = ["diff", "show_files", "show_settings"])]
    output_file: Option<PathBuf>,
    /// Print only the findings, without the summary line.
    #[arg(long, short)]
    quiet: bool,
    /// When to color the output (with auto: FORCE_COLOR, then NO_COLOR, then whether stdout is a terminal).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Apply the safe fixes (findings marked [*]) in place, then report what remains.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print the safe fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long)]
    diff: bool,
    /// Exit 0 whatever the findings (usage, I/O and write errors still exit 2).
    #[arg(long, conflicts_with = "fail_on")]
    exit_zero: bool,
    /// The lowest severity that fails the run (exit 1); default: error.
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
    /// Add `# tecton-preflight: ignore[CODE]` on the line of every finding, then report what remains.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    add_noqa: bool,
    /// List the Python files Tecton would import from each root (after `.tectonignore`), and exit.
    #[arg(long, conflicts_with_all = ["show_settings", "fix", "diff", "add_noqa"])]
    show_files: bool,
    /// Print the settings each root is checked with (SDK version and its source, repo config,
    /// configuration file, default compute, select, ignore), and exit.
    #[arg(long, conflicts_with_all = ["fix", "diff", "add_noqa"])]
    show_settings: bool,
}

/// `--fail-on`: the lowest severity that fails a run.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    #[value(alias = "info")]
    Note,
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
    /// Output format: full (the plan as text; alias text), json, or markdown (a pull-request
    /// comment).
    #[arg(long, value_enum, default_value = "full")]
    format: PlanOutput,
    /// Leave out the summary line.
    #[arg(long, short)]
    quiet: bool,
    /// When to color the plan (as for `check`).
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Count only these rules' findings in the working tree (as `check --select`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Option<Vec<String>>,
    /// Do not count these rules' findings in the working tree (as `check --ignore`).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Option<Vec<String>>,
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
    #[arg(long, value_enum, default_value = "full")]
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
    /// The human form; `full` on every command, `text` still accepted.
    #[value(name = "full", alias = "text")]
    Text,
    Json,
}

/// `plan`'s formats: `upgrade`'s two, and Markdown for a pull-request comment.
#[derive(Clone, Copy, ValueEnum)]
enum PlanOutput {
    /// The human form; `full` on every command, `text` still accepted.
    #[value(name = "full", alias = "text")]
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    // SAFETY: `mi_option_set` only stores an integer option; any value is valid for this one.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    // SAFETY: as above.
    unsafe { mi_option_set(MI_OPTION_DESTROY_ON_EXIT, 2) };
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
    if let Err(code) = check_codes(args.select.iter().chain(args.ignore.iter()).flatten()) {
        return code;
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
        // A dangling link is a path all the same (pre-commit passes one that was committed):
        // checked, it is the TP001 the full check reports.
        if std::fs::symlink_metadata(path).is_err() {
            eprintln!("error: {}: no such file or directory", path.display());
            return ExitCode::from(2);
        }
    }
    let outputs = match outputs(&args) {
        Ok(outputs) => outputs,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
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
    if args.show_files || args.show_settings {
        return show(&args, options, cwd);
    }
    let fix_mode = (args.fix || args.diff).then_some(args.fix);
    let add_noqa = args.add_noqa;
    let fix_cwd = cwd.clone();
    let progress = Progress::start(std::io::stderr().is_terminal());
    let ran = on_large_stack(move || {
        if add_noqa {
            let noqa = check::run_add_noqa(&options);
            // What remains after the comments were written.
            let result = if noqa.written.is_empty() {
                None
            } else {
                Some(check::run(&options))
            };
            return (result, None, Some(noqa));
        }
        match fix_mode {
            Some(write) => {
                let mut run = check::run_fix(&options, write, &fix_cwd);
                let result = std::mem::take(&mut run.result);
                (Some(result), Some(run), None)
            }
            None => {
                // The process reports and exits after this check.
                tecton_preflight::exits_after();
                (Some(check::run_for_reports(&options)), None, None)
            }
        }
    });
    progress.finish();
    let Some((result, fix_run, noqa_run)) = ran else {
        eprintln!("error: internal error while checking; please report it");
        return ExitCode::from(2);
    };
    let (result, noqa_failed) = match noqa_run {
        Some(mut noqa) => {
            for error in &noqa.errors {
                eprintln!("error: {error}");
            }
            eprintln!(
                "{}",
                report::noqa_line(noqa.silenced, noqa.written.len(), noqa.skipped)
            );
            let before = std::mem::take(&mut noqa.result);
            (result.unwrap_or(before), !noqa.errors.is_empty())
        }
        None => (result.unwrap_or_default(), false),
    };
    // Not freed: the process ends after the report.
    let result = std::mem::ManuallyDrop::new(result);
    for error in fix_run.iter().flat_map(|run| &run.errors) {
        eprintln!("error: {error}");
    }
    let fix_failed = fix_run.as_ref().is_some_and(|run| !run.errors.is_empty()) || noqa_failed;
    if args.diff {
        let run = fix_run.unwrap_or_default();
        return print_diff(&run, args.quiet, fix_failed);
    }
    let stdout = std::io::stdout();
    let color = use_color(args.color, stdout.is_terminal());
    // Only the formats GitHub and GitLab read need it; the others spare the `git` call.
    let repo_top = outputs
        .iter()
        .any(|o| o.format.needs_repo_top())
        .then(|| tecton_preflight::git::toplevel(&cwd))
        .flatten();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for output in &outputs {
        let report_options = ReportOptions {
            format: output.format,
            // Files never get escape codes.
            color: color && output.path.is_none(),
            quiet: args.quiet,
            repo_top: repo_top.clone(),
            cwd: cwd.clone(),
        };
        match &output.path {
            None => {
                if let Err(err) =
                    report::print(&result, &report_options, &mut out).and_then(|_| out.flush())
                {
                    return output_failed(&err);
                }
            }
            Some(path) => {
                let mut buffer = Vec::new();
                let written = report::print(&result, &report_options, &mut buffer)
                    .and_then(|_| match path.parent() {
                        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
                        _ => Ok(()),
                    })
                    .and_then(|_| std::fs::write(path, &buffer));
                if let Err(err) = written {
                    eprintln!("error: cannot write {}: {err}", path.display());
                    return ExitCode::from(2);
                }
            }
        }
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
        let text = outputs
            .iter()
            .any(|o| o.path.is_none() && o.format.is_text());
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
    } else {
        findings_exit(&result, args.exit_zero, args.fail_on)
    }
}

/// The outputs of a `check`: each `--format` (default `full`), the one without a file going to
/// stdout, or to `--output-file`. At most one can go to stdout.
fn outputs(args: &CheckArgs) -> Result<Vec<report::Output>, String> {
    let mut outputs = args.format.clone();
    if outputs.is_empty() {
        outputs.push(report::Output {
            format: Format::Full,
            path: None,
        });
    }
    if outputs.iter().filter(|o| o.path.is_none()).count() > 1 {
        return Err("only one --format can go to stdout: write the others to files with --format FORMAT=PATH".to_string());
    }
    if let Some(file) = &args.output_file {
        match outputs.iter_mut().find(|o| o.path.is_none()) {
            Some(output) => output.path = Some(file.clone()),
            None => {
                return Err("--output-file is for the --format given without =PATH, and every --format here names its file".to_string());
            }
        }
    }
    Ok(outputs)
}

/// Whether to color: `--color always|never`, else (auto) `FORCE_COLOR` set to anything but empty
/// or `0` forces it, `NO_COLOR` set to anything but empty turns it off, and otherwise a terminal
/// gets colors.
fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if set("FORCE_COLOR").is_some_and(|v| v != "0") {
                true
            } else if set("NO_COLOR").is_some() {
                false
            } else {
                terminal
            }
        }
    }
}

/// The exit code the findings decide: 1 when any reaches `--fail-on` (default: error), 0 with
/// `--exit-zero` or when none does.
fn findings_exit(
    result: &check::CheckResult,
    exit_zero: bool,
    fail_on: Option<FailOn>,
) -> ExitCode {
    let failing = match fail_on.unwrap_or(FailOn::Error) {
        FailOn::Error => result.count(Severity::Error),
        FailOn::Warning => result.count(Severity::Error) + result.count(Severity::Warning),
        FailOn::Note => result.diagnostics.len(),
    };
    if exit_zero || failing == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `check --show-files` and `check --show-settings`: what a check would read and with which
/// settings, without reporting findings; exit 0.
fn show(args: &CheckArgs, options: CheckOptions, cwd: PathBuf) -> ExitCode {
    let show_files = args.show_files;
    let progress = Progress::start(std::io::stderr().is_terminal());
    let shown = on_large_stack(move || {
        if show_files {
            (Some(tecton_preflight::show::files(&options)), None)
        } else {
            let result = check::run(&options);
            (
                None,
                Some(tecton_preflight::show::settings(&options, &result)),
            )
        }
    });
    progress.finish();
    let Some((files, settings)) = shown else {
        eprintln!("error: internal error while checking; please report it");
        return ExitCode::from(2);
    };
    let report_options = ReportOptions {
        format: Format::Full,
        color: false,
        quiet: args.quiet,
        repo_top: None,
        cwd: cwd.clone(),
    };
    let mut out = std::io::stdout().lock();
    let printed = match (files, settings) {
        (Some(files), _) => report::show::print_files(&files, &cwd, &mut out),
        (_, Some(settings)) => report::show::print_settings(&settings, &report_options, &mut out),
        _ => Ok(()),
    };
    match printed.and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => output_failed(&err),
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
    if let Err(code) = check_codes(args.select.iter().chain(args.ignore.iter()).flatten()) {
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
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let progress = Progress::start(std::io::stderr().is_terminal());
    let planned = on_large_stack(move || plan::run::run(&options));
    progress.finish();
    let result = match finished(planned, "planning") {
        // Not freed: the process ends after the report (a monorepo's plan took 35 ms to free).
        Ok(result) => std::mem::ManuallyDrop::new(result),
        Err(code) => return code,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let printed = match args.format {
        PlanOutput::Text => {
            let style = report::plan::TextStyle {
                color: use_color(args.color, std::io::stdout().is_terminal()),
                quiet: args.quiet,
            };
            report::plan::print_text_styled(&result, &cwd, style, &mut out)
        }
        PlanOutput::Json => report::plan::print_json(&result, &cwd, &mut out),
        PlanOutput::Markdown => report::plan_markdown::print_markdown(&result, &cwd, &mut out),
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
    let result = match finished(
        on_large_stack(move || upgrade::run(&options)),
        "working out the upgrade",
    ) {
        Ok(result) => result,
        Err(code) => return code,
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut result = result;
    if args.diff {
        let diff = upgrade::next_changeset(&mut result)
            .map(|(changeset, _, _)| tecton_preflight::fix::unified_diff(&changeset, &cwd));
        return match diff {
            Ok(diff) => {
                if write!(out, "{diff}").and_then(|_| out.flush()).is_err() {
                    ExitCode::from(2)
                } else if result.roots.iter().all(|r| r.done()) {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(2)
            }
        };
    }
    let mut written = Vec::new();
    if args.fix {
        match upgrade::write_next(&mut result) {
            Ok(files) => written = files,
            Err(err) => {
                eprintln!("error: {err}");
                return ExitCode::from(2);
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

/// Rejects a `--select` or `--ignore` code that names no rule (exit 2).
fn check_codes<'a>(codes: impl Iterator<Item = &'a String>) -> Result<(), ExitCode> {
    for code in codes {
        if code != "ALL"
            && !rules::RULES
                .iter()
                .any(|r| r.code.starts_with(code.as_str()))
        {
            eprintln!("error: `{code}` is not a rule code or a prefix of one; `tecton-preflight rule` lists them");
            return Err(ExitCode::from(2));
        }
    }
    Ok(())
}

/// The outcome of work run by [`on_large_stack`]: its value, or exit 2 with the error said
/// (`None`: the work panicked, an internal error while `doing` it).
fn finished<T, E: std::fmt::Display>(
    outcome: Option<Result<T, E>>,
    doing: &str,
) -> Result<T, ExitCode> {
    match outcome {
        Some(Ok(value)) => Ok(value),
        Some(Err(err)) => {
            eprintln!("error: {err}");
            Err(ExitCode::from(2))
        }
        None => {
            eprintln!("error: internal error while {doing}; please report it");
            Err(ExitCode::from(2))
        }
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

/// Runs the analysis on a thread with a generous stack. Deeply nested input is refused before
/// parsing, but this keeps every recursive walk of a large file far from the stack's end. `None`
/// when the work panicked (an internal error).
///
/// The thread is one of rayon's workers, which all get that stack (a parse of the deepest input
/// the guard lets through overflows a 2 MiB one), and the pool has no thread beside them: the
/// thread that interprets a root parses files too while it waits for one, so a third thread
/// parsing beside two would only take turns with the interpreter on a 2-core machine. This thread
/// waits meanwhile.
///
/// The pool is not rayon's global one, whose set-up waits for every thread to start (about
/// 0.2 ms on a small virtual machine, as long as listing a typical repository's files): the work
/// starts on whichever worker starts first. Its workers then wait for the process to exit (each
/// command calls this once, then reports and exits): a thread that ends first gives back its
/// allocator's pages and its stack, work the exit does at no cost.
fn on_large_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .build()
        .ok()?;
    // A panic is re-raised here once the worker has unwound (rayon's hook has printed it).
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pool.install(work)));
    std::mem::forget(pool);
    result.ok()
}
