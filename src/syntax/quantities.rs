//! Quantities in running text: a number as written (ASCII or full-width digits, decimals,
//! thousands separators), a percent sign, a multiplier (万/亿/千), a unit (Simplified,
//! Traditional or a symbol) and the qualifiers around it (约…左右, 超过…以上).
//!
//! The unit rules read these; the target rules read the same parse for values and units.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind, StartKind};
use regex_automata::{meta, Anchored, Input};

use crate::text::Span;

/// What a unit measures; `mixed-symbol` compares spellings within one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Area,
    Length,
    Power,
    Energy,
    Mass,
    Volume,
    Voltage,
    Money,
    Count,
    Time,
    /// 岁: an age (人均预期寿命).
    Age,
    /// 微克/立方米: a concentration in air (PM2.5).
    Concentration,
    Land,
    /// 个百分点: a difference of two percentages.
    Points,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// As written in the table (the text matched).
    pub text: &'static str,
    pub dimension: Dimension,
    /// A symbol (`㎡`, `km`, `kW`) rather than a word (`平方米`, `公里`, `千瓦`).
    pub symbol: bool,
}

const fn u(text: &'static str, dimension: Dimension, symbol: bool) -> Unit {
    Unit { text, dimension, symbol }
}

impl Unit {
    /// The standard spelling of the unit, for comparing and tabulating figures: Simplified
    /// characters, the word for a symbol (GB 3102 allows both), `微克/立方米` for PM2.5.
    pub fn standard(&self) -> &'static str {
        match self.text {
            "km²" | "平方千米" => "平方公里",
            "m²" | "㎡" => "平方米",
            "m³" | "㎥" => "立方米",
            "km" | "千米" => "公里",
            "kWh" => "千瓦时",
            "kW" => "千瓦",
            "MW" => "兆瓦",
            "kV" => "千伏",
            "kg" | "公斤" => "千克",
            "噸" => "吨",
            "畝" => "亩",
            "公頃" => "公顷",
            "個百分點" | "百分点" | "百分點" => "个百分点",
            "個工作日" => "个工作日",
            "個月" => "个月",
            "場次" => "场次",
            "個" => "个",
            "項" => "项",
            "戶" => "户",
            "輛" => "辆",
            "條" => "条",
            "處" => "处",
            "頭" => "头",
            "場" => "场",
            "張" => "张",
            "間" => "间",
            "歲" => "岁",
            "微克每立方米" | "μg/m³" => "微克/立方米",
            other => other,
        }
    }
}

