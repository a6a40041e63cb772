//! Where each line's text sits in `word/document.xml`, recorded while the reader reads it, so
//! that a finding's span on a line can be taken back to the XML (to anchor a Word comment).
//!
//! Recording rides on the reader's own walk ([`super::Collector`]): the offsets of a line are
//! those of the very text the checker saw, automatic labels and tabs included, and no second
//! reader can disagree with the first.
//!
//! Only a *plain* paragraph is mapped character by character: its children are runs and
//! markers (bookmarks, proofing marks, comment ranges), its runs' children text, tabs, breaks
//! and the like. Fields, hyperlinks, tracked changes, content controls, text boxes and
//! drawings make the text's place in the XML ambiguous or spread over nested parts; there a
//! comment goes on the whole paragraph (see `anchor.rs`).

use std::ops::Range;

/// A paragraph of the body that is not inside another paragraph.
#[derive(Debug, Clone, Default)]
pub struct ParagraphLayout {
    /// The namespace prefix of the paragraph's element with its colon (`w:`), empty when
    /// WordprocessingML is the default namespace.
    pub prefix: String,
    /// `<w:p …>` … `</w:p>`, or `<w:p/>`.
    pub range: Range<usize>,
    /// Where the paragraph's content begins (after `w:pPr`, which must stay first) and ends
    /// (before `</w:p>`).
    pub content: Range<usize>,
    /// Written `<w:p/>`: it has no content and no end tag to insert before.
    pub empty: bool,
    /// Whether every character of its text can be taken back to a place in a run.
    pub plain: bool,
    /// The runs that are children of the paragraph itself.
    pub runs: Vec<RunLayout>,
}

/// A `w:r` directly in a plain paragraph.
#[derive(Debug, Clone, Default)]
pub struct RunLayout {
    pub range: Range<usize>,
    /// The start tag `<w:r …>`.
    pub start_tag: Range<usize>,
    /// `w:rPr`, copied to every part of a run that is split.
    pub properties: Option<Range<usize>>,
    /// After `w:rPr` (or the start tag) up to `</w:r>`.
    pub content: Range<usize>,
    pub children: Vec<RunChild>,
}

/// A child element of a run other than its properties.
#[derive(Debug, Clone)]
pub struct RunChild {
    pub range: Range<usize>,
    /// For `w:t`: its qualified name and where its text is.
    pub text: Option<(String, Range<usize>)>,
}

/// A stretch of a line's text and where it came from.
#[derive(Debug, Clone)]
pub struct Piece {
    /// Bytes of the line.
    pub line: Range<usize>,
    /// Bytes of the XML: the text itself, or the element or reference that stands for it.
    pub xml: Range<usize>,
    /// Its XML is not the text byte for byte (`&amp;`, `<w:tab/>`, CDATA, normalised line
    /// ends): it can be anchored before or after, not inside.
    pub atomic: bool,
    /// The run it is in (index into the paragraph's runs), if the run is the paragraph's own.
    pub run: Option<usize>,
}

/// A line of the text the checker sees.
#[derive(Debug, Clone)]
pub struct LineLayout {
    /// The top-level paragraph it is, or is inside (a text box's paragraph is inside one).
    pub paragraph: usize,
    /// Whether the line is that paragraph's own text, not a nested paragraph's.
    pub own: bool,
    /// Bytes of an automatic label at the start of the line, which the XML does not hold.
    pub label: usize,
    pub len: usize,
    pub pieces: Vec<Piece>,
}

/// The body's paragraphs and lines as laid out in `word/document.xml`.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub paragraphs: Vec<ParagraphLayout>,
    pub lines: Vec<LineLayout>,
    /// The body uses the Strict namespace (relationship types differ).
    pub strict: bool,
}

/// Children of a paragraph that carry no text of their own or mark a point.
const PLAIN_IN_PARAGRAPH: &[&[u8]] = &[
    b"pPr",
    b"r",
    b"bookmarkStart",
    b"bookmarkEnd",
    b"proofErr",
    b"commentRangeStart",
    b"commentRangeEnd",
    b"permStart",
    b"permEnd",
];

/// Children of a run whose text, if any, the reader takes in place.
const PLAIN_IN_RUN: &[&[u8]] = &[
    b"rPr",
    b"t",
    b"tab",
    b"ptab",
    b"br",
    b"cr",
    b"lastRenderedPageBreak",
    b"noBreakHyphen",
    b"softHyphen",
    b"sym",
    b"footnoteReference",
    b"endnoteReference",
    b"commentReference",
    b"annotationRef",
];

/// What the recorder knows of an element as it opens.
pub(super) struct Opening<'a> {
    pub local: &'a [u8],
    pub qname: &'a [u8],
    pub word: bool,
    pub range: Range<usize>,
    /// Written as an empty element (`<w:p/>`).
    pub empty: bool,
}

/// Where the recorder stands: which top-level paragraph, run and run child are open.
#[derive(Debug, Default)]
pub(super) struct Recorder {
    pub layout: Layout,
    /// Elements open inside the current top-level paragraph, the paragraph itself first.
    depth: usize,
    /// Open paragraphs (nested ones inside text boxes too); pieces per open paragraph.
    pieces: Vec<Vec<Piece>>,
    run: Option<usize>,
    child: Option<usize>,
}

