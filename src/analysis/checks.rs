//! Which checks run, and in which order: the one list a new check is added to. Within one
//! place and code, findings keep the order of their checks, so the order is part of the
//! output. (The rule itself is one line in `registry.rs`; its check lives in its family's
//! file, behind [`LineCheck`] or [`DocumentCheck`].)

use super::block::Block;
use super::check::{DocumentCheck, DocumentContext, LineCheck, LineContext};
use super::config::Config;
use super::targets::Statements;
use super::{
    attachments, below_last_actual, citations, counts, dates, deadlines, docnum, marks, numbering, pairs, punct,
};
use super::{targets, tasks, terms, units};
use crate::syntax::{parse_block, DocumentKind, Prepare};
use rayon::prelude::*;

/// The checks run on each line when it is parsed.
const LINE: &[&dyn LineCheck] = &[
    &numbering::Numbering,
    &counts::Counts,
    &units::Units,
    &punct::Punct,
    &pairs::Pairs,
    &marks::Marks,
    &dates::Dates,
    &docnum::Docnum,
    &terms::Terms,
    &targets::Targets,
];

/// The checks over the document's structure: they run beside the statement checks.
pub(super) const DOCUMENT: &[&dyn for<'a> DocumentCheck<DocumentContext<'a>>] = &[
    &numbering::Numbering,
    &counts::Counts,
    &attachments::Attachments,
    &citations::Citations,
    &dates::Dates,
    &tasks::Tasks,
    &units::Units,
];

/// The checks over the indicator statements and the context of each line.
pub(super) const STATEMENTS: &[&dyn for<'a> DocumentCheck<Statements<'a>>] =
    &[&targets::Targets, &below_last_actual::BelowLastActual, &deadlines::Deadlines, &dates::Dates];

/// Builds, on every core, the regexes and automata that the line parse and the line checks
/// build on first use (about 4 ms of CPU). Left to the first lines, each is built by one
/// thread while the others, reaching it on their own first lines, wait. `check` runs this
/// while it reads its options, configuration and drafts.
pub fn prepare() {
    let checks = [docnum::PREPARED, units::PREPARED, targets::PREPARED, dates::PREPARED];
    let all: Vec<&dyn Prepare> = crate::syntax::prepared().chain(checks.into_iter().flatten().copied()).collect();
    // One task each: they differ in cost a hundredfold, and idle threads take the next.
    all.par_iter().with_max_len(1).for_each(|p| p.force());
}

impl Block {
    /// Parses one line (without its line break) and runs the line checks on it.
    pub fn parse(line: &str, kind: DocumentKind, config: &Config) -> Block {
        let syntax = parse_block(line, kind, &config.lexicon);
        let mut findings = Vec::new();
        let cx = LineContext { text: line, syntax: &syntax, config };
        for check in LINE {
            check.check(&cx, &mut findings);
        }
        Block { syntax, findings: findings.into() }
    }
}
