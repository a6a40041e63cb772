//! The outline as a tree of named symbols: headings titled with their markers
//! (`（三）着力推进创新驱动`), inline enumeration items as leaves.

use serde::Serialize;

use super::tasks::{table_rows, tasks, Fields, TableRow};
use super::titles::{shorten, MAX_TITLE_CHARS};
use crate::document::Document;
use crate::syntax::markers::MarkerFamily;
use crate::syntax::{Outline, SectionKind};
use crate::text::{LineSpan, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SymbolKind {
    /// `第一部分`, `01`, and appendices (`附件1`, `名词解释`)
    Part,
    /// Any heading: a structure marker or a Markdown heading.
    Section,
    /// `一是…`, `第一，…`
    Item,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Symbol {
    /// Marker and title as written: `（三）着力推进创新驱动`.
    pub name: String,
    pub marker: String,
    pub title: String,
    pub kind: SymbolKind,
    /// Depth in the tree, 1 for the outermost sections.
    pub level: usize,
    /// The first and last line of the section.
    pub lines: (usize, usize),
    /// The marker and title on the heading's line (what an editor highlights).
    pub selection: LineSpan,
    /// A task's 任务分解 fields in one line (`牵头：区科技局；时限：2026年底`).
    pub detail: Option<String>,
    pub children: Vec<Symbol>,
}

pub fn document_symbols(doc: &Document) -> Vec<Symbol> {
    let outline = &doc.analysis().outline;
    let mut details: Vec<Option<String>> = vec![None; outline.sections.len()];
    let ledger = tasks(doc);
    for task in &ledger {
        if let Some(slot) = details.get_mut(task.section) {
            *slot = task.summary();
        }
    }
    let mut symbols: Vec<Symbol> = outline.roots.iter().map(|&id| symbol(doc, outline, &details, id, 1)).collect();
    // The rows of a task table are tasks too: items of the section they sit in.
    for row in table_rows(doc, &ledger) {
        place_row(&mut symbols, row_symbol(doc, &row), 1);
    }
    symbols
}

/// The sections alone, without the tasks' fields or the rows of task tables: what the
/// workspace index keeps of a draft's headings.
pub fn section_symbols(doc: &Document) -> Vec<Symbol> {
    let outline = &doc.analysis().outline;
    outline.roots.iter().map(|&id| symbol(doc, outline, &[], id, 1)).collect()
}

/// A row of a task table as an item: its number cell and task cell, its fields as detail.
fn row_symbol(doc: &Document, row: &TableRow) -> Symbol {
    let marker = row.ordinal.map(|n| n.to_string()).unwrap_or_default();
    let gap = if marker.is_empty() { "" } else { " " };
    let text = doc.line(row.line);
    let content = text.trim_end_matches(['\r', '\n']);
    Symbol {
        name: format!("{marker}{gap}{}", row.title),
        marker,
        title: row.title.clone(),
        kind: SymbolKind::Item,
        level: 0,
        lines: (row.line, row.line),
        selection: Span::new(0, content.len()).at_line(row.line),
        detail: row.summary(),
        children: Vec::new(),
    }
}

/// Puts `row` among the children of the innermost symbol whose lines hold it, in line order
/// (at the top level if none does).
fn place_row(symbols: &mut Vec<Symbol>, mut row: Symbol, level: usize) {
    let line = row.lines.0;
    if let Some(parent) =
        symbols.iter_mut().find(|s| s.kind != SymbolKind::Item && (s.lines.0..=s.lines.1).contains(&line))
    {
        return place_row(&mut parent.children, row, level + 1);
    }
    row.level = level;
    let at = symbols.partition_point(|s| s.lines.0 <= line);
    symbols.insert(at, row);
}

fn symbol(doc: &Document, outline: &Outline, details: &[Option<String>], id: usize, level: usize) -> Symbol {
    let s = &outline.sections[id];
    let marker = s.marker.map(|m| doc.span_text(m.at_line(s.line()))).unwrap_or_default();
    // One character more than a title shows, so that `shorten` knows to cut it.
    let title = shorten(doc.span_text_start(s.title(), MAX_TITLE_CHARS + 1).trim());
    // A title from the next line (`01` then its title) is set off by a space.
    let gap = if s.title().line != s.line() && !marker.is_empty() && !title.is_empty() { " " } else { "" };
    let name = format!("{marker}{gap}{title}");
    let kind = match s.kind {
        SectionKind::Item(_) => SymbolKind::Item,
        SectionKind::Heading if matches!(s.family, Some(MarkerFamily::Part | MarkerFamily::Appendix)) => {
            SymbolKind::Part
        }
        SectionKind::Heading => SymbolKind::Section,
    };
    let selection_start = s.marker.map_or(s.title().span.start(), |m| m.start());
    let selection_end = if s.title().line == s.line() {
        s.title().span.end().max(selection_start)
    } else {
        s.marker.map_or(selection_start, |m| m.end())
    };
    Symbol {
        name: if name.is_empty() { "（无标题）".to_string() } else { name },
        marker,
        title,
        kind,
        level,
        lines: (s.line(), s.end_line().max(s.line())),
        selection: Span::new(selection_start, selection_end).at_line(s.line()),
        detail: details.get(id).cloned().flatten(),
        children: outline.children(id).map(|c| symbol(doc, outline, details, c, level + 1)).collect(),
    }
}
