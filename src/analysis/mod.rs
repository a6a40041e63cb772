//! Rules over the parsed blocks. Per-paragraph rules run when a paragraph is (re)parsed and
//! their findings are cached with it; document-wide rules run over the block parses and the
//! section tree, never over the text.

pub mod attachments;
pub mod below_last_actual;
mod block;
pub mod check;
mod checks;
pub mod citations;
pub mod config;
pub mod context;
pub mod counts;
pub mod dates;
pub mod deadlines;
pub mod diagnostic;
pub mod docnum;
pub mod elsewhere;
mod incremental;
pub mod marks;
pub mod numbering;
pub mod pairs;
pub mod punct;
pub mod registry;
mod shown;
pub mod suppress;
pub mod targets;
pub mod tasks;
pub mod terms;
pub mod units;

pub use block::Block;
pub use checks::prepare;
pub use config::{Config, ConfigError, Ignore, RangeStyle, RuleSetting, Term};
pub use diagnostic::{Diagnostic, Related, Replacement, Severity};
pub use registry::{FixCertainty, Rule, RuleId, UnknownRule, RULES};
pub use shown::Shown;

use shown::ShownAt;

use crate::syntax::Outline;

/// Everything the features and front ends read: the section tree, the indicator
/// statements and the findings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    pub outline: Outline,
    pub targets: Vec<targets::Target>,
    /// The findings shown, sorted by position, then code; configuration already applied.
    shown: Vec<ShownAt>,
    /// What the document-wide passes found, before configuration, sorted by position: an
    /// edit that only moves text within a line re-assembles that line's findings from these.
    document_findings: Vec<Diagnostic>,
    /// What directives silence on each line; empty when the draft has none.
    silenced: Vec<Option<Box<suppress::Silenced>>>,
    /// Indicators stated as percentages (see [`targets::stated_in_percent`]).
    in_percent: rustc_hash::FxHashSet<compact_str::CompactString>,
    /// (line, index in `document_findings`) for each finding that points into a line other
    /// than its own (related places, fixes), sorted: typing in a line moves its own
    /// findings and these only.
    referencing: Vec<(usize, usize)>,
    /// What the draft tells the other drafts, which the server compares with theirs at every
    /// publication: its citations (title, number, line) and the outturns of its own area.
    /// Kept here, they are not gathered again from every line and statement after an edit
    /// that only moves text within a line, which changes none of them.
    pub citations: Vec<(compact_str::CompactString, compact_str::CompactString, usize)>,
    /// (See `citations`.)
    pub outturns: Vec<elsewhere::Outturn>,
}

/// Runs the document-wide passes and gathers every finding, less those the configuration
/// turns off or ignores (`line_text` gives a line's text for the ignore entries);
/// `elsewhere` is what the other drafts of the workspace tell its checks.
pub fn analyze(
    blocks: &[Block],
    config: &Config,
    elsewhere: &elsewhere::Elsewhere,
    line_text: impl Fn(usize) -> String,
) -> Analysis {
    let outline = Outline::build(blocks);
    let document = check::DocumentContext { blocks, outline: &outline, config, elsewhere };
    // The structure checks and the statement checks read only the blocks and the outline:
    // on two cores they run side by side.
    let (mut document_findings, (resolved, in_percent, target_findings)) = rayon::join(
        || {
            let mut found = Vec::new();
            for check in checks::DOCUMENT {
                check.check(&document, &mut found);
            }
            found
        },
        || {
            let context = context::Context::build(blocks, &outline);
            let resolved = targets::resolve(blocks, &context);
            let in_percent = targets::stated_in_percent(&resolved);
            let mut found = Vec::new();
            let statements = targets::Statements {
                document: &document,
                context: &context,
                targets: &resolved,
                in_percent: &in_percent,
            };
            for check in checks::STATEMENTS {
                check.check(&statements, &mut found);
            }
            (resolved, in_percent, found)
        },
    );
    document_findings.extend(target_findings);
    document_findings.sort_by_key(|d| (d.range, d.code));
    let silenced = suppress::silenced_lines(blocks);
    // Block findings point into their own line only, so the document-wide ones tell.
    let mut referencing: Vec<(usize, usize)> = document_findings
        .iter()
        .enumerate()
        .flat_map(|(k, d)| {
            let places = d.related.iter().map(|r| r.range).chain(d.fix.iter().map(|f| f.range));
            places.filter(move |at| at.line != d.range.line).map(move |at| (at.line, k))
        })
        .collect();
    referencing.sort_unstable();
    referencing.dedup();
    let citations = citations::citations_of(blocks, &outline.fenced);
    let outturns = below_last_actual::outturns_of(&resolved);
    let mut analysis = Analysis {
        outline,
        targets: resolved,
        shown: Vec::new(),
        document_findings,
        silenced,
        in_percent,
        referencing,
        citations,
        outturns,
    };
    let own: usize = blocks.iter().map(|b| b.findings.len()).sum();
    let mut shown = Vec::with_capacity(own + analysis.document_findings.len());
    let mut first = 0;
    for (line, block) in blocks.iter().enumerate() {
        let here = first + analysis.document_findings[first..].partition_point(|d| d.range.line == line);
        analysis.assemble_line(line, block, first..here, config, &line_text, &mut shown);
        first = here;
    }
    analysis.shown = shown;
    analysis
}

