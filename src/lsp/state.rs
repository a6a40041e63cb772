//! The server's state: the open documents, the configuration, what the client supports, the
//! workspace index. The main loop owns it; document sync, requests and the workspace read
//! and change it; it reads none of them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ls_types::Uri;

use super::open::OpenDocument;
use super::publish::Wire;
use crate::analysis::Config;
use crate::features::workspace::{DraftSummary, Reported};
use crate::syntax::DocumentKind;
use crate::text::PositionEncoding;

pub(super) const CONFIG_FILE: &str = "workplan.toml";

/// What the client can do that changes what we send.
#[derive(Default, Clone, Copy)]
pub(super) struct ClientSupport {
    /// `codeDescription` and `relatedInformation` are sent only to clients that take them.
    pub code_description: bool,
    pub related_information: bool,
    pub pull_configuration: bool,
    pub progress: bool,
    pub watch_files: bool,
    pub create_files: bool,
}

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
    /// Bumped whenever what some draft tells the others changes (its citations, issuer or
    /// outturns): open documents are compared with the others again (`citation.conflict`,
    /// `target.below-last-actual` across the workspace).
    pub elsewhere_epoch: u64,
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

    /// Puts a draft read from disk into the index (or takes it out); `true` if what it tells
    /// the open documents changed — its citations of a title one of them cites, or the
    /// outturns of an issuer one of them shares — so that they are to be compared again.
    pub fn index_draft(&mut self, uri: Uri, summary: Option<DraftSummary>) -> bool {
        let (new_citations, new_reported) =
            summary.as_ref().map(|s| (s.citations.clone(), s.reported.clone())).unwrap_or_default();
        let old = match summary {
            Some(s) => self.index.insert(uri, s),
            None => self.index.remove(&uri),
        };
        let (old_citations, old_reported) = old.map(|s| (s.citations, s.reported)).unwrap_or_default();
        // Only titles an open document cites, and issuers one shares, matter to what is published.
        let cited_here = |title: &str| self.docs.values().any(|o| o.citations.iter().any(|c| c.0 == title));
        let citations_changed =
            old_citations != new_citations && old_citations.iter().chain(&new_citations).any(|c| cited_here(&c.0));
        let shared = |r: &Reported| {
            !r.outturns.is_empty() && r.issuer.is_some() && self.docs.values().any(|o| o.reported.issuer == r.issuer)
        };
        let outturns_changed = old_reported != new_reported && (shared(&old_reported) || shared(&new_reported));
        let changed = citations_changed || outturns_changed;
        if changed {
            self.elsewhere_epoch += 1;
            self.mark_all_dirty();
        }
        changed
    }

    pub fn mark_dirty(&mut self, uri: &Uri) {
        if !self.dirty.contains(uri) {
            self.dirty.push(uri.clone());
        }
    }

    /// The body of the publication of an open document's current version.
    pub fn publication(&mut self, uri: &Uri) -> Option<Arc<Vec<u8>>> {
        let wire = Wire {
            encoding: self.encoding,
            related: self.support.related_information,
            pages: self.support.code_description.then_some(&self.rule_pages),
        };
        Some(self.docs.get_mut(uri)?.publication(uri, &wire))
    }
}

/// A document's path relative to the workspace root, as ignore entries name files.
pub(super) fn relative_path(root: Option<&Path>, uri: &Uri) -> String {
    let path = uri.to_file_path().map(|p| p.into_owned()).unwrap_or_else(|| PathBuf::from(uri.as_str()));
    let relative = root.and_then(|r| path.strip_prefix(r).ok()).unwrap_or(&path);
    relative.to_string_lossy().replace('\\', "/")
}

/// How an open document is read: Markdown as the client says, else by its name.
pub(super) fn kind_of(uri: &Uri, language_id: &str) -> DocumentKind {
    if language_id == "markdown" {
        DocumentKind::Markdown
    } else {
        DocumentKind::from_path(uri.as_str())
    }
}
