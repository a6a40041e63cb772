//! `check --format sarif`: the findings as a SARIF 2.1.0 log, for code-scanning services and
//! SARIF viewers.
//!
//! One run; the driver lists every rule of the registry, so `ruleIndex` is the rule's place in
//! [`RULES`]. Columns are 1-based and counted in Unicode characters (`columnKind`
//! `unicodeCodePoints`), like `--format json`. Each region carries its own text as a snippet
//! and its line (at most a hundred characters either side) as a context region, so a viewer
//! can show the finding without the file.

use std::path::{Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Value};

use crate::analysis::{Diagnostic, Rule, Severity, RULES};
use crate::document::Document;
use crate::files::rule_pages::rule_pages;
use crate::text::position::{column, line_break_len};
use crate::text::{LineSpan, PositionEncoding};

const SARIF_VERSION: &str = "2.1.0";
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Characters kept as they are in a relative path's URI: RFC 3986 unreserved ones and `/`.
/// Everything else, `:` included (it would read as a scheme), is percent-encoded as UTF-8.
const RELATIVE_PATH: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// In an absolute `file:` URI a `:` is harmless and Windows drive letters keep theirs.
const ABSOLUTE_PATH: &AsciiSet = &RELATIVE_PATH.remove(b':');

/// The SARIF log for `files`: each a path as the user gave it and its analysed document.
pub fn report(files: &[(&str, &Document)]) -> Value {
    let results: Vec<Value> = files
        .iter()
        .flat_map(|(path, doc)| {
            let uri = artifact_uri(path);
            doc.diagnostics().map(move |d| result(&uri, doc, &d.to_diagnostic()))
        })
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": { "driver": driver() },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn driver() -> Value {
    let pages = rule_pages();
    json!({
        "name": "workplan",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": RULES.iter().map(|r| rule_descriptor(r, pages.get(r.code))).collect::<Vec<_>>(),
    })
}

/// A rule as SARIF describes it; `page` is its documentation page on this machine (SARIF's
/// `helpUri` must be absolute), and the page itself is the help's Markdown, for viewers on
/// other machines.
fn rule_descriptor(rule: &Rule, page: Option<&PathBuf>) -> Value {
    let mut descriptor = json!({
        "id": rule.code,
        "name": rule_name(rule.code),
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": format!("{}。依据：{}。", rule.summary, rule.standard) },
        "help": {
            "text": format!("{}\n依据：{}\n运行 `workplan rules` 可查看全部规则。", rule.summary, rule.standard),
            "markdown": rule.doc,
        },
        "defaultConfiguration": { "level": level(rule.severity) },
    });
    if let Some(page) = page {
        descriptor["helpUri"] = json!(artifact_uri(&page.display().to_string()));
    }
    descriptor
}

/// A readable identifier for viewers that show rule names: `unit.fullwidth-digit` →
/// `UnitFullwidthDigit`.
fn rule_name(code: &str) -> String {
    code.split(['.', '-'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars)
        })
        .collect()
}

/// SARIF has no information or hint level; both are notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

fn result(uri: &str, doc: &Document, d: &Diagnostic) -> Value {
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{ "physicalLocation": physical_location(uri, doc, d.range) }],
    });
    // The registry lists the rules in the order of their ids.
    result["ruleIndex"] = json!(d.code as usize);
    if !d.related.is_empty() {
        let related: Vec<Value> = d
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i,
                    "physicalLocation": physical_location(uri, doc, r.range),
                    "message": { "text": r.message },
                })
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if !d.fix.is_empty() {
        result["fixes"] = json!([fix(uri, doc, d)]);
    }
    result
}

fn physical_location(uri: &str, doc: &Document, span: LineSpan) -> Value {
    let mut region = region(doc, span);
    region["snippet"] = json!({ "text": doc.span_text(span) });
    json!({
        "artifactLocation": { "uri": uri },
        "region": region,
        "contextRegion": context_region(doc, span),
    })
}

/// The finding's certain rewrite as one SARIF fix: every replacement, in the file it flags.
fn fix(uri: &str, doc: &Document, d: &Diagnostic) -> Value {
    let replacements: Vec<Value> = d
        .fix
        .iter()
        .map(|r| json!({ "deletedRegion": region(doc, r.range), "insertedContent": { "text": r.new_text } }))
        .collect();
    let description = match d.fix.as_slice() {
        [only] => format!("改为“{}”", only.new_text),
        _ => format!("按规则 {} 自动修正", d.code),
    };
    json!({
        "description": { "text": description },
        "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
    })
}

/// Start and end of `span`: 1-based lines, 1-based columns in characters.
fn region(doc: &Document, span: LineSpan) -> Value {
    let col = |byte| column(doc.rope(), span.line, byte, PositionEncoding::Utf32) + 1;
    json!({
        "startLine": span.line + 1,
        "startColumn": col(span.span.start()),
        "endLine": span.line + 1,
        "endColumn": col(span.span.end()),
    })
}

/// Characters of context either side of a finding: a Chinese paragraph is one line, often
/// thousands of characters, and the whole of it in every finding's context would make the
/// log grow with findings × line length.
const CONTEXT_CHARS: usize = 100;

/// The line around a finding (all of it when it is short), with its text.
fn context_region(doc: &Document, span: LineSpan) -> Value {
    let Some(line) = doc.rope().get_line(span.line) else { return json!({ "startLine": span.line + 1 }) };
    let len = line.len_bytes() - line_break_len(line);
    let first = line.byte_to_char(span.span.start().min(len)).saturating_sub(CONTEXT_CHARS);
    let last = (line.byte_to_char(span.span.end().min(len)) + CONTEXT_CHARS).min(line.byte_to_char(len));
    json!({
        "startLine": span.line + 1,
        "startColumn": first + 1,
        "endLine": span.line + 1,
        "endColumn": last + 1,
        "snippet": { "text": line.slice(first..last).to_string() },
    })
}

/// A URI for a path as the user gave it: relative paths stay relative (to the directory the
/// check ran in, as SARIF consumers resolve them against the checkout), absolute ones become
/// `file:` URIs. Both are percent-encoded, so spaces and Chinese file names are valid URIs.
pub fn artifact_uri(path: &str) -> String {
    let slashed = if cfg!(windows) { path.replace('\\', "/") } else { path.to_string() };
    if !Path::new(path).is_absolute() {
        return utf8_percent_encode(&slashed, RELATIVE_PATH).to_string();
    }
    // `/tmp/a` → `file:///tmp/a`; `C:/a` → `file:///C:/a`.
    let root = if slashed.starts_with('/') { "" } else { "/" };
    format!("file://{root}{}", utf8_percent_encode(&slashed, ABSOLUTE_PATH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(artifact_uri("drafts/工作要点 v2.txt"), "drafts/%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9%20v2.txt");
        assert_eq!(artifact_uri("a:b.txt"), "a%3Ab.txt");
        assert_eq!(artifact_uri("-"), "-");
        #[cfg(unix)]
        assert_eq!(artifact_uri("/tmp/a b.txt"), "file:///tmp/a%20b.txt");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(rule_name("unit.fullwidth-digit"), "UnitFullwidthDigit");
        assert_eq!(rule_name("numbering.gap"), "NumberingGap");
    }

    #[test]
    fn hints_and_information_are_notes() {
        assert_eq!(level(Severity::Hint), "note");
        assert_eq!(level(Severity::Information), "note");
        assert_eq!(level(Severity::Error), "error");
    }
}
