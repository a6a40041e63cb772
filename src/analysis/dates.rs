//! Dates (GB/T 15835-2011, GB/T 9704-2012 §7.3.5.4):
//! `date.impossible` — a day its month does not have (`4月31日`, `2026年13月`);
//! `date.weekday` — a weekday that is not the date's (`2026年4月8日（星期二）`);
//! `date.chinese-zero` — `零` in a year written in Chinese numerals (`二零二六年` → `二〇二六年`);
//! `date.dateline` — the dateline (a date alone on its line at the end of the body) not in the
//! form `2026年1月5日`.
//!
//! Titles and document numbers are quoted, not written: a date inside `《》` or `〔〕` is
//! left alone.

use std::sync::LazyLock;

use regex::Regex;

use super::check::{DocumentCheck, DocumentContext, LineCheck, LineContext};
use super::context::Context;
use super::diagnostic::Diagnostic;
use super::pairs::enclosed;
use super::registry::RuleId;
use super::targets::Statements;
use crate::syntax::markers::MarkerFamily;
use crate::syntax::numerals::digit_value;
use crate::syntax::weekdays::weekday_after;
use crate::syntax::{captures_of, BlockSyntax, Outline};
use crate::text::{holding, Span};

/// `2026年4月31日`, `4月31日`, `2026年13月`: year, month and day as written.
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("(?:([0-9]{4})年)?([0-9]{1,2})月(?:([0-9]{1,2})(?:日|号))?").expect("static regex"));
/// A year in Chinese numerals: four digits, one of them 零.
static CHINESE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[〇零一二三四五六七八九]{4}年").expect("static regex"));
pub fn check_block(line: &str, out: &mut Vec<Diagnostic>) {
    // Every finding is of a year in Chinese numerals with `零` in it, or of a date, which
    // has a month: the regexes are not run over a line without the character they need.
    let zero = line.contains('零') && line.contains('年');
    let month = line.contains('月');
    if !zero && !month {
        return;
    }
    // Titles and document numbers are quoted as issued.
    let (titles, numbers) = (enclosed(line, '《', '》'), enclosed(line, '〔', '〕'));
    let is_quoted = |at: usize| holding(&titles, at).is_some() || holding(&numbers, at).is_some();
    // A date alone on its line may be the dateline, whose fix rewrites all of it (see
    // `check_datelines`): one span, one fix.
    let alone = crate::syntax::datelines::parse_dateline(line).is_some();
    let years = zero.then(|| CHINESE_YEAR.find_iter(line)).into_iter().flatten();
    for m in years {
        let year = m.as_str().trim_end_matches('年');
        let longer = line[..m.start()].ends_with(|c: char| digit_value(c).is_some() || c == '十');
        if year.contains('零') && !longer && !alone && !is_quoted(m.start()) {
            let span = Span::new(m.start(), m.start() + year.len());
            out.push(
                Diagnostic::new(
                    RuleId::DateChineseZero,
                    span.at_line(0),
                    "用汉字写的年份中，“零”应写作“〇”（GB/T 15835-2011）。",
                )
                .with_replacement(year.replace('零', "〇")),
            );
        }
    }
    if !month {
        return;
    }
    for c in captures_of(&DATE, line) {
        let Some(whole) = c.get(0) else { continue };
        // `12月` in `112月`, `2月` in `2.2月`: part of another number.
        if is_quoted(whole.start()) || line[..whole.start()].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let year = c.get(1).and_then(|y| y.as_str().parse::<i32>().ok());
        let Some(month) = c.get(2).and_then(|m| m.as_str().parse::<u32>().ok()) else { continue };
        let day = c.get(3).and_then(|d| d.as_str().parse::<u32>().ok());
        // A month alone (`13月`) is a date only after its year: `13个月` is not matched, but
        // `第13月`-like counts would be.
        if day.is_none() && year.is_none() {
            continue;
        }
        if !(1..=12).contains(&month) || day.is_some_and(|d| d == 0 || d > days_in(year, month)) {
            out.push(Diagnostic::new(
                RuleId::DateImpossible,
                Span::new(whole.start(), whole.end()).at_line(0),
                format!("日期“{}”不存在，请核对。", whole.as_str()),
            ));
            continue;
        }
        if let (Some(y), Some(d)) = (year, day) {
            check_weekday(line, whole.end(), (y, month, d), out);
        }
    }
}

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&DATE, &CHINESE_YEAR];

