use std::path::{Path, PathBuf};

use super::*;

fn edit(file: &Path, text: &str, old: &str, new: &str) -> Edit {
    let start = text.find(old).expect("the text to replace");
    Edit::new(file, start, start + old.len(), new)
}

fn changeset(file: &Path, text: &str, edits: &[Edit]) -> Changeset {
    let mut changes = Changeset::new();
    changes.set_original(file, text.as_bytes());
    changes.add(edits).expect("edits fit");
    changes
}

fn rendered(changes: &Changeset) -> String {
    let file = changes.files().next().expect("a file");
    String::from_utf8(file.rendered()).expect("utf-8")
}

#[test]
fn edits_keep_every_other_byte() {
    let file = PathBuf::from("/r/repo.yaml");
    // CRLF line endings, a BOM, comments, odd quoting and non-ASCII text around the edited value.
    let text = "\u{feff}# café ☕\r\ndefaults:  # note\r\n  batch_feature_view:\r\n    tecton_materialization_runtime: 1.0   # 'x' \"y\"\r\n    environment: 'tecton-rift-core-1.2.0'\r\n";
    let changes = changeset(&file, text, &[edit(&file, text, "1.0 ", "\"1.0.0\" ")]);
    assert_eq!(
        rendered(&changes),
        text.replace("runtime: 1.0 ", "runtime: \"1.0.0\" ")
    );
}

#[test]
fn several_edits_apply_in_one_pass_whatever_order_they_come_in() {
    let file = PathBuf::from("/r/a.py");
    let text = "a = 'x'\nb = 'y'\n";
    let mut changes = Changeset::new();
    changes.set_original(&file, text.as_bytes());
    changes.add(&[edit(&file, text, "y", "Y")]).unwrap();
    changes.add(&[edit(&file, text, "x", "XX")]).unwrap();
    // The same edit again is taken once.
    changes.add(&[edit(&file, text, "x", "XX")]).unwrap();
    assert_eq!(rendered(&changes), "a = 'XX'\nb = 'Y'\n");
}

#[test]
fn overlapping_and_out_of_range_edits_are_refused_whole() {
    let file = PathBuf::from("/r/a.py");
    let text = "a = 'é'\n";
    let mut changes = Changeset::new();
    changes.set_original(&file, text.as_bytes());
    changes.add(&[Edit::new(&file, 4, 8, "'z'")]).unwrap();
    let overlap = changes.add(&[Edit::new(&file, 0, 1, "b"), Edit::new(&file, 7, 8, "q")]);
    assert!(
        matches!(overlap, Err(FixError::Overlap { .. })),
        "{overlap:?}"
    );
    // Nothing of the refused fix was added.
    assert_eq!(rendered(&changes), "a = 'z'\n");
    let mut changes = Changeset::new();
    changes.set_original(&file, text.as_bytes());
    // Past the end, and inside the two bytes of `é`.
    for (start, end) in [(3, 99), (6, 6)] {
        let result = changes.add(&[Edit::new(&file, start, end, "x")]);
        assert!(
            matches!(result, Err(FixError::OutOfRange { .. })),
            "{result:?}"
        );
    }
    assert!(changes.is_empty());
    // Two fixes in one go that overlap each other.
    let result = changes.add(&[Edit::new(&file, 0, 2, "x"), Edit::new(&file, 1, 3, "y")]);
    assert!(
        matches!(result, Err(FixError::Overlap { .. })),
        "{result:?}"
    );
}

#[test]
fn a_file_not_registered_is_read_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("repo.yaml");
    std::fs::write(&file, "a: 1\n").unwrap();
    let mut changes = Changeset::new();
    changes.add(&[Edit::new(&file, 3, 4, "2")]).unwrap();
    assert_eq!(rendered(&changes), "a: 2\n");
    let missing = changes.add(&[Edit::new(dir.path().join("nope"), 0, 0, "x")]);
    assert!(matches!(missing, Err(FixError::Io { .. })), "{missing:?}");
}

// ---- the diff ------------------------------------------------------------------------------------

