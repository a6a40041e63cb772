//! 发文字号 (GB/T 9704-2012 §7.2.5: 机关代字、年份、发文顺序号; the year in 六角括号 `〔〕`,
//! the serial without leading zeros and without `第`):
//! `docnum.brackets` — the year in other brackets (`苏政发[2024]5号` → `苏政发〔2024〕5号`);
//! `docnum.serial` — `第` or leading zeros before the serial (`〔2024〕第05号` → `〔2024〕5号`);
//! `docnum.citation-order` — a number cited before its document's title
//! (`苏政发〔2024〕5号《…》` → `《…》（苏政发〔2024〕5号）`).

use std::sync::LazyLock;

use regex::Regex;

use super::check::{LineCheck, LineContext};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::{captures_of, last_chars, LOOK_BACK};
use crate::text::Span;

/// 机关代字 (two or more Chinese characters), the year in some brackets, the serial, `号`.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Han}{2}([\[【（(〔［])([0-9]{4})([\]】）)〕］])(第?0*)([0-9]+)号").expect("static regex")
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&NUMBER];

/// A 发文字号 found in a line: where its year's brackets and its serial are.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocNumber {
    /// From the opening bracket to the closing one, both included.
    pub year: Span,
    /// `第` and leading zeros before the serial (empty when there are none).
    pub padding: Span,
    /// From the opening bracket to `号`.
    pub number: Span,
}

/// The 发文字号 of a line, less those in a URL (`…/szf[2024]5号.html` is a file name).
pub(crate) fn numbers(line: &str) -> Vec<DocNumber> {
    if !line.contains('号') {
        return Vec::new();
    }
    captures_of(&NUMBER, line)
        .filter_map(|c| {
            let (open, close, padding, whole) = (c.get(1)?, c.get(3)?, c.get(4)?, c.get(0)?);
            if in_url(line, whole.start()) {
                return None;
            }
            Some(DocNumber {
                year: Span::new(open.start(), close.end()),
                padding: Span::new(padding.start(), padding.end()),
                number: Span::new(open.start(), whole.end()),
            })
        })
        .collect()
}

/// Whether the run of text without spaces around `at` is a web address.
fn in_url(line: &str, at: usize) -> bool {
    let before = last_chars(&line[..at], LOOK_BACK).rsplit(char::is_whitespace).next().unwrap_or_default();
    before.contains("://") || before.contains("www.") || before.contains('/')
}

pub fn check_block(line: &str, out: &mut Vec<Diagnostic>) {
    for n in numbers(line) {
        let year = &line[n.year.start()..n.year.end()];
        if !year.starts_with('〔') || !year.ends_with('〕') {
            let digits: String = year.chars().filter(char::is_ascii_digit).collect();
            out.push(
                Diagnostic::new(
                    RuleId::DocnumBrackets,
                    n.year.at_line(0),
                    format!("发文字号中的年份应标注在六角括号“〔〕”内：写作“〔{digits}〕”（GB/T 9704-2012 §7.2.5）。"),
                )
                .with_replacement(format!("〔{digits}〕")),
            );
        }
        if !n.padding.is_empty() {
            let padding = &line[n.padding.start()..n.padding.end()];
            out.push(
                Diagnostic::new(
                    RuleId::DocnumSerial,
                    n.padding.at_line(0),
                    format!("发文字号的发文顺序号不加“第”字，不编虚位，应删去“{padding}”（GB/T 9704-2012 §7.2.5）。"),
                )
                .with_replacement(""),
            );
        }
        if line[n.number.end()..].starts_with('《') {
            out.push(Diagnostic::new(
                RuleId::DocnumCitationOrder,
                n.number.at_line(0),
                "引用公文应先引标题，后引发文字号：写作“《标题》（发文字号）”。",
            ));
        }
    }
}

/// The document number checks, per line.
pub struct Docnum;

impl LineCheck for Docnum {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.text, out);
    }
}
