//! The task ledger (`workplan tasks`, issue 17): every numbered task of a 任务分解 with the
//! fields its drafters attached — label lines, several labels on a line, parenthesised
//! run-ins, rows of a task table — exactly as in the `.expected.tsv` beside each fixture; and nothing read as a
//! field in documents that have none.

mod shared_corpus;

use std::path::Path;

use shared_corpus::corpus;
use workplan::features::tasks::{rows, TaskRow};
use workplan::{Document, DocumentKind};

fn ledger(text: &str, kind: DocumentKind) -> Vec<TaskRow> {
    rows("fixture", &Document::new(text, kind))
}

fn tsv(rows: &[TaskRow]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            [
                r.line.to_string(),
                r.number.clone(),
                r.title.clone(),
                r.lead.join("、"),
                r.others.join("、"),
                r.deadline.clone().unwrap_or_default(),
            ]
            .join("\t")
        })
        .collect()
}

#[test]
fn ledgers_of_our_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tasks");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
        let path = entry.path();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => DocumentKind::PlainText,
            Some("md") => DocumentKind::Markdown,
            _ => continue,
        };
        let text = std::fs::read_to_string(&path).expect("fixture");
        let expected = std::fs::read_to_string(path.with_extension("expected.tsv")).expect("expected rows");
        let want: Vec<&str> = expected.lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(tsv(&ledger(&text, kind)), want, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 2, "checked {checked} fixtures");
}

/// A Markdown 任务分解: labels in list items and table cells count, a code fence does not.
#[test]
fn markdown_lists_tables_and_fences() {
    let text = "## 一、重点任务\n\n### （一）建设创新平台\n\n- 牵头单位：区科技局\n- 完成时限：2026年底\n\n\
                ### （二）培育产业集群\n\n| 牵头单位：区经信局 | 配合单位：区发改局 |\n\n```\n牵头单位：示例局\n```\n";
    let rows = ledger(text, DocumentKind::Markdown);
    assert_eq!(
        tsv(&rows),
        [
            "1\t一、\t重点任务\t\t\t",
            "3\t一、（一）\t建设创新平台\t区科技局\t\t2026年底",
            "8\t一、（二）\t培育产业集群\t区经信局\t区发改局\t"
        ]
    );
}

/// Run-ins attach to the item they follow on the line; a unit named twice is listed once;
/// a field before the first task belongs to none.
#[test]
fn fields_go_to_their_own_task() {
    let text = "牵头单位：办公室\n一、推进重点项目。一是抓开工（牵头单位：区发改局、区住建局）；二是抓投产（牵头部门：区经信局；配合部门：区发改局、区经信局）。\n";
    assert_eq!(
        tsv(&ledger(text, DocumentKind::PlainText)),
        [
            "2\t一、\t推进重点项目\t\t\t",
            "2\t一、一是\t抓开工\t区发改局、区住建局\t\t",
            "2\t一、二是\t抓投产\t区经信局\t区发改局\t"
        ]
    );
}

/// Published plans, reports and speeches carry no 任务分解 fields: their numbered items are
/// listed, and not one of them gets a lead, a unit or a deadline out of prose such as
/// `支持企业牵头组建创新联合体`.
#[test]
fn documents_without_fields_list_bare_tasks() {
    let Some(corpus) = corpus() else { return };
    let mut tasks = 0;
    for folder in ["real", "reports", "drafts"] {
        for entry in std::fs::read_dir(corpus.join(folder)).expect("corpus").flatten() {
            let path = entry.path();
            let kind = match path.extension().and_then(|e| e.to_str()) {
                Some("txt") => DocumentKind::PlainText,
                Some("md") => DocumentKind::Markdown,
                _ => continue,
            };
            let text = std::fs::read_to_string(&path).expect("corpus file");
            for row in ledger(&text, kind) {
                assert!(
                    row.lead.is_empty() && row.others.is_empty() && row.deadline.is_none(),
                    "{}:{} {row:?}",
                    path.display(),
                    row.line
                );
                tasks += 1;
            }
        }
    }
    assert!(tasks > 500, "{tasks} tasks");
}
