//! term.preferred (the office's word list, `[[term]]` in workplan.toml).

use std::sync::Arc;

use workplan::{Config, Document, DocumentKind};

fn with_terms(text: &str) -> Vec<(String, String, Vec<String>)> {
    let config = Config::from_toml(
        "[[term]]\nwrong = \"规模上工业\"\nright = \"规模以上工业\"\n\n[[term]]\nwrong = \"高企\"\nright = \"高企业\"\nnote = \"示例\"\n",
    )
    .expect("config");
    let doc = Document::with_config(text, DocumentKind::PlainText, Arc::new(config));
    doc.findings()
        .iter()
        .map(|d| (d.code.to_string(), doc.span_text(d.range), d.fix.iter().map(|f| f.new_text.to_string()).collect()))
        .collect()
}

#[test]
fn each_wrong_spelling_is_one_finding_with_the_right_one_as_fix() {
    assert_eq!(
        with_terms("全市规模上工业增加值增长6%。"),
        [("term.preferred".to_string(), "规模上工业".to_string(), vec!["规模以上工业".to_string()])]
    );
}

#[test]
fn titles_right_spellings_and_drafts_without_a_word_list_stay_silent() {
    assert_eq!(with_terms("学习《关于支持规模上工业发展的若干措施》。"), []);
    // 高企 inside the right spelling 高企业 is right: the fix is idempotent.
    assert_eq!(with_terms("新认定高企业50家。"), []);
    assert_eq!(super::findings("全市规模上工业增加值增长6%。"), vec![]);
}
