//! What the statement reader makes of a figure: an indicator [`Statement`], its
//! [`TargetKind`] and [`Modality`]. The reader (`reader`, `kinds`) builds them and the
//! paragraph walk (`parse_statements`) collects them; neither is needed to read them.

use compact_str::CompactString;

use super::cues::Cue;
use super::periods::PeriodHint;
use crate::text::Span;

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
    /// After `其中`, in the clauses up to a `；`: part of a breakdown of a figure before it
    /// (`一般公共预算收入30亿元，其中税收收入25亿元`, `其中签约项目20个，开工项目12个`).
    pub breakdown: bool,
    /// The level of the area its clause names before its name (`全市` → `市`, `我省` → `省`,
    /// `全国` → `国`), if it names one (see `areas`).
    pub area: Option<char>,
}
