//! Reading the text of a Word `.docx` draft: one line per paragraph of the body, in order.
//!
//! A `.docx` is a ZIP archive whose `word/document.xml` holds the body as WordprocessingML.
//! The checker works on lines, so each paragraph (`w:p`, table cells' paragraphs included)
//! becomes one line: its runs' text (`w:t`) concatenated, `w:tab` as a tab and a line break
//! inside a paragraph (`w:br`, `w:cr`) as a space, since a paragraph is one line here.
//!
//! A paragraph in one of Word's automatic lists begins its line with the label Word shows
//! (`一、`, `（一）`, `1.`), rebuilt from `word/numbering.xml` ([`numbering`]); such labels are
//! listed as automatic, since the text does not carry them.
//!
//! Elements are matched by namespace, not by the `w:` prefix, so documents that bind the
//! WordprocessingML namespace to another prefix (or use the Strict namespace) read the same.

mod anchor;
pub mod annotate;
mod comments;
mod layout;
mod numbering;

use std::io::{Cursor, Read};
use std::ops::Range;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;
use thiserror::Error;
use zip::result::ZipError;
use zip::ZipArchive;

use layout::{Layout, Opening, Recorder};
use numbering::{attr, level_index, NumPr, Numbering};

/// Where the body lives inside the archive, and the lists' and styles' definitions.
const DOCUMENT_PART: &str = "word/document.xml";
const NUMBERING_PART: &str = "word/numbering.xml";
const STYLES_PART: &str = "word/styles.xml";

/// A real draft's body is a few megabytes of XML at most (a 100-page report with heavy
/// formatting, about 10 MB), its numbering and styles far less; a larger part is refused as
/// soon as inflating it passes this, so a ZIP bomb costs at most this much memory.
const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;

/// WordprocessingML, transitional and strict.
const WORDML: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Markup compatibility: `mc:AlternateContent` offers the same content more than once.
const MARKUP_COMPATIBILITY: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

#[derive(Debug, Error)]
pub enum DocxError {
    #[error("不是有效的 .docx 文件：无法作为 ZIP 压缩包打开（旧版 .doc 或加密的文档请先在 Word 中另存为 .docx）：{0}")]
    NotZip(#[source] ZipError),
    #[error("不是有效的 .docx 文件：压缩包中没有 {DOCUMENT_PART}")]
    MissingDocument,
    #[error("不是有效的 .docx 文件：无法解压：{0}")]
    Unreadable(#[source] ZipError),
    #[error("{part} 解压后超过 {} MB 的上限，不像是工作草稿（可能是压缩炸弹），未读取", MAX_PART_BYTES / 1024 / 1024)]
    TooLarge { part: String },
    #[error("不是有效的 .docx 文件：{DOCUMENT_PART} 不是 UTF-8 编码的 XML")]
    NotUtf8,
    #[error("不是有效的 .docx 文件：{DOCUMENT_PART} 的 XML 格式有误（第 {position} 字节附近）：{source}")]
    Xml { position: u64, source: quick_xml::Error },
    #[error("不是有效的 .docx 文件：{DOCUMENT_PART} 在结束前被截断")]
    Truncated,
    #[error("不是有效的 .docx 文件：{DOCUMENT_PART} 中没有正文（w:body）")]
    NoBody,
    #[error("不是有效的 .docx 文件：{part} 不是 UTF-8 编码的、格式正确的 XML")]
    Part { part: String },
    #[error("无法生成带批注的副本：{0}")]
    Write(String),
}

/// The text of a Word document: one line per paragraph, automatic labels included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordText {
    pub text: String,
    /// The lines (0-based) that begin with a label of Word's automatic numbering, and the
    /// label's length in bytes.
    pub automatic: Vec<(usize, usize)>,
}

/// The body's paragraphs, one per line, joined with `\n`, each numbered one after its label.
pub fn read_paragraphs(bytes: &[u8]) -> Result<WordText, DocxError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(DocxError::NotZip)?;
    let xml = part(&mut archive, DOCUMENT_PART)?.ok_or(DocxError::MissingDocument)?;
    let xml = utf8_xml(xml).ok_or(DocxError::NotUtf8)?;
    // Lists and styles only add labels: a part that is missing or not UTF-8 adds none.
    let numbering_xml = part(&mut archive, NUMBERING_PART)?.and_then(utf8_xml);
    let styles_xml = part(&mut archive, STYLES_PART)?.and_then(utf8_xml);
    paragraphs(&xml, Numbering::read(numbering_xml.as_deref(), styles_xml.as_deref()), None).map(|(text, _)| text)
}

