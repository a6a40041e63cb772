//! The indicator table: one row per statement, in the `targets --format json` shape of
//! docs/design.md. The CLI prints it; the language server returns it for `workplan.targets`.

use serde::Serialize;

use crate::analysis::targets::Target;
use crate::document::Document;
use crate::syntax::targets::{Modality, TargetKind};
use crate::text::position::column;
use crate::text::PositionEncoding;

/// One row, in the `targets --format json` shape of docs/design.md.
#[derive(Debug, Clone, Serialize)]
pub struct TargetRow {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub indicator: String,
    pub kind: TargetKind,
    pub modality: Modality,
    pub qualifier: Option<&'static str>,
    pub value: String,
    pub unit: String,
    pub base_value: f64,
    pub base_unit: String,
    pub period: Option<String>,
    pub text: String,
    /// The value with its qualifier, for the human tables (not part of the JSON shape).
    #[serde(skip)]
    pub written: String,
}

pub fn row(path: &str, doc: &Document, t: &Target) -> TargetRow {
    let s = &t.statement;
    // The sentence, or a stretch of it around the figure when it runs for a paragraph.
    let sentence = doc.span_text_around(s.sentence.at_line(t.line), s.span.start(), 200).trim().to_string();
    TargetRow {
        path: path.to_string(),
        line: t.line + 1,
        column: column(doc.rope(), t.line, s.name.map_or(s.span.start(), |n| n.start()), PositionEncoding::Utf32) + 1,
        indicator: s.indicator.to_string(),
        kind: s.kind,
        modality: t.modality,
        qualifier: s.qualifier,
        value: s.value_written().to_string(),
        unit: s.unit.to_string(),
        base_value: s.base_value,
        base_unit: s.base_unit.to_string(),
        period: t.period.code(),
        text: sentence,
        written: t.written(),
    }
}

/// Every statement of a document as table rows.
pub fn rows(path: &str, doc: &Document) -> Vec<TargetRow> {
    doc.analysis().targets.iter().filter(|t| t.is_listed()).map(|t| row(path, doc, t)).collect()
}
