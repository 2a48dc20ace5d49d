#!/usr/bin/env python3
"""Mutated repositories, end to end.

Copies the repositories of `test_repos/` (or a monorepo of several of them, or either committed to
git), mutates their Python files, repo configs, pin files and file-system shapes, and runs the
release binary on each as CI and pre-commit would: `check --format json` on the root and on one
named file, then one of `plan --base-snapshot`, `upgrade --format json`, `check --fix` or
`upgrade --fix` (each followed by a check), and with `--git`, `plan --base HEAD`. Every run must
exit 0, 1 or 3, print one JSON document on stdout, never say "panicked" or "internal error", and
take less than two seconds; a fix must never add a TP001 (a file Tecton cannot import), and a
command without `--fix` must leave every file, link and folder as it was (bytes, mode and link
count: a plan's base links the working tree's files and must take its links away). A tree
that breaks one is kept in the output folder with the commands' inputs.

    scripts/mutate-repos.py --trees 5000            # single roots
    scripts/mutate-repos.py --trees 2000 --mono     # 2 to 4 roots under one folder
    scripts/mutate-repos.py --trees 1000 --git      # plan against the committed tree
"""
import argparse, hashlib, json, os, random, shutil, stat, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--bin", default=os.path.join(HERE, "target", "release", "tecton-preflight"))
parser.add_argument("--trees", type=int, default=1000)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--mono", action="store_true", help="2 to 4 roots under one folder")
parser.add_argument("--git", action="store_true", help="commit each tree before the mutation and plan against it")
parser.add_argument("--only", help="comma-separated parts of the seed repositories' names")
parser.add_argument("--extra", action="append", default=[], help="another seed repository")
parser.add_argument("--out", default=os.path.join(HERE, "target", "mutate-findings"))
parser.add_argument("--replay", type=int, help="rebuild this tree (same seed) in the output folder, run nothing")
parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
ARGS = parser.parse_args()
BIN, N, SEED, OUT = ARGS.bin, ARGS.trees, ARGS.seed, ARGS.out
MONO, GIT = ARGS.mono, ARGS.git
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None
STATS = {}

roots = []
base = os.path.join(HERE, "test_repos")
for d in sorted(os.listdir(base)):
    p = os.path.join(base, d)
    if os.path.isdir(p):
        roots.append(p)
roots += ARGS.extra
if ARGS.only:
    roots = [r for r in roots if any(s in os.path.basename(r) for s in ARGS.only.split(","))]

TOKENS = [b"(", b")", b"[", b"]", b"{", b"}", b":", b",", b"=", b"**", b"*", b".", b"\n", b"    ",
          b"\t", b"\\", b"'", b'"', b'"""', b"#", b"lambda", b"def ", b"class ", b"import ",
          b"from ", b"return ", b"yield ", b"await ", b"async ", b"global ", b"nonlocal ", b"del ",
          b"if ", b"else", b"for ", b"while ", b"with ", b"try:", b"except", b"finally:", b"@",
          b"None", b"True", b"1", b"0", b"-1", b"1e999", b"99999999999999999999", b"f'{x}'",
          b"BatchFeatureView(", b"StreamFeatureView(", b"FeatureTable(", b"Entity(",
          b"FeatureService(", b"tecton_materialization_runtime=", b"'1.2.13'", b"'0.8.0'",
          b"from tecton import *\n", b"import tecton\n", b"from . import x\n",
          b"from .. import y\n", b"from tecton.v09_compat import *\n", b"__import__('os')",
          b"\x00", b"\xff", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\x0c", b"\u2028".decode() .encode(),
          b"name=", b"entities=[", b"features=[", b"sources=[", b"online=True", b"offline=True",
          b"mode='spark_sql'", b"mode='pandas'", b"batch_schedule=", b"timedelta(days=1)",
          b"Aggregate(", b"Attribute(", b"Field(", b"String", b"Int64", b"**{'a': 1}",
          b"*[1, 2]", b"[x for x in y]", b"{k: v for k, v in d.items()}", b"...", b"not ",
          b"and ", b"or ", b"is ", b"in ", b"%", b"+", b"-", b"//", b"<<", b">>", b"~"]
