//! Core ⇄ protocol conversions. Core ranges are byte spans within a line; this is the one
//! place they become LSP positions (counted by `text::position`) in the negotiated encoding.

use std::collections::HashMap;

use ls_types as lsp;

use crate::analysis::{Severity, Shown};
use crate::document::{Change, Document};
use crate::features::fixes::all_fixes;
use crate::features::symbols::{Symbol, SymbolKind};
use crate::text::position::{line_len, position_of, Columns};
use crate::text::{LineSpan, PositionEncoding, Span, TextPosition};

/// What shapes a finding as published beyond the finding itself: fixed for a session once
/// initialised.
#[derive(Default)]
pub(super) struct Wire {
    pub encoding: PositionEncoding,
    /// `relatedInformation`, for clients that declare it.
    pub related: bool,
    /// Pages for `codeDescription`; none for clients that do not declare it.
    pub pages: HashMap<&'static str, lsp::Uri>,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn position(p: TextPosition) -> lsp::Position {
    lsp::Position::new(to_u32(p.line), to_u32(p.character))
}

pub fn range(doc: &Document, at: LineSpan, enc: PositionEncoding) -> lsp::Range {
    // The end is counted on from the start (a long line is read once).
    let mut columns = Columns::new(doc.rope(), enc);
    let mut on_line = |byte| position(TextPosition::new(at.line, columns.column(at.line, byte)));
    lsp::Range::new(on_line(at.span.start()), on_line(at.span.end()))
}

/// From the start of `first` to the end of `last` (whole lines).
pub fn line_range(doc: &Document, first: usize, last: usize, enc: PositionEncoding) -> lsp::Range {
    let end = line_len(doc.rope(), last);
    lsp::Range::new(lsp::Position::new(to_u32(first), 0), range(doc, Span::new(end, end).at_line(last), enc).end)
}

/// An empty range at the start of `line`: where a draft that is not open is pointed at.
pub fn line_start(line: usize) -> lsp::Range {
    let at = lsp::Position::new(to_u32(line), 0);
    lsp::Range::new(at, at)
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// The edits of every fix that can be made at once ([`all_fixes`]: formatting, “fix all”).
pub fn all_fix_edits(doc: &Document, enc: PositionEncoding) -> Vec<lsp::TextEdit> {
    all_fixes(doc).iter().map(|r| lsp::TextEdit::new(range(doc, r.range, enc), r.new_text.to_string())).collect()
}

/// The range of bytes `bytes` of `text`, which is not an open document (workplan.toml).
pub fn text_range(text: &str, bytes: std::ops::Range<usize>, enc: PositionEncoding) -> lsp::Range {
    let rope = ropey::Rope::from_str(text);
    lsp::Range::new(position(position_of(&rope, bytes.start, enc)), position(position_of(&rope, bytes.end, enc)))
}

/// A finding as published (see [`Wire`]).
pub(super) fn diagnostic(doc: &Document, uri: &lsp::Uri, d: &Shown<'_>, wire: &Wire) -> lsp::Diagnostic {
    let related: Vec<_> = (d.related().iter().filter(|_| wire.related))
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), range(doc, d.place(r.range), wire.encoding)),
            message: r.message.to_string(),
        })
        .collect();
    lsp::Diagnostic {
        range: range(doc, d.range(), wire.encoding),
        severity: Some(severity(d.severity())),
        code: Some(lsp::NumberOrString::String(d.code().to_string())),
        code_description: wire.pages.get(d.code()).map(|href| lsp::CodeDescription { href: href.clone() }),
        source: Some("workplan".to_string()),
        message: d.message().to_string(),
        related_information: (!related.is_empty()).then_some(related),
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
