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
