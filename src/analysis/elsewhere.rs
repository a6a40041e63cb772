//! What the other drafts of the workspace tell a draft's checks: the documents they cite
//! (`citation.conflict`) and the outturns they report (`target.below-last-actual`). The
//! front ends gather it — the CLI from the drafts checked together, the server from its
//! workspace index — and the analysis only reads it.

use compact_str::CompactString;

pub use crate::syntax::citations::CitedElsewhere;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Elsewhere {
    /// The citations of the other drafts under the titles this draft cites.
    pub citations: Vec<CitedElsewhere>,
    /// The outturns other drafts of the same issuer report (see [`Outturn`]).
    pub outturns: Vec<Outturn>,
}

impl Elsewhere {
    pub fn is_empty(&self) -> bool {
        self.citations.is_empty() && self.outturns.is_empty()
    }
}

/// A year's outturn (实绩, or 预计 for a year not yet closed) of an indicator a plan means to
/// raise, as another draft of the same issuer reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outturn {
    pub indicator: CompactString,
    pub year: i32,
    /// The value in base units and that unit (`5.2e10`, `元`).
    pub base_value: f64,
    pub base_unit: CompactString,
    /// The value as written (`520亿元`) and the number alone (`520`): how far rounding may
    /// move it.
    pub written: CompactString,
    pub number: CompactString,
    pub line: usize,
    /// The draft's name as the user gave it; empty for the draft's own outturns.
    pub draft: CompactString,
}

impl Outturn {
    /// Where, for people: the draft's name and the line (`“2025年工作总结.txt”第3行`).
    pub fn place(&self) -> String {
        if self.draft.is_empty() {
            format!("第{}行", self.line + 1)
        } else {
            format!("“{}”第{}行", self.draft, self.line + 1)
        }
    }
}
