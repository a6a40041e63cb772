//! A paragraph that is a date alone (`2026年1月5日`, `二〇二六年一月五日`): the dateline
//! (成文日期) if it stands at the end of the body — `analysis::dates` decides — and how
//! GB/T 9704-2012 §7.3.5.4 writes it.

use std::sync::LazyLock;

use compact_str::CompactString;
use regex::Regex;

use super::numerals::{digit_value, parse_chinese};
use crate::text::Span;

/// A date alone, in Arabic or in Chinese numerals.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日$|^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
        .expect("static regex")
});

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The date, without the indent.
    pub span: Span,
    /// The date as the standard writes it (`2026年1月5日`).
    pub right: CompactString,
    /// Written otherwise than `right`.
    pub wrong: bool,
    /// Year, month and day.
    pub date: (i32, u32, u32),
}

pub fn parse_dateline(line: &str) -> Option<Dateline> {
    let text = line.trim();
    if !text.ends_with('日') {
        return None;
    }
    let start = line.len() - line.trim_start().len();
    let c = DATELINE.captures(text)?;
    let (y, m, d) = if let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) {
        (y.as_str().parse::<i32>().ok()?, m.as_str().parse::<u32>().ok()?, d.as_str().parse::<u32>().ok()?)
    } else {
        let year =
            c.get(4)?.as_str().chars().try_fold(0i32, |y, c| Some(y * 10 + i32::try_from(digit_value(c)?).ok()?))?;
        let m = parse_chinese(c.get(5)?.as_str())?;
        let d = parse_chinese(c.get(6)?.as_str())?;
        (year, m, d)
    };
    let right = compact_str::format_compact!("{y}年{m}月{d}日");
    Some(Dateline { span: Span::new(start, start + text.len()), wrong: right != text, right, date: (y, m, d) })
}
