//! What a rule reports: one finding at one place, with related places and an optional fix.

use compact_str::CompactString;
use serde::Serialize;

use super::registry::RuleId;
pub use super::registry::Severity;
use crate::text::LineSpan;

/// Another place a finding involves (the previous sibling, the announcing sentence).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub range: LineSpan,
    /// Short (`上一个同级编号`): inline up to 24 bytes, as most are.
    pub message: CompactString,
}

/// One text replacement of a fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replacement {
    pub range: LineSpan,
    /// Inline up to 24 bytes: most fixes are a mark or a marker (`1.`, `—`).
    pub new_text: CompactString,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Its rule; written out as the rule's code.
    pub code: RuleId,
    pub severity: Severity,
    /// Exactly the offending characters.
    pub range: LineSpan,
    /// One Chinese sentence: what is wrong and what is right.
    pub message: String,
    pub related: Vec<Related>,
    /// The certain rewrite, if there is one; empty otherwise.
    pub fix: Vec<Replacement>,
}

impl Diagnostic {
    /// A finding of rule `code` at its default severity.
    pub fn new(code: RuleId, range: LineSpan, message: impl Into<String>) -> Self {
        let severity = code.rule().severity;
        Diagnostic { code, severity, range, message: exact(message.into()), related: Vec::new(), fix: Vec::new() }
    }

    pub fn with_related(mut self, range: LineSpan, message: impl Into<String>) -> Self {
        self.related.reserve_exact(1);
        self.related.push(Related { range, message: message.into().into() });
        self
    }

    /// A fix that replaces the flagged range itself.
    pub fn with_replacement(mut self, new_text: impl Into<String>) -> Self {
        self.fix.reserve_exact(1);
        self.fix.push(Replacement { range: self.range, new_text: new_text.into().into() });
        self
    }

    /// The same finding moved to `line` (block-local findings are made at line 0).
    pub fn at_line(mut self, line: usize) -> Self {
        self.range.line = line;
        for r in &mut self.related {
            r.range.line = line;
        }
        for f in &mut self.fix {
            f.range.line = line;
        }
        self
    }
}

/// `text` in an allocation of its own size. Messages are mostly made by `format!`, which
/// reserves twice its literal text: a draft's findings are kept for as long as it is open,
/// and in a 10 MB draft with 37 000 of them the spare room came to several megabytes.
fn exact(mut text: String) -> String {
    text.shrink_to_fit();
    text
}
