//! docnum.* (GB/T 9704-2012 §7.2.5).

use super::{findings, fix_of, one};

#[test]
fn the_year_of_a_document_number_takes_hexagonal_brackets() {
    assert_eq!(findings("根据苏政发[2024]5号文件精神"), one("docnum.brackets", 0, "[2024]"));
    assert_eq!(fix_of("根据苏政发[2024]5号文件精神"), ["〔2024〕"]);
    assert_eq!(fix_of("转发国办发【2024】12号"), ["〔2024〕"]);
    assert_eq!(fix_of("按照市政办（2023）8号要求"), ["〔2023〕"]);
    // One finding for `(`: the number's, not punct.halfwidth's as well.
    assert_eq!(findings("按照市政办(2023)8号要求"), one("docnum.brackets", 0, "(2023)"));
}

#[test]
fn the_serial_takes_no_di_and_no_leading_zeros() {
    assert_eq!(findings("苏政发〔2024〕第5号"), one("docnum.serial", 0, "第"));
    assert_eq!(findings("苏政发〔2024〕05号"), one("docnum.serial", 0, "0"));
    assert_eq!(fix_of("苏政发〔2024〕第005号"), [""]);
}

#[test]
fn a_citation_gives_the_title_first() {
    assert_eq!(findings("根据苏政发〔2024〕5号《关于加快发展的意见》"), one("docnum.citation-order", 0, "〔2024〕5号"));
}

#[test]
fn right_numbers_case_numbers_and_urls_stay_silent() {
    for text in [
        "苏政发〔2024〕5号",
        "苏政发〔2024〕105号",
        "根据《关于加快发展的意见》（苏政发〔2024〕5号）",
        "按照苏政发〔2024〕5号文件要求",
        "（2024）京01民初5号",
        "详见 https://www.example.gov.cn/苏政发[2024]5号.html",
    ] {
        let got: Vec<_> = findings(text).into_iter().filter(|f| f.0.starts_with("docnum.")).collect();
        assert_eq!(got, vec![], "{text}");
    }
}

#[test]
fn a_wide_space_before_a_number_is_no_trouble() {
    assert_eq!(findings("总额10　亿元苏政发[2024]05号").iter().filter(|f| f.0.starts_with("docnum.")).count(), 2);
}
