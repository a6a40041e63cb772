//! Target rules: `target.conflict`, `target.guarantee-above-aspiration`,
//! `target.growth-arithmetic`, `target.part-exceeds-whole`, `target.percent-point` over the
//! document's indicator statements, and `target.negative-growth`,
//! `target.decrease-multiple` per paragraph.
//!
//! Statements are compared only when they name the same indicator, kind and calendar year
//! and are targets (确保/力争/plain): a review-year actual never conflicts with a plan-year
//! target, and a horizon (`到2025年`) or an average (`年均增长`) is never a year's target.

use compact_str::CompactString;
use rustc_hash::{FxHashMap as HashMap, FxHashSet};
use std::sync::Arc;
use std::sync::LazyLock;

use regex::Regex;

use super::check::{DocumentCheck, DocumentContext, LineCheck, LineContext};
use super::context::{Context, Part, PartRole};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::indicators::{lookup, Indicator};
use crate::syntax::quantities::{is_more_than, is_suffix_qualifier};
use crate::syntax::targets::{Cue, Modality, PeriodHint, Statement, TargetKind};
use crate::syntax::{captures_of, BlockSyntax};
use crate::text::{LineSpan, Span};

/// The period a statement is in force, resolved against its sentence, the part it sits in
/// and the document's plan year.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Period {
    Year(i32),
    /// A deadline: `到2025年`, `“十四五”末`.
    By(i32),
    /// Years from…to: a plan period, a five-year review.
    Span(i32, i32),
    /// `1-2年内`, as written.
    Relative(String),
    Unknown,
}

impl Period {
    /// The machine-readable form (`2025`, `2021-2025`, `1-2年内`); `None` when unknown.
    pub fn code(&self) -> Option<String> {
        match self {
            Period::Year(y) | Period::By(y) => Some(y.to_string()),
            Period::Span(a, b) => Some(format!("{a}-{b}")),
            Period::Relative(r) => Some(r.clone()),
            Period::Unknown => None,
        }
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}年"),
            Period::By(y) => write!(f, "到{y}年"),
            Period::Span(a, b) => write!(f, "{a}—{b}年"),
            Period::Relative(r) => f.write_str(r),
            Period::Unknown => f.write_str("—"),
        }
    }
}

/// A statement with its line, period and modality resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub line: usize,
    pub statement: Arc<Statement>,
    pub period: Period,
    pub modality: Modality,
}

impl Target {
    pub fn range(&self) -> LineSpan {
        self.statement.span.at_line(self.line)
    }

    /// Where the statement names its indicator (the whole statement if the name is not
    /// written): what a hover highlights and a reference points at.
    pub fn name_range(&self) -> LineSpan {
        self.statement.name.unwrap_or(self.statement.span).at_line(self.line)
    }

    fn is_plan(&self) -> bool {
        self.modality.is_plan()
    }

    /// A statement of the area's own figure: what the table, the hovers and the comparisons
    /// between statements list (a difference from another area is not one).
    pub fn is_listed(&self) -> bool {
        !self.statement.comparison
    }

    /// The value as written, qualifier in its place (`超过2000家`, `15%以上`, `第5位`).
    pub fn written(&self) -> String {
        let s = &self.statement;
        if s.kind == TargetKind::Rank {
            return format!("第{}位", s.number);
        }
        match s.qualifier {
            Some(q) if is_suffix_qualifier(q) => format!("{}{}{q}", s.number, s.unit),
            // `2500余人`, `2万多家`: inside the unit, after its multiplier (`620多万套` reads
            // `620万多套`, the same bound).
            Some(q) if is_more_than(q) => {
                let multiplier = ["万亿", "萬億", "万", "萬", "亿", "億"].iter().find(|m| s.unit.starts_with(*m));
                let (m, unit) = s.unit.split_at(multiplier.map_or(0, |m| m.len()));
                format!("{}{m}{q}{unit}", s.number)
            }
            Some(q) => format!("{q}{}{}", s.number, s.unit),
            None => format!("{}{}", s.number, s.unit),
        }
    }
}

/// A rank with no tier word is a standing, not a plan: plans aim at ranks with 力争/进入.
fn is_standing(s: &Statement) -> bool {
    s.kind == TargetKind::Rank && s.cue.is_none()
}

