//! Rule documentation for links: the language server's `codeDescription` and SARIF's
//! `helpUri`. The pages are compiled into the binary (drafting offices are often offline)
//! and written once per version into a cache folder, so a link opens a local file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::analysis::RULES;

fn cache_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("workplan").join(env!("CARGO_PKG_VERSION")).join("rules")
}

/// Rule code → the path of its page; empty if the pages cannot be written (links are then
/// simply left out).
pub fn rule_pages() -> HashMap<&'static str, PathBuf> {
    let dir = cache_dir();
    if let Err(e) = std::fs::create_dir_all(&dir) {
        tracing::warn!("cannot write rule documentation to {}: {e}", dir.display());
        return HashMap::new();
    }
    let mut pages = HashMap::new();
    for rule in RULES {
        let path = dir.join(format!("{}.md", rule.code));
        let page = rule.doc;
        let current = std::fs::read_to_string(&path).is_ok_and(|t| t == page);
        if !current && std::fs::write(&path, page).is_err() {
            continue;
        }
        pages.insert(rule.code, path);
    }
    pages
}
