//! `check --fix`: apply every certain fix to a draft and write it back without ever losing a
//! word. The file is written only if it is still exactly what was read (size, modification
//! time, content), through a symbolic link to the file it names, never over a read-only file,
//! in the encoding and with the BOM it had, and atomically (a sibling temporary file renamed
//! over it).

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::input::{FileState, Source};
use crate::analysis::Config;
use crate::document::Document;
use crate::features::fixes::fix_until_stable;
use crate::files::encoding::{encode, TextEncoding};

/// What `--fix` did to one draft.
#[derive(Debug)]
pub enum FileFix {
    /// Nothing to fix.
    Clean,
    /// Written back; fixes made per rule.
    Written { by_rule: BTreeMap<&'static str, usize> },
    /// Left as it was, for this reason; `fixable` fixes were not made.
    Left { reason: String, fixable: usize },
}

/// Fixes `src` (analysed as `doc`) and writes it back; returns the document to report on —
/// the fixed one if it was written, else the original.
pub fn fix_source(src: &Source, doc: Document, config: &Arc<Config>) -> (Document, FileFix) {
    let fixed = fix_until_stable(doc.clone(), |text| Document::with_config(text, src.kind, config.clone()));
    if fixed.by_rule.is_empty() {
        return (doc, FileFix::Clean);
    }
    let left = |reason: String| FileFix::Left { reason, fixable: fixed.count() };
    let Some(read) = &src.on_disk else {
        return (doc, left("标准输入和 Word 文件不能就地修正，仅报告问题".to_string()));
    };
    match write_back(Path::new(&src.path), read, src, &fixed.doc.text()) {
        Ok(()) => (fixed.doc, FileFix::Written { by_rule: fixed.by_rule }),
        Err(reason) => (doc, left(reason)),
    }
}

fn write_back(path: &Path, read: &FileState, src: &Source, fixed: &str) -> Result<(), String> {
    // The original text must come back byte for byte in its encoding, or writing the fixed
    // one would change more than the fixes.
    let original = encode(&src.text, src.encoding, src.bom).map_err(|e| e.to_string())?;
    if FileState::hash_of(&original) != read.hash {
        return Err(format!("无法按原编码（{}）原样写回，未修改", src.encoding.name()));
    }
    let bytes = encode(fixed, src.encoding, src.bom).map_err(|e| format!("{e}，未修改"))?;
    // Through a symbolic link to the file it names, so the link stays a link.
    let target = std::fs::canonicalize(path).map_err(|e| format!("无法读取：{e}"))?;
    let meta = std::fs::metadata(&target).map_err(|e| format!("无法读取：{e}"))?;
    if meta.permissions().readonly() {
        return Err("文件是只读的，未修改".to_string());
    }
    write_atomically(&target, &bytes, || unchanged(&target, read))?;
    if src.encoding != TextEncoding::Utf8 {
        eprintln!("workplan: {}: 已按原编码 {} 写回", src.path, src.encoding.name());
    }
    Ok(())
}

/// `Ok` if the file is still what was read.
fn unchanged(path: &Path, read: &FileState) -> Result<(), String> {
    let changed = || "检查期间文件被其他程序改动，未写回修正，请重新运行".to_string();
    let mut file = std::fs::File::open(path).map_err(|e| format!("无法读取：{e}"))?;
    let meta = file.metadata().map_err(|e| format!("无法读取：{e}"))?;
    if meta.len() != read.len || meta.modified().ok() != read.modified {
        return Err(changed());
    }
    let mut bytes = Vec::with_capacity(read.len as usize);
    file.read_to_end(&mut bytes).map_err(|e| format!("无法读取：{e}"))?;
    if FileState::of(&meta, &bytes) != *read {
        return Err(changed());
    }
    Ok(())
}

/// Writes a sibling temporary file and renames it over `path`, so a crash never leaves a
/// half-written draft; the original's permissions are kept. `still_ours` runs last, just
/// before the rename, to keep the window in which another program's change could be lost
/// as short as the file system allows.
fn write_atomically(path: &Path, bytes: &[u8], still_ours: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.workplan-{}.tmp", std::process::id()));
    let io = |e: std::io::Error| format!("无法写回修正：{e}");
    let result = (|| {
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
        let meta = std::fs::metadata(path).map_err(io)?;
        std::fs::set_permissions(&tmp, meta.permissions()).map_err(io)?;
        still_ours()?;
        std::fs::rename(&tmp, path).map_err(io)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::input::collect;

    /// A draft that needs a fix, written to a folder of its own and read as `check` reads it.
    fn draft_read(dir: &Path) -> (PathBuf, Source) {
        let path = dir.join("plan.txt");
        std::fs::write(&path, "一.加强\n").expect("write");
        let (mut sources, _) = collect(std::slice::from_ref(&path));
        (path, sources.remove(0))
    }

    /// Another program appends to the draft after it was read: the fixed text must not
    /// replace the file, or the appended lines would be lost.
    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, src) = draft_read(dir.path());
        let appended = "一.加强\n二、另一个程序追加的一行\n";
        std::fs::write(&path, appended).expect("append");
        let config = Arc::new(Config::default());
        let doc = Document::with_config(&src.text, src.kind, config.clone());
        let (_, outcome) = fix_source(&src, doc, &config);
        assert!(matches!(&outcome, FileFix::Left { reason, .. } if reason.contains("改动")), "{outcome:?}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), appended);
    }

    /// Same size, same modification time, other content: the hash tells.
    #[test]
    fn a_change_that_keeps_size_and_time_is_seen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, src) = draft_read(dir.path());
        let read = src.on_disk.expect("a file");
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).expect("mtime");
        std::fs::write(&path, "二.加强\n").expect("rewrite");
        let file = std::fs::File::options().write(true).open(&path).expect("open");
        file.set_modified(modified).expect("set mtime");
        assert!(unchanged(&path, &read).is_err());
    }
}
