//! The files drafters really have: GB18030 and UTF-16 text, old Word files, folders with
//! `node_modules/`, `.gitignore` and symbolic link loops, a `workplan.toml` beside each group
//! of drafts, a broken one.

mod shared_corpus;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use shared_corpus::real_documents;

fn workplan() -> Command {
    Command::cargo_bin("workplan").expect("binary built")
}

fn findings(cmd: &mut Command) -> Vec<Value> {
    serde_json::from_slice(&cmd.output().expect("runs").stdout).expect("one JSON array")
}

fn lines_and_codes(findings: &[Value]) -> Vec<(u64, String)> {
    findings.iter().map(|f| (f["line"].as_u64().unwrap_or(0), f["code"].as_str().unwrap_or("").to_string())).collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A GB18030 copy of each real document gives the findings of its UTF-8 original.
#[test]
fn a_gb18030_copy_gives_the_same_findings_as_the_original() {
    let Some(real) = real_documents() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    for original in real {
        let copy = dir.path().join(original.file_name().expect("a file name"));
        let text = std::fs::read_to_string(&original).expect("read");
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        std::fs::write(&copy, &bytes).expect("write");
        let want = findings(workplan().args(["check", "--format", "json"]).arg(&original));
        let out = workplan().args(["check", "--format", "json"]).arg(&copy).output().expect("runs");
        let got: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
        assert!(!want.is_empty());
        assert_eq!(lines_and_codes(&got), lines_and_codes(&want), "{}", original.display());
        assert!(String::from_utf8_lossy(&out.stderr).contains("按 GB18030 编码读取"));
    }
}

#[test]
fn utf16_with_a_bom_is_text_and_old_word_files_are_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let utf16 = dir.path().join("plan.txt");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend("一、甲\n三、乙\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes).expect("write");
    let found = findings(workplan().args(["check", "--format", "json"]).arg(&utf16));
    assert_eq!(lines_and_codes(&found), [(2, "numbering.gap".to_string())]);
    for name in ["plan.doc", "plan.wps"] {
        let old = dir.path().join(name);
        std::fs::write(&old, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00").expect("write");
        let out = workplan().arg("check").arg(&old).output().expect("runs");
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("请另存为 .docx"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn checked_paths(dir: &Path) -> Vec<String> {
    let found = findings(workplan().args(["check", "--format", "json"]).arg(dir));
    let mut paths: Vec<String> = found
        .iter()
        .filter_map(|f| f["path"].as_str())
        .map(|p| Path::new(p).strip_prefix(dir).map_or(p.to_string(), |r| r.display().to_string()))
        .collect();
    paths.dedup();
    paths
}

#[test]
fn folders_skip_node_modules_target_and_what_gitignore_excludes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for f in
        ["plan.txt", "node_modules/pkg/README.md", "target/doc.txt", "drafts/old/a.txt", "drafts/b.txt", ".git/x.txt"]
    {
        write(&root.join(f), "一、甲\n三、乙\n");
    }
    write(&root.join(".gitignore"), "drafts/old/\n");
    assert_eq!(checked_paths(root), ["drafts/b.txt", "plan.txt"]);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_end_and_each_draft_is_checked_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(&root.join("plan.txt"), "一、甲\n三、乙\n");
    std::os::unix::fs::symlink(root, root.join("self1")).expect("symlink");
    std::os::unix::fs::symlink(root, root.join("self2")).expect("symlink");
    let started = std::time::Instant::now();
    let out = workplan().args(["check", "--format", "json"]).arg(root).output().expect("runs");
    assert!(started.elapsed().as_secs() < 10);
    let found: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(out.status.code(), Some(1), "a loop is skipped, not a failure");
    assert!(String::from_utf8_lossy(&out.stderr).contains("符号链接"));
    // The same file named twice, directly and through a link, is checked once.
    std::os::unix::fs::symlink(root.join("plan.txt"), root.join("link.txt")).expect("symlink");
    let found =
        findings(workplan().args(["check", "--format", "json"]).arg(root.join("plan.txt")).arg(root.join("link.txt")));
    assert_eq!(found.len(), 1);
}

/// Each draft uses the nearest workplan.toml above it, not the one above the current folder;
/// `targets` reads it too (its lexicon) and takes `--config`.
#[test]
fn the_nearest_config_above_each_draft_is_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(&root.join("a/plan.txt"), "一、甲\n三、乙\n");
    write(&root.join("b/plan.txt"), "一、甲\n三、乙\n");
    write(&root.join("a/workplan.toml"), "[rules]\n\"numbering.gap\" = \"off\"\n");
    let found = findings(workplan().current_dir(root).args(["check", "--format", "json", "a/plan.txt", "b/plan.txt"]));
    let paths: Vec<&str> = found.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["b/plan.txt"]);

    write(&root.join("c/plan.txt"), "2026年，载体面积达到50万平方米。\n");
    let lexicon = "[[lexicon]]\nname = \"园区载体面积\"\naliases = [\"载体面积\"]\n";
    let indicator = |cmd: &mut Command| -> String {
        let rows: Vec<Value> = serde_json::from_slice(&cmd.output().expect("runs").stdout).expect("json");
        rows[0]["indicator"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(indicator(workplan().current_dir(root).args(["targets", "--format", "json", "c/plan.txt"])), "载体面积");
    write(&root.join("elsewhere/team.toml"), lexicon);
    let explicit = ["targets", "--format", "json", "--config", "elsewhere/team.toml", "c/plan.txt"];
    assert_eq!(indicator(workplan().current_dir(root).args(explicit)), "园区载体面积");
    write(&root.join("c/workplan.toml"), lexicon);
    assert_eq!(
        indicator(workplan().current_dir(root).args(["targets", "--format", "json", "c/plan.txt"])),
        "园区载体面积"
    );
}

/// A broken workplan.toml: named with its line and column, the drafts under it not checked,
/// exit 2 — as the README says.
#[test]
fn a_broken_config_is_reported_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root: PathBuf = dir.path().to_path_buf();
    write(&root.join("plan.txt"), "一、甲\n三、乙\n");
    write(&root.join("workplan.toml"), "[rules]\n\"numbering.gap\" = \"off\"\nrange-style = \n");
    let out = workplan().current_dir(&root).args(["check", "plan.txt"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("workplan.toml:3:"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("发现 0 处问题") || out.stdout.is_empty());
    write(&root.join("workplan.toml"), "[rules]\n\"numbering.gapp\" = \"off\"\n");
    let out = workplan().current_dir(&root).args(["check", "plan.txt"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("workplan.toml:2:1:") && stderr.contains("numbering.gapp"), "{stderr}");
}

/// `outline` on a folder: every draft under its name (text), or `{"path", "outline"}` (JSON).
#[test]
fn outline_of_a_folder_names_each_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(&dir.path().join("a.txt"), "一、甲\n二、乙\n");
    write(&dir.path().join("sub/b.md"), "## 一、丙\n");
    let text =
        String::from_utf8(workplan().arg("outline").arg(dir.path()).output().expect("runs").stdout).expect("utf-8");
    let a = text.find("a.txt").expect("a.txt named");
    let b = text.find("b.md").expect("b.md named");
    assert!(a < text.find("一、甲").expect("a's heading") && b < text.find("一、丙").expect("b's heading"), "{text}");
    let json: Vec<Value> = serde_json::from_slice(
        &workplan().args(["outline", "--format", "json"]).arg(dir.path()).output().expect("runs").stdout,
    )
    .expect("json");
    assert_eq!(json.len(), 2);
    assert!(json[0]["path"].as_str().is_some_and(|p| p.ends_with("a.txt")));
    assert_eq!(json[0]["outline"][1]["title"], "乙");
}
