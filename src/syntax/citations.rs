//! Documents a paragraph cites by title and number (`《关于…的通知》（苏政发〔2024〕5号）`):
//! what `citation.conflict` compares across the draft.

use std::sync::LazyLock;

use compact_str::CompactString;
use regex::Regex;

use crate::text::Span;

/// A title, then its number in parentheses; the year's brackets as written (docnum.brackets
/// judges them), the serial with any leading zeros.
static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"《([^《》]{1,120})》[（(](\p{Han}{2,12})[\[【（(〔［]([0-9]{4})[\]】）)〕］]第?0*([0-9]{1,5})号[）)]")
        .expect("static regex")
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The title without its marks.
    pub title: CompactString,
    /// The number, spelt one way whatever its brackets (`苏政发〔2024〕5号`).
    pub number: CompactString,
    /// `《…》`, marks included.
    pub title_span: Span,
    /// The number, without the parentheses around it.
    pub number_span: Span,
}

/// A citation in another draft: what the drafts of a workspace compare (`citation.conflict`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CitedElsewhere {
    /// The title without its marks.
    pub title: CompactString,
    /// The number, spelt one way (`苏政发〔2024〕5号`).
    pub number: CompactString,
    /// Where, for people: the draft's name and the line (`“2025年工作要点.txt”第12行`).
    pub place: CompactString,
}

pub fn parse_citations(line: &str) -> Vec<Citation> {
    if !line.contains('》') || !line.contains('号') {
        return Vec::new();
    }
    super::captures_of(&CITATION, line)
        .filter_map(|c| {
            let (title, agency, year, serial) = (c.get(1)?, c.get(2)?, c.get(3)?, c.get(4)?);
            let open = title.start() - '《'.len_utf8();
            let close = title.end() + '》'.len_utf8();
            let number_start = agency.start();
            let number_end = serial.end() + '号'.len_utf8();
            Some(Citation {
                title: title.as_str().into(),
                number: compact_str::format_compact!("{}〔{}〕{}号", agency.as_str(), year.as_str(), serial.as_str()),
                title_span: Span::new(open, close),
                number_span: Span::new(number_start, number_end),
            })
        })
        .collect()
}
