//! What the workspace knows of each draft, small enough to keep for hundreds of files: its
//! year, its indicator statements and its headings. Built from a `Document` (the live text
//! of an open draft, or a file read from disk).

use compact_str::CompactString;

use crate::analysis::citations::cited_elsewhere;
use crate::analysis::targets::Period;
use crate::document::Document;
use crate::features::symbols::{section_symbols, Symbol};
use crate::syntax::targets::{Modality, TargetKind};
use crate::text::LineSpan;

#[derive(Debug, Clone, PartialEq)]
pub struct StatementSummary {
    pub indicator: String,
    pub kind: TargetKind,
    pub modality: Modality,
    pub period: Period,
    /// The value as written with its qualifier (`超过2000家`, `15%以上`).
    pub written: String,
    pub base_value: f64,
    pub base_unit: String,
    /// The name if written, else the quantity: where references point.
    pub range: LineSpan,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeadingSummary {
    pub name: String,
    pub selection: LineSpan,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DraftSummary {
    /// The document's plan year, or the latest year its statements are in.
    pub year: Option<i32>,
    pub statements: Vec<StatementSummary>,
    pub headings: Vec<HeadingSummary>,
    /// The documents it cites: title, number, line.
    pub citations: Vec<(CompactString, CompactString, usize)>,
}

impl DraftSummary {
    /// Year, statements and headings of a draft.
    pub fn of(doc: &Document) -> DraftSummary {
        let mut summary = DraftSummary::without_headings(doc);
        collect_headings(&section_symbols(doc), &mut summary.headings);
        summary
    }

    /// Year and statements only, for hovers and references, which never read headings (the
    /// outline is not built).
    pub fn without_headings(doc: &Document) -> DraftSummary {
        let statements: Vec<StatementSummary> = doc
            .analysis()
            .targets
            .iter()
            .filter(|t| t.is_listed())
            .map(|t| StatementSummary {
                indicator: t.statement.indicator.to_string(),
                kind: t.statement.kind,
                modality: t.modality,
                period: t.period.clone(),
                written: t.written(),
                base_value: t.statement.base_value,
                base_unit: t.statement.base_unit.to_string(),
                range: t.statement.name.unwrap_or(t.statement.span).at_line(t.line),
            })
            .collect();
        let year = statements
            .iter()
            .filter(|s| s.modality != Modality::Actual)
            .filter_map(|s| if let Period::Year(y) = s.period { Some(y) } else { None })
            .max();
        DraftSummary { year, statements, headings: Vec::new(), citations: doc.citations() }
    }

    pub fn statements_of<'a>(&'a self, indicator: &'a str) -> impl Iterator<Item = &'a StatementSummary> + 'a {
        self.statements.iter().filter(move |s| s.indicator == indicator)
    }
}

fn collect_headings(symbols: &[Symbol], out: &mut Vec<HeadingSummary>) {
    for s in symbols {
        if s.kind != crate::features::symbols::SymbolKind::Item {
            out.push(HeadingSummary { name: s.name.clone(), selection: s.selection });
        }
        collect_headings(&s.children, out);
    }
}

/// `citation.conflict` across drafts checked together (`workplan check` on several files):
/// each draft's citations compared with the others' (see
/// [`crate::analysis::citations::cited_elsewhere`]), each draft named as given.
pub fn compare_citations<'a>(drafts: &mut [(&'a str, &mut Document)]) {
    let all: Vec<_> = drafts.iter().map(|(_, doc)| doc.citations()).collect();
    if all.iter().filter(|c| !c.is_empty()).count() < 2 {
        return;
    }
    let names: Vec<&'a str> = drafts.iter().map(|(name, _)| *name).collect();
    for (k, (_, doc)) in drafts.iter_mut().enumerate() {
        let others = names
            .iter()
            .zip(&all)
            .enumerate()
            .filter(|(j, _)| *j != k)
            .map(|(_, (name, citations))| (*name, citations.as_slice()));
        let elsewhere = cited_elsewhere(&all[k], others);
        if !elsewhere.is_empty() {
            doc.set_elsewhere(elsewhere.into());
            doc.refresh();
        }
    }
}
