//! The options a CI or linter user reaches for, each on the command it belongs to: output files and
//! several formats in one run, exit-code control, `--show-files`, `--show-settings`, `--add-noqa`,
//! the `gitlab` format, colors, and `plan`'s `--color`, `--quiet`, `--select` and `--ignore`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn preflight(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tecton-preflight").expect("binary");
    cmd.current_dir(dir)
        .env_remove("VIRTUAL_ENV")
        .env_remove("FORCE_COLOR")
        .env("HOME", std::env::temp_dir())
        .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
        .env("NO_COLOR", "1");
    cmd
}

/// Stdout, stderr and the exit code of a run.
fn run(cmd: &mut Command) -> (String, String, i32) {
    let output = cmd.output().expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// A temporary directory whose name is not hidden (Tecton imports nothing below a hidden one).
fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("preflight-")
        .tempdir()
        .expect("tempdir")
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, text).expect("write");
}

fn view(name: &str, runtime: &str) -> String {
    format!(
        "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[],\n    tecton_materialization_runtime=\"{runtime}\",\n)\ndef {name}(t):\n    return t\n"
    )
}

/// An SDK 1.2 repository at `root`: the repo config's default runtime is 1.1.20 (TP202, an error),
/// `window.py` has a runtime outside the window (TP202) that is not published (TP204, a warning),
/// `patch.py` an old patch (TP210, a note), `clean.py` no finding, and `inherits.py` takes the
/// repo config's runtime.
fn repo(root: &Path) {
    write(&root.join(".tecton"), "");
    write(&root.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n");
    write(
        &root.join("repo.yaml"),
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.1.20\"\n",
    );
    write(&root.join("window.py"), &view("window", "1.4.0"));
    write(&root.join("patch.py"), &view("patch", "1.2.10"));
    write(&root.join("clean.py"), &view("clean", "1.2.13"));
    write(
        &root.join("inherits.py"),
        &view("inherits", "").replace("    tecton_materialization_runtime=\"\",\n", ""),
    );
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

#[test]
fn output_file_takes_the_stdout_format() {
    let dir = tempdir();
    repo(dir.path());
    let (stdout, _, code) = run(preflight(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--output-file",
        "out/findings.txt",
    ]));
    assert_eq!(code, 1);
    assert_eq!(stdout, "", "nothing on stdout");
    let written =
        std::fs::read_to_string(dir.path().join("out/findings.txt")).expect("output file");
    let (expected, _, _) = run(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(written, expected);
    // An unwritable output file is an I/O error.
    let (_, stderr, code) =
        run(preflight(dir.path()).args(["check", "--output-file", "window.py/not-a-directory"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("cannot write window.py/not-a-directory"),
        "{stderr}"
    );
}

#[test]
fn several_formats_in_one_run() {
    let dir = tempdir();
    repo(dir.path());
    let (stdout, _, code) = run(preflight(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--format",
        "sarif=preflight.sarif",
        "--format",
        "gitlab=codequality.json",
    ]));
    assert_eq!(code, 1);
    let (concise, _, _) = run(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(stdout, concise);
    for (file, format) in [("preflight.sarif", "sarif"), ("codequality.json", "gitlab")] {
        let written = std::fs::read_to_string(dir.path().join(file)).expect("written");
        let (alone, _, _) = run(preflight(dir.path()).args(["check", "--format", format]));
        assert_eq!(written, alone, "{format}");
    }
    // The file formats need no stdout format; `--output-file` then has nothing to take.
    let (stdout, _, code) = run(preflight(dir.path()).args(["check", "--format", "json=a.json"]));
    assert_eq!((stdout.as_str(), code), ("", 1));
    let (_, stderr, code) = run(preflight(dir.path()).args([
        "check",
        "--format",
        "json=a.json",
        "--output-file",
        "b.txt",
    ]));
    assert_eq!(code, 2);
    assert!(stderr.contains("--output-file"), "{stderr}");
    // Two formats cannot share stdout.
    let (_, stderr, code) =
        run(preflight(dir.path()).args(["check", "--format", "full", "--format", "json"]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("only one --format can go to stdout"),
        "{stderr}"
    );
    let (_, stderr, code) = run(preflight(dir.path()).args(["check", "--format", "xml"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown format `xml`"), "{stderr}");
}

#[test]
fn exit_zero_and_fail_on() {
    let dir = tempdir();
    repo(dir.path());
    let exit = |args: &[&str]| run(preflight(dir.path()).arg("check").args(args)).2;
    assert_eq!(exit(&[]), 1);
    assert_eq!(exit(&["--exit-zero"]), 0);
    // Usage errors keep 2.
    assert_eq!(exit(&["--exit-zero", "--sdk-version", "9.9"]), 2);
    // Without the errors, a warning (TP204) fails only with --fail-on warning or note.
    assert_eq!(exit(&["--ignore", "TP202"]), 0);
    assert_eq!(exit(&["--ignore", "TP202", "--fail-on", "warning"]), 1);
    assert_eq!(exit(&["--ignore", "TP202", "--fail-on", "error"]), 0);
    // A note (TP210) fails only with --fail-on note (alias info).
    assert_eq!(exit(&["--select", "TP210", "--fail-on", "warning"]), 0);
    assert_eq!(exit(&["--select", "TP210", "--fail-on", "note"]), 1);
    assert_eq!(exit(&["--select", "TP210", "--fail-on", "info"]), 1);
    assert_eq!(exit(&["--fail-on", "warning", "--exit-zero"]), 2);
}

#[test]
fn show_files_lists_what_tecton_imports() {
    let dir = tempdir();
    repo(dir.path());
    write(&dir.path().join(".tectonignore"), "patch.py\n");
    write(&dir.path().join("lib/helpers.py"), "X = 1\n");
    let (stdout, _, code) = run(preflight(dir.path()).args(["check", "--show-files"]));
    assert_eq!(code, 0, "findings do not matter");
    assert_eq!(stdout, "clean.py\ninherits.py\nlib/helpers.py\nwindow.py\n");
}

#[test]
fn show_settings_says_where_each_setting_comes_from() {
    let dir = tempdir();
    git(dir.path(), &["init", "-q"]);
    repo(&dir.path().join("features"));
    write(
        &dir.path().join("pyproject.toml"),
        "[tool.tecton-preflight]\nignore = [\"TP210\"]\ndefault-compute = \"rift\"\n",
    );
    let (stdout, _, code) =
        run(preflight(dir.path()).args(["check", "--show-settings", "--select", "TP2"]));
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "Root: features\n  sdk-version: 1.2 (from features/requirements.txt)\n  repo config: features/repo.yaml\n  configuration: pyproject.toml\n  default-compute: rift (from pyproject.toml)\n  select: TP2 (from --select)\n  ignore: TP210 (from pyproject.toml)\n  files: 4\n"
    );
    let (stdout, _, _) = run(preflight(dir.path()).args([
        "check",
        "--show-settings",
        "--sdk-version",
        "1.1",
        "--default-compute",
        "spark",
    ]));
    assert!(
        stdout.contains("  sdk-version: 1.1 (from --sdk-version)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  default-compute: spark (from --default-compute)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  select: every rule (default)\n"),
        "{stdout}"
    );
}

#[test]
fn add_noqa_silences_every_finding_once() {
    let dir = tempdir();
    let root = dir.path();
    repo(root);
    // A line with a suppression already (of another rule), a CRLF file, and runtimes in strings
    // that go on over two lines: their first line cannot take a comment, so the view's
    // decorator line takes it, unless that is the same line.
    write(
        &root.join("window.py"),
        &view("window", "1.4.0").replace(
            "\"1.4.0\",\n",
            "\"1.4.0\",  # keep # tecton-preflight: ignore[TP204]\n",
        ),
    );
    write(
        &root.join("crlf.py"),
        &view("crlf", "1.4.0").replace('\n', "\r\n"),
    );
    let multiline = "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[],\n    tecton_materialization_runtime=\"\"\"1.4.0\n\"\"\",\n)\ndef multi(t):\n    return t\n";
    write(&root.join("multi.py"), multiline);
    let stuck = multiline
        .replace("features=[],\n    tecton", "features=[], tecton")
        .replace("def multi", "def stuck");
    write(&root.join("stuck.py"), &stuck);
    let (_, stderr, code) = run(preflight(root).args(["check", "--add-noqa"]));
    assert!(
        stderr.contains("Added suppressions for 6 findings in 5 files."),
        "{stderr}"
    );
    assert!(stderr.contains("1 finding left"), "{stderr}");
    let read = |name: &str| std::fs::read_to_string(root.join(name)).expect("read");
    assert!(read("repo.yaml").contains(
        "tecton_materialization_runtime: \"1.1.20\"  # tecton-preflight: ignore[TP202]\n"
    ));
    assert!(
        read("window.py").contains("\"1.4.0\",  # keep # tecton-preflight: ignore[TP204, TP202]\n")
    );
    assert!(read("patch.py").contains(
        "tecton_materialization_runtime=\"1.2.10\",  # tecton-preflight: ignore[TP210]\n"
    ));
    assert_eq!(
        read("crlf.py"),
        view("crlf", "1.4.0").replace('\n', "\r\n").replace(
            "\"1.4.0\",\r\n",
            "\"1.4.0\",  # tecton-preflight: ignore[TP202, TP204]\r\n"
        )
    );
    assert_eq!(
        read("multi.py"),
        multiline.replace(
            "features=[],\n",
            "features=[],  # tecton-preflight: ignore[TP203]\n"
        ),
        "a string's line is left alone"
    );
    assert_eq!(read("stuck.py"), stuck);
    // The findings that remain are reported and decide the exit code: the one left by hand.
    assert_eq!(code, 1);
    let (stdout, _, _) = run(preflight(root).args(["check", "--format", "concise", "-q"]));
    assert!(stdout.starts_with("stuck.py:3:"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    // A second run adds nothing.
    let before: Vec<String> = ["repo.yaml", "window.py", "patch.py", "crlf.py", "multi.py"]
        .iter()
        .map(|f| read(f))
        .collect();
    let (_, stderr, _) = run(preflight(root).args(["check", "--add-noqa"]));
    assert!(stderr.starts_with("No suppressions added."), "{stderr}");
    let after: Vec<String> = ["repo.yaml", "window.py", "patch.py", "crlf.py", "multi.py"]
        .iter()
        .map(|f| read(f))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn gitlab_code_quality_with_paths_from_the_git_top_level() {
    let dir = tempdir();
    git(dir.path(), &["init", "-q"]);
    let features = dir.path().join("features");
    repo(&features);
    let (stdout, _, code) = run(preflight(&features).args(["check", "--format", "gitlab"]));
    assert_eq!(code, 1);
    let issues: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let issues = issues.as_array().expect("an array");
    assert_eq!(issues.len(), 4, "{stdout}");
    let first = &issues[0];
    assert_eq!(first["check_name"], "TP210");
    assert_eq!(first["severity"], "info");
    assert_eq!(first["location"]["path"], "features/patch.py");
    assert_eq!(first["location"]["lines"]["begin"], 4);
    assert!(first["description"]
        .as_str()
        .is_some_and(|d| d.starts_with("TP210: ")));
    let severities: Vec<&str> = issues
        .iter()
        .map(|i| i["severity"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(severities, ["info", "major", "major", "minor"]);
    let fingerprints: std::collections::HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(fingerprints.len(), 4, "each issue has its own fingerprint");
}

#[test]
fn text_is_full_on_check_and_full_is_text_on_plan() {
    let dir = tempdir();
    repo(dir.path());
    let (full, _, _) = run(preflight(dir.path()).args(["check", "--format", "full"]));
    let (text, _, _) = run(preflight(dir.path()).args(["check", "--format", "text"]));
    assert_eq!(full, text);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "base"]);
    let (full, _, _) = run(preflight(dir.path()).args(["plan", "--format", "full"]));
    let (text, _, _) = run(preflight(dir.path()).args(["plan", "--format", "text"]));
    assert!(full.contains("No changes"), "{full}");
    assert_eq!(full, text);
}

#[test]
fn colors_follow_color_force_color_and_no_color() {
    let dir = tempdir();
    repo(dir.path());
    let colored = |cmd: &mut Command| run(cmd).0.contains("\x1b[");
    // Not a terminal: no colors, unless forced.
    assert!(!colored(
        preflight(dir.path()).arg("check").env_remove("NO_COLOR")
    ));
    assert!(colored(
        preflight(dir.path()).arg("check").env("FORCE_COLOR", "1")
    ));
    assert!(!colored(
        preflight(dir.path()).arg("check").env("FORCE_COLOR", "0")
    ));
    assert!(!colored(
        preflight(dir.path())
            .args(["check", "--color", "never"])
            .env("FORCE_COLOR", "1")
    ));
    assert!(colored(
        preflight(dir.path()).args(["check", "--color", "always"])
    ));
    // Output files never get escape codes.
    let (stdout, _, _) = run(preflight(dir.path()).args([
        "check",
        "--color",
        "always",
        "--format",
        "full",
        "--format",
        "full=full.txt",
    ]));
    assert!(stdout.contains("\x1b["), "{stdout}");
    let file = std::fs::read_to_string(dir.path().join("full.txt")).expect("written");
    assert!(!file.contains('\x1b'), "{file}");
}

/// A committed repository with one view whose runtime then changes to one outside the window.
fn planned_repo() -> tempfile::TempDir {
    let dir = tempdir();
    repo(dir.path());
    write(
        &dir.path().join("repo.yaml"),
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n",
    );
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-qm", "base"]);
    write(&dir.path().join("clean.py"), &view("clean", "1.4.1"));
    dir
}

#[test]
fn plan_takes_quiet_color_select_and_ignore() {
    let dir = planned_repo();
    let (plain, _, code) = run(preflight(dir.path()).arg("plan"));
    assert_eq!(code, 1, "the working tree has errors: {plain}");
    assert!(
        plain.contains("\n  ~ Update Batch Feature View clean"),
        "{plain}"
    );
    assert!(
        plain.contains("\nPlan: 0 to create, 1 to update"),
        "{plain}"
    );
    let (quiet, _, _) = run(preflight(dir.path()).args(["plan", "--quiet"]));
    assert!(!quiet.contains("Plan:"), "{quiet}");
    assert_eq!(quiet.lines().count() + 1, plain.lines().count());
    let (colored, _, _) = run(preflight(dir.path()).args(["plan", "--color", "always"]));
    assert!(
        colored.contains("\x1b[33m~ Update\x1b[0m Batch Feature View clean"),
        "{colored}"
    );
    let (forced, _, _) = run(preflight(dir.path()).arg("plan").env("FORCE_COLOR", "1"));
    assert_eq!(forced, colored);
    // The errors that fail the plan follow --select and --ignore, as in `check`.
    let (out, _, code) = run(preflight(dir.path()).args(["plan", "--ignore", "TP202,TP204"]));
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("error(s)"), "{out}");
    assert_eq!(
        run(preflight(dir.path()).args(["plan", "--select", "TP210"])).2,
        0
    );
    assert_eq!(
        run(preflight(dir.path()).args(["plan", "--select", "TP2"])).2,
        1
    );
    assert_eq!(
        run(preflight(dir.path()).args(["plan", "--select", "TP9"])).2,
        2
    );
}

#[test]
fn show_files_includes_every_root() {
    let dir = tempdir();
    repo(&dir.path().join("a"));
    repo(&dir.path().join("b"));
    let (stdout, _, code) = run(preflight(dir.path()).args(["check", "--show-files"]));
    assert_eq!(code, 0);
    let files: Vec<PathBuf> = stdout.lines().map(PathBuf::from).collect();
    assert_eq!(files.len(), 8, "{stdout}");
    assert!(files.contains(&PathBuf::from("a/clean.py")), "{stdout}");
    assert!(files.contains(&PathBuf::from("b/window.py")), "{stdout}");
}
