//! Indicator statements in one paragraph: `固定资产投资增速 确保 高于 15%` binds an indicator
//! to a quantity with a kind, a modality, a qualifier and (when the sentence says) a period.
//! Periods the sentence does not state are resolved later, over the document.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::indicators::{last_in, looks_like_percent_level, simplify, UserIndicator};
use super::quantities::{ascii_number, Dimension, Quantity};
use compact_str::CompactString;

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
            TargetKind::Share => "比重/强度",
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
    /// 预计: a forecast.
    Forecast,
    /// A target stated plainly.
    Target,
    /// A result already achieved (review sections, 完成了, a past year).
    Actual,
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
}

/// The period a sentence states, before the document's context resolves it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PeriodHint {
    Year(i32),
    ThisYear,
    LastYear,
    /// `到2025年`, `“十四五”末`, `1-2年内`: a horizon, not a calendar year.
    Horizon(String),
    Unstated,
}

#[derive(Debug, Clone, PartialEq)]
/// One indicator statement. Its strings are short (an indicator's name is rarely over
/// eight characters) and kept inline ([`CompactString`]): a 10 MB draft has tens of thousands of statements.
pub struct Statement {
    /// Canonical (Simplified) name: a lexicon name, the noun after 新增/新认定…, or a rate
    /// named by its own words (`服务业占比`).
    pub indicator: CompactString,
    /// Named by the lexicon or a count verb: firm enough to compare with other statements.
    pub firm: bool,
    /// The indicator's level is a percentage (a rate, a ratio, an intensity).
    pub percent_level: bool,
    /// Where the name is written; `None` when the clause continues the previous one's
    /// indicator (`地区生产总值达到480亿元、增长7%`).
    pub name: Option<Span>,
    pub kind: TargetKind,
    pub modality: Modality,
    pub qualifier: Option<&'static str>,
    /// The number as written, ASCII (`33`, `-3.2`).
    pub number: CompactString,
    /// The unit as written, multiplier included (`亿元`, `%`, `个百分点`).
    pub unit: CompactString,
    /// The value in base units (`3.3e9`) and that unit (`元`).
    pub base_value: f64,
    /// Always `%`, a unit of the quantities table or empty: static text, not one more
    /// allocation per statement.
    pub base_unit: &'static str,
    /// The quantity: number through unit.
    pub span: Span,
    /// The sentence, for tables and hovers.
    pub sentence: Span,
    pub period: PeriodHint,
    /// The sentence reports results (完成情况, 回顾, 完成了, 1-10月累计).
    pub review: bool,
    /// The change is of a rate (`增速比全市高出2.6%`), so it is in 个百分点.
    pub rate_change: bool,
    /// The number carries a minus sign (`增长-3.2%`).
    pub negative: bool,
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("(到|至|截至|截止)?(20[0-9]{2})年(底|末|前)?").expect("static regex"));

const COUNT_VERBS: &[&str] =
    &["新认定", "新增", "净增", "新引进", "新培育", "新建", "新开工", "新交付使用", "新交付", "新招引", "新落户"];
/// Words between a name and its quantity that say nothing about the indicator.
const FILLER: &[&str] = &[
    "同比增长",
    "年均增长",
    "年均增速",
    "确保",
    "力争",
    "争取",
    "预计",
    "全年",
    "今年",
    "达到",
    "达",
    "完成",
    "实现",
    "增长",
    "增速",
    "增幅",
    "比增",
    "提高",
    "提升",
    "上升",
    "增加",
    "下降",
    "降低",
    "减少",
    "高出",
    "控制在",
    "保持在",
    "为",
    "是",
    "突破",
    "超过",
    "高于",
    "不低于",
    "不少于",
    "约",
    "近",
    "逾",
    "总量",
    "规模",
    "累计",
    "额",
    "了",
    "在",
    "到",
    "建设",
    "使用",
];

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '：' | ':' | '（' | '(' | '）' | ')')
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '!' | '?')
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