/// A part of the archive, inflated; `None` if absent.
fn part(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &'static str) -> Result<Option<Vec<u8>>, DocxError> {
    part_named(archive, name)
}

/// [`part`] for a name read from the package (the comments part a relationship names).
fn part_named(archive: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
    let part = match archive.by_name(name) {
        Ok(part) => part,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Unreadable(e)),
    };
    let mut raw = Vec::new();
    // One byte over the limit is enough to know the part is too large.
    part.take(MAX_PART_BYTES + 1).read_to_end(&mut raw).map_err(|e| DocxError::Unreadable(e.into()))?;
    if raw.len() as u64 > MAX_PART_BYTES {
        return Err(DocxError::TooLarge { part: name.to_string() });
    }
    Ok(Some(raw))
}

/// XML text without its BOM; `None` if it is not UTF-8.
fn utf8_xml(raw: Vec<u8>) -> Option<String> {
    let mut xml = String::from_utf8(raw).ok()?;
    if xml.starts_with('\u{feff}') {
        xml.drain(..'\u{feff}'.len_utf8());
    }
    Some(xml)
}

/// What an open element means for the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Body,
    Paragraph,
    /// A paragraph's own `w:pPr`, and its `w:numPr`.
    ParagraphProperties,
    NumberingProperties,
    Run,
    Text,
    /// `mc:AlternateContent`; `chosen` once its first alternative has been opened.
    Alternatives {
        chosen: bool,
    },
    /// The root of a subtree whose text is not part of the document as shown: a second
    /// rendering of the same content (`mc:Fallback`) or text moved elsewhere (`w:moveFrom`).
    Hidden,
    Other,
}

/// The namespaces that matter here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    WordMl,
    Compatibility,
    Other,
}

impl Space {
    fn of(ns: &ResolveResult<'_>) -> Space {
        match ns {
            ResolveResult::Bound(Namespace(n)) if WORDML.contains(n) => Space::WordMl,
            ResolveResult::Bound(Namespace(n)) if *n == MARKUP_COMPATIBILITY => Space::Compatibility,
            _ => Space::Other,
        }
    }
}

/// A paragraph being read: its text so far, and what its properties say of its numbering.
#[derive(Debug, Default)]
struct OpenParagraph {
    text: String,
    num: NumPr,
    style: Option<String>,
}

/// Walks the XML events and collects the paragraphs.
#[derive(Debug, Default)]
struct Collector {
    /// Every open element, innermost last.
    open: Vec<Tag>,
    /// Open paragraphs, innermost last (a text box nests a paragraph in one).
    paragraphs: Vec<OpenParagraph>,
    lines: Vec<String>,
    /// Lines that begin with an automatic label, and its length.
    automatic: Vec<(usize, usize)>,
    numbering: Numbering,
    in_body: usize,
    hidden: usize,
    saw_body: bool,
    /// Where each line's text is in the XML, when asked for.
    recorder: Option<Recorder>,
    /// The XML of the event being read, and whether its text differs from its bytes.
    at: Range<usize>,
    atomic: bool,
    /// The element being opened was written empty (`<w:p/>`).
    empty: bool,
}

impl Collector {
    fn open(&mut self, space: Space, element: &BytesStart<'_>) {
        let tag = self.classify(space, element);
        if let Some(recorder) = &mut self.recorder {
            let (local, qname) = (element.local_name(), element.name());
            let opening = Opening {
                local: local.as_ref(),
                qname: qname.as_ref(),
                word: space == Space::WordMl,
                range: self.at.clone(),
                empty: self.empty,
            };
            recorder.open(&opening, tag == Tag::Paragraph);
        }
        match tag {
            Tag::Body => {
                self.in_body += 1;
                self.saw_body = true;
            }
            Tag::Paragraph => self.paragraphs.push(OpenParagraph::default()),
            Tag::Hidden => self.hidden += 1,
            _ => {}
        }
        self.open.push(tag);
    }

