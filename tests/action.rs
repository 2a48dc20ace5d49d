//! The GitHub Action's script (`scripts/action/plan-comment.py`) run locally: a git repository
//! built from the `example` fixture with a base and a head commit, and a stub of GitHub's REST API
//! on the loopback interface that records every request. It checks the comment's body, that the
//! first run creates the comment and later runs update that same comment (or leave it alone when
//! the plan did not change), and the step's outputs. Nothing leaves the machine.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

const MARKER: &str = "<!-- tecton-preflight-plan -->";

#[derive(Clone, Debug)]
struct Request {
    method: String,
    path: String,
    body: String,
    authorization: String,
}

#[derive(Default)]
struct State {
    /// The pull request's comments, `(id, body)`, oldest first.
    comments: Vec<(u64, String)>,
    requests: Vec<Request>,
}

/// GitHub's issue-comment endpoints for pull request #7 of `o/r`, two comments a page so that the
/// script must follow the `Link` header.
struct Stub {
    url: String,
    state: Arc<Mutex<State>>,
}

impl Stub {
    fn start(comments: &[(u64, &str)]) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the loopback interface");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(State {
            comments: comments.iter().map(|(i, b)| (*i, b.to_string())).collect(),
            requests: Vec::new(),
        }));
        let shared = Arc::clone(&state);
        let base = url.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                let mut state = shared.lock().expect("lock");
                state.requests.push(request.clone());
                let (status, link, body) = respond(&mut state, &request, &base);
                let link = link
                    .map(|l| format!("Link: <{l}>; rel=\"next\", <{base}/x>; rel=\"last\"\r\n"))
                    .unwrap_or_default();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{link}Connection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Stub { url, state }
    }

    fn comments(&self) -> Vec<(u64, String)> {
        self.state.lock().expect("lock").comments.clone()
    }

    /// The requests since the last call.
    fn take_requests(&self) -> Vec<Request> {
        std::mem::take(&mut self.state.lock().expect("lock").requests)
    }
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let (mut length, mut authorization) = (0, String::new());
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "authorization" => authorization = value.trim().to_string(),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        body: String::from_utf8(body).ok()?,
        authorization,
    })
}

fn respond(
    state: &mut State,
    request: &Request,
    base: &str,
) -> (&'static str, Option<String>, String) {
    const LIST: &str = "/repos/o/r/issues/7/comments";
    let body_of = |r: &Request| -> String {
        serde_json::from_str::<serde_json::Value>(&r.body).expect("a JSON body")["body"]
            .as_str()
            .expect("a body")
            .to_string()
    };
    let (path, query) = request.path.split_once('?').unwrap_or((&request.path, ""));
    match (request.method.as_str(), path) {
        ("GET", LIST) => {
            assert!(query.contains("per_page=100"), "{query}");
            let page: usize = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("page="))
                .map_or(1, |p| p.parse().expect("page"));
            let items: Vec<_> = state
                .comments
                .iter()
                .skip((page - 1) * 2)
                .take(2)
                .map(|(id, body)| serde_json::json!({"id": id, "body": body}))
                .collect();
            let next = (state.comments.len() > page * 2)
                .then(|| format!("{base}{LIST}?per_page=100&page={}", page + 1));
            ("200 OK", next, serde_json::Value::from(items).to_string())
        }
        ("POST", LIST) => {
            let id = state.comments.iter().map(|c| c.0).max().unwrap_or(0) + 1;
            state.comments.push((id, body_of(request)));
            (
                "201 Created",
                None,
                serde_json::json!({"id": id}).to_string(),
            )
        }
        ("PATCH", p) if p.starts_with("/repos/o/r/issues/comments/") => {
            let id: u64 = p
                .rsplit('/')
                .next()
                .and_then(|i| i.parse().ok())
                .expect("id");
            let text = body_of(request);
            match state.comments.iter_mut().find(|c| c.0 == id) {
                Some(comment) => {
                    comment.1 = text;
                    ("200 OK", None, serde_json::json!({"id": id}).to_string())
                }
                None => ("404 Not Found", None, "{}".into()),
            }
        }
        _ => ("404 Not Found", None, "{}".into()),
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{} lacks {from}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
    /// What the script appended to `$GITHUB_OUTPUT` and `$GITHUB_STEP_SUMMARY`.
    output: String,
    summary: String,
}

/// Runs the script in `repo` as the action's plan step does, with `args` after the defaults.
fn run(repo: &Path, stub: &Stub, event: &str, args: &[&str]) -> Run {
    let scratch = tempdir();
    let (event_path, output, summary) = (
        scratch.path().join("event.json"),
        scratch.path().join("output"),
        scratch.path().join("summary"),
    );
    std::fs::write(&event_path, event).expect("event");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/action/plan-comment.py");
    let mut command = Command::new("python3");
    command
        .arg(script)
        .args(args)
        .current_dir(repo)
        .env("TECTON_PREFLIGHT", env!("CARGO_BIN_EXE_tecton-preflight"))
        .env("GITHUB_API_URL", &stub.url)
        .env("GITHUB_REPOSITORY", "o/r")
        .env("GITHUB_TOKEN", "secret")
        .env("GITHUB_EVENT_PATH", &event_path)
        .env("GITHUB_OUTPUT", &output)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("HOME", std::env::temp_dir())
        .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
        .env("NO_PROXY", "*")
        .env_remove("VIRTUAL_ENV");
    for proxy in [
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env_remove(proxy);
    }
    let done = command.output().expect("python3 runs");
    Run {
        stdout: String::from_utf8_lossy(&done.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&done.stderr).into_owned(),
        code: done.status.code().unwrap_or(-1),
        output: std::fs::read_to_string(&output).unwrap_or_default(),
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
    }
}

