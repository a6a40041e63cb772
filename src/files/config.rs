//! The configuration of a workspace as an editor session keeps it: the editor's `workplan`
//! settings overlaid by the `workplan.toml` at the workspace root (the file wins), whose text
//! while the editor has it open wins over the disk's.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analysis::config::ConfigError;
use crate::analysis::Config;
use crate::document::{Change, Document};
use crate::syntax::DocumentKind;
use crate::text::PositionEncoding;

pub const CONFIG_FILE: &str = "workplan.toml";

#[derive(Default)]
pub struct WorkspaceConfig {
    pub root: Option<PathBuf>,
    /// From the editor's settings.
    pub settings: Config,
    /// From workplan.toml, when it exists and is valid.
    file: Config,
    /// workplan.toml's text while the editor has it open.
    pub open_text: Option<String>,
}

impl WorkspaceConfig {
    /// Where workplan.toml is: at the root, when there is one.
    pub fn path(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(CONFIG_FILE))
    }

    /// workplan.toml's text: as open in the editor, else as on disk.
    pub fn text(&self) -> Option<String> {
        self.open_text.clone().or_else(|| std::fs::read_to_string(self.path()?).ok())
    }

    /// Reads workplan.toml again. A broken file counts as none until it is mended: its error
    /// comes back with the text it is about.
    pub fn reload(&mut self) -> Result<(), (ConfigError, String)> {
        let (file, broken) = match self.text().map(|text| (Config::from_toml(&text), text)) {
            Some((Ok(file), _)) => (file, Ok(())),
            Some((Err(e), text)) => (Config::default(), Err((e, text))),
            None => (Config::default(), Ok(())),
        };
        self.file = file;
        broken
    }

    /// Applies an editor's changes to workplan.toml's open text; false if it is not open.
    pub fn edit_open_text(&mut self, changes: &[Change], encoding: PositionEncoding) -> bool {
        let Some(text) = &mut self.open_text else { return false };
        let mut doc = Document::new(text, DocumentKind::PlainText);
        doc.edit(changes, encoding);
        *text = doc.text();
        true
    }

    /// The configuration of the draft at `path`: the settings overlaid by the file, narrowed
    /// to the ignore entries that name it.
    pub fn for_draft(&self, path: &Path) -> Arc<Config> {
        Arc::new(self.settings.overlaid_by(&self.file).for_file(&self.relative(path)))
    }

    /// `path` relative to the root, as ignore entries name files.
    pub fn relative(&self, path: &Path) -> String {
        let relative = self.root.as_deref().and_then(|r| path.strip_prefix(r).ok()).unwrap_or(path);
        relative.to_string_lossy().replace('\\', "/")
    }
}