fn strip_filler(mut s: &str) -> &str {
    // Most words start and end with other characters than `s`: compare the characters
    // (each word's decoded once, `s`'s again only when it changed) before the words.
    static ENDS: LazyLock<Vec<(Option<char>, Option<char>)>> =
        LazyLock::new(|| FILLER.iter().map(|f| (f.chars().next(), f.chars().next_back())).collect());
    let ends = |s: &str| (s.chars().next(), s.chars().next_back());
    loop {
        let before = s.len();
        let (mut first, mut last) = ends(s);
        for (f, &(f_first, f_last)) in FILLER.iter().zip(ENDS.iter()) {
            if first == f_first {
                if let Some(rest) = s.strip_prefix(f) {
                    s = rest;
                    (first, last) = ends(s);
                }
            }
            if last == f_last {
                if let Some(rest) = s.strip_suffix(f) {
                    s = rest;
                    (first, last) = ends(s);
                }
            }
        }
        s = s.trim();
        if s.len() == before {
            return s;
        }
    }
}

/// The period the sentence states before byte `at`.
/// What one sentence says about periods, found in one scan so that each quantity's period
/// is a lookup (a long sentence with many figures stays linear).
struct SentencePeriods {
    /// Year mentions in order: where each ends, and the hint it gives.
    years: Vec<(usize, PeriodHint)>,
    /// The sentence names a plan horizon (`“十四五”末`, `年内`).
    horizon: bool,
    /// Where `去年`/`上年` (not `比上年`) and `今年`/`全年`/`本年` first appear.
    last_year: Option<usize>,
    this_year: Option<usize>,
}

impl SentencePeriods {
    fn scan(text: &str, sentence: Span) -> SentencePeriods {
        let whole = &text[sentence.range()];
        let years = super::captures_of(&YEAR, whole)
            .filter_map(|caps| {
                let m = caps.get(0)?;
                let hint = if caps.get(1).is_some() || caps.get(3).is_some() {
                    PeriodHint::Horizon(m.as_str().to_string())
                } else {
                    PeriodHint::Year(caps.get(2)?.as_str().parse().ok()?)
                };
                Some((sentence.start() + m.end(), hint))
            })
            .collect();
        // `去年`/`上年` and `今年`/`全年`/`本年` in one pass over the `年`s.
        let (mut last_year, mut this_year) = (None, None);
        for (at, _) in whole.match_indices('年') {
            let Some(before) = whole[..at].chars().next_back() else { continue };
            let i = at - before.len_utf8();
            match before {
                // `比上年增长7%` compares with last year; it does not state last year's figure.
                '去' | '上' if last_year.is_none() && !whole[..i].ends_with(['比', '较', '同']) => {
                    last_year = Some(sentence.start() + i);
                }
                '今' | '全' | '本' if this_year.is_none() => this_year = Some(sentence.start() + i),
                _ => {}
            }
        }
        let horizon =
            whole.contains("十四五") && (whole.contains("末") || whole.contains("期间")) || whole.contains("年内");
        SentencePeriods { years, horizon, last_year, this_year }
    }

    /// The period stated before byte `at`.
    fn at(&self, at: usize) -> PeriodHint {
        let before = self.years.partition_point(|(end, _)| *end <= at);
        if let Some((_, hint)) = before.checked_sub(1).map(|i| &self.years[i]) {
            return hint.clone();
        }
        if self.horizon {
            return PeriodHint::Horizon("规划期".to_string());
        }
        if self.last_year.is_some_and(|p| p < at) {
            return PeriodHint::LastYear;
        }
        if self.this_year.is_some_and(|p| p < at) {
            return PeriodHint::ThisYear;
        }
        PeriodHint::Unstated
    }
}

/// `1-10月`, `1—11月`: a part of the year already past.
static MONTHS_SO_FAR: LazyLock<Regex> = LazyLock::new(|| Regex::new("1[-—~]1?[0-9]月").expect("static regex"));

/// Words that make a sentence a review of past work.
static REVIEW_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(["完成情况", "回顾", "回望", "完成了", "实现了", "累计完成"]).expect("static patterns")
});

fn is_review(sentence: &str) -> bool {
    REVIEW_WORDS.is_match(sentence) || (sentence.contains("月") && MONTHS_SO_FAR.is_match(sentence))
}

fn modality_of(prefix: &str) -> Modality {
    if prefix.contains("确保") {
        Modality::Guarantee
    } else if prefix.contains("力争") || prefix.contains("争取") {
        Modality::Aspiration
    } else if prefix.contains("预计") {
        Modality::Forecast
    } else {
        Modality::Target
    }
}

