//! The server's state: the open documents, the configuration, what the client supports, the
//! workspace index. The main loop owns it; document sync, requests and the workspace read
//! and change it; it reads none of them.

use std::collections::HashMap;
use std::path::PathBuf;

use ls_types::Uri;

use super::capabilities::ClientSupport;
use super::convert::Wire;
use super::publish::Published;
use crate::document::{Change, Document};
use crate::features::workspace::{DraftSummary, Told};
use crate::files::config::WorkspaceConfig;
use crate::text::{PositionEncoding, PositionError};

#[derive(Default)]
pub(super) struct State {
    /// How findings are published to this client, in the session's position encoding.
    pub wire: Wire,
    pub docs: HashMap<Uri, OpenDocument>,
    pub support: ClientSupport,
    /// The workspace root, the client's settings and workplan.toml.
    pub config: WorkspaceConfig,
    /// Drafts of the workspace read from disk (open documents are read live instead).
    pub index: HashMap<Uri, DraftSummary>,
    /// Open documents whose current version is not published yet, oldest change first.
    pub dirty: Vec<Uri>,
}

/// An open document: the core [`Document`], the editor's version, its last publication, and
/// what it told the other drafts when last published (see `workspace::compare_with_workspace`).
pub(super) struct OpenDocument {
    pub doc: Document,
    pub version: i32,
    published: Published,
    pub told: Told,
}

impl OpenDocument {
    pub fn new(doc: Document, version: i32) -> OpenDocument {
        let published = Published::new(doc.line_count());
        OpenDocument { published, doc, version, told: Told::default() }
    }

    /// Applies editor changes in order ([`Document::edit`]: the analysis is left stale),
    /// telling the publication which lines each replaced ([`Change::lines_replaced`]).
    pub fn edit(&mut self, changes: &[Change], encoding: PositionEncoding) -> Vec<PositionError> {
        let mut problems = Vec::new();
        for change in changes {
            let before = self.doc.line_count();
            problems.extend(self.doc.edit(std::slice::from_ref(change), encoding));
            let (lines, count) = change.lines_replaced(before, self.doc.line_count());
            self.published.lines_replaced(lines, count);
        }
        problems
    }
}

impl State {
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

    /// Puts a draft read from disk into the index (or takes it out); if that tells an open
    /// document something new ([`Told::hears_news`]), the open documents are compared again.
    pub fn index_draft(&mut self, uri: Uri, summary: Option<DraftSummary>) {
        let nothing = Told::default();
        let before = self.index.get(&uri).map_or(&nothing, |s| &s.told);
        let after = summary.as_ref().map_or(&nothing, |s| &s.told);
        let matters = self.docs.values().any(|o| o.told.hears_news(before, after));
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
        let open = self.docs.get_mut(uri)?;
        open.doc.refresh();
        Some(open.published.publication(&open.doc, uri, open.version, &self.wire))
    }
}

/// A document's path; its URI as a path when it names no file.
pub(super) fn path_of(uri: &Uri) -> PathBuf {
    uri.to_file_path().map(|p| p.into_owned()).unwrap_or_else(|| PathBuf::from(uri.as_str()))
}