/// `date.weekday`: the weekday named right after the date at `end`.
fn check_weekday(line: &str, end: usize, (y, m, d): (i32, u32, u32), out: &mut Vec<Diagnostic>) {
    let Some((span, named)) = weekday_after(line, end) else { return };
    let actual = weekday(y, m, d);
    if named == actual {
        return;
    }
    out.push(Diagnostic::new(
        RuleId::DateWeekday,
        span.at_line(0),
        format!(
            "{y}年{m}月{d}日是星期{}，不是“{}”，请核对日期或星期。",
            WEEKDAY_NAMES[actual as usize],
            &line[span.start()..span.end()]
        ),
    ));
}

const WEEKDAY_NAMES: [&str; 7] = ["日", "一", "二", "三", "四", "五", "六"];

/// `date.weekday` for dates written without their year (`3月5日（星期四）`): the year is the
/// one a full date before it on its line gives (`2025年12月29日至1月4日`); else it may be
/// the year of the part it sits in (`2025年工作回顾`, a plan part of the plan year) or of
/// the dateline — or the year after the dateline's, for a date earlier in the year (a
/// notice of 20 December sets a meeting for 5 January); else the year of the title. A date
/// is reported only if wrong in every year it may be in; without any, nothing is said.
pub fn check_yearless_weekdays<B: AsRef<BlockSyntax>>(
    blocks: &[B],
    outline: &Outline,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    if blocks.iter().all(|b| b.as_ref().yearless_weekdays().is_empty()) {
        return;
    }
    let dated = body_dateline(blocks, outline).and_then(|line| blocks[line].as_ref().dateline()).map(|d| d.date);
    for (line, block) in blocks.iter().enumerate() {
        let dates = block.as_ref().yearless_weekdays();
        if dates.is_empty() || outline.fenced.get(line).copied().unwrap_or(false) {
            continue;
        }
        let part = context.part(line);
        for w in dates {
            let years: Vec<i32> = match w.year_from_line() {
                Some(y) => vec![y],
                None => {
                    // The part's year and the dateline's are both likely: a notice of January
                    // 2026 on the 2025 appraisal (`关于2025年度考核工作的通知`) sets dates in
                    // 2026, a 2026 plan's review tells of 2025. Either may be the date's.
                    let mut years: Vec<i32> = part.period.filter(|(a, b)| a == b).map(|(a, _)| a).into_iter().collect();
                    if let Some((y, m, d)) = dated {
                        years.push(y);
                        if (w.month, w.day) < (m, d) {
                            years.push(y + 1);
                        }
                    }
                    if years.is_empty() {
                        years.extend(context.plan_year);
                    }
                    years.sort_unstable();
                    years.dedup();
                    years
                }
            };
            if years.is_empty() {
                continue;
            }
            if w.day == 0
                || years.iter().any(|&y| w.day > days_in(Some(y), w.month) || weekday(y, w.month, w.day) == w.named)
            {
                continue;
            }
            let (m, d) = (w.month, w.day);
            let written = weekday_text(w.named);
            let message = match years[..] {
                [y] => format!(
                    "{y}年{m}月{d}日是星期{}，不是“{written}”（日期未写年份，按{y}年计），请核对日期或星期。",
                    WEEKDAY_NAMES[weekday(y, m, d) as usize]
                ),
                _ => {
                    let actual: Vec<String> = years
                        .iter()
                        .map(|&y| format!("在{y}年是星期{}", WEEKDAY_NAMES[weekday(y, m, d) as usize]))
                        .collect();
                    format!("{m}月{d}日{}，都不是“{written}”，请核对日期或星期。", actual.join("、"))
                }
            };
            out.push(Diagnostic::new(RuleId::DateWeekday, w.span.at_line(line), message));
        }
    }
}