    fn close(&mut self, local: &[u8]) {
        if let Some(recorder) = &mut self.recorder {
            recorder.close(local, self.at.clone());
        }
        match self.open.pop() {
            Some(Tag::Body) => self.in_body -= 1,
            Some(Tag::Hidden) => self.hidden -= 1,
            Some(Tag::Paragraph) => {
                if let Some(p) = self.paragraphs.pop() {
                    let label = self.numbering.label(&p.num, p.style.as_deref()).unwrap_or_default();
                    if !label.is_empty() {
                        self.automatic.push((self.lines.len(), label.len()));
                    }
                    if let Some(recorder) = &mut self.recorder {
                        recorder.line(label.len() + p.text.len(), label.len());
                    }
                    self.lines.push(label + &p.text);
                }
            }
            _ => {}
        }
    }

    /// Records a property element's value (`w:val`) on the innermost open paragraph.
    fn property(&mut self, element: &BytesStart<'_>, set: impl FnOnce(&mut OpenParagraph, String)) {
        if let (Some(p), Some(value)) = (self.paragraphs.last_mut(), attr(element, b"val")) {
            set(p, value);
        }
    }

    /// The meaning of an element about to open, given where it opens.
    fn classify(&mut self, space: Space, element: &BytesStart<'_>) -> Tag {
        let local = element.local_name();
        let local = local.as_ref();
        if self.hidden > 0 {
            return Tag::Other;
        }
        // Alternatives render the same content; only the first is read, so it is read once.
        if let Some(Tag::Alternatives { chosen }) = self.open.last_mut() {
            if *chosen {
                return Tag::Hidden;
            }
            *chosen = true;
        }
        if space == Space::Compatibility && local == b"AlternateContent" {
            return Tag::Alternatives { chosen: false };
        }
        if space != Space::WordMl {
            return Tag::Other;
        }
        if local == b"body" {
            return Tag::Body;
        }
        if self.in_body == 0 {
            return Tag::Other;
        }
        let parent = self.open.last().copied();
        let in_run = parent == Some(Tag::Run);
        match local {
            b"p" => Tag::Paragraph,
            // Only the paragraph's own properties: a tracked change's old ones are inside
            // `w:pPrChange`, not directly here.
            b"pPr" if parent == Some(Tag::Paragraph) => Tag::ParagraphProperties,
            b"pStyle" if parent == Some(Tag::ParagraphProperties) => {
                self.property(element, |p, v| p.style = Some(v));
                Tag::Other
            }
            b"numPr" if parent == Some(Tag::ParagraphProperties) => Tag::NumberingProperties,
            b"numId" if parent == Some(Tag::NumberingProperties) => {
                self.property(element, |p, v| p.num.num_id = Some(v));
                Tag::Other
            }
            b"ilvl" if parent == Some(Tag::NumberingProperties) => {
                self.property(element, |p, v| p.num.level = level_index(Some(v)));
                Tag::Other
            }
            b"r" => Tag::Run,
            b"t" if in_run => Tag::Text,
            b"moveFrom" => Tag::Hidden,
            b"tab" | b"ptab" if in_run => {
                self.push_text("\t");
                Tag::Other
            }
            b"br" | b"cr" if in_run => {
                self.push_text(" ");
                Tag::Other
            }
            _ => Tag::Other,
        }
    }

    fn in_text(&self) -> bool {
        self.hidden == 0 && self.open.last() == Some(&Tag::Text)
    }

    /// Appends to the innermost open paragraph. A line break in the text itself would split
    /// the paragraph into two lines, so it becomes a space.
    fn push_text(&mut self, text: &str) {
        if let Some(p) = self.paragraphs.last_mut() {
            let at = p.text.len();
            p.text.extend(text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }));
            if let Some(recorder) = &mut self.recorder {
                recorder.text(at, p.text.len() - at, self.at.clone(), self.atomic);
            }
        }
    }
}

