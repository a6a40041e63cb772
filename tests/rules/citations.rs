//! citation.conflict (one document cited two ways).

use super::{findings, one};

#[test]
fn a_title_with_two_numbers_is_reported_at_the_later_number() {
    let text = "贯彻《关于加快发展的意见》（苏政发〔2024〕5号）。\n落实《关于加快发展的意见》（苏政发〔2024〕6号）。";
    assert_eq!(findings(text), one("citation.conflict", 1, "苏政发〔2024〕6号"));
    let doc = workplan::Document::new(text, workplan::DocumentKind::PlainText);
    assert_eq!(doc.span_text(doc.findings()[0].related[0].range), "苏政发〔2024〕5号");
}

#[test]
fn a_number_with_two_titles_is_reported_at_the_later_title() {
    let text = "贯彻《关于加快发展的意见》（苏政发〔2024〕5号）。\n落实《关于推进改革的意见》（苏政发〔2024〕5号）。";
    assert_eq!(findings(text), one("citation.conflict", 1, "《关于推进改革的意见》"));
}

#[test]
fn different_documents_and_bracket_variants_stay_silent() {
    let text = "贯彻《关于加快发展的意见》（苏政发〔2024〕5号）和《关于推进改革的意见》（苏政发〔2024〕8号）。\n落实《关于加快发展的意见》（苏政发[2024]5号）。\n《关于加快发展的意见》（苏政办发〔2024〕3号）";
    let got: Vec<_> = findings(text).into_iter().filter(|f| f.0 == "citation.conflict").collect();
    assert_eq!(got, vec![]);
}

/// The drafts of a workspace, compared as `workplan check` compares the files it is given:
/// `(draft, line, covered text)` of each `citation.conflict`.
fn across(drafts: &[&str]) -> Vec<(usize, usize, String)> {
    let mut docs: Vec<workplan::Document> =
        drafts.iter().map(|t| workplan::Document::new(t, workplan::DocumentKind::PlainText)).collect();
    let names: Vec<String> = (0..drafts.len()).map(|k| format!("{k}.txt")).collect();
    let mut named: Vec<(&str, &mut workplan::Document)> =
        names.iter().map(String::as_str).zip(docs.iter_mut()).collect();
    workplan::features::workspace::compare_drafts(&mut named);
    let mut out = Vec::new();
    for (k, doc) in docs.iter().enumerate() {
        for d in doc.findings().iter().filter(|d| d.code == "citation.conflict") {
            out.push((k, d.range.line, doc.span_text(d.range)));
        }
    }
    out
}

const FIVE: &str = "一、重点工作\n贯彻《关于加快发展的意见》（苏政发〔2024〕5号）。";
const SIX: &str = "一、重点工作\n落实《关于加快发展的意见》（苏政发〔2024〕6号）。";

#[test]
fn a_title_with_two_numbers_in_two_drafts_is_reported_in_each() {
    assert_eq!(
        across(&[FIVE, SIX]),
        [(0, 1, "苏政发〔2024〕5号".to_string()), (1, 1, "苏政发〔2024〕6号".to_string())]
    );
    let mut docs = [
        workplan::Document::new(FIVE, workplan::DocumentKind::PlainText),
        workplan::Document::new(SIX, workplan::DocumentKind::PlainText),
    ];
    let [a, b] = &mut docs;
    workplan::features::workspace::compare_drafts(&mut [("2025年工作要点.txt", a), ("2026年工作要点.txt", b)]);
    assert_eq!(
        docs[1].findings()[0].message,
        "同一文件《关于加快发展的意见》在“2025年工作要点.txt”第2行引作“苏政发〔2024〕5号”，此处引作“苏政发〔2024〕6号”，请核对发文字号。"
    );
    // A draft with a conflict of its own is told once, against its own citation.
    let both = format!("{FIVE}\n{}", SIX.lines().nth(1).unwrap_or_default());
    assert_eq!(
        across(&[FIVE, &both]),
        [(0, 1, "苏政发〔2024〕5号".to_string()), (1, 2, "苏政发〔2024〕6号".to_string())]
    );
}

#[test]
fn drafts_that_agree_or_cite_another_years_document_stay_silent() {
    for drafts in [
        [FIVE, FIVE],
        [FIVE, "一、重点工作\n落实《关于加快发展的意见》（苏政发[2024]5号）。"],
        // Another issuer, another year: another document of the same title.
        [FIVE, "一、重点工作\n落实《关于加快发展的意见》（苏政办发〔2024〕6号）。"],
        [FIVE, "一、重点工作\n落实《关于加快发展的意见》（苏政发〔2025〕6号）。"],
        // Another title, or a title without a number.
        [FIVE, "一、重点工作\n落实《关于加快发展的实施意见》（苏政发〔2024〕6号）。"],
        [FIVE, "一、重点工作\n落实《关于加快发展的意见》。"],
    ] {
        assert_eq!(across(&drafts), [], "{drafts:?}");
    }
}
