//! `workplan diff OLD NEW`: what changed between two drafts of a plan — sections, tasks and
//! targets — with the line of each in both.

use std::path::Path;

use super::config::Configs;
use super::input::{collect, Source};
use super::listing::{outcome, print};
use super::output::ListFormat;
use super::Outcome;
use crate::document::Document;
use crate::features::diff::{compare, Draft, DraftChange, Report, Side};

const HEADER: [&str; 7] = ["对象", "变化", "原稿", "原稿行", "新稿", "新稿行", "说明"];

fn shown(side: &Option<Side>) -> (String, String) {
    match side {
        Some(s) => (format!("{} {}", s.label, s.text).trim().to_string(), s.line.to_string()),
        None => (String::new(), String::new()),
    }
}

fn cells(c: &DraftChange) -> [String; 7] {
    let (old, old_line) = shown(&c.old);
    let (new, new_line) = shown(&c.new);
    let changes: Vec<&str> = c.changes.iter().map(|k| k.label()).collect();
    let detail = c.detail.clone().unwrap_or_default();
    [c.subject.label().to_string(), changes.join("、"), old, old_line, new, new_line, detail]
}

/// Reads one draft; `None` (after saying why) if it cannot be read.
fn read(path: &Path) -> Option<Source> {
    let (mut sources, errors) = collect(&[path.to_path_buf()]);
    for e in &errors {
        eprintln!("workplan: {e}");
    }
    if errors.iter().any(|e| e.is_fatal()) {
        return None;
    }
    if sources.len() != 1 {
        eprintln!("workplan: {} 不是一个草稿文件", path.display());
        return None;
    }
    sources.pop()
}

pub fn run(old: &Path, new: &Path, format: ListFormat, config: Option<&Path>) -> Outcome {
    // Standard input can be read once.
    if old == Path::new("-") && new == Path::new("-") {
        eprintln!("workplan: 原稿与新稿不能都从标准输入（-）读取");
        return Outcome::Error;
    }
    let (Some(old), Some(new)) = (read(old), read(new)) else { return Outcome::Error };
    let mut configs = Configs::new(config, |_| {});
    let mut docs = Vec::new();
    for src in [&old, &new] {
        match configs.for_draft(&src.path) {
            Ok(config) => docs.push(Document::with_config(&src.text, src.kind, config)),
            Err(e) => {
                eprintln!("workplan: {e}");
                return Outcome::Error;
            }
        }
    }
    let [old_doc, new_doc] = &docs[..] else { return Outcome::Error };
    let changes = compare(&Draft { path: &old.path, doc: old_doc }, &Draft { path: &new.path, doc: new_doc });
    let report = Report { old: &old.path, new: &new.path, changes: &changes };
    outcome(print(format, &report, HEADER, &changes.iter().map(cells).collect::<Vec<_>>()), false)
}
