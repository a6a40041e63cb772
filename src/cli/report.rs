//! Findings for people (the offending line with the span marked) and for machines (JSON).

use std::io::IsTerminal;

use annotate_snippets::{Level, Renderer, Snippet};
use serde::Serialize;

use crate::analysis::{Diagnostic, Severity};
use crate::document::Document;
use crate::text::position::column;
use crate::text::{LineSpan, PositionEncoding};

/// A place in the `check --format json` shape: 1-based lines, columns in Unicode characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonEdit {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub new_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonFinding {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub fix: Option<Vec<JsonEdit>>,
}

/// 1-based `(line, column)` of the start and end of `span`, columns in characters.
fn char_range(doc: &Document, span: LineSpan) -> (usize, usize, usize, usize) {
    let col = |b| column(doc.rope(), span.line, b, PositionEncoding::Utf32) + 1;
    (span.line + 1, col(span.span.start()), span.line + 1, col(span.span.end()))
}

pub fn json_finding(path: &str, doc: &Document, d: &Diagnostic) -> JsonFinding {
    let (line, column, end_line, end_column) = char_range(doc, d.range);
    let fix = (!d.fix.is_empty()).then(|| {
        d.fix
            .iter()
            .map(|r| {
                let (line, column, end_line, end_column) = char_range(doc, r.range);
                JsonEdit { line, column, end_line, end_column, new_text: r.new_text.to_string() }
            })
            .collect()
    });
    JsonFinding {
        path: path.to_string(),
        line,
        column,
        end_line,
        end_column,
        code: d.code,
        severity: d.severity,
        message: d.message.clone(),
        fix,
    }
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Information => Level::Info,
        Severity::Hint => Level::Help,
    }
}

/// The finding as a compiler-style snippet: `path:line:col`, the code, the line, the span.
pub fn human_finding(path: &str, doc: &Document, d: &Diagnostic) -> String {
    let line = doc.line(d.range.line);
    let l = d.range.line + 1;
    let span = d.range.span.start().min(line.len())..d.range.span.end().min(line.len());
    let label = if d.fix.is_empty() { String::new() } else { format!("可自动修正为“{}”", d.fix[0].new_text) };
    let message = level(d.severity).title(&d.message).id(d.code).snippet(
        Snippet::source(&line).line_start(l).origin(path).annotation(level(d.severity).span(span).label(&label)),
    );
    let renderer = if std::io::stdout().is_terminal() { Renderer::styled() } else { Renderer::plain() };
    let rendered = renderer.render(message).to_string();
    rendered
}
