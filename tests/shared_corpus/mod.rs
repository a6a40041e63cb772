//! The shared corpus beside the project (`../shared/corpus`): present in CI, where a test that
//! needs it fails without it; elsewhere such a test is skipped and says why.

#![allow(dead_code)] // Each test binary uses its own subset of the helpers.

use std::path::{Path, PathBuf};

/// The corpus folder, or `None` (after saying so) when it is missing outside CI.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(std::env::var_os("CI").is_none(), "CI must run with ../shared/corpus present");
    eprintln!("skipped: {} not found", dir.display());
    None
}

/// The real published documents (`corpus/real/*.txt`), sorted.
pub fn real_documents() -> Option<Vec<PathBuf>> {
    let dir = corpus()?.join("real");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus folder readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no documents in {}", dir.display());
    Some(files)
}