/// Longest spellings first, so `平方公里` wins over `公里` and `kWh` over `kW`.
static UNITS: &[Unit] = &[
    u("微克/立方米", Dimension::Concentration, false),
    u("微克每立方米", Dimension::Concentration, false),
    u("μg/m³", Dimension::Concentration, true),
    u("平方公里", Dimension::Area, false),
    u("平方千米", Dimension::Area, false),
    u("平方米", Dimension::Area, false),
    u("km²", Dimension::Area, true),
    u("m²", Dimension::Area, true),
    u("㎡", Dimension::Area, true),
    u("立方米", Dimension::Volume, false),
    u("m³", Dimension::Volume, true),
    u("㎥", Dimension::Volume, true),
    u("公里", Dimension::Length, false),
    u("千米", Dimension::Length, false),
    u("km", Dimension::Length, true),
    u("千瓦时", Dimension::Energy, false),
    u("kWh", Dimension::Energy, true),
    u("千瓦", Dimension::Power, false),
    u("兆瓦", Dimension::Power, false),
    u("kW", Dimension::Power, true),
    u("MW", Dimension::Power, true),
    u("GW", Dimension::Power, true),
    u("千伏", Dimension::Voltage, false),
    u("kV", Dimension::Voltage, true),
    u("千克", Dimension::Mass, false),
    u("公斤", Dimension::Mass, false),
    u("kg", Dimension::Mass, true),
    u("吨", Dimension::Mass, false),
    u("噸", Dimension::Mass, false),
    u("斤", Dimension::Mass, false),
    // `每立方米19微克`: a concentration written with the volume first.
    u("微克", Dimension::Mass, false),
    u("美元", Dimension::Money, false),
    u("元", Dimension::Money, false),
    u("亩", Dimension::Land, false),
    u("畝", Dimension::Land, false),
    u("公顷", Dimension::Land, false),
    u("公頃", Dimension::Land, false),
    u("个百分点", Dimension::Points, false),
    u("個百分點", Dimension::Points, false),
    u("百分点", Dimension::Points, false),
    u("百分點", Dimension::Points, false),
    u("个工作日", Dimension::Time, false),
    u("個工作日", Dimension::Time, false),
    u("年", Dimension::Time, false),
    u("个月", Dimension::Time, false),
    u("個月", Dimension::Time, false),
    u("天", Dimension::Time, false),
    u("家次", Dimension::Count, false),
    u("艘次", Dimension::Count, false),
    u("架次", Dimension::Count, false),
    u("标准箱", Dimension::Count, false),
    u("场次", Dimension::Count, false),
    u("場次", Dimension::Count, false),
    u("人次", Dimension::Count, false),
    u("家", Dimension::Count, false),
    u("个", Dimension::Count, false),
    u("個", Dimension::Count, false),
    u("项", Dimension::Count, false),
    u("項", Dimension::Count, false),
    u("人", Dimension::Count, false),
    u("名", Dimension::Count, false),
    u("户", Dimension::Count, false),
    u("戶", Dimension::Count, false),
    u("所", Dimension::Count, false),
    u("座", Dimension::Count, false),
    u("台", Dimension::Count, false),
    u("套", Dimension::Count, false),
    u("件", Dimension::Count, false),
    u("辆", Dimension::Count, false),
    u("輛", Dimension::Count, false),
    u("条", Dimension::Count, false),
    u("條", Dimension::Count, false),
    u("处", Dimension::Count, false),
    u("處", Dimension::Count, false),
    u("位", Dimension::Count, false),
    u("头", Dimension::Count, false),
    u("頭", Dimension::Count, false),
    u("场", Dimension::Count, false),
    u("場", Dimension::Count, false),
    u("张", Dimension::Count, false),
    u("張", Dimension::Count, false),
    u("间", Dimension::Count, false),
    u("間", Dimension::Count, false),
    u("部", Dimension::Count, false),
    u("列", Dimension::Count, false),
    u("艘", Dimension::Count, false),
    u("架", Dimension::Count, false),
    u("只", Dimension::Count, false),
    u("岁", Dimension::Age, false),
    u("歲", Dimension::Age, false),
    u("支", Dimension::Count, false),
    u("批", Dimension::Count, false),
    u("款", Dimension::Count, false),
    u("倍", Dimension::Count, false),
];

/// Qualifiers before a number (`约`, `超过`) and after its unit (`左右`, `以上`), and which
/// pairs say the same thing twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// 约, 近, 左右: approximately.
    About,
    /// 超过, 以上, 不低于: at least / more than.
    AtLeast,
    /// 以下, 以内, 不超过: at most.
    AtMost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Qualifier {
    pub span: Span,
    pub text: &'static str,
    pub bound: Bound,
}

const PREFIXES: &[(&str, Bound)] = &[
    ("不低于", Bound::AtLeast),
    ("不少于", Bound::AtLeast),
    ("不超过", Bound::AtMost),
    ("不高于", Bound::AtMost),
    ("不多于", Bound::AtMost),
    ("大约", Bound::About),
    ("超过", Bound::AtLeast),
    ("突破", Bound::AtLeast),
    ("至少", Bound::AtLeast),
    ("高于", Bound::AtLeast),
    ("多于", Bound::AtLeast),
    ("至多", Bound::AtMost),
    ("低于", Bound::AtMost),
    ("少于", Bound::AtMost),
    ("约", Bound::About),
    ("約", Bound::About),
    ("近", Bound::About),
    ("逾", Bound::AtLeast),
    ("超", Bound::AtLeast),
];