/// The weekday as `星期三`.
fn weekday_text(named: u32) -> String {
    format!("星期{}", WEEKDAY_NAMES.get(named as usize).copied().unwrap_or_default())
}

/// Days in `month` (1–12); February has 29 when the year is not given or is a leap year.
pub(super) fn days_in(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// 0 = Sunday … 6 = Saturday, in the proleptic Gregorian calendar (Sakamoto's method).
fn weekday(y: i32, m: u32, d: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let k = (m as usize).saturating_sub(1).min(11);
    (y + y / 4 - y / 100 + y / 400 + T[k] + d as i32).rem_euclid(7) as u32
}

/// How many paragraphs may follow a dateline before the attachments or the end: the notes,
/// 抄送 and 印发 lines of the 版记.
const AFTER_DATELINE: usize = 4;

/// `date.dateline`: a date alone on its line, written otherwise than `2026年1月5日` (GB/T 9704
/// §7.3.5.4: Arabic numerals, the year in full, no leading zeros), where a dateline stands —
/// at the end of the body, before the attachments. A date alone elsewhere is a table's cell
/// (a Word table gives a line per cell), which the standard does not govern.
pub fn check_datelines<B: AsRef<BlockSyntax>>(blocks: &[B], outline: &Outline, out: &mut Vec<Diagnostic>) {
    let Some(line) = body_dateline(blocks, outline) else { return };
    let Some(d) = blocks[line].as_ref().dateline().filter(|d| d.wrong) else { return };
    out.push(
        Diagnostic::new(
            RuleId::DateDateline,
            d.span.at_line(line),
            format!(
                "成文日期应用阿拉伯数字标全年、月、日，月、日不编虚位：写作“{}”（GB/T 9704-2012 §7.3.5.4）。",
                d.right
            ),
        )
        .with_replacement(d.right.as_str()),
    );
}

/// The line of the dateline: the last date alone on its line in the body, with few
/// paragraphs after it and no date alone right before it (a table's column).
fn body_dateline<B: AsRef<BlockSyntax>>(blocks: &[B], outline: &Outline) -> Option<usize> {
    let body_end =
        outline.sections.iter().find(|s| s.family == Some(MarkerFamily::Appendix)).map_or(blocks.len(), |s| s.line());
    let body = &blocks[..body_end.min(blocks.len())];
    // The last dateline of the body, if few paragraphs follow it.
    let line = body.iter().rposition(|b| b.as_ref().dateline().is_some())?;
    let after = body[line + 1..].iter().filter(|b| !b.as_ref().blank).count();
    let before = body[..line].iter().rev().find(|b| !b.as_ref().blank).map(AsRef::as_ref);
    let before_is_date = before.is_some_and(|b| b.dateline().is_some());
    // A date in numbers (`2026-01-05`) may be a table's cell or a web page's date: only
    // under the issuer's name or the closing formula is it the dateline.
    let numeric = body[line].as_ref().dateline().is_some_and(|d| d.numeric);
    let signed = before.is_some_and(BlockSyntax::signs);
    let fenced = outline.fenced.get(line).copied().unwrap_or(false);
    (after <= AFTER_DATELINE && !before_is_date && !fenced && (signed || !numeric)).then_some(line)
}

/// The date checks: each line, the dateline, and weekdays of dates without their year.
pub struct Dates;

impl LineCheck for Dates {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.text, out);
    }
}

impl DocumentCheck<DocumentContext<'_>> for Dates {
    fn check(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        check_datelines(cx.blocks, cx.outline, out);
    }
}

impl DocumentCheck<Statements<'_>> for Dates {
    fn check(&self, cx: &Statements<'_>, out: &mut Vec<Diagnostic>) {
        check_yearless_weekdays(cx.blocks, cx.outline, cx.context, out);
    }
}
