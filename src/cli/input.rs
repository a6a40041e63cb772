//! Reading drafts: files, folders (recursively, `.txt` and `.md`), and `-` for stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::docx::{read_paragraphs, DocxError};
use crate::syntax::DocumentKind;

/// A draft read into memory, its byte-order mark removed (and remembered, for writing back).
#[derive(Debug, Clone)]
pub struct Source {
    /// As the user named it (`-` for stdin).
    pub path: String,
    pub text: String,
    pub kind: DocumentKind,
    pub bom: bool,
    /// A text file that `--fix` may rewrite (not stdin, not a Word file).
    pub writable: bool,
}

#[derive(Debug, Error)]
pub enum InputError {
    #[error("{path}: 无法读取：{source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: 不是 UTF-8 编码的文本（第 {offset} 字节起无法解码），请另存为 UTF-8 后再检查")]
    NotUtf8 { path: String, offset: usize },
    #[error("{path}: 看来是二进制文件，不是文本草稿")]
    Binary { path: String },
    #[error("{path}: {source}")]
    Docx { path: String, source: DocxError },
}

const DRAFT_EXTENSIONS: [&str; 4] = ["txt", "md", "markdown", "docx"];

/// Reads every draft the paths name. Folders are walked in sorted order for stable output.
pub fn collect(paths: &[PathBuf]) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => push_text(&mut sources, &mut errors, "-".into(), bytes, false),
                Err(source) => errors.push(InputError::Io { path: "-".into(), source }),
            }
        } else if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files, &mut errors);
            files.sort();
            for f in files {
                read_file(&f, &mut sources, &mut errors);
            }
        } else {
            read_file(path, &mut sources, &mut errors);
        }
    }
    (sources, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(InputError::Io { path: dir.display().to_string(), source });
            return;
        }
    };
    for entry in entries.flatten() {
        let p = entry.path();
        // Hidden files, and `~$…` lock files Word leaves beside an open document.
        let hidden = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, errors);
        } else if p
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DRAFT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.push(p);
        }
    }
}

fn read_file(path: &Path, sources: &mut Vec<Source>, errors: &mut Vec<InputError>) {
    let name = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(source) => return errors.push(InputError::Io { path: name, source }),
    };
    if name.to_ascii_lowercase().ends_with(".docx") {
        // A Word file: one paragraph per line; findings name the paragraph by its number.
        match read_paragraphs(&bytes) {
            Ok(text) => {
                sources.push(Source { path: name, text, kind: DocumentKind::PlainText, bom: false, writable: false })
            }
            Err(source) => errors.push(InputError::Docx { path: name, source }),
        }
        return;
    }
    push_text(sources, errors, name, bytes, true);
}

fn push_text(sources: &mut Vec<Source>, errors: &mut Vec<InputError>, path: String, bytes: Vec<u8>, writable: bool) {
    let kind = DocumentKind::from_path(&path);
    let bom = bytes.starts_with("\u{feff}".as_bytes());
    match decode(&path, bytes) {
        Ok(text) => sources.push(Source { path, text, kind, bom, writable }),
        Err(e) => errors.push(e),
    }
}

/// UTF-8 text without its BOM; binary files and other encodings are refused with a reason.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.contains(&0) {
        return Err(InputError::Binary { path: path.to_string() });
    }
    let mut text = String::from_utf8(bytes)
        .map_err(|e| InputError::NotUtf8 { path: path.to_string(), offset: e.utf8_error().valid_up_to() })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}
