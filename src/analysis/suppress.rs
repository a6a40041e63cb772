//! Inline suppression in Markdown drafts:
//! `<!-- workplan-disable-next-line CODE… -->`, `<!-- workplan-disable CODE… -->` …
//! `<!-- workplan-enable CODE… -->` (no code means every rule). Plain text cannot carry
//! comments; there the `ignore` entries of workplan.toml do this job.

use std::collections::HashSet;

use crate::syntax::block::Directive;
use crate::syntax::BlockSyntax;

/// Which rules are silenced on one line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Silenced {
    all: bool,
    codes: HashSet<String>,
}

impl Silenced {
    pub fn covers(&self, code: &str) -> bool {
        self.all || self.codes.contains(code)
    }

    fn add(&mut self, codes: &[String]) {
        if codes.is_empty() {
            self.all = true;
        } else {
            self.codes.extend(codes.iter().cloned());
        }
    }

    fn remove(&mut self, codes: &[String]) {
        if codes.is_empty() {
            *self = Silenced::default();
        } else {
            for c in codes {
                self.codes.remove(c);
            }
        }
    }

    fn is_empty(&self) -> bool {
        !self.all && self.codes.is_empty()
    }
}

/// For each line, what is silenced there (`None` where nothing is; boxed, since most lines
/// have nothing), in one pass over the block parses. Empty when the draft has no directive
/// at all (every plain-text draft): a slot per line would cost 8 bytes a line for nothing.
pub fn silenced_lines<B: AsRef<BlockSyntax>>(blocks: &[B]) -> Vec<Option<Box<Silenced>>> {
    if !blocks.iter().any(|b| b.as_ref().directive().is_some()) {
        return Vec::new();
    }
    let mut region = Silenced::default();
    let mut next_line: Option<Silenced> = None;
    blocks
        .iter()
        .map(|b| {
            let b = b.as_ref();
            let mut here = region.clone();
            if let Some(n) = next_line.take() {
                here.all |= n.all;
                here.codes.extend(n.codes);
            }
            match b.directive() {
                Some(Directive::DisableNextLine(codes)) => next_line.get_or_insert_with(Silenced::default).add(codes),
                Some(Directive::Disable(codes)) => region.add(codes),
                Some(Directive::Enable(codes)) => region.remove(codes),
                None => {}
            }
            (!here.is_empty()).then(|| Box::new(here))
        })
        .collect()
}