/// A figure over years (`年均`, `累计`, new things counted, a growth) rather than a level at
/// a point.
fn covers_years(s: &Statement) -> bool {
    s.over_span
        || s.steady
        || matches!(s.kind, TargetKind::CountChange | TargetKind::Growth | TargetKind::Increase | TargetKind::Decrease)
}

/// The period of a statement: what its sentence says, else what the part it sits in says.
fn period_of(s: &Statement, part: &Part, plan_year: Option<i32>) -> Period {
    let year_of_part = part.period.map(|(_, b)| b);
    match &s.period {
        PeriodHint::Year(y) => Period::Year(*y),
        // `到2030年…年均增长6%`: an average up to a deadline covers the years before it.
        PeriodHint::By(y) if s.over_span => match part.span().map(|(a, _)| a).or(plan_year).filter(|a| a < y) {
            Some(a) => Period::Span(a, *y),
            None => Period::By(*y),
        },
        PeriodHint::By(y) => Period::By(*y),
        // `回望“十三五”…达到135家`: a level reached in a span is the level at its end.
        PeriodHint::Span(a, b) if s.base => Period::Year(*a - 1),
        PeriodHint::Span(a, b) if !covers_years(s) => Period::Year(*b),
        PeriodHint::Span(a, b) => Period::Span(*a, *b),
        PeriodHint::Relative(r) => Period::Relative(r.to_string()),
        PeriodHint::LastYear => plan_year.map_or(Period::Unknown, |p| Period::Year(p - 1)),
        // 全年 in a part about one year is that year (the year under review, or the year a
        // plan of several years' plans is for); elsewhere the plan year.
        PeriodHint::ThisYear => match part.period {
            Some((a, b)) if a == b => Period::Year(b),
            _ if part.role == PartRole::Review => year_of_part.map_or(Period::Unknown, Period::Year),
            _ => plan_year.or(year_of_part).map_or(Period::Unknown, Period::Year),
        },
        PeriodHint::Unstated => {
            let span = part.span();
            let covers_years = covers_years(s);
            match (part.period, span) {
                // `由20.5%提升至21.1%`: the level before the change is the year before the part.
                _ if s.base => {
                    part.period.map(|(a, _)| a).or(plan_year).map_or(Period::Unknown, |a| Period::Year(a - 1))
                }
                // A standing quoted in a plan (`排名56位`) is the last one known.
                (Some((a, _)), _) if is_standing(s) && part.role == PartRole::Plan => Period::Year(a - 1),
                (Some((a, b)), _) if a != b && covers_years => Period::Span(a, b),
                (Some((a, b)), _) if a != b => Period::Year(b),
                (Some(_), Some((a, b))) if s.over_span => Period::Span(a, b),
                (Some((_, b)), _) => Period::Year(b),
                // A sentence reporting a result in a plan is of the year before the plan's.
                (None, _) if s.review && !s.months_so_far => plan_year.map_or(Period::Unknown, |p| Period::Year(p - 1)),
                (None, _) => plan_year.map_or(Period::Unknown, Period::Year),
            }
        }
    }
}

/// The modality of a statement: its tier word, else the part it sits in, else its sentence.
fn modality_of(s: &Statement, part: &Part, period: &Period, plan_year: Option<i32>) -> Modality {
    let review = part.role == PartRole::Review;
    // `力争…从如今的29家增长到100家`: the level a change starts from is already reached.
    if s.base {
        return Modality::Actual;
    }
    match s.cue {
        Some(Cue::Guarantee) => return Modality::Guarantee,
        Some(Cue::Aspiration) => return Modality::Aspiration,
        Some(Cue::Forecast) => return Modality::Forecast,
        // In a review, 争取 is what was secured (`争取中央预算内投资150亿元`).
        Some(Cue::Seek) if !review => return Modality::Aspiration,
        _ => {}
    }
    let past = match (period, plan_year) {
        (Period::Year(y), Some(p)) => *y < p,
        (Period::Span(_, b), Some(p)) => *b < p,
        _ => false,
    };
    if review || s.review || s.base || past || is_standing(s) || matches!(s.period, PeriodHint::LastYear) {
        Modality::Actual
    } else {
        Modality::Target
    }
}

