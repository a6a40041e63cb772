//! Findings for people (a window of the offending line with the span marked, or one line
//! each); JSON is written by [`super::json_findings`].

use std::io::IsTerminal;

use super::excerpt::excerpt;
use crate::analysis::{Diagnostic, Severity};
use crate::document::Document;
use crate::text::position::column;
use crate::text::{LineSpan, PositionEncoding};

/// 1-based `(line, column)` of the start and end of `span`, columns in characters.
fn char_range(doc: &Document, span: LineSpan) -> (usize, usize, usize, usize) {
    let col = |b| column(doc.rope(), span.line, b, PositionEncoding::Utf32) + 1;
    (span.line + 1, col(span.span.start()), span.line + 1, col(span.span.end()))
}

/// The severity as the report names it (no English inside Chinese output).
pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Information => "提示",
        Severity::Hint => "建议",
    }
}

/// Terminal colours: on a terminal or where `CLICOLOR_FORCE` asks for them, never where
/// `NO_COLOR` is set (no-color.org).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn for_stdout() -> Style {
        let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        Style { color: !set("NO_COLOR") && (set("CLICOLOR_FORCE") || std::io::stdout().is_terminal()) }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(self, s: Severity, text: &str) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Information => "1;36",
            Severity::Hint => "1;32",
        };
        self.paint(code, text)
    }

    fn gutter(self, text: &str) -> String {
        self.paint("1;34", text)
    }
}

/// What the fix does, said under the marker: the span as it will read, or that it goes.
fn fix_label(doc: &Document, d: &Diagnostic) -> String {
    if d.fix.is_empty() {
        return String::new();
    }
    let flagged = doc.span_text(d.range);
    let mut fixed = String::new();
    let mut done = d.range.span.start();
    for r in &d.fix {
        let (start, end) = (r.range.span.start(), r.range.span.end());
        if start < done || end > d.range.span.end() {
            // Not inside the span (never so today): name the first edit instead.
            return format!("可自动修正为“{}”", d.fix[0].new_text);
        }
        fixed.push_str(flagged.get(done - d.range.span.start()..start - d.range.span.start()).unwrap_or_default());
        fixed.push_str(&r.new_text);
        done = end;
    }
    fixed.push_str(flagged.get(done - d.range.span.start()..).unwrap_or_default());
    if !fixed.is_empty() {
        format!("可自动修正为“{fixed}”")
    } else if flagged.trim().is_empty() {
        "可删除多余空格".to_string()
    } else {
        format!("可删除“{flagged}”")
    }
}

/// The finding as a compiler-style report: severity and code, message, `path:line:col`, a
/// window of the line with the span marked and what the fix would do.
pub fn human_finding(path: &str, doc: &Document, d: &Diagnostic, style: Style) -> String {
    let (line, column, _, _) = char_range(doc, d.range);
    let ex = excerpt(doc.rope(), d.range);
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let label = fix_label(doc, d);
    let marker = format!(
        "{}{}",
        "^".repeat(ex.marker_width),
        if label.is_empty() { String::new() } else { format!(" {label}") }
    );
    format!(
        "{}: {}\n{pad}{} {path}:{line}:{column}\n{pad} {}\n{} {} {}\n{pad} {} {}{}",
        style.severity(d.severity, &format!("{}[{}]", severity_label(d.severity), d.code)),
        d.message,
        style.gutter("-->"),
        style.gutter("|"),
        style.gutter(&number),
        style.gutter("|"),
        ex.text,
        style.gutter("|"),
        " ".repeat(ex.marker_at),
        style.severity(d.severity, &marker),
    )
}

/// One line per finding, as compilers and ruff's concise output write it:
/// `path:line:col: code message`.
pub fn concise_finding(path: &str, doc: &Document, d: &Diagnostic) -> String {
    let (line, column, _, _) = char_range(doc, d.range);
    format!("{path}:{line}:{column}: {} {}", d.code, d.message)
}