/// Whether a qualifier is written after its quantity (`以上`) rather than before (`超过`).
pub fn is_suffix_qualifier(q: &str) -> bool {
    SUFFIXES.iter().any(|(t, _)| *t == q)
}

/// Whether a qualifier is `多` or `余`, written between the number and its unit.
pub fn is_more_than(q: &str) -> bool {
    MORE_THAN.contains(&q)
}

const SUFFIXES: &[(&str, Bound)] = &[
    ("左右", Bound::About),
    ("以上", Bound::AtLeast),
    ("以下", Bound::AtMost),
    ("以内", Bound::AtMost),
    ("以內", Bound::AtMost),
];

/// A number in running text with the parts written around it, which lie back to back:
/// `[prefix][number][space][percent | 多 multiplier 多 unit][suffix]`, where `多` (or `余`)
/// says "more than" (`2500余人`, `620多万套`, `2万多家`), once, before or after the
/// multiplier.
///
/// Stored as the number's span and value plus, for each part, its length or its entry in
/// the tables here, and read through the methods below: a 10 MB draft holds tens of
/// thousands of quantities, and spelling each part out as an `Option<(Span, …)>` made one
/// 256 bytes instead of 40.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The digits as written, separators included.
    pub number: Span,
    /// The value of the digits alone (full-width normalised, separators dropped).
    pub value: f64,
    /// Bytes of white space after the number (see [`Quantity::space_after`]).
    space: u32,
    /// A digit or the point is full-width (`１０`, `３．５`): GB/T 15835 wants them half-width.
    pub full_width: bool,
    /// Bytes of the percent sign (`%` 1, `％` 3), 0 for none.
    percent: u8,
    /// 1 + the index in [`MULTIPLIERS`], 0 for none; likewise below.
    multiplier: u8,
    unit: u8,
    miscased_unit: u8,
    prefix: u8,
    suffix: u8,
    /// 1 + the index in [`MORE_THAN`], 0 for none; and whether it follows the multiplier.
    more_than: u8,
    more_than_after_multiplier: bool,
}

/// Words between a number and its unit saying "more than": each three bytes in UTF-8.
const MORE_THAN: &[&str] = &["多", "余", "餘"];

/// The table entry `code` names (1 + its index; 0 is none).
fn entry<T: Copy>(table: &[T], code: u8) -> Option<T> {
    table.get(usize::from(code).checked_sub(1)?).copied()
}

/// The code of `table[index]` for [`entry`]. Every table here is far shorter than 255.
fn code(index: usize) -> u8 {
    u8::try_from(index + 1).unwrap_or(0)
}

impl Quantity {
    /// Where the percent sign, multiplier or unit begins.
    fn after_space(&self) -> usize {
        self.number.end() + self.space as usize
    }

    /// White space between the number and a following Chinese character.
    pub fn space_after(&self) -> Option<Span> {
        (self.space > 0).then(|| Span::new(self.number.end(), self.after_space()))
    }

    pub fn percent(&self) -> Option<Span> {
        (self.percent > 0).then(|| Span::new(self.after_space(), self.after_space() + usize::from(self.percent)))
    }

    /// The percent sign is the full-width `％`.
    pub fn full_width_percent(&self) -> bool {
        usize::from(self.percent) == '％'.len_utf8()
    }

    /// `多` or `余` before the unit (`2500余人`, `2万多家`), as a qualifier: more than.
    pub fn more_than(&self) -> Option<Qualifier> {
        let text = entry(MORE_THAN, self.more_than)?;
        let start = match self.multiplier() {
            Some((m, _)) if self.more_than_after_multiplier => m.end(),
            _ => self.after_space(),
        };
        Some(Qualifier { span: Span::new(start, start + text.len()), text, bound: Bound::AtLeast })
    }