/// Resolves every statement's period and modality against the context layer.
pub fn resolve<B: AsRef<BlockSyntax>>(blocks: &[B], context: &Context) -> Vec<Target> {
    let mut out = Vec::new();
    for (line, block) in blocks.iter().map(AsRef::as_ref).enumerate() {
        let statements = block.statements();
        if statements.is_empty() {
            continue;
        }
        let part = context.part(line);
        // A note says what a term means (`“四向八廊”：东南西北4个方向8条…走廊`), not a figure
        // of the year.
        if part.role == PartRole::Notes {
            continue;
        }
        for s in statements {
            let period = period_of(s, &part, context.plan_year);
            let modality = modality_of(s, &part, &period, context.plan_year);
            out.push(Target { line, statement: s.clone(), period, modality });
        }
    }
    out
}

/// Same value: equal within a relative millionth (values are parsed from text).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

type GroupKey<'a> = (&'a str, TargetKind, &'a Period, &'a str);

/// Indicators some statement gives as a percentage (a level or a share in %): a change of
/// one of them is in 个百分点.
pub fn stated_in_percent(targets: &[Target]) -> FxHashSet<CompactString> {
    targets
        .iter()
        .filter(|t| matches!(t.statement.kind, TargetKind::Level | TargetKind::Share) && t.statement.base_unit == "%")
        .map(|t| t.statement.indicator.clone())
        .collect()
}

/// Whether a change in % of `s` is a change of a percentage, to be stated in 个百分点.
fn change_in_points(s: &Statement, in_percent: &FxHashSet<CompactString>) -> bool {
    s.rate_change || s.percent_level || in_percent.contains(&s.indicator)
}

/// What the checks of indicator statements read: the document's context, the context of
/// each line (its part, the plan year), the statements resolved in it and the indicators
/// stated in percent.
#[derive(Debug, Clone, Copy)]
pub struct Statements<'a> {
    pub document: &'a DocumentContext<'a>,
    pub context: &'a Context,
    pub targets: &'a [Target],
    pub in_percent: &'a FxHashSet<CompactString>,
}

impl<'a> std::ops::Deref for Statements<'a> {
    type Target = DocumentContext<'a>;

    fn deref(&self) -> &DocumentContext<'a> {
        self.document
    }
}

/// The statements of one line whose sign a fix must keep: negative changes of an indicator
/// whose changes are in 个百分点 (`增长-3%` may be `下降3个百分点`), by position. Made once per
/// line: looked up for each finding among all the line's statements, a long line of such
/// figures took time quadratic in its length.
pub struct SignedChanges(Vec<Span>);

impl SignedChanges {
    /// `on_line`: the targets on the line.
    pub fn of(on_line: &[Target], in_percent: &FxHashSet<CompactString>) -> SignedChanges {
        let statements = on_line.iter().map(|t| &*t.statement);
        let mut spans: Vec<Span> =
            statements.filter(|s| s.negative && change_in_points(s, in_percent)).map(|s| s.span).collect();
        spans.sort_by_key(|s| s.start());
        SignedChanges(spans)
    }
}

/// Whether the fix of `d`, a finding of a rule whose fix the statements must confirm
/// ([`super::registry::FixCertainty::ConfirmedByStatements`]: `target.negative-growth` rewrites `增长-3%` as
/// `下降3%`), stands: not where a statement within it is a change in 个百分点 ([`SignedChanges`]).
pub fn fix_confirmed(d: &Diagnostic, signed: &SignedChanges) -> bool {
    let range = d.range.span;
    let from = signed.0.partition_point(|s| s.start() < range.start());
    !signed.0[from..].iter().take_while(|s| s.start() <= range.end()).any(|s| s.end() <= range.end())
}

pub fn check(targets: &[Target], in_percent: &FxHashSet<CompactString>, out: &mut Vec<Diagnostic>) {
    // One pass sorts the statements for every rule: a long draft has a hundred thousand of
    // them, each behind a pointer, and every further pass over all of them costs a cache
    // miss each.
    let mut groups: HashMap<GroupKey<'_>, Vec<&Target>> = HashMap::default();
    let mut index = Index::default();
    let mut levels: Vec<&Target> = Vec::new();
    let mut changes: Vec<&Target> = Vec::new();
    for t in targets {
        let s = &*t.statement;
        if matches!(s.kind, TargetKind::Increase | TargetKind::Decrease) && s.base_unit == "%" && !s.range {
            changes.push(t);
        }
        if !t.is_listed() || s.range {
            continue;
        }
        // Statements with no year at all (a draft without a dated title) are compared with
        // each other as one period; horizons and averages never are, nor figures of part of
        // a year (`1—6月`, `上半年`), nor a breakdown (`其中开工项目50个`), whose whole may be
        // another than that of the same name elsewhere.
        let stands_alone = !s.months_so_far && !s.breakdown;
        if t.is_plan() && s.firm && stands_alone && matches!(t.period, Period::Year(_) | Period::Unknown) {
            groups.entry((&s.indicator, s.kind, &t.period, s.base_unit)).or_default().push(t);
        }
        index.add(t);
        if s.kind == TargetKind::Level && s.base_unit != "%" {
            levels.push(t);
        }
    }
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort_by_key(|k| groups[k][0].line);
    for key in keys {
        let group = &groups[&key];
        check_conflicts(group, out);
        check_guarantee(group, out);
    }
    check_growth_arithmetic(&levels, &index, out);
    check_parts(&levels, &index, out);
    check_percent_points(&changes, in_percent, out);
}

