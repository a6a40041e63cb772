//! What the workspace knows of each draft, small enough to keep for hundreds of files: its
//! year and issuer, its indicator statements, outturns, headings and citations. Built from a `Document` (the live text
//! of an open draft, or a file read from disk).

use compact_str::CompactString;

use crate::analysis::below_last_actual::outturns_of;
use crate::analysis::citations::cited_elsewhere;
use crate::analysis::elsewhere::{Elsewhere, Outturn};
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
    /// Its issuer and outturns, for the same issuer's other drafts.
    pub reported: Reported,
}

/// What a draft reports to the other drafts of its issuer: who it is (as its title says)
/// and the outturns `target.below-last-actual` compares their plans with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reported {
    pub issuer: Option<CompactString>,
    pub outturns: Vec<Outturn>,
}

impl Reported {
    pub fn of(doc: &Document) -> Reported {
        let outturns = outturns_of(&doc.analysis().targets);
        Reported { issuer: doc.issuer(), outturns }
    }
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
        DraftSummary { year, statements, headings: Vec::new(), citations: doc.citations(), reported: Reported::of(doc) }
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

/// The outturns the other drafts of `issuer` report, each named as given: a draft whose
/// title names no issuer is compared with none.
pub fn outturns_elsewhere<'a, N: AsRef<str>>(
    issuer: Option<&str>,
    others: impl IntoIterator<Item = (N, &'a Reported)>,
) -> Vec<Outturn> {
    let Some(issuer) = issuer else { return Vec::new() };
    let mut out = Vec::new();
    for (name, reported) in others.into_iter().filter(|(_, r)| r.issuer.as_deref() == Some(issuer)) {
        out.extend(reported.outturns.iter().map(|o| Outturn { draft: name.as_ref().into(), ..o.clone() }));
    }
    out
}

/// What the other drafts checked together (`workplan check` on several files) tell each
/// draft: the citations `citation.conflict` compares (see
/// [`crate::analysis::citations::cited_elsewhere`]) and the outturns of the same issuer,
/// each draft named as given.
pub fn compare_drafts(drafts: &mut [(&str, &mut Document)]) {
    if drafts.len() < 2 {
        return;
    }
    // What each draft tells the others: its citations, issuer and outturns.
    let told: Vec<_> = drafts.iter().map(|(name, doc)| (*name, doc.citations(), Reported::of(doc))).collect();
    for (k, (_, doc)) in drafts.iter_mut().enumerate() {
        let others = || told.iter().enumerate().filter(move |(j, _)| *j != k).map(|(_, t)| t);
        let (_, citations, reported) = &told[k];
        let elsewhere = Elsewhere {
            citations: cited_elsewhere(citations, others().map(|(n, c, _)| (*n, c.as_slice()))),
            outturns: outturns_elsewhere(reported.issuer.as_deref(), others().map(|(n, _, r)| (*n, r))),
        };
        if !elsewhere.is_empty() {
            doc.set_elsewhere(elsewhere.into());
            doc.refresh();
        }
    }
}
