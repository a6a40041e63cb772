//! `check --fix` never loses a word: it reports what it fixed, goes on until nothing is left
//! to fix, writes through symbolic links, leaves read-only files alone, and keeps the
//! encoding a draft came in.

use std::path::Path;

use assert_cmd::Command;

fn workplan() -> Command {
    Command::cargo_bin("workplan").expect("binary built")
}

fn fix(path: &Path) -> (Option<i32>, String, String) {
    let out = workplan().args(["check", "--fix"]).arg(path).output().expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_report_says_what_was_fixed_per_rule_and_what_is_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.txt");
    std::fs::write(&path, "一.加强\n二、建设\n四、附:情况,说明\n").expect("write");
    let (code, stdout, _) = fix(&path);
    assert_eq!(code, Some(1), "the gap is left: {stdout}");
    assert!(stdout.contains("已修正"), "{stdout}");
    assert!(stdout.contains("numbering.marker-style 1 处"), "{stdout}");
    assert!(stdout.contains("punct.halfwidth 2 处"), "{stdout}");
    assert!(stdout.contains("余下 1 处问题需要手工处理"), "{stdout}");
    assert!(stdout.contains("numbering.gap"), "the finding left is shown: {stdout}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "一、加强\n二、建设\n四、附：情况，说明\n");
}

#[test]
fn fixes_that_make_room_for_others_are_applied_until_nothing_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.txt");
    std::fs::write(&path, "全年投资约５亿元左右。\n").expect("write");
    fix(&path);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "全年投资约5亿元。\n");
    let out = workplan().args(["check", "--format", "json"]).arg(&path).output().expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_stays_a_link_and_its_target_is_fixed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("real.txt");
    let link = dir.path().join("link.txt");
    std::fs::write(&target, "一.加强\n").expect("write");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    fix(&link);
    assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "一、加强\n");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_left_alone_and_the_report_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.txt");
    std::fs::write(&path, "一.加强\n").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let (code, stdout, _) = fix(&path);
    assert_eq!(code, Some(2));
    assert!(stdout.contains("只读"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "一.加强\n");
    assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o444);
}

#[test]
fn a_gb18030_draft_is_fixed_and_stays_gb18030() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.txt");
    let text = "一.加强科技创新\n（二）、建设创新平台，规上工业增加值增长１０％。\n";
    std::fs::write(&path, encoding_rs::GB18030.encode(text).0).expect("write");
    let (_, stdout, stderr) = fix(&path);
    assert!(stderr.contains("GB18030"), "{stderr}");
    assert!(stdout.contains("已修正"), "{stdout}");
    let bytes = std::fs::read(&path).expect("read");
    assert!(std::str::from_utf8(&bytes).is_err(), "written back as UTF-8");
    let (back, _, malformed) = encoding_rs::GB18030.decode(&bytes);
    assert!(!malformed);
    assert_eq!(back, "一、加强科技创新\n（二）建设创新平台，规上工业增加值增长10%。\n");
}