    /// Bytes of `多` written before the multiplier.
    fn before_multiplier(&self) -> usize {
        entry(MORE_THAN, self.more_than).filter(|_| !self.more_than_after_multiplier).map_or(0, str::len)
    }

    /// `万`, `亿` and their factor.
    pub fn multiplier(&self) -> Option<(Span, f64)> {
        let (text, factor) = entry(MULTIPLIERS, self.multiplier)?;
        let start = self.after_space() + self.before_multiplier();
        Some((Span::new(start, start + text.len()), factor))
    }

    /// Where a unit (or a miscased one) begins: after the multiplier and `多`, if any.
    fn unit_start(&self) -> usize {
        match self.multiplier() {
            Some((m, _)) => {
                m.end()
                    + entry(MORE_THAN, self.more_than).filter(|_| self.more_than_after_multiplier).map_or(0, str::len)
            }
            None => self.after_space() + self.before_multiplier(),
        }
    }

    pub fn unit(&self) -> Option<(Span, Unit)> {
        let unit = entry(UNITS, self.unit)?;
        Some((Span::new(self.unit_start(), self.unit_start() + unit.text.len()), unit))
    }

    /// Unit letters in the wrong case (`KV`), with the right spelling.
    pub fn miscased_unit(&self) -> Option<(Span, &'static str)> {
        let (wrong, right) = entry(MISCASED, self.miscased_unit)?;
        Some((Span::new(self.unit_start(), self.unit_start() + wrong.len()), right))
    }

    pub fn prefix(&self) -> Option<Qualifier> {
        let (text, bound) = entry(PREFIXES, self.prefix)?;
        Some(Qualifier { span: Span::new(self.number.start() - text.len(), self.number.start()), text, bound })
    }

    pub fn suffix(&self) -> Option<Qualifier> {
        let (text, bound) = entry(SUFFIXES, self.suffix)?;
        let start = [self.percent(), self.unit().map(|u| u.0), self.miscased_unit().map(|m| m.0)]
            .into_iter()
            .flatten()
            .map(|s| s.end())
            .max()
            .unwrap_or(self.unit_start());
        Some(Qualifier { span: Span::new(start, start + text.len()), text, bound })
    }

    /// The number through its unit (or percent sign, or multiplier).
    pub fn span(&self) -> Span {
        let end =
            [self.unit().map(|u| u.0.end()), self.multiplier().map(|m| m.0.end()), self.percent().map(|p| p.end())]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(self.number.end());
        Span::new(self.number.start(), end.max(self.number.end()))
    }

    /// Carries the quantity past an edit: `exact` moves one span (see `syntax::moved`), or
    /// fails if the edit reaches into it. Every part must move; as the parts lie back to
    /// back and keep their lengths, the quantity moved as a whole only if every part moved
    /// as the number did (a part moved otherwise could not equal any parse).
    pub fn move_spans(&mut self, exact: impl Fn(&mut Span) -> Option<()>) -> Option<()> {
        let parts = [
            self.prefix().map(|p| p.span),
            self.space_after(),
            self.percent(),
            self.multiplier().map(|m| m.0),
            self.unit().map(|u| u.0),
            self.miscased_unit().map(|m| m.0),
            self.suffix().map(|s| s.span),
            self.more_than().map(|m| m.span),
        ];
        let mut number = self.number;
        exact(&mut number)?;
        let moved_like_number = |old: Span, new: Span| {
            new.start().wrapping_sub(old.start()) == number.start().wrapping_sub(self.number.start())
        };
        for old in parts.into_iter().flatten() {
            let mut new = old;
            exact(&mut new)?;
            if !moved_like_number(old, new) {
                return None;
            }
        }
        self.number = number;
        Some(())
    }
}