/// What a quantity measures, from the words between the name and the number.
fn kind_of(between: &str, count_verb: bool, percent: bool, points: bool) -> TargetKind {
    let has = |words: &[&str]| words.iter().any(|w| between.contains(w));
    if has(&["年均增长", "年均增速"]) && percent {
        TargetKind::AverageGrowth
    } else if has(&["提高", "提升", "上升", "增加", "高出"]) && (percent || points) {
        TargetKind::Increase
    } else if has(&["下降", "降低", "减少", "低出"]) && (percent || points) {
        TargetKind::Decrease
    } else if has(&["增长", "增速", "增幅", "比增"]) && percent {
        TargetKind::Growth
    } else if count_verb {
        TargetKind::CountChange
    } else if has(&["排名", "位居"]) {
        TargetKind::Rank
    } else if percent {
        TargetKind::Share
    } else {
        TargetKind::Level
    }
}

/// How far before a figure its indicator's name may start, in bytes (about 60 characters).
const MAX_LOOKBACK: usize = 180;

/// Words that end the name of a rate or ratio.
const RATE_ENDINGS: &[&str] = &["占比", "比重", "率", "强度", "依存度", "比例"];

/// A short all-Chinese noun phrase ending in a rate word (`服务业占比`), for indicators the
/// lexicon does not know.
fn rate_name(prefix: &str) -> Option<&str> {
    let noun = strip_filler(prefix);
    let n = noun.chars().count();
    ((2..=10).contains(&n)
        && noun.chars().all(super::quantities::is_han)
        && RATE_ENDINGS.iter().any(|e| noun.ends_with(e)))
    .then_some(noun)
}

/// Where the last count verb ends (`新增`, `新引进`): the latest end of any occurrence.
fn count_verb_end(prefix: &str) -> Option<usize> {
    static VERBS: LazyLock<AhoCorasick> = LazyLock::new(|| AhoCorasick::new(COUNT_VERBS).expect("static patterns"));
    VERBS.find_overlapping_iter(prefix).map(|m| m.end()).max()
}

/// A quantity inside a range (`10-15%`, `2~3个`) is not a target of its own.
fn in_range(text: &str, q: &Quantity) -> bool {
    let span = q.span();
    let after = text[span.end()..].chars().next();
    let before = text[..q.number.start()].chars().next_back();
    let joiner = |c: Option<char>| c.is_some_and(|c| matches!(c, '-' | '~' | '～' | '—' | '－' | '–'));
    (joiner(after) && text[span.end()..].chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        || (joiner(before) && text[..q.number.start()].chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit()))
}

