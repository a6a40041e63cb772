//! The target table of drafts written here in the style of real reports and speeches, one
//! per class of issue 12 (parts without a year in their heading, openings, 初步统计, tier
//! words reaching to the sentence end, 分别 and 均, ranks, shares, base and result, plan
//! periods, spans of a five-year review, counts before their noun, renovations, comparisons
//! left out, Traditional text with converter debris): each row exactly as in the
//! `.expected.tsv` beside the draft.

use std::path::Path;

use workplan::features::targets_table::rows;
use workplan::{Document, DocumentKind};

fn table(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("fixture");
    let doc = Document::new(&text, DocumentKind::PlainText);
    rows("fixture", &doc)
        .iter()
        .map(|r| {
            let kind = serde_json::to_value(r.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            let modality =
                serde_json::to_value(r.modality).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            let period = r.period.clone().unwrap_or_else(|| "—".to_string());
            [r.line.to_string(), r.indicator.clone(), r.value.clone(), r.unit.clone(), period, modality, kind]
                .join("\t")
        })
        .collect()
}

#[test]
fn target_tables_of_our_drafts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/targets");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let expected_path = path.with_extension("expected.tsv");
        let expected = std::fs::read_to_string(&expected_path).expect("expected rows");
        let want: Vec<&str> = expected.lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
        let got = table(&path);
        assert_eq!(got, want, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 2, "checked {checked} drafts");
}