#[test]
fn the_diff_is_git_style_with_three_lines_of_context() {
    let base = PathBuf::from("/work/repo");
    let file = base.join("repo.yaml");
    let text = "l1\nl2\nl3\nl4\nruntime: 1.0\nl6\nl7\nl8\nl9\n";
    let changes = changeset(&file, text, &[edit(&file, text, "1.0", "\"1.0.0\"")]);
    assert_eq!(
        unified_diff(&changes, &base),
        "--- a/repo.yaml\n+++ b/repo.yaml\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-runtime: 1.0\n+runtime: \"1.0.0\"\n l6\n l7\n l8\n"
    );
    // Outside the base, the full path.
    let diff = unified_diff(&changes, Path::new("/elsewhere"));
    assert!(
        diff.starts_with("--- /work/repo/repo.yaml\n+++ /work/repo/repo.yaml\n"),
        "{diff}"
    );
}

#[test]
fn far_changes_get_their_own_hunks_and_near_ones_share_one() {
    let base = PathBuf::from("/r");
    let file = base.join("a.txt");
    let text: String = (1..=20).map(|i| format!("line {i}\n")).collect();
    let far = changeset(
        &file,
        &text,
        &[
            edit(&file, &text, "line 2\n", "two\n"),
            edit(&file, &text, "line 18\n", "eighteen\n"),
        ],
    );
    assert_eq!(
        unified_diff(&far, &base),
        "--- a/a.txt\n+++ b/a.txt\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+two\n line 3\n line 4\n line 5\n\
         @@ -15,6 +15,6 @@\n line 15\n line 16\n line 17\n-line 18\n+eighteen\n line 19\n line 20\n"
    );
    let near = changeset(
        &file,
        &text,
        &[
            edit(&file, &text, "line 5\n", "five\n"),
            edit(&file, &text, "line 11\n", "eleven\n"),
        ],
    );
    let diff = unified_diff(&near, &base);
    assert!(diff.contains("@@ -2,13 +2,13 @@\n"), "{diff}");
    assert_eq!(diff.matches("@@ -").count(), 1, "{diff}");
}

#[test]
fn the_diff_keeps_line_endings_and_marks_a_missing_final_newline() {
    let base = PathBuf::from("/r");
    let file = base.join("a.yaml");
    let text = "a: 1\r\nb: 2";
    let changes = changeset(&file, text, &[edit(&file, text, "2", "3")]);
    assert_eq!(
        unified_diff(&changes, &base),
        "--- a/a.yaml\n+++ b/a.yaml\n@@ -1,2 +1,2 @@\n a: 1\r\n-b: 2\n\\ No newline at end of file\n+b: 3\n\\ No newline at end of file\n"
    );
    // Lines added and removed: the counts differ.
    let text = "a\nb\nc\n";
    let changes = changeset(&file, text, &[edit(&file, text, "b\n", "b1\nb2\n")]);
    assert_eq!(
        unified_diff(&changes, &base),
        "--- a/a.yaml\n+++ b/a.yaml\n@@ -1,3 +1,4 @@\n a\n-b\n+b1\n+b2\n c\n"
    );
    // An insertion at the end of the file.
    let changes = changeset(
        &file,
        text,
        &[Edit::new(&file, text.len(), text.len(), "d\n")],
    );
    assert_eq!(
        unified_diff(&changes, &base),
        "--- a/a.yaml\n+++ b/a.yaml\n@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n"
    );
    // An empty changeset is an empty diff.
    assert_eq!(unified_diff(&Changeset::new(), &base), "");
}

#[test]
fn a_fix_alone_is_shown_as_hunks() {
    let file = PathBuf::from("/r/a.yaml");
    let text = "a: 1\nb: 2\nc: 3\n";
    let shown = fix_diff(text.as_bytes(), &[edit(&file, text, "2", "\"2\"")], 1);
    assert_eq!(shown, "@@ -1,3 +1,3 @@\n a: 1\n-b: 2\n+b: \"2\"\n c: 3\n");
    // Edits that do not fit the text show nothing rather than something wrong.
    assert_eq!(fix_diff(b"a", &[Edit::new(&file, 0, 9, "x")], 1), "");
}

// ---- writing --------------------------------------------------------------------------------------

fn repo() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    std::fs::create_dir(&root).unwrap();
    let file = root.join("repo.yaml");
    std::fs::write(&file, "runtime: 1.0 # keep\r\n").unwrap();
    (dir, root, file)
}

fn fix_of(file: &Path) -> Changeset {
    let text = std::fs::read_to_string(file).unwrap();
    changeset(file, &text, &[edit(file, &text, "1.0", "\"1.0.0\"")])
}

