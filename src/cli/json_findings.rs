//! `check --format json`: every finding of every draft as one JSON array, written straight
//! from the analysis to the output.
//!
//! A finding is written from where the analysis keeps it (no copy of it or of its fix), its
//! columns counted along each line once ([`Columns`]), and runs of findings are rendered on
//! every core and written in order. On real text with a finding per comma this output is
//! three times the size of the draft, and rendering it one finding at a time, each copied
//! twice and each place converted from scratch, took as long as the analysis.

use std::borrow::Cow;
use std::io::{self, Write};

use rayon::prelude::*;

use super::input::Source;
use crate::analysis::{Severity, Shown};
use crate::document::Document;
use crate::text::position::Columns;
use crate::text::{LineSpan, PositionEncoding};

/// What a finding on a label Word numbers by itself says besides its message; it has no fix
/// (the label is not in the text but in the list's definition).
pub const ON_AUTOMATIC_LABEL: &str = "（此序号是 Word 自动编号，请在 Word 的编号设置中修改）";

/// Findings per rendering task: enough that a task's overhead is noise, few enough that its
/// buffer (about a kilobyte per finding on real text, whose fixes list every mark) stays
/// below the allocator's threshold for a mapping of its own. A buffer mapped for itself is
/// fresh memory, faulted in page by page and returned when freed; at 256 findings a task,
/// those faults were a fifth of the page faults of `check` on a megabyte of real text.
const CHUNK: usize = 64;

/// Rendering tasks done before their output is written, so that the output is never held
/// whole (30 MB for a 10 MB draft with a finding per comma), and the next window renders
/// into the memory this one freed.
const WINDOW: usize = 8;

/// One element of the array: 1-based lines, columns in Unicode characters. The fields and
/// their order are the interface (README, `check --format json`).
#[cfg_attr(test, derive(serde::Serialize))]
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

#[cfg_attr(test, derive(serde::Serialize))]
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
    // Each task renders the elements of its run, joined by commas; the runs, joined by
    // commas too, are the elements of one array.
    out.write_all(b"[")?;
    for (w, window) in findings.chunks(CHUNK * WINDOW).enumerate() {
        let rendered: Vec<io::Result<Vec<u8>>> = window.par_chunks(CHUNK).map(|run| render(run, drafts)).collect();
        for (k, run) in rendered.into_iter().enumerate() {
            if w > 0 || k > 0 {
                out.write_all(b",")?;
            }
            out.write_all(&run?)?;
        }
    }
    out.write_all(b"\n]")
}

/// The elements of a run of findings, joined by commas.
fn render(run: &[(usize, Shown<'_>)], drafts: &[(&Source, &Document)]) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(run.len() * 512);
    let mut columns: Option<(usize, Columns<'_>)> = None;
    let mut edits = Vec::new();
    for (n, &(k, d)) in run.iter().enumerate() {
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
        if n > 0 {
            buf.push(b',');
        }
        Finding {
            path: &source.path,
            line,
            column,
            end_line,
            end_column,
            code: d.code(),
            severity: d.severity(),
            message,
            fix: (!edits.is_empty()).then_some(&edits[..]),
        }
        .write(&mut buf)?;
    }
    Ok(buf)
}

// The shape of an element is fixed, so it is written from a template and only its strings go
// through serde_json, to be escaped: through serde's serializer every key was escaped too and
// every indent written two spaces at a time, which on real text (a paragraph's fix has
// hundreds of edits) was a third of the rendering. A test compares the bytes with serde's.
impl Finding<'_> {
    /// Appends the finding as an element of the array (`\n  {…\n  }`), as
    /// `serde_json::to_writer_pretty` writes it there.
    fn write(&self, out: &mut Vec<u8>) -> io::Result<()> {
        out.extend_from_slice(b"\n  {\n    \"path\": ");
        serde_json::to_writer(&mut *out, self.path)?;
        place(out, FINDING_PLACE, [self.line, self.column, self.end_line, self.end_column]);
        out.extend_from_slice(b",\n    \"code\": ");
        serde_json::to_writer(&mut *out, self.code)?;
        out.extend_from_slice(b",\n    \"severity\": ");
        serde_json::to_writer(&mut *out, &self.severity)?;
        out.extend_from_slice(b",\n    \"message\": ");
        serde_json::to_writer(&mut *out, &self.message)?;
        out.extend_from_slice(b",\n    \"fix\": ");
        match self.fix {
            None => out.extend_from_slice(b"null"),
            Some(edits) => {
                out.push(b'[');
                for (k, e) in edits.iter().enumerate() {
                    out.extend_from_slice(if k == 0 { b"\n      {" } else { b",\n      {" });
                    place(out, EDIT_PLACE, [e.line, e.column, e.end_line, e.end_column]);
                    out.extend_from_slice(b",\n        \"new_text\": ");
                    serde_json::to_writer(&mut *out, e.new_text)?;
                    out.extend_from_slice(b"\n      }");
                }
                out.extend_from_slice(b"\n    ]");
            }
        }
        out.extend_from_slice(b"\n  }");
        Ok(())
    }
}

/// The keys of a place's four numbers, each after what ends the field before it and the
/// indent: in a finding (after its `path`) and in an edit (its first fields).
const FINDING_PLACE: [&[u8]; 4] =
    [b",\n    \"line\": ", b",\n    \"column\": ", b",\n    \"end_line\": ", b",\n    \"end_column\": "];
const EDIT_PLACE: [&[u8]; 4] =
    [b"\n        \"line\": ", b",\n        \"column\": ", b",\n        \"end_line\": ", b",\n        \"end_column\": "];

/// The four numbers of a place, after their `keys`.
fn place(out: &mut Vec<u8>, keys: [&[u8]; 4], numbers: [usize; 4]) {
    for (key, n) in keys.into_iter().zip(numbers) {
        out.extend_from_slice(key);
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_what_serde_json_writes() {
        let edits = [
            Edit { line: 1, column: 2, end_line: 1, end_column: 3, new_text: "，" },
            Edit { line: 12, column: 40, end_line: 13, end_column: 1, new_text: "\"\\\n\u{1}" },
        ];
        let finding = |fix, message: &'static str| Finding {
            path: "草稿/\"a\".txt",
            line: 7,
            column: 1,
            end_line: 7,
            end_column: 120,
            code: "punct.halfwidth",
            severity: Severity::Warning,
            message: message.into(),
            fix,
        };
        let findings = [finding(Some(&edits[..]), "本段有3处半角标点“,”\t。"), finding(None, "")];
        let mut ours = b"[".to_vec();
        for (k, f) in findings.iter().enumerate() {
            if k > 0 {
                ours.push(b',');
            }
            f.write(&mut ours).expect("writes");
        }
        ours.extend_from_slice(b"\n]");
        assert_eq!(String::from_utf8(ours).expect("UTF-8"), serde_json::to_string_pretty(&findings).expect("writes"));
    }
}
