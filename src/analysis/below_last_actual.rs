//! `target.below-last-actual`: the plan sets an indicator it means to raise below last
//! year's outturn — most often last year's target copied, or a figure of the wrong year.
//! The outturn is the draft's own (its review of last year) or, failing that, one another
//! draft of the same issuer reports (see [`super::elsewhere`]); either way of the draft's
//! own area, not of the city or province it quotes (`全市地区生产总值…`).
//!
//! Published reports set many levels below last year's outturn, rightly: floors
//! (`粮食产量稳定在1.3万亿斤以上` after 1.37万亿斤), yearly flows of work done (`植树造林`,
//! `加装电梯`), investment, trade and spending, which may well fall. So the rule reads only
//! indicators of output, income and firms that a plan means to raise ([`GROWING`]), only
//! the plan's highest level for the year (a 确保 floor under a 力争 aim is not a planned
//! fall) and never a level held steady (`稳定在`, `保持在`).

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;

use super::check::DocumentCheck;
use super::diagnostic::Diagnostic;
use super::elsewhere::Outturn;
use super::registry::RuleId;
use super::targets::{is_approximate, rounding_slack, Period, Statements, Target};
use crate::syntax::targets::{Modality, TargetKind};

/// Indicators a plan means to raise every year: the area's output and income, and the firms
/// it certifies. (Built-in names and the names 高新区 drafts give their totals.)
const GROWING: &[&str] = &[
    "地区生产总值",
    "国内生产总值",
    "人均地区生产总值",
    "第二产业增加值",
    "第三产业增加值",
    "工业增加值",
    "规上工业增加值",
    "工业总产值",
    "规上工业总产值",
    "社会消费品零售总额",
    "一般公共预算收入",
    "税收收入",
    "高新技术企业",
    "高新技术产业产值",
    "高新技术产业增加值",
    "研发经费投入",
    "软件和信息服务业营收",
    "居民人均可支配收入",
    "城镇居民人均可支配收入",
    "农村居民人均可支配收入",
    "营业收入",
    "营业总收入",
    "技工贸总收入",
    "总产值",
];

fn is_growing(indicator: &str) -> bool {
    GROWING.contains(&indicator)
}

/// A level of a whole year, as written: not a range, not the start of a change, not of the
/// months so far, not a sum over years.
fn is_year_level(t: &Target) -> Option<i32> {
    let s = &t.statement;
    let whole = s.kind == TargetKind::Level && t.is_listed() && !s.range && !s.base && !s.over_span;
    match t.period {
        Period::Year(y) if whole && !s.months_so_far && is_growing(&s.indicator) => Some(y),
        _ => None,
    }
}

/// The level of the draft's own area: the one its statements name most (`全区` in a zone's
/// plan, `全省` in a province's report); `None` if they name none, or two as often.
fn own_area(targets: &[Target]) -> Option<char> {
    let mut counts: Vec<(char, usize)> = Vec::new();
    for area in targets.iter().filter_map(|t| t.statement.area) {
        match counts.iter_mut().find(|(a, _)| *a == area) {
            Some((_, n)) => *n += 1,
            None => counts.push((area, 1)),
        }
    }
    counts.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    match counts[..] {
        [(area, n), (_, m), ..] if n > m => Some(area),
        [(area, _)] => Some(area),
        _ => None,
    }
}

/// Of the draft's own area: its clause names no area, or the draft's own (`全市地区生产总值`
/// in a zone's report is the city's).
fn of_own_area(t: &Target, own: Option<char>) -> bool {
    t.statement.area.is_none() || t.statement.area == own
}

/// The outturns of its own area a draft states: what the same issuer's other drafts compare
/// their targets with (`draft` left empty).
pub fn outturns_of(targets: &[Target]) -> Vec<Outturn> {
    let own = own_area(targets);
    targets.iter().filter(|t| of_own_area(t, own)).filter_map(outturn_of).collect()
}

/// The outturn `t` states, if it is one this rule compares with: a year's level of a
/// growing indicator, achieved (实绩) or estimated (预计).
fn outturn_of(t: &Target) -> Option<Outturn> {
    let year = is_year_level(t).filter(|_| matches!(t.modality, Modality::Actual | Modality::Forecast))?;
    let s = &t.statement;
    Some(Outturn {
        indicator: s.indicator.clone(),
        year,
        base_value: s.base_value,
        base_unit: s.base_unit.into(),
        written: t.written().into(),
        number: s.number.clone(),
        line: t.line,
        draft: CompactString::default(),
    })
}

pub struct BelowLastActual;

impl DocumentCheck<Statements<'_>> for BelowLastActual {
    fn check(&self, cx: &Statements<'_>, out: &mut Vec<Diagnostic>) {
        // Per indicator, year and unit: the plan's highest level (the first of the highest)
        // and the draft's own outturn (achieved wins over estimated, else the first).
        let mut highest: HashMap<Key<'_>, &Target> = HashMap::default();
        let mut own: HashMap<Key<'_>, &Target> = HashMap::default();
        let area = own_area(cx.targets);
        for t in cx.targets.iter().filter(|t| of_own_area(t, area)) {
            let Some(year) = is_year_level(t) else { continue };
            let s = &t.statement;
            let key = (s.indicator.as_str(), year, s.base_unit);
            if t.modality.is_plan() && !s.steady {
                let slot = highest.entry(key).or_insert(t);
                if s.base_value > slot.statement.base_value {
                    *slot = t;
                }
            } else if matches!(t.modality, Modality::Actual | Modality::Forecast) {
                let slot = own.entry(key).or_insert(t);
                if slot.modality == Modality::Forecast && t.modality == Modality::Actual {
                    *slot = t;
                }
            }
        }
        let mut planned: Vec<&Target> = highest.into_values().collect();
        planned.sort_by_key(|t| (t.line, t.statement.span.start()));
        for t in planned {
            let s = &t.statement;
            let Period::Year(year) = t.period else { continue };
            let key = (s.indicator.as_str(), year - 1, s.base_unit);
            let own = own.get(&key).and_then(|o| outturn_of(o).map(|outturn| (outturn, Some(o.range()))));
            let elsewhere = || {
                let found =
                    cx.elsewhere.outturns.iter().find(|o| (o.indicator.as_str(), o.year, o.base_unit.as_str()) == key);
                found.map(|o| (o.clone(), None))
            };
            let Some((outturn, related)) = own.or_else(elsewhere) else { continue };
            // Rounding on either side, and half a percent more for a target given as approximate.
            let approximate = if is_approximate(t) { 0.005 * s.base_value.abs() } else { 0.0 };
            let slack = rounding_slack(&s.number, s.base_value)
                + rounding_slack(&outturn.number, outturn.base_value)
                + approximate;
            if outturn.base_value - s.base_value <= slack {
                continue;
            }
            let message = format!(
                "“{}”{year}年的目标“{}”低于{}年的实绩“{}”（{}）：目标低于上年实绩即计划下降，请核对是否沿用了上年的目标或写错了年份。",
                s.indicator,
                t.written(),
                year - 1,
                outturn.written,
                outturn.place()
            );
            let mut d = Diagnostic::new(RuleId::TargetBelowLastActual, t.range(), message);
            if let Some(range) = related {
                d = d.with_related(range, format!("{}年的实绩“{}”", year - 1, outturn.written));
            }
            out.push(d);
        }
    }
}

/// An indicator, a year and a base unit.
type Key<'a> = (&'a str, i32, &'a str);
