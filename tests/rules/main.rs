//! Every rule: wrong examples fire with the exact range (and fix), right examples and the
//! look-alikes of RULES.md stay silent. One module per rule family.

mod attachments;
mod citations;
mod counts;
mod dates;
mod docnum;
mod numbering;
mod punct;
mod targets;
mod tasks;
mod terms;
mod units;

use workplan::syntax::DocumentKind;
use workplan::Document;

/// `(code, line, covered text)` of every finding.
pub fn findings_in(text: &str, kind: DocumentKind) -> Vec<(String, usize, String)> {
    let doc = Document::new(text, kind);
    doc.findings().iter().map(|d| (d.code.to_string(), d.range.line, doc.span_text(d.range))).collect()
}

pub fn findings(text: &str) -> Vec<(String, usize, String)> {
    findings_in(text, DocumentKind::PlainText)
}

pub fn one(code: &str, line: usize, covered: &str) -> Vec<(String, usize, String)> {
    vec![(code.to_string(), line, covered.to_string())]
}

/// The fixes of the only finding in `text`.
pub fn fix_of(text: &str) -> Vec<String> {
    let doc = Document::new(text, DocumentKind::PlainText);
    let findings = doc.findings();
    let [d] = findings.as_slice() else { panic!("expected one finding: {findings:?}") };
    d.fix.iter().map(|r| r.new_text.to_string()).collect()
}

#[test]
fn look_alikes_of_rules_md_section_1_stay_silent() {
    let text = "\
某某高新区2024年工作要点
一、总体要求
高（gāo）新区坚持“十四五”规划，推进“一带一路”建设，提出“12345”的招商目标，开展“310”综合整治。
2021年，全区牢固树立“四个意识”、坚定“四个自信”、做到“两个维护”，打造“一张网”，引进一批一流项目。
5月底前完成“两大战略”部署。
二、重点任务
（一）壮大主导产业。围绕生物医药、高端制造、新材料三大主导产业，做强五大主导产业+四大特色产业。
（二）推进项目建设。推进综合管廊、电力设施等27个项目。
";
    assert_eq!(findings(text), vec![]);
}