/// A number as written: grouped by commas in threes, or not; then decimals.
const NUMBER_PATTERN: &str =
    "[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?";

/// [`NUMBER_PATTERN`], searched for only where a digit starts (see [`numbers`]).
static NUMBER: LazyLock<meta::Regex> = LazyLock::new(|| meta::Regex::new(NUMBER_PATTERN).expect("static regex"));

/// Where the next digit (ASCII, or full-width: `EF BC 90..=99` in UTF-8) starts at or after
/// byte `from`.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => return Some(i),
            0xEF if bytes.get(i + 1) == Some(&0xBC) && bytes.get(i + 2).is_some_and(|b| (0x90..=0x99).contains(b)) => {
                return Some(i)
            }
            // `from` is a character's start, so `i` is one: a Chinese character's three
            // bytes are stepped over at once (its last two are never a digit's start).
            0xE0..=0xEF => i += 3,
            _ => i += 1,
        }
    }
    None
}

/// The numbers in `line`, as [`NUMBER`] finds them from left to right.
///
/// Every number starts with a digit and any digit starts one, so the leftmost match starts
/// at the next digit: the regex runs anchored there. Searched unanchored, its prefilter
/// stops at every `EF` byte, the lead byte of full-width punctuation (`，：（）`) as well as
/// of full-width digits.
fn numbers(line: &str) -> impl Iterator<Item = Span> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = next_digit(line.as_bytes(), from)?;
        let input = Input::new(line).range(start..).anchored(Anchored::Yes);
        // A digit always matches the second alternative: the search does not fail.
        let end = NUMBER.find(input)?.end();
        from = end;
        Some(Span::new(start, end))
    })
}

/// Multipliers after a number, with their factor.
/// Longest first: `万亿` before `万`.
const MULTIPLIERS: &[(&str, f64)] =
    &[("万亿", 1e12), ("萬億", 1e12), ("万", 1e4), ("萬", 1e4), ("亿", 1e8), ("億", 1e8)];

/// Wrong-case unit symbols drafters type, with the GB 3102 spelling.
const MISCASED: &[(&str, &str)] = &[
    ("KWH", "kWh"),
    ("KWh", "kWh"),
    ("Kwh", "kWh"),
    ("kwh", "kWh"),
    ("KVA", "kVA"),
    ("KV", "kV"),
    ("Kv", "kV"),
    ("KW", "kW"),
    ("Kw", "kW"),
    ("KM", "km"),
    ("Km", "km"),
    ("KG", "kg"),
    ("Kg", "kg"),
    ("mw", "MW"),
    ("Mw", "MW"),
];

/// The units of [`UNITS`], anchored and leftmost-first: the same unit as the first in the
/// table that matches, in one pass instead of a comparison per unit.
static UNIT_AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .start_kind(StartKind::Anchored)
        .build(UNITS.iter().map(|u| u.text))
        .expect("static patterns")
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&NUMBER, &UNIT_AUTOMATON];

/// The first unit of [`UNITS`] that `line` spells at byte `at`.
fn unit_at(line: &str, at: usize) -> Option<usize> {
    let input = aho_corasick::Input::new(line).range(at..).anchored(aho_corasick::Anchored::Yes);
    UNIT_AUTOMATON.find(input).map(|m| m.pattern().as_usize())
}

/// A digit as drafts write them: ASCII or full-width.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Normalises full-width digits and points and drops separators: `１，２００．５` → `1200.5`.
/// Borrowed when there is nothing to normalise, as for most numbers (one per figure parsed).
pub fn ascii_number(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Cow::Borrowed(s);
    }
    s.chars()
        .filter(|c| !matches!(c, ',' | '，' | '、'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '％' => '%',
            c => c,
        })
        .collect::<String>()
        .into()
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{20000}'..='\u{2ffff}' | '\u{f900}'..='\u{faff}')
}

