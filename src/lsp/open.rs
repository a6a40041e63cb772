//! An open document as the server keeps it: the core [`Document`], the editor's version, an
//! identity for each line, the JSON of its last publication (valid while the lines it
//! points into keep their identity), and what it tells the other drafts (its citations,
//! issuer and outturns).

use std::sync::Arc;

use ls_types::Uri;

use super::line_ids::LineIds;
use super::publish::{Published, Wire};
use crate::document::{Change, Document};
use crate::features::workspace::Reported;
use crate::syntax::DocumentKind;
use crate::text::{PositionEncoding, PositionError};

pub(super) struct OpenDocument {
    pub doc: Document,
    pub version: i32,
    lines: LineIds,
    published: Published,
    /// The draft's citations as last published, for `citation.conflict` in the other
    /// drafts (see `workspace::take_reported`), and whether they may have changed since:
    /// reading them walks every line.
    pub citations: Vec<Cited>,
    pub citations_stale: bool,
    /// Its issuer and outturns as last published, for `target.below-last-actual` in the
    /// same issuer's other drafts.
    pub reported: Reported,
    /// The workspace's epoch (see `State::elsewhere_epoch`) the document was compared at last.
    pub elsewhere_epoch: u64,
}

/// A citation: title, number, line.
pub(super) type Cited = (compact_str::CompactString, compact_str::CompactString, usize);

impl OpenDocument {
    pub fn new(doc: Document, version: i32) -> OpenDocument {
        let lines = LineIds::new(doc.line_count());
        OpenDocument {
            doc,
            version,
            lines,
            published: Published::default(),
            citations: Vec::new(),
            citations_stale: true,
            reported: Reported::default(),
            elsewhere_epoch: 0,
        }
    }

    /// Applies editor changes in order ([`Document::edit`]: the analysis is left stale) and
    /// renews the identity of every line a change touched: from its start's line to its
    /// end's, as many as there are after it (positions past the end are the last line).
    pub fn edit(&mut self, changes: &[Change], encoding: PositionEncoding) -> Vec<PositionError> {
        let mut problems = Vec::new();
        for change in changes {
            let before = self.doc.line_count();
            let (first, last) = match change.range {
                Some((start, end)) => {
                    (start.line.min(end.line).min(before - 1), start.line.max(end.line).min(before - 1))
                }
                None => (0, before - 1),
            };
            let had_citations = self.cites(first..=last);
            problems.extend(self.doc.edit(std::slice::from_ref(change), encoding));
            let now = (last + 1 + self.doc.line_count()).saturating_sub(before).max(first + 1);
            // Citations carry their lines, and a Markdown fence hides those after it.
            self.citations_stale |= had_citations
                || self.cites(first..=now - 1)
                || self.doc.line_count() != before
                || self.doc.kind() == DocumentKind::Markdown;
            self.lines.replace(first, last, now - first);
        }
        debug_assert_eq!(self.lines.line_count(), self.doc.line_count());
        problems
    }

    fn cites(&self, lines: std::ops::RangeInclusive<usize>) -> bool {
        self.doc.blocks().get(lines).is_some_and(|blocks| blocks.iter().any(|b| !b.syntax.citations().is_empty()))
    }

    /// The body of the `publishDiagnostics` notification of the current version (analysed
    /// first if an edit left the analysis stale).
    pub fn publication(&mut self, uri: &Uri, wire: &Wire<'_>) -> Arc<Vec<u8>> {
        self.doc.refresh();
        self.published.publication(&self.doc, &self.lines, uri, self.version, wire)
    }
}