/// What the cross-statement rules look up, indexed once: a keystroke's pass stays linear in
/// the number of statements however often a draft repeats an indicator.
#[derive(Default)]
struct Index<'a> {
    /// The planned growths of an indicator in a period, one per value, in order.
    plan_growths: HashMap<(&'a str, Period), Vec<&'a Target>>,
    /// The first outturn level of an indicator in a period, per base unit.
    actual_levels: HashMap<(&'a str, Period, &'a str), &'a Target>,
    /// The first level of an indicator in a known period, per plan-ness and base unit.
    levels: HashMap<(&'a str, Period, bool, &'a str), &'a Target>,
}

impl<'a> Index<'a> {
    fn add(&mut self, t: &'a Target) {
        let s = &*t.statement;
        match s.kind {
            TargetKind::Growth if t.is_plan() => {
                let growths = self.plan_growths.entry((s.indicator.as_str(), t.period.clone())).or_default();
                if !growths.iter().any(|g| same(g.statement.base_value, s.base_value)) {
                    growths.push(t);
                }
            }
            TargetKind::Level => {
                if t.modality == Modality::Actual {
                    self.actual_levels.entry((s.indicator.as_str(), t.period.clone(), s.base_unit)).or_insert(t);
                }
                if t.period != Period::Unknown {
                    self.levels.entry((s.indicator.as_str(), t.period.clone(), t.is_plan(), s.base_unit)).or_insert(t);
                }
            }
            _ => {}
        }
    }
}

fn check_conflicts(group: &[&Target], out: &mut Vec<Diagnostic>) {
    let mut pair_values: Vec<f64> = group
        .iter()
        .filter(|t| matches!(t.modality, Modality::Guarantee | Modality::Aspiration))
        .map(|t| t.statement.base_value)
        .collect();
    pair_values.sort_by(f64::total_cmp);
    pair_values.dedup_by(|a, b| same(*a, *b));
    let in_pair = |v: f64| pair_values.iter().any(|&p| same(p, v));
    // Per modality, the first statement and the first with another value: if any earlier
    // statement differs from a later one, one of these two does. Keeps the pass linear.
    let mut seen: HashMap<Modality, [Option<&Target>; 2]> = HashMap::default();
    for later in group {
        let value = later.statement.base_value;
        let clashes = |earlier: &&Target| {
            !same(earlier.statement.base_value, value)
                && match (earlier.modality, later.modality) {
                    (Modality::Target, Modality::Target) => !in_pair(value),
                    (Modality::Guarantee, Modality::Guarantee) | (Modality::Aspiration, Modality::Aspiration) => true,
                    (Modality::Target, _) => !in_pair(earlier.statement.base_value),
                    (_, Modality::Target) => !in_pair(value),
                    _ => false,
                }
        };
        let clash = seen.values().flatten().flatten().filter(|e| clashes(e)).min_by_key(|e| e.line);
        if let Some(earlier) = clash {
            let s = &later.statement;
            out.push(
                Diagnostic::new(
                    RuleId::TargetConflict,
                    later.range(),
                    format!(
                        "“{}”{}的目标前文写作“{}”（第{}行），此处写作“{}”，前后不一致。",
                        s.indicator,
                        if later.period == Period::Unknown { String::new() } else { later.period.to_string() },
                        earlier.written(),
                        earlier.line + 1,
                        later.written()
                    ),
                )
                .with_related(earlier.range(), format!("前文的目标“{}”", earlier.written())),
            );
        }
        let slots = seen.entry(later.modality).or_insert([None, None]);
        match slots {
            [None, _] => slots[0] = Some(later),
            [Some(first), None] if !same(first.statement.base_value, value) => slots[1] = Some(later),
            _ => {}
        }
    }
}

