//! `citation.conflict`: one document cited two ways in a draft — the same title from one
//! issuer with two numbers, or one number with two titles. One of them is wrong; the later is reported,
//! with the earlier as related information.

use rustc_hash::FxHashMap;

use super::diagnostic::Diagnostic;
use crate::syntax::BlockSyntax;
use crate::text::LineSpan;

pub fn check_document<B: AsRef<BlockSyntax>>(blocks: &[B], fenced: &[bool], out: &mut Vec<Diagnostic>) {
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
                out.push(Diagnostic::new("citation.conflict", number_at, message).with_related(at, "前面的引用"));
            }
            if let Some((title, at)) = conflict(&mut by_number, c.number.as_str(), &c.title, title_at) {
                let message =
                    format!("发文字号“{}”前面对应《{title}》，此处对应《{}》，请核对文件标题。", c.number, c.title);
                out.push(Diagnostic::new("citation.conflict", title_at, message).with_related(at, "前面的引用"));
            }
        }
    }
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
