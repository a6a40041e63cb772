//! Reading drafts: files, folders (walked by [`crate::files::walk`]), and `-` for stdin.

use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use thiserror::Error;

use super::docx::{read_paragraphs, DocxError};
use crate::files::encoding::{decode, DecodeError, TextEncoding};
use crate::files::walk::{drafts_under, RealFiles, WalkLimits, WalkProblem};
use crate::files::{has_extension, is_text_draft};
use crate::syntax::DocumentKind;

/// A draft read into memory, its byte-order mark removed (and remembered, for writing back).
#[derive(Debug, Clone)]
pub struct Source {
    /// As the user named it (`-` for stdin).
    pub path: String,
    pub text: String,
    pub kind: DocumentKind,
    pub encoding: TextEncoding,
    pub bom: bool,
    /// What the file was when read, for a text file that `--fix` may rewrite (not stdin, not
    /// a Word file).
    pub on_disk: Option<FileState>,
    /// In a Word file, the lines that begin with a label of Word's automatic numbering and
    /// the label's length in bytes, by line.
    pub automatic: Vec<(usize, usize)>,
}

impl Source {
    /// Whether byte `at` of line `line` is in a label Word numbers by itself.
    pub fn in_automatic_label(&self, line: usize, at: usize) -> bool {
        let k = self.automatic.partition_point(|&(l, _)| l < line);
        self.automatic.get(k).is_some_and(|&(l, len)| l == line && at < len)
    }
}

/// A file as it was read: enough to tell whether anyone changed it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// A 64-bit hash of the content: it catches a change that kept the size and the
    /// modification time, which a coarse file-system clock allows. FxHash, not the standard
    /// SipHash: it guards against accidents, not attacks, and reads 10 MB in a third of the time.
    pub hash: u64,
}

impl FileState {
    /// `meta` taken before `bytes` were read: a change in between shows as a later time.
    pub fn of(meta: &std::fs::Metadata, bytes: &[u8]) -> FileState {
        FileState { len: bytes.len() as u64, modified: meta.modified().ok(), hash: FileState::hash_of(bytes) }
    }

    pub fn hash_of(bytes: &[u8]) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        bytes.hash(&mut hasher);
        hasher.finish()
    }
}

#[derive(Debug, Error)]
pub enum InputError {
    #[error("{path}: 无法读取：{source}")]
    Io { path: String, source: std::io::Error },
    #[error("{path}: {source}")]
    Text { path: String, source: DecodeError },
    #[error("{path}: 这是旧版 Word 或 WPS 文档（.doc/.wps），无法读取，请另存为 .docx 后再检查")]
    OldWord { path: String },
    #[error("{path}: {source}")]
    Docx { path: String, source: DocxError },
    #[error("{0}")]
    Walk(WalkProblem),
}

impl InputError {
    /// Whether the run still succeeds: a symbolic link loop is skipped, not a failure.
    pub fn is_fatal(&self) -> bool {
        !matches!(self, InputError::Walk(WalkProblem::Loop { .. }))
    }
}

/// Drafts the command line reads when walking a folder: text, Markdown and Word.
pub fn is_draft(path: &Path) -> bool {
    is_text_draft(path) || has_extension(path, &["docx"])
}

/// The start of every OLE2 compound file: old Word `.doc`, `.wps`.
const OLE_MAGIC: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/// Reads every draft the paths name, each real file once. Folders are walked in sorted order
/// for stable output.
pub fn collect(paths: &[PathBuf]) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let mut seen = RealFiles::default();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().read_to_end(&mut bytes) {
                Ok(_) => match decode(bytes) {
                    Ok(d) => sources.push(Source {
                        path: "-".into(),
                        text: d.text,
                        kind: DocumentKind::PlainText,
                        encoding: d.encoding,
                        bom: d.bom,
                        on_disk: None,
                        automatic: Vec::new(),
                    }),
                    Err(source) => errors.push(InputError::Text { path: "-".into(), source }),
                },
                Err(source) => errors.push(InputError::Io { path: "-".into(), source }),
            }
        } else if path.is_dir() {
            let (files, problems) = drafts_under(path, is_draft, &mut seen, WalkLimits::NONE);
            errors.extend(problems.into_iter().map(InputError::Walk));
            for f in files {
                read_file(&f, &mut sources, &mut errors);
            }
        } else if seen.first_time(path) {
            read_file(path, &mut sources, &mut errors);
        }
    }
    (sources, errors)
}

fn read_file(path: &Path, sources: &mut Vec<Source>, errors: &mut Vec<InputError>) {
    let name = path.display().to_string();
    let read = std::fs::metadata(path).and_then(|meta| Ok((std::fs::read(path)?, meta)));
    let (bytes, meta) = match read {
        Ok(read) => read,
        Err(source) => return errors.push(InputError::Io { path: name, source }),
    };
    if has_extension(path, &["doc", "wps"]) || bytes.starts_with(OLE_MAGIC) {
        return errors.push(InputError::OldWord { path: name });
    }
    if has_extension(path, &["docx"]) {
        // A Word file: one paragraph per line; findings name the paragraph by its number.
        match read_paragraphs(&bytes) {
            Ok(word) => sources.push(Source {
                path: name,
                text: word.text,
                kind: DocumentKind::PlainText,
                encoding: TextEncoding::Utf8,
                bom: false,
                on_disk: None,
                automatic: word.automatic,
            }),
            Err(source) => errors.push(InputError::Docx { path: name, source }),
        }
        return;
    }
    let on_disk = Some(FileState::of(&meta, &bytes));
    match decode(bytes) {
        Ok(d) => sources.push(Source {
            kind: DocumentKind::from_path(&name),
            path: name,
            text: d.text,
            encoding: d.encoding,
            bom: d.bom,
            on_disk,
            automatic: Vec::new(),
        }),
        Err(source) => errors.push(InputError::Text { path: name, source }),
    }
}
