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

use super::diagnostic::Diagnostic;
use super::pairs::{enclosed, holds};
use crate::syntax::markers::MarkerFamily;
use crate::syntax::numerals::digit_value;
use crate::syntax::{captures_of, BlockSyntax, Outline};
use crate::text::Span;

/// `2026年4月31日`, `4月31日`, `2026年13月`: year, month and day as written.
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("(?:([0-9]{4})年)?([0-9]{1,2})月(?:([0-9]{1,2})(?:日|号))?").expect("static regex"));
/// What may follow a date to name its weekday: `（星期三）`, `(周三)`, `，星期三`, `星期三`.
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[（(，, ]?(星期|礼拜|周)([一二三四五六日天])").expect("static regex"));
/// A year in Chinese numerals: four digits, one of them 零.
static CHINESE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[〇零一二三四五六七八九]{4}年").expect("static regex"));
pub fn check_block(line: &str, out: &mut Vec<Diagnostic>) {
    if !line.contains('年') && !line.contains('月') {
        return;
    }
    // Titles and document numbers are quoted as issued.
    let (titles, numbers) = (enclosed(line, '《', '》'), enclosed(line, '〔', '〕'));
    let is_quoted = |at: usize| holds(&titles, at) || holds(&numbers, at);
    // A date alone on its line may be the dateline, whose fix rewrites all of it (see
    // `check_datelines`): one span, one fix.
    let alone = crate::syntax::datelines::parse_dateline(line).is_some();
    for m in CHINESE_YEAR.find_iter(line) {
        let year = m.as_str().trim_end_matches('年');
        let longer = line[..m.start()].ends_with(|c: char| digit_value(c).is_some() || c == '十');
        if year.contains('零') && !longer && !alone && !is_quoted(m.start()) {
            let span = Span::new(m.start(), m.start() + year.len());
            out.push(
                Diagnostic::new(
                    "date.chinese-zero",
                    span.at_line(0),
                    "用汉字写的年份中，“零”应写作“〇”（GB/T 15835-2011）。",
                )
                .with_replacement(year.replace('零', "〇")),
            );
        }
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
                "date.impossible",
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

/// `date.weekday`: the weekday named right after the date at `end`.
fn check_weekday(line: &str, end: usize, (y, m, d): (i32, u32, u32), out: &mut Vec<Diagnostic>) {
    let Some(c) = WEEKDAY.captures(&line[end..]) else { return };
    let (Some(word), Some(day)) = (c.get(1), c.get(2)) else { return };
    let named = match day.as_str() {
        "日" | "天" => 0,
        other => other.chars().next().and_then(digit_value).unwrap_or(9),
    };
    let actual = weekday(y, m, d);
    if named == actual {
        return;
    }
    let right = ["日", "一", "二", "三", "四", "五", "六"][actual as usize];
    let span = Span::new(end + word.start(), end + day.end());
    out.push(Diagnostic::new(
        "date.weekday",
        span.at_line(0),
        format!("{y}年{m}月{d}日是星期{right}，不是“{}”，请核对日期或星期。", &line[span.start()..span.end()]),
    ));
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
    let body_end =
        outline.sections.iter().find(|s| s.family == Some(MarkerFamily::Appendix)).map_or(blocks.len(), |s| s.line());
    let body = &blocks[..body_end.min(blocks.len())];
    // The last dateline of the body, if few paragraphs follow it.
    let Some(line) = body.iter().rposition(|b| b.as_ref().dateline().is_some()) else { return };
    let after = body[line + 1..].iter().filter(|b| !b.as_ref().blank).count();
    let before_is_date =
        body[..line].iter().rev().find(|b| !b.as_ref().blank).is_some_and(|b| b.as_ref().dateline().is_some());
    let Some(d) = body[line].as_ref().dateline() else { return };
    if after > AFTER_DATELINE || before_is_date || outline.fenced.get(line).copied().unwrap_or(false) || !d.wrong {
        return;
    }
    out.push(
        Diagnostic::new(
            "date.dateline",
            d.span.at_line(line),
            format!(
                "成文日期应用阿拉伯数字标全年、月、日，月、日不编虚位：写作“{}”（GB/T 9704-2012 §7.3.5.4）。",
                d.right
            ),
        )
        .with_replacement(d.right.as_str()),
    );
}
