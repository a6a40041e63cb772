//! `workplan diff OLD NEW` (issue 17) on two drafts of one plan written here: a 征求意见稿
//! and its 送审稿, with two sections swapped, a task dropped, a task added, a section
//! reworded, a deadline moved, a target changed, a 确保 target turned 力争 (its 力争 figure
//! dropped) and a target added.

mod shared_corpus;

use assert_cmd::Command;
use serde_json::Value;
use shared_corpus::real_documents;
use workplan::features::diff::{compare, Draft};
use workplan::{Document, DocumentKind};

const OLD: &str = "tests/fixtures/diff/2026-plan-zhengqiu.txt";
const NEW: &str = "tests/fixtures/diff/2026-plan-songshen.txt";

fn diff(args: &[&str]) -> std::process::Output {
    let mut cmd = Command::cargo_bin("workplan").expect("binary built");
    cmd.env_remove("CLICOLOR_FORCE").current_dir(env!("CARGO_MANIFEST_DIR")).arg("diff").args(args);
    cmd.output().expect("runs")
}

fn stdout(args: &[&str]) -> String {
    let out = diff(args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_two_drafts_as_a_table() {
    insta::assert_snapshot!("diff_table", stdout(&[OLD, NEW]));
}

#[test]
fn the_two_drafts_as_markdown() {
    insta::assert_snapshot!("diff_markdown", stdout(&["--format", "markdown", OLD, NEW]));
}

#[test]
fn the_two_drafts_as_json() {
    let report: Value = serde_json::from_str(&stdout(&["--format", "json", OLD, NEW])).expect("json");
    insta::assert_json_snapshot!("diff_json", report);
    assert_eq!(report["old"], OLD);
    assert_eq!(report["new"], NEW);
}

/// CSV for spreadsheets, with the byte order mark Excel and WPS need.
#[test]
fn the_two_drafts_as_csv() {
    let out = stdout(&["--format", "csv", OLD, NEW]);
    let mut lines = out.strip_prefix('\u{feff}').expect("BOM").lines();
    assert_eq!(lines.next(), Some("对象,变化,原稿,原稿行,新稿,新稿行,说明"));
    assert_eq!(lines.count(), 11);
}

/// A draft compared with itself has no changes; nor has any real document.
#[test]
fn a_draft_against_itself_has_no_changes() {
    let mut files: Vec<std::path::PathBuf> = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(NEW)];
    files.extend(real_documents().unwrap_or_default());
    for path in files {
        let text = std::fs::read_to_string(&path).expect("draft");
        let doc = Document::new(&text, DocumentKind::PlainText);
        let draft = Draft { path: "draft", doc: &doc };
        assert_eq!(compare(&draft, &draft), [], "{}", path.display());
    }
}

/// Swapping the two drafts swaps every change: what was added is removed.
#[test]
fn the_other_way_round() {
    let report: Value = serde_json::from_str(&stdout(&["--format", "json", NEW, OLD])).expect("json");
    let kinds: Vec<String> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| format!("{} {}", c["subject"].as_str().unwrap_or(""), c["changes"]))
        .collect();
    assert!(kinds.contains(&r#"task ["added"]"#.to_string()), "{kinds:?}");
    assert!(kinds.contains(&r#"task ["removed"]"#.to_string()), "{kinds:?}");
    assert!(kinds.contains(&r#"target ["added"]"#.to_string()), "{kinds:?}");
    assert!(
        kinds.contains(&r#"target ["value","tier"]"#.to_string()) || kinds.contains(&r#"target ["tier"]"#.to_string())
    );
}

#[test]
fn both_drafts_from_stdin_is_a_usage_error() {
    let out = diff(&["-", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("标准输入"));
}

#[test]
fn a_missing_draft_is_a_usage_error() {
    let out = diff(&[OLD, "tests/fixtures/diff/no-such-draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-draft.txt"));
}

/// Corrected punctuation of a marker (`（二）、` → `（二）`) renumbers nothing; a new number does.
#[test]
fn a_marker_corrected_is_not_renumbered() {
    let changes = |old: &str, new: &str| {
        let (a, b) = (Document::new(old, DocumentKind::PlainText), Document::new(new, DocumentKind::PlainText));
        let report = compare(&Draft { path: "old", doc: &a }, &Draft { path: "new", doc: &b });
        report.iter().map(|c| format!("{:?}", c.changes)).collect::<Vec<_>>()
    };
    assert_eq!(changes("一、甲\n（一）乙\n（二）、丙\n", "一、甲\n（一）乙\n（二）丙\n"), Vec::<String>::new());
    assert_eq!(changes("一、甲\n（一）乙\n（二）丙\n", "一、甲\n（一）丙\n"), ["[Removed]", "[Renumbered]"]);
}

/// Large flat drafts stay cheap to compare: a title repeated thousands of times pairs with
/// itself one by one, and thousands of unpaired titles in one list are not weighed against
/// each other for rewordings (each side then counts as removed and added).
#[test]
fn large_flat_drafts() {
    let repeated = "一是加强。\n".repeat(5000);
    let doc = Document::new(&repeated, DocumentKind::PlainText);
    let draft = Draft { path: "draft", doc: &doc };
    let started = std::time::Instant::now();
    assert_eq!(compare(&draft, &draft), []);
    // Forty runs of 1. to 99. under one heading: 3960 siblings, no title shared.
    let titles = |seed: u32| -> String {
        let items = (0..40u32)
            .flat_map(|run| (1..=99u32).map(move |i| format!("{i}.任务{}甲乙丙\n", (run * 100 + i) * 7 + seed)));
        std::iter::once("一、总体安排\n".to_string()).chain(items).collect()
    };
    let (a, b) =
        (Document::new(&titles(1), DocumentKind::PlainText), Document::new(&titles(2), DocumentKind::PlainText));
    let changes = compare(&Draft { path: "a", doc: &a }, &Draft { path: "b", doc: &b });
    assert_eq!(changes.len(), 2 * 3960, "every item removed and added, none weighed as reworded");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "{:?}", started.elapsed());
}

const OLD_TABLE: &str = "tests/fixtures/diff/2026-tasks-table-zhengqiu.md";
const NEW_TABLE: &str = "tests/fixtures/diff/2026-tasks-table-songshen.md";

/// Two drafts of a 任务分解 table: its rows are tasks, numbered under the section they sit
/// in — one reworded, one dropped (the rows below it renumbered, one with its deadline
/// moved), one with another lead, one added.
#[test]
fn two_drafts_of_a_task_table() {
    insta::assert_snapshot!("diff_tasks_table", stdout(&[OLD_TABLE, NEW_TABLE]));
}

/// Each table row's change names its line in both drafts (the reworded row's figure is a
/// target's change besides, listed after the tasks).
#[test]
fn table_rows_link_to_their_lines() {
    let report: Value = serde_json::from_str(&stdout(&["--format", "json", OLD_TABLE, NEW_TABLE])).expect("json");
    let lines: Vec<(Value, Value, Value)> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["subject"] == "task")
        .map(|c| (c["changes"].clone(), c["old"]["line"].clone(), c["new"]["line"].clone()))
        .collect();
    let json = |s: &str| serde_json::from_str::<Value>(s).expect("json");
    assert_eq!(
        lines,
        [
            (json(r#"["reworded"]"#), json("7"), json("7")),
            (json(r#"["removed"]"#), json("9"), Value::Null),
            (json(r#"["renumbered","deadline"]"#), json("10"), json("9")),
            (json(r#"["lead"]"#), json("18"), json("17")),
            (json(r#"["added"]"#), Value::Null, json("19")),
        ]
    );
}
