//! Indicator statements in one paragraph: `固定资产投资增速 确保 高于 15%` binds an indicator
//! to a figure with a kind, a tier word, a qualifier and what the sentence says of its
//! period. What the sentence does not settle (the year under review, whether the part is a
//! review or a plan) is resolved over the document (`analysis::context`).
//!
//! A paragraph is read sentence by sentence (to `。`), each sentence clause by clause (to
//! `，` `；` `：`). In a clause each figure takes the words since the previous figure as its
//! subject (`地区生产总值67665亿元`), or continues the previous figure's subject when
//! those words only link (`，增长5.5%`); a count may name its noun after it
//! (`新培育6个国家级中小企业特色产业集群`); `分别` and `均` share one verb among listed
//! subjects (`城镇居民、农村居民人均可支配收入分别增长4.5%、5.7%`).

mod cues;
mod figures;
mod kinds;
mod names;
mod periods;
mod reader;
mod vocabulary;

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use compact_str::CompactString;

pub use cues::Cue;
pub use periods::{plan_years, PeriodHint};

use super::indicators::{simplify, UserIndicator};
use super::quantities::Quantity;
use crate::text::Span;
use cues::SentenceCues;
use periods::SentencePeriods;
use reader::SentenceReader;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TargetKind {
    Level,
    Growth,
    AverageGrowth,
    Share,
    CountChange,
    Increase,
    Decrease,
    Rank,
}

impl TargetKind {
    /// The column heading drafters use for this kind in a 主要预期目标表.
    pub fn label(self) -> &'static str {
        match self {
            TargetKind::Level => "总量",
            TargetKind::Growth => "增速",
            TargetKind::AverageGrowth => "年均增速",
            TargetKind::Share => "比重/比率",
            TargetKind::CountChange => "新增数",
            TargetKind::Increase => "提高",
            TargetKind::Decrease => "下降",
            TargetKind::Rank => "排名",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Modality {
    /// 确保: a floor.
    Guarantee,
    /// 力争, 争取: an aspiration.
    Aspiration,
    /// 预计: an estimate.
    Forecast,
    /// A target stated plainly.
    Target,
    /// A result already achieved (a review part, 完成了, a past year).
    Actual,
}

impl Statement {
    /// The value as written, without its qualifier: the number, or a whole range with its
    /// percent signs (`6%－6.5%`).
    pub fn value_written(&self) -> CompactString {
        if self.range && self.base_unit == "%" {
            compact_str::format_compact!("{}%", self.number)
        } else {
            self.number.clone()
        }
    }
}

impl Modality {
    pub fn label(self) -> &'static str {
        match self {
            Modality::Guarantee => "确保",
            Modality::Aspiration => "力争",
            Modality::Forecast => "预计",
            Modality::Target => "目标",
            Modality::Actual => "实绩",
        }
    }

    /// 确保, 力争 or a plain target: what the plan sets out to reach.
    pub fn is_plan(self) -> bool {
        matches!(self, Modality::Guarantee | Modality::Aspiration | Modality::Target)
    }
}

/// One indicator statement. Its strings are short (an indicator's name is rarely over
/// twelve characters) and kept inline ([`CompactString`]): a 10 MB draft has tens of
/// thousands of statements.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The one name of the indicator (see `names::canonical`): a lexicon name, the team's,
    /// or the noun phrase the text uses.
    pub indicator: CompactString,
    /// Named by the lexicon (built-in or the team's) or counted by a count verb: firm enough
    /// to compare with other statements.
    pub firm: bool,
    /// The indicator's level is a percentage (a rate, a ratio, an intensity).
    pub percent_level: bool,
    /// Where the name is written; `None` when the figure continues the previous figure's
    /// indicator (`地区生产总值达到480亿元、增长7%`).
    pub name: Option<Span>,
    pub kind: TargetKind,
    /// The tier word governing the figure (确保, 力争, 争取, 预计), if any.
    pub cue: Option<Cue>,
    pub qualifier: Option<&'static str>,
    /// The number as written, ASCII (`33`, `-3.2`).
    pub number: CompactString,
    /// The unit as written, multiplier included (`亿元`, `%`, `个百分点`, `位`).
    pub unit: CompactString,
    /// The value in base units (`3.3e9`) and that unit (`元`).
    pub base_value: f64,
    /// Always `%`, a unit of the quantities table or empty: static text, not one more
    /// allocation per statement.
    pub base_unit: &'static str,
    /// The figure: number through unit (`第` included for a rank).
    pub span: Span,
    /// The sentence, for tables and hovers.
    pub sentence: Span,
    pub period: PeriodHint,
    /// `年均`, `累计`, `每年`, `五年`: the figure covers years (a plan period), not one year.
    pub over_span: bool,
    /// `稳定在`, `保持在`: held through the part's years (in a five-year review, the period).
    pub steady: bool,
    /// The first figure of `由A提升至B` / `从A增至B`: the level before the change.
    pub base: bool,
    /// Of the year so far (`1—11月`).
    pub months_so_far: bool,
    /// The sentence reports results (完成了, 实现了, 初步统计, 1—10月).
    pub review: bool,
    /// The change is of a rate (`增速比全市高出2.6%`), so it is in 个百分点.
    pub rate_change: bool,
    /// A difference from another area (`高于全国1.7个百分点`), not the area's own figure: kept
    /// for the checks of how it is written, left out of the table and the comparisons.
    pub comparison: bool,
    /// A range (`增长6%－6.5%`, `1—2个`): `number` is written whole, `base_value` is its low end,
    /// and it is compared with nothing.
    pub range: bool,
    /// The number carries a minus sign (`增长-3.2%`).
    pub negative: bool,
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':')
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// Spans of the pieces of `text[range]` between breaks.
fn pieces(text: &str, range: Span, brk: fn(char) -> bool) -> impl Iterator<Item = Span> + '_ {
    let mut start = range.start();
    let breaks = text[range.range()].match_indices(brk).map(move |(i, b)| Some((range.start() + i, b.len())));
    breaks.chain([None]).map(move |brk| match brk {
        Some((at, len)) => {
            let piece = Span::new(start, at);
            start = at + len;
            piece
        }
        None => Span::new(start, range.end()),
    })
}

