//! Files on disk: finding drafts under a folder, decoding their bytes, the rule pages. Shared by the command
//! line and the language server's workspace index, so both see the same drafts the same way.

pub mod config;
pub mod encoding;
pub mod rule_pages;
pub mod walk;

use std::path::Path;

use crate::document::Document;
use crate::syntax::DocumentKind;

/// A draft read from disk and decoded (in any encoding [`encoding::decode`] reads), as a
/// document of the kind its name says; `None` if it is not readable text.
pub fn read_draft(path: &Path) -> Option<Document> {
    let text = encoding::decode(std::fs::read(path).ok()?).ok()?.text;
    Some(Document::new(&text, DocumentKind::from_path(&path.display().to_string())))
}

/// A plain-text or Markdown draft, by its extension.
pub fn is_text_draft(path: &Path) -> bool {
    has_extension(path, &["txt", "md", "markdown"])
}

/// Whether the file name ends in one of `extensions` (lower case), in any case.
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
}
