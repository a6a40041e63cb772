//! A paragraph that is a date alone (`2026年1月5日`, `二〇二六年一月五日`): the dateline
//! (成文日期) if it stands at the end of the body — `analysis::dates` decides — and how
//! GB/T 9704-2012 §7.3.5.4 writes it. A date in numbers alone (`2026-01-05`, `2026/1/5`,
//! `2026.1.5`) is one too, if it is a real date.

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

/// A date in numbers alone: `2026-01-05`, `2026/1/5`, `2026.1.5` (one separator throughout).
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})$").expect("static regex"));

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
    /// Written in numbers with separators (`2026-01-05`), as a table's cell or a web page's
    /// date may be too.
    pub numeric: bool,
}

pub fn parse_dateline(line: &str) -> Option<Dateline> {
    let text = line.trim();
    let start = line.len() - line.trim_start().len();
    if text.ends_with(|c: char| c.is_ascii_digit()) {
        return parse_numeric(text, start);
    }
    if !text.ends_with('日') {
        return None;
    }
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
    Some(Dateline {
        span: Span::new(start, start + text.len()),
        wrong: right != text,
        right,
        date: (y, m, d),
        numeric: false,
    })
}

/// `2026-01-05` alone (`text`, at `start`): a dateline, always written otherwise than the
/// standard's `2026年1月5日`; not if it is no real date.
fn parse_numeric(text: &str, start: usize) -> Option<Dateline> {
    let c = NUMERIC.captures(text)?;
    if c.get(2)?.as_str() != c.get(4)?.as_str() {
        return None;
    }
    let y = c.get(1)?.as_str().parse::<i32>().ok()?;
    let (m, d) = (c.get(3)?.as_str().parse::<u32>().ok()?, c.get(5)?.as_str().parse::<u32>().ok()?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if !(1..=days).contains(&d) {
        return None;
    }
    Some(Dateline {
        span: Span::new(start, start + text.len()),
        right: compact_str::format_compact!("{y}年{m}月{d}日"),
        wrong: true,
        date: (y, m, d),
        numeric: true,
    })
}

/// What an issuer's name ends with (the 发文机关署名 above a dateline).
const ISSUERS: &[&str] = &[
    "政府",
    "委员会",
    "管委会",
    "管理委员会",
    "办公室",
    "办公厅",
    "局",
    "委",
    "厅",
    "部",
    "院",
    "中心",
    "公司",
    "集团",
    "党组",
    "党委",
    "党工委",
    "领导小组",
    "办",
    "处",
    "科",
    "所",
    "站",
    "会",
    "街道",
    "镇",
    "乡",
    "园区",
    "开发区",
    "高新区",
];

/// Whether a paragraph reads as what stands right above a dateline: the issuer's name
/// (`某某区人民政府`, short, without marks) or the closing formula (`特此通知。`).
pub fn signs(line: &str) -> bool {
    let text = line.trim();
    if text.is_empty() || text.len() > 90 {
        return false;
    }
    let closing = text.starts_with("特此") && text.chars().count() <= 8;
    let plain = !text.contains(|c: char| c.is_ascii_digit() || "，。；：:,;、！？（）()".contains(c));
    closing || plain && ISSUERS.iter().any(|s| text.ends_with(s))
}