/// The paragraphs of a `word/document.xml`, numbered as `numbering` says, and with `record`
/// given, where each line's text is in the XML.
fn paragraphs(
    xml: &str,
    numbering: Numbering,
    record: Option<Recorder>,
) -> Result<(WordText, Option<Layout>), DocxError> {
    let mut reader = NsReader::from_str(xml);
    // `<w:tab/>` and `<w:p/>` then arrive as an open and a close, like any other element.
    reader.config_mut().expand_empty_elements = true;
    let mut collector = Collector { numbering, recorder: record, ..Collector::default() };
    loop {
        let before = reader.buffer_position() as usize;
        let (space, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (Space::of(&ns), event),
            Err(source) => return Err(DocxError::Xml { position: reader.error_position(), source }),
        };
        let after = reader.buffer_position() as usize;
        collector.at = before..after;
        collector.atomic = true;
        // Text is decoded after the event is read, so a bad character is reported where
        // the reader stands.
        let bad_text = |source| DocxError::Xml { position: reader.buffer_position(), source };
        match event {
            Event::Start(e) => {
                collector.empty = xml.as_bytes().get(before..after).is_some_and(|raw| raw.ends_with(b"/>"));
                collector.open(space, &e);
            }
            Event::End(e) => collector.close(e.local_name().as_ref()),
            Event::Text(t) if collector.in_text() => {
                let text = t.xml10_content().map_err(|e| bad_text(e.into()))?;
                // Text that is its bytes (no line end normalised) can be cut anywhere.
                collector.atomic = text.len() != after - before;
                collector.push_text(&text);
            }
            Event::CData(t) if collector.in_text() => {
                collector.push_text(&t.xml10_content().map_err(|e| bad_text(e.into()))?);
            }
            Event::GeneralRef(r) if collector.in_text() => {
                collector.push_text(&reference(&r).map_err(bad_text)?);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !collector.open.is_empty() {
        return Err(DocxError::Truncated);
    }
    if !collector.saw_body {
        return Err(DocxError::NoBody);
    }
    let layout = collector.recorder.map(|r| r.layout);
    Ok((WordText { text: collector.lines.join("\n"), automatic: collector.automatic }, layout))
}

/// The text of `&#…;` or one of XML's predefined entities; anything else is ill-formed, as a
/// `.docx` declares no entities of its own.
fn reference(r: &BytesRef<'_>) -> Result<String, quick_xml::Error> {
    if let Some(c) = r.resolve_char_ref()? {
        return Ok(c.to_string());
    }
    let name = r.decode()?;
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(text) => Ok(text.to_string()),
        None => Err(quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(
            0..name.len(),
            name.to_string(),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn text(xml: &str) -> String {
        paragraphs(xml, Numbering::default(), None).expect("valid").0.text
    }

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{inner}</w:body></w:document>"#)
    }

    #[test]
    fn runs_tabs_breaks_and_empty_paragraphs() {
        let xml = body(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>
               <w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">甲 &amp; 乙</w:t></w:r></w:p>
               <w:p/>
               <w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c&#x4E00;</w:t></w:r></w:p>"#,
        );
        assert_eq!(text(&xml), "一、甲 & 乙\n\na\tb c一");
    }

    #[test]
    fn another_prefix_for_the_same_namespace() {
        let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <x:body><x:p><x:r><x:t>一、甲</x:t></x:r></x:p></x:body></x:document>"#;
        assert_eq!(text(xml), "一、甲");
    }

    #[test]
    fn alternate_content_is_read_once_and_moved_text_at_its_new_place() {
        let mc = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;
        let xml = format!(
            r#"<w:document {W} {mc}><w:body><w:p><w:r><mc:AlternateContent>
                 <mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Choice>
                 <mc:Fallback><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></mc:Fallback>
               </mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>
               <w:p><w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom><w:r><w:delText>删</w:delText></w:r></w:p>
               </w:body></w:document>"#
        );
        assert_eq!(text(&xml), "框\n正文\n");
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(matches!(
            paragraphs("<w:document", Numbering::default(), None),
            Err(DocxError::Xml { .. } | DocxError::Truncated)
        ));
        let mismatched = body("<w:p><w:r><w:t>甲</w:r></w:t></w:p>");
        assert!(matches!(paragraphs(&mismatched, Numbering::default(), None), Err(DocxError::Xml { .. })));
        let truncated = format!("<w:document {W}><w:body><w:p>");
        assert!(matches!(
            paragraphs(&truncated, Numbering::default(), None),
            Err(DocxError::Xml { .. } | DocxError::Truncated)
        ));
        let entity = body("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>");
        assert!(matches!(paragraphs(&entity, Numbering::default(), None), Err(DocxError::Xml { .. })));
        assert!(matches!(paragraphs("<a/>", Numbering::default(), None), Err(DocxError::NoBody)));
    }
}
