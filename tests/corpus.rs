//! The shared corpus beside the project (`../shared/corpus`, present in CI): drafts with
//! known findings must give exactly those findings for the rule families implemented, and
//! the real published documents must give no structural false alarm. Outlines of the real
//! documents and of our own examples are pinned as snapshots.

mod shared_corpus;

use std::path::{Path, PathBuf};

use shared_corpus::corpus;

use workplan::cli::outline::OutlineNode;
use workplan::features::symbols::document_symbols;
use workplan::files::encoding::decode;
use workplan::{Document, DocumentKind};

/// Rule families this build implements; expected findings of other families are ignored.
const FAMILIES: &[&str] = &["numbering", "enumeration", "count", "unit", "punct", "target"];

fn load(path: &Path) -> Document {
    let bytes = std::fs::read(path).expect("corpus file readable");
    let text = decode(bytes).expect("corpus file is text").text;
    Document::new(&text, DocumentKind::from_path(&path.display().to_string()))
}

fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus folder readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e)))
        .collect();
    v.sort();
    v
}

fn in_scope(code: &str) -> bool {
    FAMILIES.iter().any(|f| code.starts_with(&format!("{f}.")))
}

#[test]
fn drafts_give_exactly_the_expected_findings() {
    let Some(corpus) = corpus() else { return };
    let drafts = corpus.join("drafts");
    let mut checked = 0;
    for draft in files(&drafts, &["txt", "md"]) {
        let expected_path = draft.with_extension("expected");
        let Ok(expected) = std::fs::read_to_string(&expected_path) else { continue };
        let mut want: Vec<(usize, String)> = expected
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut parts = l.split('\t');
                Some((parts.next()?.trim().parse().ok()?, parts.next()?.trim().to_string()))
            })
            .filter(|(_, code)| in_scope(code))
            .collect();
        let doc = load(&draft);
        let mut got: Vec<(usize, String)> = doc
            .findings()
            .iter()
            .map(|d| (d.range.line + 1, d.code.to_string()))
            .filter(|(_, code)| in_scope(code))
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{}", draft.display());
        checked += 1;
    }
    let expectations = files(&drafts, &["expected"]).len();
    assert!(expectations > 0, "no .expected files in {}", drafts.display());
    assert_eq!(checked, expectations, "a draft beside every .expected file");
}

/// Asserts that no document in `folder` of the corpus gives a finding `is_alarm` picks.
fn assert_no_alarm(folder: &str, is_alarm: fn(&str) -> bool) {
    let Some(corpus) = corpus() else { return };
    let docs = files(&corpus.join(folder), &["txt", "md"]);
    assert!(!docs.is_empty(), "no documents in {folder}");
    for path in docs {
        let doc = load(&path);
        let alarms: Vec<_> = doc
            .findings()
            .iter()
            .filter(|d| is_alarm(d.code.as_str()))
            .map(|d| (d.range.line + 1, d.code, d.message.clone()))
            .collect();
        assert!(alarms.is_empty(), "{}: {alarms:?}", path.display());
    }
}

fn is_structural(code: &str) -> bool {
    matches!(code, "numbering.gap" | "enumeration.gap") || code.starts_with("count.")
}

#[test]
fn real_documents_give_no_structural_false_alarm() {
    assert_no_alarm("real", |code| is_structural(code) || code.starts_with("target."));
}

/// Published government work reports are almost never wrong in their numbering or counts:
/// a structural finding on one is a false alarm.
#[test]
fn published_reports_give_no_structural_false_alarm() {
    assert_no_alarm("reports", is_structural);
}

/// Paired marks, doubled marks, ellipses, dates, document numbers, citations and attachment references are checked against rules with
/// no exceptions: on published and real documents any such finding is a false alarm.
#[test]
fn published_and_real_documents_give_no_mark_or_date_false_alarm() {
    let is_alarm = |code: &str| {
        matches!(code, "punct.unpaired" | "punct.doubled" | "punct.ellipsis")
            || code.starts_with("date.")
            || code.starts_with("docnum.")
            || code.starts_with("attachment.")
            || code.starts_with("citation.")
    };
    assert_no_alarm("real", is_alarm);
    assert_no_alarm("reports", is_alarm);
}

/// The glossary after the 2026 report of 四川省 (`名词解释`, line 101) is a part of its own
/// holding its 20 entries, not more children of the report's last section `（十）`.
#[test]
fn the_glossary_of_a_published_report_is_a_part_of_its_own() {
    let Some(corpus) = corpus() else { return };
    let nodes = outline(&load(&corpus.join("reports/2026-四川省.txt")));
    let glossary = nodes.iter().find(|n| n.title == "名词解释").expect("名词解释 at the root");
    assert_eq!(glossary.line, 101);
    assert_eq!(glossary.children.len(), 20);
    let numbers: Vec<&str> = glossary.children.iter().map(|c| c.marker.as_str()).collect();
    assert_eq!(numbers.first().copied(), Some("1."));
    assert_eq!(numbers.last().copied(), Some("20."));
}

fn outline(doc: &Document) -> Vec<OutlineNode> {
    document_symbols(doc).iter().map(OutlineNode::from).collect()
}

#[test]
fn outlines_of_real_documents() {
    let Some(corpus) = corpus() else { return };
    for path in files(&corpus.join("real"), &["txt"]) {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("doc").to_string();
        insta::assert_json_snapshot!(format!("real_outline_{name}"), outline(&load(&path)));
    }
}

#[test]
fn outlines_of_our_examples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for path in files(&dir, &["txt", "md"]) {
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or("doc").replace('.', "_");
        insta::assert_json_snapshot!(format!("example_outline_{name}"), outline(&load(&path)));
    }
}

#[test]
fn target_tables_of_real_documents() {
    let Some(corpus) = corpus() else { return };
    for path in files(&corpus.join("real"), &["txt"]) {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("doc").to_string();
        let rows = workplan::features::targets_table::rows(&name, &load(&path));
        insta::assert_json_snapshot!(format!("real_targets_{name}"), rows);
    }
}

#[test]
fn the_2021_speech_states_its_goals_paragraph() {
    let Some(corpus) = corpus() else { return };
    let doc = load(&corpus.join("real/003_86a68042849f8c0b.txt"));
    let rows = workplan::features::targets_table::rows("003", &doc);
    let goals: Vec<_> = rows.iter().filter(|r| (77..=82).contains(&r.line)).collect();
    assert_eq!(goals.len(), 13);
    let indicators: std::collections::BTreeSet<&str> = goals.iter().map(|r| r.indicator.as_str()).collect();
    assert_eq!(indicators.len(), 7, "{indicators:?}");
    let gdp = goals.iter().find(|r| r.indicator == "地区生产总值" && r.unit == "亿元").expect("GDP level");
    assert_eq!((gdp.value.as_str(), gdp.base_value, gdp.base_unit.as_str()), ("313.9", 3.139e10, "元"));
    assert_eq!(gdp.period.as_deref(), Some("2021"));
    let growth = goals.iter().find(|r| r.indicator == "地区生产总值" && r.unit == "%").expect("GDP growth");
    assert_eq!(growth.value, "7.5");
}