impl Analysis {
    /// The findings shown, in order of position, then code; `blocks` are the document's
    /// block parses as of this analysis.
    pub fn shown<'a>(&'a self, blocks: &'a [Block]) -> impl Iterator<Item = Shown<'a>> + Clone + 'a {
        debug_assert!(self.shown.iter().all(|s| s.finding(blocks, &self.document_findings).is_some()));
        self.shown.iter().filter_map(|s| s.finding(blocks, &self.document_findings))
    }

    /// How many findings are shown.
    pub fn shown_count(&self) -> usize {
        self.shown.len()
    }

    /// Appends what is shown on `line`: its block's findings and `document` (the indices of
    /// the document-wide findings on that line), less what is silenced, ignored or turned
    /// off, in order of position, then code.
    fn assemble_line(
        &self,
        line: usize,
        block: &Block,
        document: std::ops::Range<usize>,
        config: &Config,
        line_text: &impl Fn(usize) -> String,
        out: &mut Vec<ShownAt>,
    ) {
        let own = if self.outline.fenced[line] { &[][..] } else { &block.findings[..] };
        if own.is_empty() && document.is_empty() {
            return;
        }
        let silenced = self.silenced.get(line).and_then(Option::as_deref);
        let text = (!config.ignores.is_empty()).then(|| line_text(line));
        let first = self.targets.partition_point(|t| t.line < line);
        let targets_here = &self.targets[first..first + self.targets[first..].partition_point(|t| t.line == line)];
        let confirmed_by_statements = |d: &Diagnostic| d.code.rule().fix == FixCertainty::ConfirmedByStatements;
        let signed =
            own.iter().any(confirmed_by_statements).then(|| targets::SignedChanges::of(targets_here, &self.in_percent));
        let shown = |d: &Diagnostic, index: usize, own: bool| {
            if silenced.is_some_and(|s| s.covers(d.code.as_str()))
                || text.as_deref().is_some_and(|t| config.ignores_finding(d.code.as_str(), t))
            {
                return None;
            }
            let without_fix = own
                && confirmed_by_statements(d)
                && signed.as_ref().is_some_and(|signed| !targets::fix_confirmed(d, signed));
            let severity = config.severity(d)?;
            let (index, span, rule) = (u32::try_from(index).ok()?, d.range.span, d.code);
            Some(ShownAt { line, index, span, rule, own, severity, without_fix })
        };
        let start = out.len();
        out.extend(own.iter().enumerate().filter_map(|(k, d)| shown(d, k, true)));
        out.extend(document.clone().filter_map(|k| shown(&self.document_findings[k], k, false)));
        // All on this line: by position in it, then code.
        out[start..].sort_by_key(|s| (s.span, s.rule));
    }
}