/// The line as the statement reader sees it: Traditional folded to Simplified, and the
/// pinyin some mirror sites put after converted characters (`區(qū)`) blanked. Byte offsets
/// equal the line's.
fn readable(line: &str) -> Cow<'_, str> {
    let text = simplify(line);
    if !text.contains('(') {
        return text;
    }
    // Debris: `(` right after a Chinese character, lower-case (accented) letters, `)`.
    let mut debris = Vec::new();
    for (open, _) in text.match_indices('(') {
        let after_han = text[..open].chars().next_back().is_some_and(super::quantities::is_han);
        let letters: usize = text[open + 1..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || matches!(c, 'à'..='ǜ'))
            .take(8)
            .map(char::len_utf8)
            .sum();
        if after_han && letters > 0 && text[open + 1 + letters..].starts_with(')') {
            debris.push(open..open + letters + 2);
        }
    }
    if debris.is_empty() {
        return text;
    }
    let mut bytes = text.into_owned().into_bytes();
    for range in debris {
        bytes[range].fill(b' ');
    }
    // Only whole characters were blanked, with ASCII spaces.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Words that make a sentence a report of results.
static REVIEW_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    super::word_automaton(["完成情况", "回顾", "回望", "完成了", "实现了", "初步统计", "初步核算", "已达", "已经达到"])
});

/// Reads the indicator statements of one line; `quantities` are its quantities, in order.
pub fn parse_statements(line: &str, quantities: &[Quantity], user: &[UserIndicator]) -> Vec<Statement> {
    // Most quantities of a plan are no figures (dates, list numbers): only a line with one
    // is read further. What rules a figure out is the same in Traditional and Simplified.
    let all = figures::figures_of(line, quantities);
    if all.is_empty() {
        return Vec::new();
    }
    let text = readable(line);
    let mut out = Vec::new();
    // Figures are in order: walk them with one cursor instead of filtering per sentence.
    let mut rest = &all[..];
    for sentence in pieces(&text, Span::new(0, text.len()), is_sentence_break) {
        let here = rest.iter().take_while(|f| f.q.number.start() < sentence.end()).count();
        let (figures, later) = rest.split_at(here);
        rest = later;
        if figures.is_empty() {
            continue;
        }
        let clauses: Vec<Span> = pieces(&text, sentence, is_clause_break).collect();
        let has_figure = |s: Span| figures.iter().any(|f| s.contains(f.q.number.start()));
        let cues = SentenceCues::scan(&text, sentence, &clauses, has_figure);
        let periods = SentencePeriods::scan(&text, sentence);
        let review = REVIEW_WORDS.is_match(&text[sentence.range()]) || periods.months_so_far;
        let mut reader = SentenceReader::new(&text, sentence, cues, periods, review, user);
        let mut rest = figures;
        for clause in clauses {
            let here = rest.iter().take_while(|f| f.q.number.start() < clause.end()).count();
            let (in_clause, later) = rest.split_at(here);
            rest = later;
            if in_clause.is_empty() {
                reader.read_clause_without_figures(clause);
            } else {
                reader.read_clause(clause, in_clause);
            }
        }
        out.append(&mut reader.into_statements());
    }
    out
}

#[cfg(test)]
mod tests;
