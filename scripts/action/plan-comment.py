#!/usr/bin/env python3
"""Plans a pull request and posts the plan as one pull-request comment, updated on each push.

The GitHub Action (`action.yml`) runs this script; a test runs it locally against a stub API.

1. Makes sure the base commit is there (a shallow checkout fetches it from `origin`).
2. Runs `tecton-preflight plan PATH --base BASE --format markdown`.
3. Appends the plan to the job summary (`$GITHUB_STEP_SUMMARY`).
4. With `--comment`, on a pull request: finds the comment that starts with the plan's marker and
   carries this path's key, and updates it (when its text changed), or creates it. A failing API
   call (a pull request from a fork gets a read-only token) is a warning, not a failure.
5. Writes `exit-code` to `$GITHUB_OUTPUT` and exits with the plan's status: 0, 1 when the apply
   would fail (errors in the working tree, or recreates during an SDK upgrade), 2 when the plan
   could not be made.

The API is `$GITHUB_API_URL` (GitHub Enterprise sets it; default https://api.github.com), the
repository `$GITHUB_REPOSITORY`, the token `$GITHUB_TOKEN`, the pull request the `number` of the
event in `$GITHUB_EVENT_PATH` (or `--pr`). Only the Python standard library is used.
"""

import argparse
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

MARKER = "<!-- tecton-preflight-plan -->"
# GitHub refuses a comment body over 65,536 characters.
COMMENT_LIMIT = 65536


def key_line(key):
    # `--` cannot appear inside an HTML comment; a path holding it is still told apart.
    return "<!-- tecton-preflight-plan-key: %s -->" % key.replace("--", "-\\-")


def warn(message):
    # A workflow command: GitHub shows it as an annotation; locally it is a plain line.
    print("::warning title=tecton-preflight plan::%s" % message, file=sys.stderr)


def git(args, cwd):
    return subprocess.run(["git"] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def ensure_base(base, cwd):
    """A checkout with `fetch-depth: 1` lacks the base commit: fetch that one commit."""
    if git(["rev-parse", "--verify", "--quiet", base + "^{commit}"], cwd).returncode == 0:
        return
    fetched = git(["fetch", "--no-tags", "--quiet", "--depth=1", "origin", base], cwd)
    if fetched.returncode != 0:
        warn("could not fetch the base %s from origin: %s" % (base, fetched.stderr.strip()))


def run_plan(args):
    command = [args.tool, "plan", args.path, "--format", "markdown"]
    if args.base:
        command += ["--base", args.base]
    if args.sdk_version:
        command += ["--sdk-version", args.sdk_version]
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True)
    except OSError as err:
        return 2, "", "cannot run %s: %s" % (args.tool, err)
    sys.stderr.write(done.stderr)
    return done.returncode, done.stdout, done.stderr


def fence(text):
    longest = run = 0
    for c in text:
        run = run + 1 if c == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def comment_body(status, stdout, stderr, key, limit):
    """The plan as the tool printed it, with this path's key under the marker; or, when the plan
    could not be made, a comment that says so (a stale plan must not stay up)."""
    if status in (0, 1) and stdout.startswith(MARKER):
        rest = stdout[len(MARKER):].lstrip("\n")
    else:
        error = stderr.strip() or "no output"
        f = fence(error)
        rest = ("### tecton-preflight plan\n\n**The plan could not be made** (exit %d):\n\n"
                "%stext\n%s\n%s\n" % (status, f, error, f))
    body = "%s\n%s\n%s" % (MARKER, key_line(key), rest)
    return truncate(body, limit)


def truncate(body, limit):
    """Cuts a plan too long for one comment after the last whole change that fits."""
    if len(body) <= limit:
        return body
    note = ("\n**The plan is too long for one comment**: the remaining changes are in the job "
            "summary and the job log.\n")
    cut = body.rfind("\n</details>\n", 0, limit - len(note))
    if cut < 0:
        cut = body.rfind("\n", 0, limit - len(note))
        return body[:max(cut, 0)] + "\n" + note
    return body[:cut + len("\n</details>\n")] + note


