//! A copy of a `.docx` with findings as Word comments (批注).
//!
//! Only what comments need is written anew: `word/document.xml` with the comments anchored
//! (`anchor.rs`), the comments part (new, or the existing one extended), and the relationship
//! and content type that declare it when they are missing (`comments.rs`). Every other entry
//! of the archive is copied raw — its compressed bytes, CRC and name as they were — so the
//! package is otherwise byte for byte the one Word wrote.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::anchor::{anchor, Anchor, Placement};
use super::comments::{
    add_comments_content_type, add_comments_relationship, comment_ids, comments_target, extend_comments, marker_ids,
    new_comments, Comment, CONTENT_TYPES_PART, DOCUMENT_RELS_PART,
};
use super::layout::Recorder;
use super::numbering::Numbering;
use super::{paragraphs, part_named, utf8_xml, DocxError, WordText, DOCUMENT_PART, NUMBERING_PART, STYLES_PART};

/// A finding to write as a comment: on line `line` (a paragraph), over bytes `span` of it.
#[derive(Debug, Clone)]
pub struct Note {
    pub line: usize,
    pub span: std::ops::Range<usize>,
    pub text: String,
}

/// The annotated copy, and how its comments were placed.
#[derive(Debug, Clone)]
pub struct Annotated {
    pub bytes: Vec<u8>,
    /// The text the comments were placed on: the same the checker read.
    pub text: WordText,
    /// Comments on exactly their span, and on their whole paragraph.
    pub on_span: usize,
    pub on_paragraph: usize,
}

/// `docx` with each note as a comment. Without notes the copy is the original's entries as
/// they were.
pub fn annotate(docx: &[u8], notes: &[Note]) -> Result<Annotated, DocxError> {
    let mut archive = ZipArchive::new(Cursor::new(docx)).map_err(DocxError::NotZip)?;
    let read = |archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str| -> Result<Option<String>, DocxError> {
        match part_named(archive, name)? {
            Some(raw) => utf8_xml(raw).map(Some).ok_or(DocxError::Part { part: name.to_string() }),
            None => Ok(None),
        }
    };
    let xml = part_named(&mut archive, DOCUMENT_PART)?.ok_or(DocxError::MissingDocument)?;
    let xml = utf8_xml(xml).ok_or(DocxError::NotUtf8)?;
    let numbering_xml = part_named(&mut archive, NUMBERING_PART)?.and_then(utf8_xml);
    let styles_xml = part_named(&mut archive, STYLES_PART)?.and_then(utf8_xml);
    let numbering = Numbering::read(numbering_xml.as_deref(), styles_xml.as_deref());
    let (text, layout) = paragraphs(&xml, numbering, Some(Recorder::default()))?;
    let mut layout = layout.unwrap_or_default();
    layout.strict = xml.contains("http://purl.oclc.org/ooxml/wordprocessingml/main");

    let mut replaced: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut placements = Vec::new();
    if !notes.is_empty() {
        let rels = read(&mut archive, DOCUMENT_RELS_PART)?;
        let target = match &rels {
            Some(rels) => comments_target(rels)?,
            None => None,
        };
        let comments_part = target.clone().unwrap_or_else(|| unused_name(&archive));
        let existing = read(&mut archive, &comments_part)?;
        // New ids follow every id in use, in the comments or left as markers in the text.
        let mut used = marker_ids(&xml);
        if let Some(existing) = &existing {
            used.extend(comment_ids(&comments_part, existing)?);
        }
        let first = used.iter().max().map_or(0, |m| m.saturating_add(1).max(0));
        let comments: Vec<Comment> =
            notes.iter().zip(first..).map(|(n, id)| Comment { id, text: n.text.clone() }).collect();
        let anchors: Vec<Anchor> =
            notes.iter().zip(&comments).map(|(n, c)| Anchor { id: c.id, line: n.line, span: n.span.clone() }).collect();
        let (annotated, placed) = anchor(&xml, &layout, &anchors);
        placements = placed;
        replaced.insert(DOCUMENT_PART.to_string(), annotated.into_bytes());
        let comments_xml = match &existing {
            Some(existing) => extend_comments(&comments_part, existing, &comments, layout.strict)?,
            None => new_comments(layout.strict, &comments),
        };
        replaced.insert(comments_part.clone(), comments_xml.into_bytes());
        if target.is_none() {
            let relative = comments_part.strip_prefix("word/").map_or(format!("/{comments_part}"), str::to_string);
            let rels = add_comments_relationship(rels.as_deref(), &relative, layout.strict)?;
            replaced.insert(DOCUMENT_RELS_PART.to_string(), rels.into_bytes());
        }
        let types = read(&mut archive, CONTENT_TYPES_PART)?;
        if let Some(types) = add_comments_content_type(types.as_deref(), &comments_part)? {
            replaced.insert(CONTENT_TYPES_PART.to_string(), types.into_bytes());
        }
    }
    let bytes = write(&mut archive, replaced)?;
    let on_span = placements.iter().filter(|&&p| p == Placement::Span).count();
    Ok(Annotated { bytes, text, on_span, on_paragraph: placements.len() - on_span })
}

/// A part name for a new comments part that no entry has.
fn unused_name(archive: &ZipArchive<Cursor<&[u8]>>) -> String {
    let taken = |name: &str| archive.file_names().any(|n| n.eq_ignore_ascii_case(name));
    std::iter::once("word/comments.xml".to_string())
        .chain((2..).map(|n| format!("word/comments{n}.xml")))
        .find(|name| !taken(name))
        .unwrap_or_default()
}

/// The archive again: every entry in its order, raw, except those `replaced`, which are
/// written (deflated) where they were; replacements for entries it lacks come last.
fn write(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    mut replaced: BTreeMap<String, Vec<u8>>,
) -> Result<Vec<u8>, DocxError> {
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let failed = |e: zip::result::ZipError| DocxError::Write(e.to_string());
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(DocxError::Unreadable)?;
        match replaced.remove(entry.name()) {
            Some(content) => {
                let options = SimpleFileOptions::default()
                    .compression_method(CompressionMethod::Deflated)
                    .last_modified_time(entry.last_modified().unwrap_or_default());
                let name = entry.name().to_string();
                drop(entry);
                out.start_file(name, options).map_err(failed)?;
                out.write_all(&content).map_err(|e| DocxError::Write(e.to_string()))?;
            }
            None => out.raw_copy_file(entry).map_err(failed)?,
        }
    }
    for (name, content) in replaced {
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        out.start_file(name, options).map_err(failed)?;
        out.write_all(&content).map_err(|e| DocxError::Write(e.to_string()))?;
    }
    Ok(out.finish().map_err(failed)?.into_inner())
}
