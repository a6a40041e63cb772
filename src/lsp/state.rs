//! The server's state: the open documents, the configuration, what the client supports, the
//! workspace index. The main loop owns it; document sync, requests and the workspace read
//! and change it; it reads none of them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ls_types::Uri;

use super::capabilities::ClientSupport;
use super::publish::{Published, Wire};
use crate::analysis::Config;
use crate::document::{Change, Document};
use crate::features::workspace::{DraftSummary, Reported};
use crate::text::{PositionEncoding, PositionError};

pub(super) const CONFIG_FILE: &str = "workplan.toml";

#[derive(Default)]
pub(super) struct State {
    pub encoding: PositionEncoding,
    pub docs: HashMap<Uri, OpenDocument>,
    pub root: Option<PathBuf>,
    pub support: ClientSupport,
    /// From the client's `workplan` settings.
    pub settings: Config,
    /// From workplan.toml, when it exists and is valid.
    pub file: Config,
    /// workplan.toml's live text while the editor has it open (it wins over the disk).
    pub config_text: Option<String>,
    pub rule_pages: HashMap<&'static str, Uri>,
    /// Drafts of the workspace read from disk (open documents are read live instead).
    pub index: HashMap<Uri, DraftSummary>,
    /// Open documents whose current version is not published yet, oldest change first.
    pub dirty: Vec<Uri>,
}

/// An open document: the core [`Document`], the editor's version, its last publication, and
/// what it tells the other drafts (its citations, issuer and outturns).
pub(super) struct OpenDocument {
    pub doc: Document,
    pub version: i32,
    published: Published,
    /// The draft's citations as last published, for `citation.conflict` in the other drafts
    /// (see `workspace::compare_with_workspace`).
    pub citations: Vec<Cited>,
    /// Its issuer and outturns as last published, for `target.below-last-actual` in the same
    /// issuer's other drafts.
    pub reported: Reported,
}

/// A citation: title, number, line.
pub(super) type Cited = (compact_str::CompactString, compact_str::CompactString, usize);

impl OpenDocument {
    pub fn new(doc: Document, version: i32) -> OpenDocument {
        let published = Published::new(doc.line_count());
        OpenDocument { published, doc, version, citations: Vec::new(), reported: Reported::default() }
    }

    /// Applies editor changes in order ([`Document::edit`]: the analysis is left stale),
    /// telling the publication which lines each replaced: from its start's line to its
    /// end's, by as many as there are after it (positions past the end are the last line).
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
            problems.extend(self.doc.edit(std::slice::from_ref(change), encoding));
            let now = (last + 1 + self.doc.line_count()).saturating_sub(before).max(first + 1);
            self.published.lines_replaced(first..=last, now - first);
        }
        problems
    }
}

impl State {
    pub fn config_path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(CONFIG_FILE))
    }

    /// The configuration for one open document: settings overlaid by the file, narrowed to
    /// the ignore entries that name it.
    pub fn config_for(&self, uri: &Uri) -> Arc<Config> {
        let merged = self.settings.overlaid_by(&self.file);
        Arc::new(merged.for_file(&relative_path(self.root.as_deref(), uri)))
    }

    /// Every open document is to be published again (what they are compared with changed).
    pub fn mark_all_dirty(&mut self) {
        let uris: Vec<Uri> = self.docs.keys().filter(|u| !self.dirty.contains(u)).cloned().collect();
        self.dirty.extend(uris);
    }

    pub fn mark_dirty(&mut self, uri: &Uri) {
        if !self.dirty.contains(uri) {
            self.dirty.push(uri.clone());
        }
    }

    /// Puts a draft read from disk into the index (or takes it out); if what it tells the
    /// open documents changed — its citations of a title one of them cites, or the outturns
    /// of an issuer one of them shares — they are compared again.
    pub fn index_draft(&mut self, uri: Uri, summary: Option<DraftSummary>) {
        let (old, new) = (self.index.get(&uri), summary.as_ref());
        // Only titles an open document cites, and issuers one shares, matter to what is published.
        let cited_here = |title: &str| self.docs.values().any(|o| o.citations.iter().any(|c| c.0 == title));
        let (old_cited, new_cited) = (old.map_or(&[][..], |s| &s.citations), new.map_or(&[][..], |s| &s.citations));
        let citations_matter = old_cited != new_cited && old_cited.iter().chain(new_cited).any(|c| cited_here(&c.0));
        let shared = |r: Option<&Reported>| {
            r.is_some_and(|r| {
                !r.outturns.is_empty()
                    && r.issuer.is_some()
                    && self.docs.values().any(|o| o.reported.issuer == r.issuer)
            })
        };
        let (old_reported, new_reported) = (old.map(|s| &s.reported), new.map(|s| &s.reported));
        let outturns_matter = old_reported != new_reported && (shared(old_reported) || shared(new_reported));
        let matters = citations_matter || outturns_matter;
        match summary {
            Some(s) => self.index.insert(uri, s),
            None => self.index.remove(&uri),
        };
        if matters {
            self.mark_all_dirty();
        }
    }

    /// The body of the publication of an open document's current version (analysed first if
    /// an edit left the analysis stale).
    pub fn publication(&mut self, uri: &Uri) -> Option<&[u8]> {
        let wire = Wire {
            encoding: self.encoding,
            related: self.support.related_information,
            pages: self.support.code_description.then_some(&self.rule_pages),
        };
        let open = self.docs.get_mut(uri)?;
        open.doc.refresh();
        Some(open.published.publication(&open.doc, uri, open.version, &wire))
    }
}

/// A document's path relative to the workspace root, as ignore entries name files.
pub(super) fn relative_path(root: Option<&Path>, uri: &Uri) -> String {
    let path = uri.to_file_path().map(|p| p.into_owned()).unwrap_or_else(|| PathBuf::from(uri.as_str()));
    let relative = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(&path);
    relative.to_string_lossy().replace('\\', "/")
}