impl Recorder {
    fn paragraph(&mut self) -> Option<&mut ParagraphLayout> {
        if self.depth == 0 {
            return None;
        }
        self.layout.paragraphs.last_mut()
    }

    /// An element opens; `paragraph` says whether the reader takes it as a paragraph.
    pub fn open(&mut self, e: &Opening<'_>, paragraph: bool) {
        if paragraph {
            self.pieces.push(Vec::new());
        }
        if self.depth == 0 {
            if paragraph {
                let prefix = match e.qname.iter().position(|&b| b == b':') {
                    Some(i) => String::from_utf8_lossy(&e.qname[..=i]).into_owned(),
                    None => String::new(),
                };
                let (start, end) = (e.range.start, e.range.end);
                self.layout.paragraphs.push(ParagraphLayout {
                    prefix,
                    range: start..end,
                    content: end..end,
                    empty: e.empty,
                    plain: true,
                    runs: Vec::new(),
                });
                self.depth = 1;
            }
            return;
        }
        self.depth += 1;
        let depth = self.depth;
        let run = self.run;
        let Some(p) = self.paragraph() else { return };
        match depth {
            // A child of the paragraph.
            2 => {
                if !(e.word && PLAIN_IN_PARAGRAPH.contains(&e.local)) {
                    p.plain = false;
                } else if e.local == b"r" {
                    let at = e.range.clone();
                    p.runs.push(RunLayout {
                        range: at.start..at.end,
                        start_tag: at.clone(),
                        properties: None,
                        content: at.end..at.end,
                        children: Vec::new(),
                    });
                    self.run = Some(p.runs.len() - 1);
                }
            }
            // A child of one of its runs.
            3 if run.is_some() => {
                let r = run.and_then(|r| p.runs.get_mut(r));
                if !(e.word && PLAIN_IN_RUN.contains(&e.local)) {
                    p.plain = false;
                } else if let Some(r) = r {
                    if e.local == b"rPr" {
                        r.properties = Some(e.range.clone());
                    } else {
                        let text = (e.local == b"t")
                            .then(|| (String::from_utf8_lossy(e.qname).into_owned(), e.range.end..e.range.end));
                        r.children.push(RunChild { range: e.range.clone(), text });
                        self.child = Some(r.children.len() - 1);
                    }
                }
            }
            // Deeper: inside a run's properties or a marker, or a paragraph in a text box
            // (whose line then belongs to this paragraph as a whole).
            _ => {
                if paragraph {
                    p.plain = false;
                }
            }
        }
    }

    /// An element closes: `range` is its end tag (empty where it was written `<x/>`).
    pub fn close(&mut self, local: &[u8], range: Range<usize>) {
        if self.depth == 0 {
            return;
        }
        let depth = self.depth;
        self.depth -= 1;
        let (run, child) = (self.run, self.child);
        // The paragraph is still the one being closed when depth was 1.
        let Some(p) = self.layout.paragraphs.last_mut() else { return };
        match depth {
            1 => {
                p.range.end = range.end;
                if !p.empty {
                    p.content.end = range.start;
                }
            }
            2 if local == b"pPr" => p.content = range.end..p.content.end.max(range.end),
            2 if run.is_some() && local == b"r" => {
                if let Some(r) = run.and_then(|r| p.runs.get_mut(r)) {
                    r.range.end = range.end;
                    r.content.end = range.start.max(r.content.start);
                }
                self.run = None;
            }
            3 => {
                if let Some(r) = run.and_then(|r| p.runs.get_mut(r)) {
                    if local == b"rPr" {
                        if let Some(props) = &mut r.properties {
                            props.end = range.end;
                        }
                        r.content.start = range.end;
                    } else if let Some(c) = child.and_then(|c| r.children.get_mut(c)) {
                        c.range.end = range.end;
                        if let Some((_, text)) = &mut c.text {
                            text.end = range.start.max(text.start);
                        }
                    }
                }
                self.child = None;
            }
            _ => {}
        }
    }

    /// Text the reader appended to the innermost open paragraph: `len` bytes at `at` in its
    /// text, from the XML at `xml`.
    pub fn text(&mut self, at: usize, len: usize, xml: Range<usize>, atomic: bool) {
        if len == 0 {
            return;
        }
        let run = if self.pieces.len() == 1 { self.run } else { None };
        if let Some(pieces) = self.pieces.last_mut() {
            pieces.push(Piece { line: at..at + len, xml, atomic, run });
        }
    }

    /// The innermost open paragraph became a line of `len` bytes, `label` of them a label.
    pub fn line(&mut self, len: usize, label: usize) {
        let own = self.pieces.len() == 1;
        let mut pieces = self.pieces.pop().unwrap_or_default();
        for piece in &mut pieces {
            piece.line = piece.line.start + label..piece.line.end + label;
        }
        let paragraph = self.layout.paragraphs.len().saturating_sub(1);
        if !own {
            if let Some(p) = self.layout.paragraphs.last_mut() {
                p.plain = false;
            }
        }
        self.layout.lines.push(LineLayout { paragraph, own, label, len, pieces });
    }
}
