//! Dates written without their year but with a weekday (`3月5日（星期四）`): what
//! `date.weekday` checks once the document's context gives the year. A date written with its
//! year is checked where it stands (`analysis::dates::check_block`).

use std::sync::LazyLock;

use regex::Regex;

use super::numerals::digit_value;
use crate::text::Span;

/// A date with or without its year; group 1 the year, 2 the month, 3 the day.
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("(?:([0-9]{4})年)?([0-9]{1,2})月([0-9]{1,2})(?:日|号)").expect("static regex"));
/// The weekday named right after a date: `（星期三）`, `(周三)`, `，星期三`, `星期三`.
pub static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[（(，, ]?(星期|礼拜|周)([一二三四五六日天])").expect("static regex"));
/// What names a year other than by a full date: `2025年度`, `今年`, `次年`. Before a date
/// without its year, the reader cannot tell which year that date is in.
static OTHER_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("[0-9]{4}年|[今明去上次来前后]年|年底|年初|跨年").expect("static regex"));

/// `3月5日（星期四）`: a date without its year and the weekday named after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearlessWeekday {
    pub month: u32,
    pub day: u32,
    /// 0 = Sunday … 6 = Saturday.
    pub named: u32,
    /// The weekday as written (`星期二`, `周二`).
    pub span: Span,
    /// The year and month of a full date before it on the line (`2025年12月29日至1月4日`):
    /// the date is in that year, or in the next if its month comes earlier.
    pub after: Option<(i32, u32)>,
}

impl YearlessWeekday {
    /// The date's year when a full date before it on its line says.
    pub fn year_from_line(&self) -> Option<i32> {
        self.after.map(|(y, m)| if self.month < m { y + 1 } else { y })
    }
}

/// The weekday named right after byte `end` of `line`: (span, 0 = Sunday … 6 = Saturday).
pub fn weekday_after(line: &str, end: usize) -> Option<(Span, u32)> {
    let c = WEEKDAY.captures(&line[end..])?;
    let (word, day) = (c.get(1)?, c.get(2)?);
    let named = match day.as_str() {
        "日" | "天" => 0,
        other => other.chars().next().and_then(digit_value)?,
    };
    Some((Span::new(end + word.start(), end + day.end()), named))
}

/// The dates on `line` without their year that name a weekday. A date that another year
/// word comes before (`2025年度总结会定于1月5日（星期一）召开`) is left out: its year is
/// not the document's for sure. So are dates in a cited title or document number.
pub fn parse_yearless_weekdays(line: &str) -> Vec<YearlessWeekday> {
    if !line.contains('月') || !(line.contains('周') || line.contains("星期") || line.contains("礼拜")) {
        return Vec::new();
    }
    let mut out = Vec::new();
    // The last full date so far, and where it ends.
    let mut after: Option<(i32, u32, usize)> = None;
    for c in super::captures_of(&DATE, line) {
        let (Some(whole), Some(month), Some(day)) = (c.get(0), c.get(2), c.get(3)) else { continue };
        let (Ok(month), Ok(day)) = (month.as_str().parse::<u32>(), day.as_str().parse::<u32>()) else { continue };
        let before = &line[..whole.start()];
        if before.ends_with(|c: char| c.is_ascii_digit() || c == '.') || !(1..=12).contains(&month) {
            continue;
        }
        if let Some(year) = c.get(1).and_then(|y| y.as_str().parse::<i32>().ok()) {
            after = Some((year, month, whole.end()));
            continue;
        }
        let quoted = super::in_title(line, whole.start()) || {
            let back = super::last_chars(before, super::LOOK_BACK);
            back.rfind('〔').is_some_and(|open| !back[open..].contains('〕'))
        };
        // A year word after the last full date (or anywhere before, without one).
        let since = after.map_or(0, |(_, _, end)| end);
        if quoted || OTHER_YEAR.is_match(&line[since..whole.start()]) {
            continue;
        }
        if let Some((span, named)) = weekday_after(line, whole.end()) {
            out.push(YearlessWeekday { month, day, named, span, after: after.map(|(y, m, _)| (y, m)) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(line: &str) -> Vec<(u32, u32, u32, Option<i32>)> {
        parse_yearless_weekdays(line).iter().map(|w| (w.month, w.day, w.named, w.year_from_line())).collect()
    }

    #[test]
    fn dates_without_a_year_that_name_a_weekday() {
        assert_eq!(named("会议定于3月5日（星期四）召开。"), [(3, 5, 4, None)]);
        assert_eq!(named("3月7日(周日)、3月8日，星期一"), [(3, 7, 0, None), (3, 8, 1, None)]);
        assert_eq!(named("2025年12月29日（星期一）至1月4日（星期日）"), [(1, 4, 0, Some(2026))]);
        assert_eq!(named("2026年3月5日至3月8日（星期日）"), [(3, 8, 0, Some(2026))]);
    }

    #[test]
    fn dates_whose_year_the_line_leaves_open_are_left_out() {
        for line in [
            "会议定于3月5日召开。",
            "2025年度总结会定于1月5日（星期一）召开。",
            "明年1月5日（星期一）起施行。",
            "《关于3月5日（星期四）停电的通知》",
            "2026年3月5日（星期四）",
            "13月5日（星期四）",
            "12.3月5日（星期四）",
        ] {
            assert_eq!(named(line), [], "{line}");
        }
    }
}