fn check_guarantee(group: &[&Target], out: &mut Vec<Diagnostic>) {
    let lowest_aspiration = group
        .iter()
        .filter(|a| a.modality == Modality::Aspiration)
        .min_by(|a, b| a.statement.base_value.total_cmp(&b.statement.base_value));
    let Some(a) = lowest_aspiration else { return };
    for g in group.iter().filter(|t| t.modality == Modality::Guarantee) {
        if g.statement.base_value > a.statement.base_value + 1e-9 {
            out.push(
                Diagnostic::new(
                    RuleId::TargetGuaranteeAboveAspiration,
                    g.range(),
                    format!("“确保”目标（{}）高于“力争”目标（{}）：确保值应不高于力争值。", g.written(), a.written()),
                )
                .with_related(a.range(), format!("力争目标“{}”", a.written())),
            );
        }
    }
}

/// Half a unit of the last written digit: how far rounding may move a written number.
fn rounding(number: &str) -> f64 {
    let decimals = number.split('.').nth(1).map_or(0, str::len) as i32;
    0.5 * 10f64.powi(-decimals)
}

/// How far a written value may be from what it stands for by rounding alone, in base units
/// (`313.9亿元`: 0.05亿元).
pub(super) fn rounding_slack(number: &str, base_value: f64) -> f64 {
    let multiplier = base_value / number.parse::<f64>().unwrap_or(1.0).max(f64::MIN_POSITIVE);
    rounding(number) * multiplier.abs()
}

/// `左右`, `约`, `近`: a value given as approximate.
pub(super) fn is_approximate(t: &Target) -> bool {
    matches!(t.statement.qualifier, Some("左右" | "约" | "約" | "近"))
}

/// A planned level against last year's outturn and the planned growth. Outturns are not
/// checked against each other: published growth is at comparable prices, the level at
/// current prices, and the two do not multiply.
fn check_growth_arithmetic(levels: &[&Target], index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for &level in levels.iter().filter(|t| t.is_plan()) {
        let Period::Year(y) = level.period else { continue };
        let s = &level.statement;
        let Some(growths) = index.plan_growths.get(&(s.indicator.as_str(), level.period.clone())) else { continue };
        let Some(&growth) = growths.first() else { continue };
        let Some(&base) = index.actual_levels.get(&(s.indicator.as_str(), Period::Year(y - 1), s.base_unit)) else {
            continue;
        };
        let multiplier = s.base_value / s.number.parse::<f64>().unwrap_or(1.0).max(f64::MIN_POSITIVE);
        // Within rounding of what is written, for any stated growth (a 确保/力争 pair gives two).
        let agrees = |growth: &Target| {
            let g = growth.statement.base_value / 100.0;
            let mut tolerance = rounding_slack(&s.number, s.base_value)
                + base.statement.base_value * rounding(&growth.statement.number) / 100.0
                + rounding(&base.statement.number) * (1.0 + g) * multiplier.abs();
            if is_approximate(growth) || is_approximate(level) {
                tolerance += 0.005 * base.statement.base_value;
            }
            (base.statement.base_value * (1.0 + g) - s.base_value).abs() <= tolerance
        };
        if !growths.iter().any(|g| agrees(g)) {
            let expected = base.statement.base_value * (1.0 + growth.statement.base_value / 100.0);
            let shown = expected / multiplier;
            out.push(
                Diagnostic::new(
                    RuleId::TargetGrowthArithmetic,
                    level.range(),
                    format!(
                        "按{}年的{}{}增长{}%计算应约为{:.1}{}，与此处的{}不符。",
                        y - 1,
                        base.statement.number,
                        base.statement.unit,
                        growth.statement.number,
                        shown,
                        s.unit,
                        level.written()
                    ),
                )
                .with_related(base.range(), format!("{}年的基数“{}”", y - 1, base.written()))
                .with_related(growth.range(), format!("增速“{}”", growth.written())),
            );
        }
    }
}

/// Every whole the statement's indicator is a part of (transitively), as the text states it
/// (see [`Indicator::part_only_in_breakdown`]).
fn wholes_of(s: &Statement) -> Vec<&'static str> {
    let part_of = |i: &Indicator| i.part_of.filter(|_| !i.part_only_in_breakdown || s.breakdown);
    std::iter::successors(lookup(&s.indicator).and_then(part_of), |w| lookup(w).and_then(part_of)).collect()
}