const PULL_REQUEST: &str = r#"{"pull_request": {"number": 7, "base": {"sha": "unused"}}}"#;

/// The `example` fixture committed as the base; returns the repository and the base commit.
fn example_repository(dir: &Path) -> (PathBuf, String) {
    let repo = dir.join("repo");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos/example"),
        &repo,
    );
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    let base = git(&repo, &["rev-parse", "HEAD"]);
    (repo, base)
}

fn writes(requests: &[Request]) -> Vec<(String, String)> {
    requests
        .iter()
        .filter(|r| r.method != "GET")
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect()
}

#[test]
fn the_plan_is_one_comment_created_once_then_updated() {
    let dir = tempdir();
    let (repo, base) = example_repository(dir.path());
    // Three comments already there, on two pages: none is this path's plan (a reply quoting a
    // plan starts with `>`; another path's plan has another key).
    let stub = Stub::start(&[
        (11, "LGTM"),
        (12, "> <!-- tecton-preflight-plan -->\n> why does this restart?"),
        (
            13,
            "<!-- tecton-preflight-plan -->\n<!-- tecton-preflight-plan-key: rift -->\nthe rift root's plan",
        ),
    ]);

    // 1. The head is the base: no changes, but the working tree has the example's TP202, so the
    //    apply would fail and the step fails (exit 1) after posting.
    let first = run(&repo, &stub, PULL_REQUEST, &["--base", &base]);
    assert_eq!(first.code, 1, "{}{}", first.stdout, first.stderr);
    assert_eq!(first.output, "exit-code=1\n");
    let requests = stub.take_requests();
    assert_eq!(
        writes(&requests),
        [("POST".into(), "/repos/o/r/issues/7/comments".into())],
        "{requests:?}"
    );
    assert!(
        requests.iter().filter(|r| r.method == "GET").count() == 2,
        "both pages are read: {requests:?}"
    );
    assert!(requests.iter().all(|r| r.authorization == "Bearer secret"));
    let comments = stub.comments();
    assert_eq!(comments.len(), 4);
    let (id, body) = &comments[3];
    assert_eq!(*id, 14);
    assert!(
        body.starts_with(&format!(
            "{MARKER}\n<!-- tecton-preflight-plan-key: . -->\n### tecton-preflight plan\n\n**No changes**: the working tree defines the same objects as <code>{}</code>.",
            &base[..12]
        )),
        "{body}"
    );
    assert!(
        body.contains("> [!CAUTION]\n> **The working tree has 1 error(s)**; `tecton apply` would fail:\n> - <code>features/stream_features/user_recent_transactions.py:31:36</code> TP202 runtime 1.1.5 is outside the +1 window"),
        "{body}"
    );
    assert_eq!(
        first.summary,
        format!("{body}\n"),
        "the job summary holds the plan"
    );

    // 2. A head commit fixes the runtime: the same comment is updated, not a second one posted.
    edit(
        &repo.join("features/stream_features/user_recent_transactions.py"),
        "tecton_materialization_runtime=\"1.1.5\"",
        "tecton_materialization_runtime=\"1.2.13\"",
    );
    git(&repo, &["commit", "-q", "-am", "head"]);
    let second = run(&repo, &stub, PULL_REQUEST, &["--base", &base]);
    assert_eq!(second.code, 0, "{}{}", second.stdout, second.stderr);
    assert_eq!(second.output, "exit-code=0\n");
    assert_eq!(
        writes(&stub.take_requests()),
        [("PATCH".into(), "/repos/o/r/issues/comments/14".into())]
    );
    let comments = stub.comments();
    assert_eq!(comments.len(), 4, "still one plan comment");
    let body = &comments[3].1;
    assert!(
        body.contains("\n**Plan: 0 to create, 1 to update, 0 to recreate, 0 to delete. Stream jobs: 1 blue-green restart.**\n"),
        "{body}"
    );
    assert!(
        body.contains("| <code>user_recent_transactions</code> | blue-green restart (zero downtime: the new job is verified online before the old one stops) | <code>features/stream_features/user_recent_transactions.py:14</code> |"),
        "{body}"
    );
    assert!(
        body.contains("<details><summary><code>~ Update</code> Stream Feature View <code>user_recent_transactions</code> (<code>features/stream_features/user_recent_transactions.py:14</code>)</summary>\n\n```text\ntecton_materialization_runtime: 1.1.5 -> 1.2.13\nstream job: blue-green restart"),
        "{body}"
    );
    assert!(!body.contains("CAUTION"), "{body}");
    assert_eq!(
        comments[..3].iter().map(|c| c.0).collect::<Vec<_>>(),
        [11, 12, 13],
        "other comments are left alone"
    );
    assert_eq!(comments[2].1, "<!-- tecton-preflight-plan -->\n<!-- tecton-preflight-plan-key: rift -->\nthe rift root's plan");

    // 3. The same plan again: nothing is written.
    let third = run(&repo, &stub, PULL_REQUEST, &["--base", &base]);
    assert_eq!(third.code, 0);
    assert_eq!(writes(&stub.take_requests()), []);
    assert!(
        third.stderr.contains("unchanged comment 14"),
        "{}",
        third.stderr
    );

    // 4. A plan that cannot be made replaces the stale one, and the step fails with exit 2.
    let missing = "0123456789abcdef0123456789abcdef01234567";
    let fourth = run(&repo, &stub, PULL_REQUEST, &["--base", missing]);
    assert_eq!(fourth.code, 2, "{}", fourth.stderr);
    assert_eq!(fourth.output, "exit-code=2\n");
    assert_eq!(
        writes(&stub.take_requests()),
        [("PATCH".into(), "/repos/o/r/issues/comments/14".into())]
    );
    let body = &stub.comments()[3].1;
    assert!(
        body.contains("**The plan could not be made** (exit 2):\n\n```text\nerror: ")
            && body.contains(missing),
        "{body}"
    );

    // 5. `comment: false`, or an event that is not a pull request: the job summary only.
    let quiet = run(
        &repo,
        &stub,
        PULL_REQUEST,
        &["--base", &base, "--comment", "false"],
    );
    assert_eq!(quiet.code, 0);
    assert!(
        quiet.summary.contains("1 blue-green restart"),
        "{}",
        quiet.summary
    );
    let push = run(
        &repo,
        &stub,
        r#"{"ref": "refs/heads/main"}"#,
        &["--base", &base],
    );
    assert_eq!(push.code, 0);
    assert!(
        push.stderr.contains("skipped: not a pull request"),
        "{}",
        push.stderr
    );
    assert_eq!(stub.take_requests().len(), 0);
}

