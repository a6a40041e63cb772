//! `term.preferred`: the office's word list (`[[term]]` in `workplan.toml`), each entry a
//! wrong spelling and the right one (`规模上工业` → `规模以上工业`). No built-in list: what an
//! office prefers is its own decision.

use super::check::{LineCheck, LineContext};
use super::config::Term;
use super::diagnostic::Diagnostic;
use super::pairs::enclosed;
use super::registry::RuleId;
use crate::text::{holding, Span};

pub fn check_block(line: &str, terms: &[Term], out: &mut Vec<Diagnostic>) {
    if terms.is_empty() {
        return;
    }
    // A document's title is cited as it was issued.
    let titles = enclosed(line, '《', '》');
    for term in terms {
        // Where the right spelling stands, the wrong one inside it is right (`高企` in
        // `高企业` when the entry is 高企 → 高企业): without this a fix would fire again.
        let rights: Vec<Span> =
            line.match_indices(term.right.as_str()).map(|(at, r)| Span::new(at, at + r.len())).collect();
        for (at, wrong) in line.match_indices(term.wrong.as_str()) {
            let span = Span::new(at, at + wrong.len());
            // Matches of one string do not overlap: the one that may hold this starts before it.
            let k = rights.partition_point(|s| s.start() <= span.start());
            let in_right = k > 0 && rights[k - 1].end() >= span.end();
            if in_right || holding(&titles, span.start()).is_some() {
                continue;
            }
            let note = if term.note.is_empty() { String::new() } else { format!("（{}）", term.note) };
            out.push(
                Diagnostic::new(
                    RuleId::TermPreferred,
                    span.at_line(0),
                    format!("按本单位用语规范，“{}”应写作“{}”{note}。", term.wrong, term.right),
                )
                .with_replacement(term.right.clone()),
            );
        }
    }
}

/// `term.preferred`, per line, with the office's word list.
pub struct Terms;

impl LineCheck for Terms {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.text, &cx.config.terms, out);
    }
}