#[test]
fn apply_writes_through_a_temporary_file_and_leaves_nothing_behind() {
    let (_dir, root, file) = repo();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let written = apply(&fix_of(&file), std::slice::from_ref(&root)).unwrap();
    assert_eq!(written, vec![file.clone()]);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "runtime: \"1.0.0\" # keep\r\n"
    );
    let names: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("repo.yaml")]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}

#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    let (_dir, root, file) = repo();
    let changes = fix_of(&file);
    std::fs::write(&file, "runtime: 1.0 # someone else\r\n").unwrap();
    let result = apply(&changes, std::slice::from_ref(&root));
    assert!(
        matches!(result, Err(FixError::ChangedSinceRead { .. })),
        "{result:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "runtime: 1.0 # someone else\r\n"
    );
}

#[test]
fn nothing_is_written_when_one_file_is_refused() {
    let (dir, root, file) = repo();
    let outside = dir.path().join("outside.yaml");
    std::fs::write(&outside, "runtime: 1.0 # keep\r\n").unwrap();
    let mut changes = fix_of(&file);
    let text = std::fs::read_to_string(&outside).unwrap();
    changes
        .add(&[edit(&outside, &text, "1.0", "\"1.0.0\"")])
        .unwrap();
    let result = apply(&changes, std::slice::from_ref(&root));
    assert!(
        matches!(result, Err(FixError::OutsideAllowed { .. })),
        "{result:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "runtime: 1.0 # keep\r\n"
    );
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "runtime: 1.0 # keep\r\n"
    );
    // A single allowed file (a pin file) may be written, and only it.
    let written = apply(&changes, &[root.clone(), outside.clone()]).unwrap();
    assert_eq!(written.len(), 2);
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_only_inside_the_root() {
    let (dir, root, file) = repo();
    let outside = dir.path().join("outside.yaml");
    std::fs::write(&outside, "runtime: 1.0 # keep\r\n").unwrap();
    // A link inside the root to a file outside it: refused.
    let escape = root.join("escape.yaml");
    std::os::unix::fs::symlink(&outside, &escape).unwrap();
    let result = apply(&fix_of(&escape), std::slice::from_ref(&root));
    assert!(
        matches!(result, Err(FixError::OutsideAllowed { .. })),
        "{result:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "runtime: 1.0 # keep\r\n"
    );
    // A link inside the root to a file inside it: the target is rewritten, the link kept.
    let link = root.join("link.yaml");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    apply(&fix_of(&link), std::slice::from_ref(&root)).unwrap();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "runtime: \"1.0.0\" # keep\r\n"
    );
    // A root reached through `..` is the same root.
    let again = root.join("..").join("repo");
    let text = std::fs::read_to_string(&file).unwrap();
    let changes = changeset(&file, &text, &[edit(&file, &text, "keep", "kept")]);
    apply(&changes, &[again]).unwrap();
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "runtime: \"1.0.0\" # kept\r\n"
    );
}

#[test]
fn a_new_file_is_created_inside_the_root_and_never_over_one_that_appeared() {
    let (_dir, root, _) = repo();
    let new = root.join("new.yaml");
    let create = || {
        let mut changes = Changeset::new();
        changes.create(&new);
        changes
            .add(&[Edit::new(&new, 0, 0, "defaults: {}\n")])
            .unwrap();
        changes
    };
    let changes = create();
    assert_eq!(
        unified_diff(&changes, &root),
        "--- /dev/null\n+++ b/new.yaml\n@@ -0,0 +1 @@\n+defaults: {}\n"
    );
    assert_eq!(
        apply(&changes, std::slice::from_ref(&root)).unwrap(),
        vec![new.clone()]
    );
    assert_eq!(std::fs::read_to_string(&new).unwrap(), "defaults: {}\n");
    // The same change again: the file exists now, so it is refused and kept.
    std::fs::write(&new, "mine\n").unwrap();
    let result = apply(&create(), std::slice::from_ref(&root));
    assert!(
        matches!(result, Err(FixError::ChangedSinceRead { .. })),
        "{result:?}"
    );
    assert_eq!(std::fs::read_to_string(&new).unwrap(), "mine\n");
    // Outside every allowed root: refused.
    let outside = root.parent().unwrap().join("outside.yaml");
    let mut changes = Changeset::new();
    changes.create(&outside);
    changes.add(&[Edit::new(&outside, 0, 0, "x\n")]).unwrap();
    let result = apply(&changes, std::slice::from_ref(&root));
    assert!(
        matches!(result, Err(FixError::OutsideAllowed { .. })),
        "{result:?}"
    );
    assert!(!outside.exists());
}