#[test]
fn a_plan_too_long_for_a_comment_is_cut_after_a_whole_change() {
    let dir = tempdir();
    let (repo, base) = example_repository(dir.path());
    // The stream views' default moves: several updates, each a `<details>` block.
    edit(&repo.join("repo.yaml"), "1.2.13", "1.2.12");
    edit(&repo.join("repo.yaml"), "1.2.13", "1.2.12");
    git(&repo, &["commit", "-q", "-am", "head"]);
    let stub = Stub::start(&[]);
    let whole = run(&repo, &stub, PULL_REQUEST, &["--base", &base]);
    let full = stub.comments()[0].1.clone();
    assert!(full.matches("</details>").count() >= 4, "{full}");
    assert_eq!(whole.summary, format!("{full}\n"));

    let stub = Stub::start(&[]);
    let limit = full.find("</details>").expect("a change") + 400;
    let cut = run(
        &repo,
        &stub,
        PULL_REQUEST,
        &["--base", &base, "--max-comment-chars", &limit.to_string()],
    );
    assert_eq!(cut.code, whole.code);
    let body = &stub.comments()[0].1;
    assert!(body.chars().count() <= limit, "{} > {limit}", body.len());
    assert!(body.ends_with("**The plan is too long for one comment**: the remaining changes are in the job summary and the job log.\n"), "{body}");
    let kept = body.matches("<details>").count();
    assert!(
        kept >= 1 && kept == body.matches("</details>").count(),
        "{body}"
    );
    assert!(kept < full.matches("<details>").count());
    // The job summary keeps the whole plan.
    assert_eq!(cut.summary, format!("{full}\n"));
}

#[test]
fn a_shallow_checkout_fetches_the_base_commit() {
    let dir = tempdir();
    let (repo, base) = example_repository(dir.path());
    edit(
        &repo.join("features/stream_features/user_recent_transactions.py"),
        "tecton_materialization_runtime=\"1.1.5\"",
        "tecton_materialization_runtime=\"1.2.13\"",
    );
    git(&repo, &["commit", "-q", "-am", "head"]);
    // `actions/checkout` fetches one commit: the base is not in the clone.
    let url = format!("file://{}", repo.display());
    git(
        dir.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let shallow = dir.path().join("shallow");
    let stub = Stub::start(&[]);
    let done = run(
        &shallow,
        &stub,
        PULL_REQUEST,
        &["--base", &base, "--comment", "false"],
    );
    assert_eq!(done.code, 0, "{}{}", done.stdout, done.stderr);
    assert!(
        done.stdout.contains("Stream jobs: 1 blue-green restart."),
        "{}{}",
        done.stdout,
        done.stderr
    );
}

/// A temporary directory whose name is not hidden: Tecton (and so tecton-preflight) imports nothing
/// below a directory whose name starts with a dot, which `tempfile`'s default names do.
fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("preflight-")
        .tempdir()
        .expect("tempdir")
}
