//! Marks written twice, in halves, or where the standard leaves them out (GB/T 15834-2011):
//! `punct.doubled` (`，，`, `。。`: one mark is meant); `punct.ellipsis` (`…` or `………`: the
//! ellipsis is two `…`, §4.11); `punct.quoted-list` (`“甲”、“乙”`: quoted or titled items in
//! a row are usually not separated by `、`, §4.5).

use super::check::{LineCheck, LineContext};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::{first_chars, last_chars, LOOK_BACK};
use crate::text::Span;

/// Marks that are never right twice in a row. `？` and `！` are (`？！`, `！！` for emphasis,
/// §4.2, §4.3), and `……` is the ellipsis.
fn never_doubled(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：')
}

pub fn check_block(line: &str, out: &mut Vec<Diagnostic>) {
    check_doubled(line, out);
    check_ellipsis(line, out);
    check_quoted_list(line, out);
}

/// `…` or `………`: the ellipsis takes two `…` (`……`); twelve dots, `…………`, omit whole
/// paragraphs (§4.11), so only runs of one and three are reported.
fn check_ellipsis(line: &str, out: &mut Vec<Diagnostic>) {
    let mut from = 0;
    while let Some(k) = crate::syntax::find(&line[from..], "…") {
        let start = from + k;
        let run = line[start..].chars().take_while(|&c| c == '…').count();
        let end = start + run * '…'.len_utf8();
        if run == 1 || run == 3 {
            out.push(
                Diagnostic::new(
                    RuleId::PunctEllipsis,
                    Span::new(start, end).at_line(0),
                    "省略号应写作两个“…”连用的“……”（GB/T 15834-2011）。",
                )
                .with_replacement("……"),
            );
        }
        from = end;
    }
}

/// Exactly two of one mark: a slip of the key. Longer runs (`。。。。。。` for an ellipsis,
/// leaders in a contents list) are something else, and their fix is not certain.
fn check_doubled(line: &str, out: &mut Vec<Diagnostic>) {
    // The marks are three bytes long, led by E3 (`、` `。`) or EF (the full-width forms):
    // those bytes are searched for, rather than every character of the line read.
    let mut from = 0;
    while let Some(k) = memchr::memchr2(0xE3, 0xEF, &line.as_bytes()[from..]) {
        let i = from + k;
        let Some(c) = line[i..].chars().next() else { break };
        if !never_doubled(c) {
            from = i + c.len_utf8();
            continue;
        }
        let run = line[i..].chars().take_while(|&d| d == c).count();
        let end = i + run * c.len_utf8();
        from = end;
        if run == 2 {
            out.push(
                Diagnostic::new(
                    RuleId::PunctDoubled,
                    Span::new(i, end).at_line(0),
                    format!("标点“{c}”重复，只用一个（GB/T 15834-2011）。"),
                )
                .with_replacement(c.to_string()),
            );
        }
    }
}

/// Marks that end a clause, other than `、`.
fn ends_clause(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？')
}

/// The pairs whose items in a row take no `、` between them.
const PAIRS: [(char, char); 3] = [('“', '”'), ('《', '》'), ('「', '」')];

/// `”、“` between quoted items, unless the list also has an item without marks (`“一国两制”、
/// “港人治港”、高度自治`): there the `、` keep all the items alike, as the standard allows.
fn check_quoted_list(line: &str, out: &mut Vec<Diagnostic>) {
    // The `、` between two quoted items are looked for first: nearly every line has none.
    let separates = |at: usize| {
        let after = &line[at + '、'.len_utf8()..];
        PAIRS.iter().any(|&(open, close)| line[..at].ends_with(close) && after.starts_with(open))
    };
    // They are found by their first byte, E3, which besides the marks few characters have:
    // `match_indices` stops at each of their last byte, 81, which most Chinese lines are full of.
    let mut commas =
        memchr::memchr_iter(0xE3, line.as_bytes()).filter(|&at| line.as_bytes()[at..].starts_with("、".as_bytes()));
    if !commas.any(separates) {
        return;
    }
    for (open, close) in PAIRS {
        let between = format!("{close}、{open}");
        let mut from = 0;
        while let Some(k) = line[from..].find(&between) {
            let first = from + k;
            // The whole list: the separators in a row of quoted items, and whether an item
            // without marks stands before or after it.
            let mut seps = vec![first + close.len_utf8()];
            let mut end = first;
            loop {
                let item_start = end + close.len_utf8() + '、'.len_utf8();
                let Some(len) = line[item_start + open.len_utf8()..].find(close) else { break };
                end = item_start + open.len_utf8() + len;
                if line[end + close.len_utf8()..].starts_with(&between[close.len_utf8()..]) {
                    seps.push(end + close.len_utf8());
                } else {
                    break;
                }
            }
            // The clause around the list: an item without marks in it is joined by `、` too.
            let after = first_chars(&line[end + close.len_utf8()..], LOOK_BACK);
            let after = &after[..after.find(ends_clause).unwrap_or(after.len())];
            let before = line[from..first].rfind(open).map_or("", |s| &line[from..from + s]);
            let before = last_chars(before, LOOK_BACK).rsplit(ends_clause).next().unwrap_or_default();
            let mixed = after.contains('、') || before.contains('、');
            if !mixed {
                for at in &seps {
                    out.push(
                        Diagnostic::new(
                            RuleId::PunctQuotedList,
                            Span::new(*at, at + '、'.len_utf8()).at_line(0),
                            format!("并列的带{open}{close}的成分之间通常不用顿号（GB/T 15834-2011）。"),
                        )
                        .with_replacement(""),
                    );
                }
            }
            from = end + close.len_utf8();
        }
    }
}

/// The mark checks, per line.
pub struct Marks;

impl LineCheck for Marks {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.text, out);
    }
}