/// Digits glued to Latin letters (`5G`, `A6`, `PM2.5`) are names, not quantities; but an
/// abbreviated substance before an amount of it is not (`减排COD972吨`).
fn glued_to_latin(line: &str, number: Span) -> bool {
    let before = &line[..number.start()];
    if !before.chars().next_back().is_some_and(|c| c.is_ascii_alphabetic() || c == '_') {
        return false;
    }
    let letters = before.len() - before.trim_end_matches(|c: char| c.is_ascii_uppercase()).len();
    let mass = ["吨", "万吨", "千克", "公斤", "噸", "萬噸"].iter().any(|u| line[number.end()..].starts_with(u));
    !(letters >= 2 && mass)
}

pub fn parse_quantities(line: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    for number in numbers(line) {
        let written = &line[number.range()];
        if glued_to_latin(line, number) {
            continue;
        }
        // `5，1000家`: a comma followed by more than three digits separates two numbers, it
        // does not group one; leave such text alone rather than guess.
        let grouped = written.contains([',', '，']);
        if grouped && line[number.end()..].starts_with(is_digit) {
            continue;
        }
        let Ok(value) = ascii_number(written).parse::<f64>() else { continue };
        let mut at = number.end();
        let rest = |at: usize| &line[at..];
        let space_len = rest(at).len() - rest(at).trim_start_matches([' ', '\u{3000}']).len();
        let after_space = rest(at + space_len).chars().next();
        let space_after = (space_len > 0 && after_space.is_some_and(is_han)).then(|| Span::new(at, at + space_len));
        if space_after.is_some() {
            at += space_len;
        }
        let mut q = Quantity {
            number,
            value,
            // Spaces too many to count in 32 bits cannot be in a line anything here can hold.
            space: space_after.map_or(0, |s| u32::try_from(s.len()).unwrap_or(u32::MAX)),
            full_width: written.contains(|c: char| matches!(c, '０'..='９' | '．')),
            percent: 0,
            multiplier: 0,
            unit: 0,
            miscased_unit: 0,
            prefix: 0,
            suffix: 0,
            more_than: 0,
            more_than_after_multiplier: false,
        };
        if let Some(c) = rest(at).chars().next().filter(|c| matches!(c, '%' | '％')) {
            q.percent = c.len_utf8() as u8;
            at += c.len_utf8();
        } else {
            // `多`/`余` counts only before a multiplier or a unit (`30多万`, `2500余人`).
            let more_than = |at: usize| {
                let i = MORE_THAN.iter().position(|t| rest(at).starts_with(t))?;
                let after = at + MORE_THAN[i].len();
                let followed =
                    MULTIPLIERS.iter().any(|(t, _)| rest(after).starts_with(t)) || unit_at(line, after).is_some();
                followed.then_some((i, after))
            };
            if let Some((i, after)) = more_than(at) {
                q.more_than = code(i);
                at = after;
            }
            if let Some(i) = MULTIPLIERS.iter().position(|(t, _)| rest(at).starts_with(t)) {
                q.multiplier = code(i);
                at += MULTIPLIERS[i].0.len();
                if let Some((i, after)) = more_than(at).filter(|_| q.more_than == 0) {
                    q.more_than = code(i);
                    q.more_than_after_multiplier = true;
                    at = after;
                }
            }
            if let Some(i) = unit_at(line, at) {
                let unit = &UNITS[i];
                let end = at + unit.text.len();
                // A symbol must end where the Latin letters end (`km` in `kmh` is not a unit).
                if !unit.symbol || !line[end..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                    q.unit = code(i);
                    at = end;
                }
            } else if let Some(i) = MISCASED.iter().position(|(t, _)| rest(at).starts_with(t)) {
                let end = at + MISCASED[i].0.len();
                if !line[end..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                    q.miscased_unit = code(i);
                    at = end;
                }
            }
        }
        q.suffix = SUFFIXES.iter().position(|(t, _)| rest(at).starts_with(t)).map_or(0, code);
        q.prefix = PREFIXES.iter().position(|(t, _)| line[..number.start()].ends_with(t)).map_or(0, code);
        out.push(q);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(line: &str, s: Span) -> &str {
        &line[s.range()]
    }

    proptest! {
        /// The anchored scan finds what an unanchored search of the same pattern finds.
        #[test]
        fn numbers_are_the_regex_matches(line in "[0-9０-９,，.．、%％年万亿元 -]{0,40}") {
            let re = regex::Regex::new(NUMBER_PATTERN).expect("the pattern");
            let expected: Vec<Span> = re.find_iter(&line).map(|m| Span::new(m.start(), m.end())).collect();
            prop_assert_eq!(numbers(&line).collect::<Vec<_>>(), expected);
        }
    }

    #[test]
    fn units_are_found_longest_spelling_first() {
        let line = "5平方公里、3公里、2kWh、1kW";
        let units: Vec<&str> = parse_quantities(line).iter().filter_map(|q| q.unit().map(|(_, u)| u.text)).collect();
        assert_eq!(units, ["平方公里", "公里", "kWh", "kW"]);
    }

    #[test]
    fn number_multiplier_unit_and_qualifiers() {
        let line = "实际利用外资约2亿美元左右";
        let q = &parse_quantities(line)[0];
        assert_eq!(q.value, 2.0);
        assert_eq!(q.multiplier().map(|m| m.1), Some(1e8));
        assert_eq!(text(line, q.unit().unwrap().0), "美元");
        assert_eq!(q.prefix().unwrap().text, "约");
        assert_eq!(q.suffix().unwrap().text, "左右");
        assert_eq!(text(line, q.span()), "2亿美元");
    }

    #[test]
    fn more_than_before_or_after_the_multiplier() {
        for (line, unit, multiplier) in
            [("引进人才2500余人", "人", None), ("改造620多万套", "套", Some(1e4)), ("增加2万多家", "家", Some(1e4))]
        {
            let q = &parse_quantities(line)[0];
            assert_eq!(q.unit().map(|(s, _)| text(line, s)), Some(unit), "{line}");
            assert_eq!(q.multiplier().map(|m| m.1), multiplier, "{line}");
            let more = q.more_than().expect("多 or 余");
            assert!(matches!(text(line, more.span), "多" | "余") && more.bound == Bound::AtLeast);
        }
        // Not before anything a quantity has: `30多` alone, `余额`.
        let q = &parse_quantities("有30多，存款5000余额")[0];
        assert!(q.more_than().is_none() && q.unit().is_none());
    }

    #[test]
    fn full_width_and_separated_numbers() {
        let q = &parse_quantities("达到１，２００．５亿元")[0];
        assert_eq!(q.value, 1200.5);
        let q = &parse_quantities("可办率达到１００％")[0];
        assert!(q.percent().is_some() && q.full_width);
        assert!(!parse_quantities("增长9.2％")[0].full_width);
    }

    #[test]
    fn symbols_and_their_case() {
        let line = "建成110KV变电站，装机50MW，面积5万㎡";
        let qs = parse_quantities(line);
        assert_eq!(qs[0].miscased_unit().map(|m| m.1), Some("kV"));
        assert_eq!(text(line, qs[1].unit().unwrap().0), "MW");
        assert!(qs[2].unit().unwrap().1.symbol);
    }

    #[test]
    fn latin_glued_digits_are_not_quantities() {
        assert_eq!(parse_quantities("COD972吨").len(), 1);
        assert!(parse_quantities("PM2.5浓度").is_empty());
        assert!(parse_quantities("A6项目").is_empty());
        assert_eq!(parse_quantities("5G基站").len(), 1);
        assert!(parse_quantities("5G基站")[0].unit().is_none());
    }
}