class Api:
    def __init__(self, url, repository, token):
        self.url = url.rstrip("/")
        self.repository = repository
        self.token = token

    def request(self, method, url, payload=None):
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "tecton-preflight-action")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode("utf-8")
            return (json.loads(text) if text else None), response.headers.get("Link", "")

    def comments(self, number):
        url = "%s/repos/%s/issues/%d/comments?per_page=100" % (self.url, self.repository, number)
        while url:
            page, link = self.request("GET", url)
            for comment in page or []:
                yield comment
            url = next_link(link)

    def create(self, number, body):
        url = "%s/repos/%s/issues/%d/comments" % (self.url, self.repository, number)
        return self.request("POST", url, {"body": body})[0]

    def update(self, comment_id, body):
        url = "%s/repos/%s/issues/comments/%d" % (self.url, self.repository, comment_id)
        return self.request("PATCH", url, {"body": body})[0]


def next_link(header):
    """The `rel="next"` URL of a `Link` header, or None."""
    for part in header.split(","):
        pieces = part.split(";")
        if len(pieces) >= 2 and any(p.strip() == 'rel="next"' for p in pieces[1:]):
            return pieces[0].strip().lstrip("<").rstrip(">")
    return None


def pull_request_number(args):
    if args.pr:
        return args.pr
    path = os.environ.get("GITHUB_EVENT_PATH")
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            event = json.load(f)
    except (OSError, ValueError):
        return None
    number = (event.get("pull_request") or {}).get("number")
    return number if isinstance(number, int) else None


def post(args, body):
    """Creates or updates the comment; returns what it did, for the log and the tests."""
    number = pull_request_number(args)
    if number is None:
        return "skipped: not a pull request"
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    api = Api(os.environ.get("GITHUB_API_URL", "https://api.github.com"), repository,
              os.environ.get("GITHUB_TOKEN", ""))
    key = key_line(args.key)
    try:
        mine = None
        for comment in api.comments(number):
            text = comment.get("body") or ""
            # The marker opens the comment: a reply quoting it starts with `>` and is not ours.
            if text.startswith(MARKER) and key in text.split("\n", 2)[:2]:
                mine = comment
                break
        if mine is None:
            created = api.create(number, body)
            return "created comment %s" % (created or {}).get("id")
        if (mine.get("body") or "") == body:
            return "unchanged comment %s" % mine.get("id")
        api.update(mine["id"], body)
        return "updated comment %s" % mine.get("id")
    except (urllib.error.URLError, OSError, ValueError, KeyError, TypeError) as err:
        warn("could not post the plan to pull request #%d (%s); it is in the job summary" % (number, err))
        return "failed: %s" % err


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tool", default=os.environ.get("TECTON_PREFLIGHT", "tecton-preflight"),
                        help="the tecton-preflight binary (default: $TECTON_PREFLIGHT, else from PATH)")
    parser.add_argument("--path", default=".", help="the feature repository (default .)")
    parser.add_argument("--base", default="", help="the base commit or revision (default: HEAD)")
    parser.add_argument("--sdk-version", default="")
    parser.add_argument("--comment", choices=["true", "false"], default="true",
                        help="post the plan as a pull-request comment (default true)")
    parser.add_argument("--key", default=None,
                        help="tells this comment apart from other plans' (default: the path)")
    parser.add_argument("--pr", type=int, default=None, help="the pull request (default: from the event)")
    parser.add_argument("--max-comment-chars", type=int, default=COMMENT_LIMIT)
    args = parser.parse_args()
    if args.key is None:
        args.key = args.path

    if args.base:
        ensure_base(args.base, args.path if os.path.isdir(args.path) else ".")
    status, stdout, stderr = run_plan(args)
    if status == 3:
        status = 0
    full = comment_body(status, stdout, stderr, args.key, sys.maxsize)
    sys.stdout.write(full)

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(full + "\n")
    if args.comment == "true":
        print("tecton-preflight plan: %s" % post(args, comment_body(
            status, stdout, stderr, args.key, args.max_comment_chars)), file=sys.stderr)

    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as f:
            f.write("exit-code=%d\n" % status)
    return status if status in (0, 1) else 2


if __name__ == "__main__":
    sys.exit(main())
