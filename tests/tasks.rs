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

/// The task findings of a draft as (code, line, text of the range, text of the related place).
fn task_findings(text: &str, kind: DocumentKind) -> Vec<(String, usize, String, String)> {
    let doc = Document::new(text, kind);
    doc.findings()
        .iter()
        .filter(|d| d.code.as_str().starts_with("task."))
        .map(|d| {
            let related = d.related.first().map(|r| doc.span_text(r.range)).unwrap_or_default();
            (d.code.as_str().to_string(), d.range.line + 1, doc.span_text(d.range), related)
        })
        .collect()
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tasks").join(name);
    std::fs::read_to_string(path).expect("fixture")
}

/// A district's 任务分解 table: the row without a lead, the deadline of last year and the
/// unit spelt a second way are found, each at its cell or row; the impossible date is
/// date.impossible's alone (one fact, one finding).
#[test]
fn task_rules_on_a_task_table() {
    let text = fixture("2026-district-table-draft.md");
    assert_eq!(
        task_findings(&text, DocumentKind::Markdown),
        [
            ("task.unit-alias".into(), 8, "区发展改革局".into(), "区发改局".into()),
            (
                "task.lead-missing".into(),
                11,
                "| 5 | 完成老旧小区改造15个 |  | 区住建局、各街道 | 2026年9月底 |".into(),
                "区科技局".into()
            ),
            ("task.deadline-invalid".into(), 14, "2025年12月".into(), String::new()),
        ]
    );
    let doc = Document::new(&text, DocumentKind::Markdown);
    let impossible: Vec<String> = doc
        .findings()
        .iter()
        .filter(|d| d.code.as_str() == "date.impossible")
        .map(|d| doc.span_text(d.range))
        .collect();
    assert_eq!(impossible, ["2026年2月30日"]);
}

/// The same table put right: nothing to say.
#[test]
fn a_correct_task_table_is_silent() {
    let text = fixture("2026-district-table-final.md");
    let doc = Document::new(&text, DocumentKind::Markdown);
    let codes: Vec<&str> = doc
        .findings()
        .iter()
        .map(|d| d.code.as_str())
        .filter(|c| c.starts_with("task.") || *c == "date.impossible")
        .collect();
    assert_eq!(codes, Vec::<&str>::new());
}

/// A Word table pasted as tab-separated lines is read the same way.
#[test]
fn task_rules_on_tab_separated_rows() {
    let text = "某某区2026年重点工作任务分解\n序号\t工作任务\t责任单位\t完成时限\n1\t优化营商环境\t区行政审批局\t2026年6月底\n\
                2\t扩大对外开放\t区商务局\t13月底\n3\t建设人才公寓\t\t2026年12月底\n4\t推进数字政府\t区大数据局\t长期坚持\n";
    assert_eq!(
        task_findings(text, DocumentKind::PlainText),
        [
            ("task.deadline-invalid".into(), 4, "13月".into(), String::new()),
            ("task.lead-missing".into(), 5, "3\t建设人才公寓\t\t2026年12月底".into(), "区商务局".into()),
        ]
    );
}

/// The majority rule holds for tables as for numbered items: a table whose lead column is
/// mostly empty, or a table of fewer than three rows, says nothing.
#[test]
fn a_sparse_or_short_table_is_silent() {
    let sparse = "| 序号 | 重点任务 | 牵头单位 |\n|---|---|---|\n| 1 | 甲任务 | 区科技局 |\n| 2 | 乙任务 |  |\n| 3 | 丙任务 |  |\n";
    let short = "| 序号 | 重点任务 | 牵头单位 |\n|---|---|---|\n| 1 | 甲任务 | 区科技局 |\n| 2 | 乙任务 |  |\n";
    for text in [sparse, short] {
        assert_eq!(task_findings(text, DocumentKind::Markdown), [], "{text}");
    }
}

/// Units in cells and in label lines are one draft's units: a spelling in a table is
/// compared with one under a numbered item.
#[test]
fn unit_spellings_across_a_label_line_and_a_table() {
    let text = "一、推进项目建设\n牵头单位：区发改局\n二、重点任务清单\n| 重点任务 | 牵头单位 |\n|---|---|\n| 建设平台 | 区发展改革局 |\n";
    assert_eq!(
        task_findings(text, DocumentKind::Markdown),
        [("task.unit-alias".into(), 6, "区发展改革局".into(), "区发改局".into())]
    );
}

/// A deadline that says no time (a unit in the deadline column, `待定`) is found on the whole
/// value, in a label line and in a table's cell; periods and paces (`长期坚持`, `按进度推进`,
/// `第三季度`) and an empty cell are not judged.
#[test]
fn deadlines_that_say_no_time() {
    let text = "某某区2026年工作要点任务分解\n一、加快建设创新平台\n牵头单位：区科技局\n完成时限：区财政局\n\
                二、培育企业\n牵头单位：区经信局\n完成时限：按进度推进\n三、优化生态\n牵头单位：区发改局\n完成时限：第三季度\n";
    assert_eq!(
        task_findings(text, DocumentKind::PlainText),
        [("task.deadline-invalid".into(), 4, "区财政局".into(), String::new())]
    );
    let table = "| 序号 | 重点任务 | 牵头单位 | 完成时限 |\n|---|---|---|---|\n| 1 | 甲任务 | 区科技局 | 待定 |\n\
                 | 2 | 乙任务 | 区财政局 | 长期坚持 |\n| 3 | 丙任务 | 区商务局 |  |\n";
    assert_eq!(
        task_findings(table, DocumentKind::Markdown),
        [("task.deadline-invalid".into(), 3, "待定".into(), String::new())]
    );
}
