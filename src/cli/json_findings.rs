//! `check --format json`: every finding of every draft as one JSON array, written straight
//! from the analysis to the output.
//!
//! A finding is serialised from where the analysis keeps it (no copy of it or of its fix),
//! its columns counted along each line once ([`Columns`]), and runs of findings are
//! rendered on every core and written in order. On real text with a finding per comma this
//! output is three times the size of the draft, and rendering it one finding at a time,
//! each copied twice and each place converted from scratch, took as long as the analysis.

use std::borrow::Cow;
use std::io::{self, Write};

use rayon::prelude::*;
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::ser::Formatter;

use super::input::Source;
use crate::analysis::{Severity, Shown};
use crate::document::Document;
use crate::text::position::Columns;
use crate::text::{LineSpan, PositionEncoding};

/// What a finding on a label Word numbers by itself says besides its message; it has no fix
/// (the label is not in the text but in the list's definition).
pub const ON_AUTOMATIC_LABEL: &str = "（此序号是 Word 自动编号，请在 Word 的编号设置中修改）";

/// Findings per rendering task: enough that a task's overhead is noise.
const CHUNK: usize = 256;

/// Rendering tasks done before their output is written, so that the output is never held
/// whole (30 MB for a 10 MB draft with a finding per comma).
const WINDOW: usize = 16;

/// One element of the array: 1-based lines, columns in Unicode characters. The fields and
/// their order are the interface (README, `check --format json`).
#[derive(Serialize)]
struct Finding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    code: &'static str,
    severity: Severity,
    message: Cow<'a, str>,
    fix: Option<&'a [Edit<'a>]>,
}

#[derive(Serialize)]
struct Edit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    new_text: &'a str,
}

/// Writes the findings of `drafts` as one pretty-printed JSON array (without a final line
/// break), the same bytes as `serde_json::to_writer_pretty` on a list of them.
pub fn write(out: &mut dyn Write, drafts: &[(&Source, &Document)]) -> io::Result<()> {
    let findings: Vec<(usize, Shown<'_>)> =
        drafts.iter().enumerate().flat_map(|(k, (_, doc))| doc.diagnostics().map(move |d| (k, d))).collect();
    if findings.is_empty() {
        return out.write_all(b"[]");
    }
    // Each task renders its run as an array of its own, `[` + elements + `\n]`; the elements
    // of all runs, joined by commas, are the elements of one array: they sit at the same depth.
    out.write_all(b"[")?;
    for (w, window) in findings.chunks(CHUNK * WINDOW).enumerate() {
        let rendered: Vec<io::Result<Vec<u8>>> = window.par_chunks(CHUNK).map(|run| render(run, drafts)).collect();
        for (k, run) in rendered.into_iter().enumerate() {
            let run = run?;
            let elements = run.get(1..run.len().saturating_sub(2)).unwrap_or_default();
            if w > 0 || k > 0 {
                out.write_all(b",")?;
            }
            out.write_all(elements)?;
        }
    }
    out.write_all(b"\n]")
}

/// A run of findings as a JSON array.
fn render(run: &[(usize, Shown<'_>)], drafts: &[(&Source, &Document)]) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(run.len() * 512);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Pretty::default());
    let mut seq = ser.serialize_seq(None)?;
    let mut columns: Option<(usize, Columns<'_>)> = None;
    let mut edits = Vec::new();
    for &(k, d) in run {
        let (source, doc) = drafts[k];
        let columns = match &mut columns {
            Some((at, c)) if *at == k => c,
            slot => &mut slot.insert((k, Columns::new(doc.rope(), PositionEncoding::Utf32))).1,
        };
        let mut place = |span: LineSpan| {
            let (start, end) = (span.span.start(), span.span.end());
            (span.line + 1, columns.column(span.line, start) + 1, span.line + 1, columns.column(span.line, end) + 1)
        };
        let range = d.range();
        let (line, column, end_line, end_column) = place(range);
        let automatic = source.in_automatic_label(range.line, range.span.start());
        edits.clear();
        if !automatic {
            for r in d.fix() {
                let (line, column, end_line, end_column) = place(d.place(r.range));
                edits.push(Edit { line, column, end_line, end_column, new_text: &r.new_text });
            }
        }
        let message =
            if automatic { Cow::Owned(format!("{}{ON_AUTOMATIC_LABEL}", d.message())) } else { d.message().into() };
        seq.serialize_element(&Finding {
            path: &source.path,
            line,
            column,
            end_line,
            end_column,
            code: d.code(),
            severity: d.severity(),
            message,
            fix: (!edits.is_empty()).then_some(&edits[..]),
        })?;
    }
    seq.end()?;
    Ok(buf)
}

/// serde_json's `PrettyFormatter` (two spaces) writing each line break with its indent in
/// one piece. It writes an indent two spaces at a time, a call per level: with a fix of a
/// few hundred edits per paragraph of real text, those calls were a third of the rendering.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A comma (unless `first`), a line break and the indent of the current depth.
    fn break_line<W: ?Sized + Write>(&self, out: &mut W, first: bool) -> io::Result<()> {
        const BREAK: &[u8] = b",\n                ";
        let from = usize::from(first);
        match BREAK.get(from..2 + 2 * self.depth) {
            Some(bytes) => out.write_all(bytes),
            None => {
                out.write_all(&BREAK[from..2])?;
                (0..self.depth).try_for_each(|_| out.write_all(b"  "))
            }
        }
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.break_line(out, true)?;
        }
        out.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.break_line(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.break_line(out, true)?;
        }
        out.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.break_line(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_writes_what_serde_json_writes() {
        // Deeper than the indents written in one piece, with empty arrays and objects.
        let leaf = serde_json::json!([1, { "a": [], "b": {}, "c": "“x”\n" }]);
        let deep = (0..12).fold(leaf, |v, k| serde_json::json!({ "k": k, "v": [v, null] }));
        let mut ours = Vec::new();
        deep.serialize(&mut serde_json::Serializer::with_formatter(&mut ours, Pretty::default())).expect("writes");
        assert_eq!(String::from_utf8(ours).expect("UTF-8"), serde_json::to_string_pretty(&deep).expect("writes"));
    }
}