YAML_TOKENS = [b":", b"- ", b"  ", b"\n", b"{", b"}", b"[", b"]", b"&a ", b"*a", b"!!str ",
               b"!!python/object ", b"<<: *a", b"~", b"null", b"yes", b"no", b"on", b"0x1F",
               b"1.2.13", b"0.8", b"tecton_materialization_runtime: ", b"defaults:",
               b"batch_feature_view:", b"stream_feature_view:", b"feature_table:",
               b"tecton_materialization:", b"environment: ", b"compute: ", b"'", b'"', b"#",
               b"|", b">", b"---", b"...", b"%YAML 1.1\n", b"? ", b"\t", b"\x00", b"\xff",
               b"kind: DatabricksClusterConfig", b"kind: RiftClusterConfig",
               b"kind: EMRClusterConfig", b"instance_type: m5.xlarge", b"number_of_workers: 2"]


def mutate_bytes(rng, data, tokens):
    data = bytearray(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 5, 8])):
        op = rng.randrange(10)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:  # flip
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # insert token
            data[pos:pos] = rng.choice(tokens)
        elif op == 2 and data:  # delete span
            n = rng.randrange(1, 40)
            del data[pos:pos + n]
        elif op == 3 and data:  # duplicate span
            n = rng.randrange(1, 200)
            data[pos:pos] = data[max(0, pos - n):pos]
        elif op == 4:  # lines: delete / duplicate / swap
            lines = bytes(data).split(b"\n")
            if len(lines) > 1:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                k = rng.randrange(3)
                if k == 0:
                    del lines[i]
                elif k == 1:
                    lines.insert(i, lines[j])
                else:
                    lines[i], lines[j] = lines[j], lines[i]
                data = bytearray(b"\n".join(lines))
        elif op == 5:  # replace a run of digits / quoted literal
            i = bytes(data).find(b"'", pos)
            if i >= 0:
                data[i + 1:i + 1] = rng.choice(tokens)
        elif op == 6:  # truncate
            del data[pos:]
        elif op == 7:  # indent change of a line
            i = bytes(data).rfind(b"\n", 0, pos) + 1
            if rng.random() < 0.5:
                data[i:i] = b" " * rng.randrange(1, 9)
            else:
                while i < len(data) and data[i] in b" \t" and rng.random() < 0.8:
                    del data[i]
        elif op == 8:  # random bytes
            data[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        elif op == 9 and rng.random() < 0.5:  # encodings and line endings
            k = rng.randrange(4)
            if k == 0:
                data[0:0] = b"\xef\xbb\xbf"
            elif k == 1:
                data = bytearray(bytes(data).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
            elif k == 2:
                data[0:0] = rng.choice([b"# -*- coding: latin-1 -*-\n", b"# coding=utf-8\n", b"# vim: set fileencoding=ascii :\n", b"# -*- coding: cp1252 -*-\n"])
            else:
                data[pos:pos] = rng.choice([b"\xe9", b"\xc3\xa9", b"\xe2\x80\xa8", b"\xf0\x9f\x98\x80"])
        else:  # repeat a token many times
            data[pos:pos] = rng.choice(tokens) * rng.randrange(2, 300)
    return bytes(data)


def files_of(root):
    out = []
    for dp, dn, fn in os.walk(root):
        for f in fn:
            out.append(os.path.relpath(os.path.join(dp, f), root))
    return sorted(out)  # the same tree from the same seed, whatever the file system's order


def mutate_tree(rng, root):
    files = files_of(root)
    py = [f for f in files if f.endswith(".py")]
    yml = [f for f in files if f.endswith((".yaml", ".yml"))]
    pins = [f for f in files if f.endswith((".txt", ".toml", ".cfg"))]
    actions = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        r = rng.random()
        if r < 0.55 and py:
            f = rng.choice(py)
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                d = fh.read()
            with open(p, "wb") as fh:
                fh.write(mutate_bytes(rng, d, TOKENS))
            actions.append(("py", f))
        elif r < 0.75:
            f = rng.choice(yml) if yml else "repo.yaml"
            p = os.path.join(root, f)
            d = open(p, "rb").read() if os.path.exists(p) else b""
            with open(p, "wb") as fh:
                fh.write(mutate_bytes(rng, d, YAML_TOKENS))
            actions.append(("yaml", f))
        elif r < 0.82 and pins:
            f = rng.choice(pins)
            p = os.path.join(root, f)
            d = open(p, "rb").read()
            with open(p, "wb") as fh:
                fh.write(mutate_bytes(rng, d, [b"tecton", b"==", b">=", b"<", b"~=", b"1.2.13",
                                                b"0.8.*", b"-r ", b"\n", b"[", b"]", b"\"", b",",
                                                b"=", b"#", b"; python_version<'3'", b"@ ",
                                                b"file:///x", b"-e ", b".", b"0.9.0b1"]))
            actions.append(("pin", f))
        elif r < 0.87 and py:  # file-system shapes
            k = rng.randrange(8)
            f = rng.choice(py)
            p = os.path.join(root, f)
            try:
                if k == 0:
                    os.remove(p)
                elif k == 1:
                    shutil.copy(p, os.path.join(root, "copy_" + os.path.basename(f)))
                elif k == 2:
                    os.symlink(os.path.basename(f), os.path.join(os.path.dirname(p), "link_x.py"))
                elif k == 3:
                    os.makedirs(os.path.join(root, "pkg_" + str(rng.randrange(3)), "sub.py"), exist_ok=True)
                elif k == 4:
                    with open(os.path.join(root, ".tectonignore"), "ab") as fh:
                        fh.write(rng.choice([b"*.py\n", b"!x.py\n", b"features/\n", b"[\n", b"**\n", b"\\\n", b"/" + f.encode() + b"\n", b"\xff\n"]))
                elif k == 5:
                    os.makedirs(os.path.join(root, "nested"), exist_ok=True)
                    open(os.path.join(root, "nested", ".tecton"), "w").close()
                    shutil.copy(p, os.path.join(root, "nested", "n.py"))
                elif k == 6:
                    os.symlink("..", os.path.join(root, "up"))
                else:
                    with open(os.path.join(root, "__init__.py"), "ab") as fh:
                        fh.write(rng.choice([b"", b"import tecton\n", b"from . import *\n", b"x = 1\n"]))
            except OSError:
                pass
            actions.append(("fs", k, f))
        elif py:  # splice two files
            a, b = rng.choice(py), rng.choice(py)
            da = open(os.path.join(root, a), "rb").read()
            db = open(os.path.join(root, b), "rb").read()
            i, j = rng.randrange(len(da) + 1), rng.randrange(len(db) + 1)
            with open(os.path.join(root, a), "wb") as fh:
                fh.write(da[:i] + db[j:])
            actions.append(("splice", a, b))
    return actions


def run(cmd, cwd, timeout=20):
    t = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b"", b"TIMEOUT", timeout
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t


def problem(rc, out, err, dt, cmd):
    if "--sdk-version" in cmd and rc == 2 and not out:
        return None  # a version Tecton never released is a usage error
    if rc is None:
        return "timeout"
    if dt > 2.0:
        return f"slow {dt:.2f}s"
    if b"panicked" in err or b"internal error" in err.lower() or rc not in (0, 1, 3):
        return f"rc={rc} {err[-300:]!r}"
    try:
        json.loads(out)
    except ValueError as e:
        return f"not one JSON document: {e}"
    return None


def git(args, cwd):
    subprocess.run(["git", "-c", "user.email=a@b", "-c", "user.name=a", "-c", "commit.gpgsign=false"] + args,
                   cwd=cwd, capture_output=True)


def build(i, tmp):
    """Tree `i` of this seed, mutated, in `tmp/r`; its base snapshot in `tmp/snap.json`; the
    commands to run on it."""
    rng = random.Random(SEED * 1_000_003 + i)
    src = rng.choice(roots)
    root = os.path.join(tmp, "r")
    ignore = shutil.ignore_patterns("expected*", "args", ".oracle*")
    if MONO:
        os.makedirs(root)
        for k in range(rng.randrange(2, 5)):
            sub = os.path.join(root, f"team{k}")
            shutil.copytree(rng.choice(roots), sub, symlinks=True, ignore=ignore)
            if not os.path.exists(os.path.join(sub, ".tecton")) and not os.path.exists(os.path.join(sub, "repo.yaml")):
                open(os.path.join(sub, ".tecton"), "w").close()
        if rng.random() < 0.5:
            with open(os.path.join(root, "requirements.txt"), "w") as fh:
                fh.write(rng.choice(["tecton==1.2.13\n", "tecton~=0.9.0\n", "tecton[pyspark]==0.8.23\n", "tecton>=1.1,<1.2\n"]))
    else:
        shutil.copytree(src, root, symlinks=True, ignore=ignore)
        if not os.path.exists(os.path.join(root, ".tecton")) and not os.path.exists(os.path.join(root, "repo.yaml")):
            open(os.path.join(root, ".tecton"), "w").close()
    if GIT:
        git(["init", "-q"], tmp)
        git(["add", "-A"], tmp)
        git(["commit", "-qm", "base"], tmp)
    _, snap, _, _ = run([BIN, "check", "--format", "json", "r"], tmp)
    with open(os.path.join(tmp, "snap.json"), "wb") as fh:
        fh.write(snap)
    try:
        actions = mutate_tree(rng, root)
    except OSError as e:
        actions = [("oserror", str(e))]
    py = [f for f in files_of(root) if f.endswith(".py")]
    cmds = [["check", "--format", "json", "r"]]
    if py:
        cmds.append(["check", "--format", "json", os.path.join("r", rng.choice(py))])
    extra = []
    if rng.random() < 0.2:
        extra += ["--sdk-version", rng.choice(["0.7", "0.8", "0.9", "1.0", "1.1", "1.2", "1.3", "1.2.13", "0.8.0b3", "2.0", "x"])]
    if rng.random() < 0.1:
        extra += ["--default-compute", rng.choice(["spark", "rift", "unknown"])]
    if rng.random() < 0.1:
        extra += ["--select", rng.choice(["TP2", "TP001", "TP1,TP3", "TP"])]
    if extra:
        cmds.append(["check", "--format", "json"] + extra + ["r"])
    if GIT:
        cmds.append(["plan", "--format", "json", "--base", "HEAD", "r"])
    k = rng.randrange(4)
    if k == 0:
        cmds.append(["plan", "--format", "json", "--base-snapshot", "snap.json", "r"])
    elif k == 1:
        cmds.append(["upgrade", "--to", rng.choice(["0.9", "1.0", "1.2", "1.1.4"]), "--format", "json", "r"])
    elif k == 2:
        cmds.append(["check", "--format", "json", "--fix", "r"])
        cmds.append(["check", "--format", "json", "r"])
    else:
        cmds.append(["upgrade", "--to", "1.2", "--fix", "--format", "json", "r"])
        cmds.append(["check", "--format", "json", "r"])
    return os.path.basename(src), actions, cmds


def tree_state(top):
    """What a command that writes nothing must leave as it was: every regular file's bytes and
    mode, every link's target, every folder (git's own folder aside)."""
    state = {}
    for folder, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in dirs + files:
            path = os.path.join(folder, name)
            try:
                st = os.lstat(path)
                if stat.S_ISLNK(st.st_mode):
                    state[path] = ("link", os.readlink(path))
                elif stat.S_ISREG(st.st_mode):
                    with open(path, "rb") as fh:
                        state[path] = ("file", st.st_mode, st.st_nlink, hashlib.sha1(fh.read()).hexdigest())
                else:
                    state[path] = ("other", stat.S_IFMT(st.st_mode))
            except OSError as e:
                state[path] = ("error", e.errno)
    return state


def one(i):
    tmp = tempfile.mkdtemp(dir=SCRATCH, prefix="mutate-")
    try:
        src, actions, cmds = build(i, tmp)
        tp001 = None
        for cmd in cmds:
            writes = "--fix" in cmd
            before = None if writes else tree_state(tmp)
            rc, out, err, dt = run([BIN] + cmd, tmp)
            STATS[(cmd[0], rc)] = STATS.get((cmd[0], rc), 0) + 1
            found = problem(rc, out, err, dt, cmd=cmd)
            if not found and not writes:
                after = tree_state(tmp)
                changed = sorted(set(before) ^ set(after)) + sorted(p for p in before if p in after and before[p] != after[p])
                if changed:
                    found = f"a command without --fix changed the tree: {changed[:3]}"

            if not found and cmd == ["check", "--format", "json", "r"] and rc in (0, 1):
                # A fix never makes a file Tecton cannot import.
                n = sum(1 for d in json.loads(out)["diagnostics"] if d["code"] == "TP001")
                if tp001 is not None and n > tp001:
                    found = f"the fix before added TP001 ({tp001} -> {n})"
                tp001 = n
            if found:
                return f"tree {i} ({src}, {actions}) `{' '.join(cmd)}`: {found}; --replay {i} rebuilds it"
        return None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if ARGS.replay is not None:
        to = os.path.join(OUT, f"{SEED}-{ARGS.replay}")
        shutil.rmtree(to, ignore_errors=True)
        os.makedirs(to)
        src, actions, cmds = build(ARGS.replay, to)
        print(f"{to}: {src}, {actions}")
        for cmd in cmds:
            print("  tecton-preflight " + " ".join(cmd))
        sys.exit(0)
    bad = 0
    t0 = time.time()
    os.makedirs(OUT, exist_ok=True)
    with ThreadPoolExecutor(ARGS.jobs) as ex:
        for n, r in enumerate(ex.map(one, range(N))):
            if r:
                bad += 1
                print(r, flush=True)
            if n % 500 == 499:
                print(f"-- {n + 1} trees, {bad} problems, {time.time() - t0:.0f}s", flush=True)
    print(sorted(STATS.items(), key=str))
    print(f"done: {N} trees, {bad} problems, {time.time() - t0:.0f}s")
    sys.exit(1 if bad else 0)
