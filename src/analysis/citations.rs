//! `citation.conflict`: one document cited two ways in a draft — the same title from one
//! issuer with two numbers, or one number with two titles. One of them is wrong; the later is reported,
//! with the earlier as related information.
//!
//! Across the drafts of a workspace (or the files one `workplan check` is given), the same
//! title from one issuer in one year with two serials: each draft's citation is reported,
//! naming the other draft's. Across drafts the year must agree too: an office re-issues a
//! notice of the same title every year (`关于做好春节期间工作的通知`), and last year's plan cites
//! last year's.

use compact_str::CompactString;
use rustc_hash::FxHashMap;

pub use crate::syntax::citations::CitedElsewhere;

use super::check::{DocumentCheck, DocumentContext};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::BlockSyntax;
use crate::text::LineSpan;

/// Every citation of a draft, as (title, number, line): what the other drafts compare with.
pub fn citations_of<B: AsRef<BlockSyntax>>(
    blocks: &[B],
    fenced: &[bool],
) -> Vec<(CompactString, CompactString, usize)> {
    blocks
        .iter()
        .enumerate()
        .filter(|(line, _)| !fenced.get(*line).copied().unwrap_or(false))
        .flat_map(|(line, b)| b.as_ref().citations().iter().map(move |c| (c.title.clone(), c.number.clone(), line)))
        .collect()
}

/// The issuer and the year of a number (`苏政发〔2024〕5号` → `苏政发`, `2024`).
fn issuer_and_year(number: &str) -> (&str, &str) {
    let (issuer, rest) = number.split_once('〔').unwrap_or((number, ""));
    (issuer, rest.split('〕').next().unwrap_or_default())
}

pub fn check_document<B: AsRef<BlockSyntax>>(
    blocks: &[B],
    fenced: &[bool],
    elsewhere: &[CitedElsewhere],
    out: &mut Vec<Diagnostic>,
) {
    let start = out.len();
    // (Title, issuer) → (number, where), number → (title, where): the first citation of each.
    // Two issuers may well give two documents one title (`关于做好…工作的通知`).
    let mut by_title: FxHashMap<(&str, &str), (&str, LineSpan)> = FxHashMap::default();
    let mut by_number: FxHashMap<&str, (&str, LineSpan)> = FxHashMap::default();
    for (line, block) in blocks.iter().enumerate() {
        if fenced.get(line).copied().unwrap_or(false) {
            continue;
        }
        for c in block.as_ref().citations() {
            let (title_at, number_at) = (c.title_span.at_line(line), c.number_span.at_line(line));
            let issuer = c.number.split('〔').next().unwrap_or_default();
            if let Some((number, at)) = conflict(&mut by_title, (c.title.as_str(), issuer), &c.number, number_at) {
                let message =
                    format!("同一文件《{}》前面引作“{number}”，此处引作“{}”，请核对发文字号。", c.title, c.number);
                out.push(Diagnostic::new(RuleId::CitationConflict, number_at, message).with_related(at, "前面的引用"));
            }
            if let Some((title, at)) = conflict(&mut by_number, c.number.as_str(), &c.title, title_at) {
                let message =
                    format!("发文字号“{}”前面对应《{title}》，此处对应《{}》，请核对文件标题。", c.number, c.title);
                out.push(Diagnostic::new(RuleId::CitationConflict, title_at, message).with_related(at, "前面的引用"));
            }
        }
    }
    // A citation reported against this draft's own is not reported again against another's.
    let reported: rustc_hash::FxHashSet<LineSpan> = out[start..].iter().map(|d| d.range).collect();
    check_elsewhere(blocks, fenced, elsewhere, &reported, out);
}

/// The first citation under `key`, if it says something other than `value`; the first one
/// is kept (with where it is) when there is none yet.
fn conflict<'a, K: Eq + std::hash::Hash>(
    first: &mut FxHashMap<K, (&'a str, LineSpan)>,
    key: K,
    value: &'a str,
    at: LineSpan,
) -> Option<(&'a str, LineSpan)> {
    let &mut (earlier, earlier_at) = first.entry(key).or_insert((value, at));
    (earlier != value).then_some((earlier, earlier_at))
}

/// The citations of this draft whose title another draft cites from the same issuer and
/// year with another serial.
fn check_elsewhere<B: AsRef<BlockSyntax>>(
    blocks: &[B],
    fenced: &[bool],
    elsewhere: &[CitedElsewhere],
    reported: &rustc_hash::FxHashSet<LineSpan>,
    out: &mut Vec<Diagnostic>,
) {
    if elsewhere.is_empty() {
        return;
    }
    // (Title, issuer, year) → the citations elsewhere, in the order given.
    let mut by_title: FxHashMap<(&str, &str, &str), Vec<&CitedElsewhere>> = FxHashMap::default();
    for e in elsewhere {
        let (issuer, year) = issuer_and_year(&e.number);
        by_title.entry((e.title.as_str(), issuer, year)).or_default().push(e);
    }
    for (line, block) in blocks.iter().enumerate() {
        if fenced.get(line).copied().unwrap_or(false) {
            continue;
        }
        for c in block.as_ref().citations() {
            let (issuer, year) = issuer_and_year(&c.number);
            let Some(others) = by_title.get(&(c.title.as_str(), issuer, year)) else { continue };
            let Some(other) = others.iter().find(|e| e.number != c.number) else { continue };
            if reported.contains(&c.number_span.at_line(line)) {
                continue;
            }
            let message = format!(
                "同一文件《{}》在{}引作“{}”，此处引作“{}”，请核对发文字号。",
                c.title, other.place, other.number, c.number
            );
            out.push(Diagnostic::new(RuleId::CitationConflict, c.number_span.at_line(line), message));
        }
    }
}

/// What of the other drafts' citations (each draft's name and its citations, as
/// [`citations_of`] gives them) this draft's citations `own` are compared with: those of a
/// title this draft cites from the same issuer in the same year, with another number. A
/// workspace of hundreds of drafts gives each draft a handful, not every citation there is.
pub fn cited_elsewhere<'a>(
    own: &[(CompactString, CompactString, usize)],
    others: impl IntoIterator<Item = (&'a str, &'a [(CompactString, CompactString, usize)])>,
) -> Vec<CitedElsewhere> {
    if own.is_empty() {
        return Vec::new();
    }
    let mut numbers: FxHashMap<(&str, &str, &str), Vec<&str>> = FxHashMap::default();
    for (title, number, _) in own {
        let (issuer, year) = issuer_and_year(number);
        numbers.entry((title.as_str(), issuer, year)).or_default().push(number.as_str());
    }
    let mut out = Vec::new();
    for (name, citations) in others {
        for (title, number, line) in citations {
            let (issuer, year) = issuer_and_year(number);
            let differs =
                numbers.get(&(title.as_str(), issuer, year)).is_some_and(|own| own.iter().any(|n| n != number));
            if differs {
                out.push(CitedElsewhere {
                    title: title.clone(),
                    number: number.clone(),
                    place: compact_str::format_compact!("“{name}”第{}行", line + 1),
                });
            }
        }
    }
    out
}

/// `citation.conflict`, over the document and the other drafts' citations.
pub struct Citations;

impl DocumentCheck<DocumentContext<'_>> for Citations {
    fn check(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        check_document(cx.blocks, &cx.outline.fenced, &cx.elsewhere.citations, out);
    }
}
