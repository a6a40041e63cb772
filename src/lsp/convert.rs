//! Core ⇄ protocol conversions. Core ranges are byte spans within a line; this is the one
//! place they become LSP positions in the negotiated encoding.

use ls_types as lsp;

use crate::analysis::{Diagnostic, Replacement, Severity};
use crate::document::{Change, Document};
use crate::features::symbols::{Symbol, SymbolKind};
use crate::text::position::{column, column_in};
use crate::text::{LineSpan, PositionEncoding, TextPosition};

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One line of a document, looked up once for all the positions on it.
struct Line<'a> {
    index: u32,
    slice: Option<ropey::RopeSlice<'a>>,
}

impl<'a> Line<'a> {
    fn of(doc: &'a Document, line: usize) -> Line<'a> {
        Line { index: to_u32(line), slice: doc.rope().get_line(line) }
    }

    /// The position of byte `byte` of the line, as [`column`] counts it.
    fn at(&self, byte: usize, enc: PositionEncoding) -> lsp::Position {
        let character = self.slice.map_or(0, |slice| column_in(slice, byte, enc));
        lsp::Position::new(self.index, to_u32(character))
    }

    /// The position at the end of the line's text, before its line break.
    fn end(&self, enc: PositionEncoding) -> lsp::Position {
        let len = self.slice.map_or(0, |s| s.len_bytes() - crate::text::position::line_break_len(s));
        self.at(len, enc)
    }
}

pub fn range(doc: &Document, span: LineSpan, enc: PositionEncoding) -> lsp::Range {
    let line = Line::of(doc, span.line);
    lsp::Range::new(line.at(span.span.start(), enc), line.at(span.span.end(), enc))
}

/// From the start of `first` to the end of `last` (whole lines).
pub fn line_range(doc: &Document, first: usize, last: usize, enc: PositionEncoding) -> lsp::Range {
    lsp::Range::new(lsp::Position::new(to_u32(first), 0), Line::of(doc, last).end(enc))
}

fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

pub fn text_edit(doc: &Document, r: &Replacement, enc: PositionEncoding) -> lsp::TextEdit {
    lsp::TextEdit::new(range(doc, r.range, enc), r.new_text.to_string())
}

/// The position just past the end of `text` (where an appended entry goes), in `enc` units.
pub fn end_of(text: &str, enc: PositionEncoding) -> lsp::Position {
    let rope = ropey::Rope::from_str(text);
    let last = rope.len_lines().saturating_sub(1);
    lsp::Position::new(to_u32(last), to_u32(column(&rope, last, rope.line(last).len_bytes(), enc)))
}

pub fn diagnostic(
    doc: &Document,
    uri: &lsp::Uri,
    d: &Diagnostic,
    enc: PositionEncoding,
    docs: Option<&lsp::Uri>,
) -> lsp::Diagnostic {
    let related = d
        .related
        .iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), range(doc, r.range, enc)),
            message: r.message.to_string(),
        })
        .collect::<Vec<_>>();
    lsp::Diagnostic {
        range: range(doc, d.range, enc),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("workplan".to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        code_description: docs.map(|href| lsp::CodeDescription { href: href.clone() }),
        ..lsp::Diagnostic::default()
    }
}

pub fn change(event: lsp::TextDocumentContentChangeEvent) -> Change {
    let at = |p: lsp::Position| TextPosition::new(p.line as usize, p.character as usize);
    Change { range: event.range.map(|r| (at(r.start), at(r.end))), text: event.text }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct literal.
pub fn document_symbol(doc: &Document, s: &Symbol, enc: PositionEncoding) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: match s.kind {
            SymbolKind::Part => lsp::SymbolKind::MODULE,
            SymbolKind::Section => lsp::SymbolKind::NAMESPACE,
            SymbolKind::Item => lsp::SymbolKind::ENUM_MEMBER,
        },
        tags: None,
        deprecated: None,
        // A section spans its lines; an inline item only its own words, so editors can order
        // and highlight the items of one paragraph.
        range: if s.kind == SymbolKind::Item {
            range(doc, s.selection, enc)
        } else {
            line_range(doc, s.lines.0, s.lines.1, enc)
        },
        selection_range: range(doc, s.selection, enc),
        children: (!s.children.is_empty()).then(|| s.children.iter().map(|c| document_symbol(doc, c, enc)).collect()),
    }
}

pub fn folding_range(first: usize, last: usize) -> lsp::FoldingRange {
    lsp::FoldingRange {
        start_line: to_u32(first),
        end_line: to_u32(last),
        kind: Some(lsp::FoldingRangeKind::Region),
        ..lsp::FoldingRange::default()
    }
}