pub fn parse_statements(line: &str, quantities: &[Quantity], user: &[UserIndicator]) -> Vec<Statement> {
    if quantities.is_empty() {
        return Vec::new();
    }
    let text = simplify(line);
    let mut out = Vec::new();
    // Quantities are in order: walk them with one cursor instead of filtering per clause.
    let mut next = 0;
    for sentence in pieces(&text, Span::new(0, text.len()), is_sentence_break) {
        while next < quantities.len() && quantities[next].number.start() < sentence.start() {
            next += 1;
        }
        if quantities.get(next).is_none_or(|q| q.number.start() >= sentence.end()) {
            continue; // no figure, no statement
        }
        let review = is_review(&text[sentence.range()]);
        let periods = SentencePeriods::scan(&text, sentence);
        let mut previous: Option<(CompactString, TargetKind)> = None;
        for clause in pieces(&text, sentence, is_clause_break) {
            let mut clause_indicator: Option<(CompactString, TargetKind)> = None;
            while next < quantities.len() && quantities[next].number.start() < clause.start() {
                next += 1;
            }
            while next < quantities.len() && quantities[next].number.start() < clause.end() {
                let q = &quantities[next];
                next += 1;
                let Some(s) = statement(&text, q, clause, &periods, sentence, review, previous.as_ref(), user) else {
                    continue;
                };
                clause_indicator = Some((s.indicator.clone(), s.kind));
                out.push(s);
            }
            if clause_indicator.is_some() {
                previous = clause_indicator;
            } else if !strip_filler(&text[clause.range()]).is_empty() {
                // A clause about something else ends the run of continued statements.
                previous = None;
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)] // the context of one figure: its clause, sentence and run
fn statement(
    text: &str,
    q: &Quantity,
    clause: Span,
    periods: &SentencePeriods,
    sentence: Span,
    review: bool,
    previous: Option<&(CompactString, TargetKind)>,
    user: &[UserIndicator],
) -> Option<Statement> {
    let percent = q.percent().is_some();
    let unit = q.unit().map(|(_, u)| u);
    let points = unit.is_some_and(|u| u.text.ends_with("百分点"));
    // Dates, durations and bare numbers are not indicator values.
    if !percent && unit.is_none_or(|u| u.dimension == Dimension::Time) || in_range(text, q) {
        return None;
    }
    // `-` is one byte, `－` three.
    let sign_len =
        text[..q.number.start()].chars().next_back().filter(|c| matches!(c, '-' | '－')).map_or(0, char::len_utf8);
    let negative_sign = sign_len > 0;
    let qstart = q.prefix().map_or(q.number.start() - sign_len, |p| p.span.start());
    // A name sits right before its figure: look back a bounded way, so a long run-on clause
    // with many figures stays linear.
    let mut from = clause.start().max(qstart.saturating_sub(MAX_LOOKBACK));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let clause = Span::new(from, clause.end());
    let prefix = &text[clause.start()..qstart.max(clause.start())];
    let count_verb = count_verb_end(prefix);
    let mut firm = true;
    let mut percent_level = false;
    let (indicator, name, between) = if let Some((start, end, name, percent)) = last_in(prefix, user) {
        percent_level = percent;
        let between = &prefix[end..];
        if between.chars().count() > 12 || between.contains(|c: char| c.is_ascii_digit()) {
            return None;
        }
        // `高新技术产业增加值占比` is a ratio of the indicator, not the indicator itself.
        let ratio = ["占比", "比重"].iter().find(|w| between.starts_with(*w));
        let name = ratio.map_or(name.clone(), |w| format!("{name}{w}"));
        percent_level |= ratio.is_some();
        (name, Some(Span::new(clause.start() + start, clause.start() + end)), between)
    } else if let Some(vend) = count_verb {
        // `软件园新增企业100家` counts a part of the area, not the whole: not comparable.
        let verb_start = COUNT_VERBS.iter().filter_map(|v| prefix[..vend].rfind(v)).max().unwrap_or(vend);
        firm = strip_filler(&prefix[..verb_start]).is_empty();
        let noun = strip_filler(&prefix[vend..]);
        let noun = noun.strip_suffix("总数").unwrap_or(noun);
        let n = noun.chars().count();
        if !(2..=15).contains(&n) || noun.contains(|c: char| c.is_ascii_digit() || c == '的') {
            return None;
        }
        let start = clause.start() + vend + prefix[vend..].find(noun).unwrap_or(0);
        (noun.to_string(), Some(Span::new(start, start + noun.len())), "")
    } else if let Some(noun) = rate_name(prefix) {
        // `服务业占比提高3%`: a rate named by its own words.
        let start = clause.start() + prefix.rfind(noun).unwrap_or(0);
        firm = false;
        (noun.to_string(), Some(Span::new(start, start + noun.len())), &prefix[start - clause.start() + noun.len()..])
    } else if let (Some((prev, _)), true) = (previous, strip_filler(prefix).is_empty()) {
        (prev.to_string(), None, prefix)
    } else {
        return None;
    };
    let mut kind = kind_of(between, count_verb.is_some(), percent, points);
    // A continued clause without a kind word of its own keeps the previous kind
    // (`确保达到20%、力争达到18%`).
    if let (None, Some((_, prev_kind)), TargetKind::Level | TargetKind::Share) = (name, previous, kind) {
        if percent == matches!(prev_kind, TargetKind::Growth | TargetKind::Share | TargetKind::AverageGrowth) {
            kind = *prev_kind;
        }
    }
    let sign = if negative_sign { "-" } else { "" };
    let number = format!("{sign}{}", ascii_number(&text[q.number.range()]));
    let multiplier = q.multiplier().map_or(1.0, |m| m.1);
    let unit_text = format!(
        "{}{}",
        q.multiplier().map_or("", |(s, _)| &text[s.range()]),
        if percent { "%" } else { unit.map_or("", |u| u.text) }
    );
    let base_unit = if percent { "%" } else { unit.map_or("", |u| u.text) };
    let value: f64 = number.parse().unwrap_or(0.0);
    // Multipliers are powers of ten: shift the decimal exponent so 313.9亿 is exactly
    // 3.139e10, not 313.9 × 1e8 = 31389999999.999996.
    let base_value = format!("{number}e{}", multiplier.log10().round() as i32).parse().unwrap_or(value * multiplier);
    let qualifier = q.suffix().map(|s| s.text).or(q.prefix().map(|p| p.text));
    let span = q.span();
    let percent_level = percent_level || looks_like_percent_level(&indicator);
    Some(Statement {
        indicator: indicator.into(),
        firm,
        percent_level,
        name,
        kind,
        modality: modality_of(prefix),
        qualifier,
        number: number.into(),
        unit: unit_text.into(),
        base_value,
        base_unit,
        span: Span::new(q.number.start() - sign_len, span.end()),
        sentence,
        period: periods.at(q.number.start()),
        review,
        rate_change: ["增速", "增幅", "占比", "比重", "率", "强度", "依存度"].iter().any(|w| between.contains(w)),
        negative: negative_sign,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::quantities::parse_quantities;

    fn parse(line: &str) -> Vec<Statement> {
        parse_statements(line, &parse_quantities(line), &[])
    }

    #[test]
    fn level_and_continued_growth() {
        let s =
            parse("全区经济社会发展的主要预期目标是：地区生产总值达到480亿元、增长7%左右，规上工业增加值增长8%以上");
        let got: Vec<_> =
            s.iter().map(|s| (s.indicator.as_str(), s.kind, s.number.as_str(), s.unit.as_str(), s.qualifier)).collect();
        assert_eq!(
            got,
            [
                ("地区生产总值", TargetKind::Level, "480", "亿元", None),
                ("地区生产总值", TargetKind::Growth, "7", "%", Some("左右")),
                ("规上工业增加值", TargetKind::Growth, "8", "%", Some("以上")),
            ]
        );
        assert_eq!(s[0].base_value, 4.8e10);
        assert_eq!(s[0].base_unit, "元");
    }

    #[test]
    fn modalities_and_counts() {
        let s = parse("工业投资增速确保达到20%、力争达到18%，新增高新技术企业120家以上，新增省级专精特新企业３０家");
        let got: Vec<_> = s.iter().map(|s| (s.indicator.as_str(), s.kind, s.modality)).collect();
        assert_eq!(
            got,
            [
                ("工业投资", TargetKind::Growth, Modality::Guarantee),
                ("工业投资", TargetKind::Growth, Modality::Aspiration),
                ("高新技术企业", TargetKind::CountChange, Modality::Target),
                ("省级专精特新企业", TargetKind::CountChange, Modality::Target),
            ]
        );
    }

    #[test]
    fn traditional_text_names_the_same_indicator() {
        let s = parse("確保地區生產總值增長6%、力爭增長5%");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].indicator, "地区生产总值");
        assert_eq!(s[1].modality, Modality::Aspiration);
    }

    #[test]
    fn periods_review_and_signs() {
        let s = parse("附:2023年主要指标完成情况,地区生产总值完成420亿元(增长6.5%)。");
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].period, PeriodHint::Year(2023));
        assert!(s[0].review);
        let s = parse("一般公共预算收入完成21.5亿元，增长-3.2%。");
        assert_eq!(s[1].number, "-3.2");
        assert!(s[1].negative);
        // A full-width minus is three bytes.
        assert_eq!(parse("税收收入增长－3.2%")[0].number, "-3.2");
    }

    #[test]
    fn not_statements() {
        for line in ["推动100家规上工业企业实施智能化改造", "力争1-2年内建成", "技改投资增长10-15%", "2021年是开局之年"]
        {
            let got: Vec<_> = parse(line).iter().map(|s| s.indicator.clone()).collect();
            assert!(got.is_empty(), "{line}: {got:?}");
        }
    }
}