fn check_parts(levels: &[&Target], index: &Index<'_>, out: &mut Vec<Diagnostic>) {
    for &part in levels {
        for whole_name in wholes_of(&part.statement) {
            let key = (whole_name, part.period.clone(), part.is_plan(), part.statement.base_unit);
            let whole = index.levels.get(&key).copied();
            if let Some(whole) = whole.filter(|w| part.statement.base_value > w.statement.base_value * (1.0 + 1e-9)) {
                out.push(
                    Diagnostic::new(
                        RuleId::TargetPartExceedsWhole,
                        part.range(),
                        format!(
                            "“{}”{}大于其总量“{}”{}：部分不应超过整体。",
                            part.statement.indicator,
                            part.written(),
                            whole_name,
                            whole.written()
                        ),
                    )
                    .with_related(whole.range(), format!("总量“{whole_name}”")),
                );
                break;
            }
        }
    }
}

/// `changes`: the changes in % (`提高3%`).
fn check_percent_points(changes: &[&Target], in_percent: &FxHashSet<CompactString>, out: &mut Vec<Diagnostic>) {
    for &t in changes {
        let s = &t.statement;
        if change_in_points(s, in_percent) {
            let right = format!("{}个百分点", s.number);
            out.push(
                Diagnostic::new(
                    RuleId::TargetPercentPoint,
                    t.range(),
                    format!("百分比之间的升降以“个百分点”计，应写作“{right}”，不写“{}%”。", s.number),
                )
                .with_replacement(right),
            );
        }
    }
}

static DECREASE_MULTIPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(降低|下降|减少|减少了|节约|节省|缩减|缩短|压缩)了?([一二三四五六七八九十两]+|[0-9]+(?:\\.[0-9]+)?)倍")
        .expect("static regex")
});

static NEGATIVE_GROWTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("(增长|增速为|增幅为)[-－]([0-9]+(?:\\.[0-9]+)?)[%％]").expect("static regex"));

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&DECREASE_MULTIPLE, &NEGATIVE_GROWTH];

/// `target.negative-growth` and `target.decrease-multiple`, which need only the paragraph.
pub fn check_block(line: &str, out: &mut Vec<Diagnostic>) {
    // The regexes need a minus sign or `倍`: most lines are ruled out by byte searches (a
    // `contains` over a set of characters would decode every character).
    let minus = memchr::memchr(b'-', line.as_bytes()).is_some() || line.contains("－");
    let growths = minus.then(|| captures_of(&NEGATIVE_GROWTH, line));
    for caps in growths.into_iter().flatten() {
        let (Some(whole), Some(verb), Some(magnitude)) = (caps.get(0), caps.get(1), caps.get(2)) else { continue };
        // `增长-5%~5%`: the low end of a range, not a growth.
        let rest = line[whole.end()..].trim_start_matches([' ', '\u{3000}']);
        if rest.starts_with(['~', '～', '—', '-', '－', '至', '到']) {
            continue;
        }
        let magnitude = magnitude.as_str();
        let mut d = Diagnostic::new(
            RuleId::TargetNegativeGrowth,
            Span::new(whole.start(), whole.end()).at_line(0),
            format!("负增长宜写作“下降{magnitude}%”，不写“{}”。", whole.as_str()),
        );
        if verb.as_str() == "增长" {
            d = d.with_replacement(format!("下降{magnitude}%"));
        }
        out.push(d);
    }
    let multiples = line.contains('倍').then(|| DECREASE_MULTIPLE.find_iter(line));
    for m in multiples.into_iter().flatten() {
        out.push(Diagnostic::new(
            RuleId::TargetDecreaseMultiple,
            Span::new(m.start(), m.end()).at_line(0),
            "减少不能用倍数表示（减少一倍即减为零）：请改用百分数或“减少一半”等说法。",
        ));
    }
}

/// The target checks: per line, and over the statements.
pub struct Targets;

impl LineCheck for Targets {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.text, out);
    }
}

impl DocumentCheck<Statements<'_>> for Targets {
    fn check(&self, cx: &Statements<'_>, out: &mut Vec<Diagnostic>) {
        check(cx.targets, cx.in_percent, out);
    }
}
