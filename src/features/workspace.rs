//! What the workspace knows of each draft, small enough to keep for hundreds of files: its
//! year and issuer, its indicator statements, outturns, headings and citations. Built from a `Document` (the live text
//! of an open draft, or a file read from disk).

use std::path::{Path, PathBuf};

use compact_str::CompactString;

use crate::analysis::citations::cited_elsewhere;
use crate::analysis::elsewhere::{Elsewhere, Outturn};
use crate::analysis::targets::Period;
use crate::document::Document;
use crate::features::symbols::{section_symbols, Symbol};
use crate::files::walk::workspace_drafts;
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
    /// What it tells the other drafts.
    pub told: Told,
}

/// A citation: the title, the number, the line.
pub type Cited = (CompactString, CompactString, usize);

/// What a draft tells the other drafts: the documents it cites (`citation.conflict`), and
/// who it is (as its title says) with the outturns `target.below-last-actual` compares the
/// same issuer's plans with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Told {
    pub citations: Vec<Cited>,
    pub issuer: Option<CompactString>,
    pub outturns: Vec<Outturn>,
}

impl Told {
    pub fn of(doc: &Document) -> Told {
        let analysis = doc.analysis();
        Told { citations: analysis.citations.clone(), issuer: doc.issuer(), outturns: analysis.outturns.clone() }
    }

    /// Whether it tells the others anything (an issuer alone tells nothing).
    pub fn tells_anything(&self) -> bool {
        !self.citations.is_empty() || !self.outturns.is_empty()
    }

    /// Whether what `other` tells may concern this draft: it cites something while this
    /// draft does, or it has this draft's issuer.
    pub fn hears(&self, other: &Told) -> bool {
        (!self.citations.is_empty() && !other.citations.is_empty())
            || (self.issuer.is_some() && other.issuer == self.issuer)
    }

    /// Whether a draft that told `before` and now tells `after` tells this draft something
    /// new: its citations changed and, then or now, cite a title this draft cites; or its
    /// issuer or outturns changed and, then or now, it reports outturns of this draft's issuer.
    pub fn hears_news(&self, before: &Told, after: &Told) -> bool {
        let cites = |t: &Told| t.citations.iter().any(|c| self.citations.iter().any(|own| own.0 == c.0));
        let reports = |t: &Told| !t.outturns.is_empty() && t.issuer.is_some() && t.issuer == self.issuer;
        (before.citations != after.citations && (cites(before) || cites(after)))
            || ((before.issuer != after.issuer || before.outturns != after.outturns)
                && (reports(before) || reports(after)))
    }

    /// What the other drafts tell this one, each named as given: the citations
    /// `citation.conflict` compares (see [`crate::analysis::citations::cited_elsewhere`]) and
    /// the outturns of its issuer (a draft whose title names no issuer is compared with none).
    pub fn elsewhere<N: AsRef<str>>(&self, others: &[(N, &Told)]) -> Elsewhere {
        let citations =
            cited_elsewhere(&self.citations, others.iter().map(|(n, t)| (n.as_ref(), t.citations.as_slice())));
        let mut outturns = Vec::new();
        let same_issuer = others.iter().filter(|(_, t)| self.issuer.is_some() && t.issuer == self.issuer);
        for (name, told) in same_issuer {
            outturns.extend(told.outturns.iter().map(|o| Outturn { draft: name.as_ref().into(), ..o.clone() }));
        }
        Elsewhere { citations, outturns }
    }
}

impl DraftSummary {
    /// Year, statements, headings and what it tells the other drafts: all the workspace
    /// index keeps of a draft on disk.
    pub fn of(doc: &Document) -> DraftSummary {
        let mut summary = DraftSummary::without_headings(doc);
        collect_headings(&section_symbols(doc), &mut summary.headings);
        summary.told = Told::of(doc);
        summary
    }

    /// Year and statements only, for hovers and references, which read neither headings
    /// (the outline is not built) nor what it tells the others (an open draft keeps that).
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
                range: t.name_range(),
            })
            .collect();
        let year = statements
            .iter()
            .filter(|s| s.modality != Modality::Actual)
            .filter_map(|s| if let Period::Year(y) = s.period { Some(y) } else { None })
            .max();
        DraftSummary { year, statements, headings: Vec::new(), told: Told::default() }
    }

    /// The summary of a draft on disk; `None` if it is not readable text.
    pub fn read(path: &Path) -> Option<DraftSummary> {
        Some(DraftSummary::of(&crate::files::read_draft(path)?))
    }

    /// What a workspace symbol search for `query` (any case) finds in the draft: its
    /// headings whose name contains it, then the first statement of each indicator whose
    /// name does; each with its name and whether it is a heading.
    pub fn symbols_matching(&self, query: &str) -> Vec<(&str, bool, LineSpan)> {
        let query = query.to_lowercase();
        let headings = self.headings.iter().filter(|h| h.name.to_lowercase().contains(&query));
        let mut seen = std::collections::HashSet::new();
        let indicators = self.statements.iter().filter(|s| s.indicator.to_lowercase().contains(&query));
        let indicators =
            indicators.filter(|s| seen.insert(&s.indicator)).map(|s| (s.indicator.as_str(), false, s.range));
        headings.map(|h| (h.name.as_str(), true, h.selection)).chain(indicators).collect()
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

/// What the other drafts checked together (`workplan check` on several files) tell each
/// draft (see [`Told::elsewhere`]), each draft named as given.
pub fn compare_drafts(drafts: &mut [(&str, &mut Document)]) {
    if drafts.len() < 2 {
        return;
    }
    let told: Vec<_> = drafts.iter().map(|(name, doc)| (*name, Told::of(doc))).collect();
    for (k, (_, doc)) in drafts.iter_mut().enumerate() {
        let others: Vec<(&str, &Told)> =
            told.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, (name, t))| (*name, t)).collect();
        let elsewhere = told[k].1.elsewhere(&others);
        if !elsewhere.is_empty() {
            doc.set_elsewhere(elsewhere.into());
            doc.refresh();
        }
    }
}

/// What reading the drafts of a workspace reports, in order (see [`index_drafts`]).
pub enum Indexing {
    /// How many drafts there are to read.
    Found(usize),
    Read(PathBuf, DraftSummary),
    /// The percentage of the drafts read, when it grows.
    Percent(u32),
    Done,
}

/// Reads the summary of every draft under `root` (the bounded walk of
/// [`workspace_drafts`]), telling `report` each step; reading stops when `report` returns
/// false for a draft read (no one is listening any more).
pub fn index_drafts(root: &Path, mut report: impl FnMut(Indexing) -> bool) {
    let files = workspace_drafts(root);
    report(Indexing::Found(files.len()));
    let percent = |read: usize| (read * 100 / files.len()) as u32;
    for (k, path) in files.iter().enumerate() {
        if let Some(summary) = DraftSummary::read(path) {
            if !report(Indexing::Read(path.clone(), summary)) {
                return;
            }
        }
        if percent(k + 1) > percent(k) {
            report(Indexing::Percent(percent(k + 1)));
        }
    }
    report(Indexing::Done);
}
