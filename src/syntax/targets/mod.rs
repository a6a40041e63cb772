//! Indicator statements in one paragraph: `固定资产投资增速 确保 高于 15%` binds an indicator
//! to a figure with a kind, a tier word, a qualifier and what the sentence says of its
//! period. What the sentence does not settle (the year under review, whether the part is a
//! review or a plan) is resolved over the document (`analysis::context`).
//!
//! A paragraph is read sentence by sentence (to `。`), each sentence clause by clause (to
//! `，` `；` `：`). In a clause each figure takes the words since the previous figure as its
//! subject (`地区生产总值67665亿元`), or continues the previous figure's subject when
//! those words only link (`，增长5.5%`); a count may name its noun after it
//! (`新培育6个国家级中小企业特色产业集群`); `分别` and `均` share one verb among listed
//! subjects (`城镇居民、农村居民人均可支配收入分别增长4.5%、5.7%`).

mod cues;
mod names;
mod periods;

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use compact_str::CompactString;

pub use cues::Cue;
pub use periods::{plan_years, PeriodHint};

use super::indicators::{looks_like_percent_level, lookup, simplify, UserIndicator};
use super::quantities::{ascii_number, Dimension, Quantity};
use crate::text::Span;
use cues::SentenceCues;
use periods::SentencePeriods;

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
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '：' | ':')
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
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

/// The line as the statement reader sees it: Traditional folded to Simplified, and the
/// pinyin some mirror sites put after converted characters (`區(qū)`) blanked. Byte offsets
/// equal the line's.
fn readable(line: &str) -> Cow<'_, str> {
    let text = simplify(line);
    if !text.contains('(') {
        return text;
    }
    // Debris: `(` right after a Chinese character, lower-case (accented) letters, `)`.
    let mut debris = Vec::new();
    for (open, _) in text.match_indices('(') {
        let after_han = text[..open].chars().next_back().is_some_and(super::quantities::is_han);
        let letters: usize = text[open + 1..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || matches!(c, 'à'..='ǜ'))
            .take(8)
            .map(char::len_utf8)
            .sum();
        if after_han && letters > 0 && text[open + 1 + letters..].starts_with(')') {
            debris.push(open..open + letters + 2);
        }
    }
    if debris.is_empty() {
        return text;
    }
    let mut bytes = text.into_owned().into_bytes();
    for range in debris {
        bytes[range].fill(b' ');
    }
    // Only whole characters were blanked, with ASCII spaces.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// Words that make a sentence a report of results.
static REVIEW_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    super::word_automaton(["完成情况", "回顾", "回望", "完成了", "实现了", "初步统计", "初步核算", "已达", "已经达到"])
});

/// A figure that may be an indicator's value, with how it reads.
#[derive(Debug, Clone, Copy)]
struct Figure<'a> {
    q: &'a Quantity,
    /// The low end of a range this figure closes (`6%－6.5%`, `1—2个`).
    low: Option<&'a Quantity>,
    /// Where the figure starts: its minus sign, or `第` of a rank.
    start: usize,
    /// Where its words end: after the unit and a qualifier written after it.
    end: usize,
    sign_len: usize,
    rank: bool,
}

/// What joins the ends of a range.
const JOINERS: [char; 7] = ['-', '~', '～', '—', '－', '–', '至'];

/// A quantity inside a range (`10-15%`, `2~3个`) is not a figure of its own.
fn in_range(text: &str, q: &Quantity) -> bool {
    let span = q.span();
    let joiner = |c: Option<char>| c.is_some_and(|c| JOINERS.contains(&c));
    let after = text[span.end()..].chars().next();
    let before = text[..q.number.start()].chars().next_back();
    (joiner(after) && text[span.end()..].chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        || (joiner(before) && text[..q.number.start()].chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit()))
}

/// Where a line is inside quotation marks (`“21条”`, `“51020”`), found in one scan: a figure
/// there is a name.
fn quotations(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in text.match_indices(['“', '”']) {
        match (c, open) {
            ("“", _) => open = Some(i),
            (_, Some(start)) => {
                out.push(Span::new(start, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Whether `low` and `high` are the two ends of one range (`6%－6.5%`, `1—2个`): one joiner
/// between them, and the low end without a unit of its own or with the high end's.
fn joined(text: &str, low: &Quantity, high: &Quantity) -> bool {
    let between = text.get(low.span().end()..high.number.start()).unwrap_or("").trim_matches([' ', '\u{3000}']);
    let same_unit = low.unit().is_none_or(|(_, u)| high.unit().is_some_and(|(_, h)| h.text == u.text));
    between.chars().count() == 1 && between.starts_with(JOINERS) && same_unit && low.multiplier().is_none()
}

/// `q` as a figure, closing a range from `low` if it does.
fn figure<'a>(text: &str, q: &'a Quantity, low: Option<&'a Quantity>, quotations: &[Span]) -> Option<Figure<'a>> {
    let quoted = |at: usize| {
        let i = quotations.partition_point(|s| s.end() <= at);
        quotations.get(i).is_some_and(|s| s.contains(at))
    };
    let percent = q.percent().is_some();
    let unit = q.unit().map(|(_, u)| u);
    // Dates, durations, multiples and bare numbers are not indicator values.
    if !percent && (unit.is_none() && q.multiplier().is_none())
        || unit.is_some_and(|u| u.dimension == Dimension::Time || u.text == "倍")
        || (low.is_none() && in_range(text, q))
        || quoted(q.number.start())
    {
        return None;
    }
    let before = &text[..low.map_or(q.number.start(), |l| l.number.start())];
    let after = &text[q.span().end()..];
    // Ordinals, ranks in a band and names: `第十四届`, `前10位`, `世界500强`, `连续6年`.
    let ordinal = before.ends_with('第');
    // `排名56位` is a rank too; `70位两院院士` counts people.
    let recent = &before[before.len() - before.chars().rev().take(12).map(char::len_utf8).sum::<usize>()..];
    let placed = ["排名", "位居", "居于", "位列"].iter().any(|w| recent.contains(w))
        && !after.starts_with(super::quantities::is_han);
    let rank = (ordinal || placed) && unit.is_some_and(|u| matches!(u.text, "位" | "名"));
    if (ordinal && !rank) || before.ends_with(['前', '后']) || after.starts_with(['强', '周']) {
        return None;
    }
    // `在169个国家高新区中`: the set something is ranked in.
    if before.ends_with('在') && after.split(['，', ',', '。', '；']).next().is_some_and(|a| a.contains('中')) {
        return None;
    }
    // The size of what a text is about to list (`重点做好以下10个方面工作`), and thresholds
    // counted (`连续跨过3个万亿元大关`).
    let counted_thresholds = unit.is_some_and(|u| u.text == "个") && after.starts_with(['万', '亿', '千', '百']);
    if before.ends_with("以下") || before.ends_with("如下") || after.starts_with("方面") || counted_thresholds {
        return None;
    }
    // `-` is one byte, `－` three.
    let sign_len = before.chars().next_back().filter(|c| matches!(c, '-' | '－')).map_or(0, char::len_utf8);
    let first = low.map_or(q.number.start(), |l| l.number.start());
    let start = if ordinal { first - '第'.len_utf8() } else { first - sign_len };
    let end = q.suffix().map_or(q.span().end(), |s| s.span.end());
    Some(Figure { q, low, start, end, sign_len: if rank { 0 } else { sign_len }, rank: rank && low.is_none() })
}

/// What a figure measures, carried from one figure to the next in a sentence.
#[derive(Debug, Clone, PartialEq)]
struct Subject {
    indicator: CompactString,
    name: Option<Span>,
    firm: bool,
    percent_level: bool,
}

/// The team's name for `name`, if it is one of their spellings.
fn users<'u>(name: &str, user: &'u [UserIndicator]) -> Option<&'u UserIndicator> {
    user.iter().find(|u| std::iter::once(&u.name).chain(&u.aliases).any(|s| simplify(s) == name))
}

/// The team's indicator whose spelling ends `words` (before the linking words), and where
/// it starts: their names win over the framing the reader would strip (`园区载体面积`).
fn users_ending<'u>(words: &str, user: &'u [UserIndicator]) -> Option<(usize, &'u UserIndicator)> {
    user.iter().find_map(|u| {
        std::iter::once(&u.name)
            .chain(&u.aliases)
            .map(|s| simplify(s))
            .filter(|s| !s.is_empty())
            .find_map(|s| words.ends_with(&*s).then(|| (words.len() - s.len(), u)))
    })
}

fn subject_named(indicator: CompactString, at: Span, count_verb: bool, user: &[UserIndicator]) -> Subject {
    if let Some(u) = users(&indicator, user) {
        return Subject { indicator: simplify(&u.name).into(), name: Some(at), firm: true, percent_level: u.percent };
    }
    let known = lookup(&indicator);
    let percent_level = known.is_some_and(|i| i.percent_level) || looks_like_percent_level(&indicator);
    Subject { indicator, name: Some(at), firm: known.is_some() || count_verb, percent_level }
}

/// Classes of the words around a figure, found in one pass over them (a figure's kind, the
/// years it covers, whether it is a level reached).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Words(u16);

impl Words {
    /// `到`, `至`: a level reached (`提高到66.2%`).
    const TO: u16 = 1;
    const AVERAGE: u16 = 1 << 1;
    const UP: u16 = 1 << 2;
    const DOWN: u16 = 1 << 3;
    const GROWTH: u16 = 1 << 4;
    /// `累计`, `每年`, `五年`: the figure covers years.
    const OVER_SPAN: u16 = 1 << 5;
    /// `稳定在`, `保持在`: held through the years.
    const STEADY: u16 = 1 << 6;
    /// `突破`, `超过`, `达到`: an amount reached.
    const REACHED: u16 = 1 << 7;

    fn of(text: &str) -> Words {
        const CLASSES: &[(&str, u16)] = &[
            ("到", Words::TO),
            ("至", Words::TO),
            ("年均", Words::AVERAGE | Words::OVER_SPAN),
            ("提高", Words::UP),
            ("提升", Words::UP),
            ("上升", Words::UP),
            ("增加", Words::UP),
            ("扩大", Words::UP),
            ("高出", Words::UP),
            ("下降", Words::DOWN),
            ("降低", Words::DOWN),
            ("减少", Words::DOWN),
            ("下跌", Words::DOWN),
            ("回落", Words::DOWN),
            ("缩小", Words::DOWN),
            ("低出", Words::DOWN),
            ("增长", Words::GROWTH),
            ("增速", Words::GROWTH),
            ("增幅", Words::GROWTH),
            ("涨幅", Words::GROWTH),
            ("上涨", Words::GROWTH),
            ("比增", Words::GROWTH),
            ("累计", Words::OVER_SPAN),
            ("每年", Words::OVER_SPAN),
            ("五年", Words::OVER_SPAN),
            ("5年", Words::OVER_SPAN),
            ("年年", Words::OVER_SPAN),
            ("稳定", Words::STEADY),
            ("保持", Words::STEADY),
            ("突破", Words::REACHED),
            ("超过", Words::REACHED),
            ("达到", Words::REACHED),
            ("增至", Words::REACHED),
            ("为", Words::REACHED),
            ("达", Words::REACHED),
        ];
        static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| super::word_automaton(CLASSES.iter().map(|c| c.0)));
        Words(AUTOMATON.find_overlapping_iter(text).fold(0, |acc, m| acc | CLASSES[m.pattern().as_usize()].1))
    }

    fn has(self, class: u16) -> bool {
        self.0 & class != 0
    }
}

/// What a figure measures, from the words linking it to its subject.
fn kind_of(linking: Words, count_verb: bool, f: &Figure<'_>) -> TargetKind {
    let percent = f.q.percent().is_some();
    let points = f.q.unit().is_some_and(|(_, u)| u.dimension == Dimension::Points);
    let reached = linking.has(Words::TO);
    if f.rank {
        TargetKind::Rank
    } else if linking.has(Words::AVERAGE) && percent {
        TargetKind::AverageGrowth
    } else if linking.has(Words::UP) && (percent || points) && !(percent && reached) {
        TargetKind::Increase
    } else if linking.has(Words::DOWN) && (points || percent && !reached) {
        TargetKind::Decrease
    } else if linking.has(Words::GROWTH) && percent {
        TargetKind::Growth
    } else if points {
        TargetKind::Increase
    } else if count_verb {
        TargetKind::CountChange
    } else if percent {
        TargetKind::Share
    } else if linking.has(Words::DOWN) {
        TargetKind::Decrease
    } else if linking.has(Words::UP) && !reached {
        TargetKind::Increase
    } else {
        TargetKind::Level
    }
}

/// Where a comparison with another area starts (`高于全国1.7个百分点`, `增速比全市高出2.6%`),
/// and whether the figure is above it: the figure is a difference, not the area's own level.
fn comparison(segment: &str) -> Option<(usize, bool)> {
    if !segment.contains(['高', '低', '快', '慢', '领', '比', '较']) {
        return None;
    }
    const AREAS: &[&str] =
        &["全国", "全省", "全市", "全区", "全县", "平均", "同期", "东部", "中部", "西部", "同类", "省平均", "市平均"];
    let after_area = |rest: &str| AREAS.iter().any(|a| rest.starts_with(a));
    const VERBS: &[(&str, bool)] = &[
        ("高于", true),
        ("快于", true),
        ("高出", true),
        ("领先", true),
        ("低于", false),
        ("慢于", false),
        ("低出", false),
    ];
    for &(verb, above) in VERBS {
        if let Some(i) = segment.find(verb).filter(|&i| after_area(&segment[i + verb.len()..])) {
            return Some((i, above));
        }
    }
    ["比", "较"].iter().find_map(|w| {
        let i = segment.rfind(w)?;
        let rest = &segment[i + w.len()..];
        after_area(rest).then(|| (i, !rest.contains(['低', '慢', '少'])))
    })
}

/// The state of one sentence's reading.
struct SentenceReader<'a> {
    text: &'a str,
    sentence: Span,
    cues: SentenceCues,
    periods: SentencePeriods,
    review: bool,
    user: &'a [UserIndicator],
    /// The subject figures continue (`地区生产总值67665亿元，增长5.5%`), and the kind of the
    /// last figure.
    run: Option<Subject>,
    /// The indicator a clause without figures opened with (`经济总量连续跨过3个万亿元大关，`):
    /// what a share after it is of.
    topic: Option<CompactString>,
    run_kind: Option<TargetKind>,
    previous_figure: Option<usize>,
    out: Vec<Statement>,
}

impl SentenceReader<'_> {
    fn push(&mut self, subject: &Subject, f: &Figure<'_>, kind: TargetKind, linking: &str, flags: (bool, bool)) {
        let (over_span, base) = flags;
        let text = self.text;
        let q = f.q;
        let percent = q.percent().is_some();
        let unit = q.unit().map(|(_, u)| u);
        // Short strings, kept inline (`CompactString`): no allocation per figure.
        let sign = if f.sign_len > 0 { "-" } else { "" };
        let high = ascii_number(&text[q.number.range()]);
        // A range is written whole (`6%－6.5`, `1—2`); its value is its low end.
        let (number, lowest) = match f.low {
            Some(l) => {
                let low = ascii_number(&text[l.number.range()]);
                let joiner = text[l.span().end()..q.number.start()].trim();
                let low_percent = if l.percent().is_some() { "%" } else { "" };
                (
                    compact_str::format_compact!("{sign}{low}{low_percent}{joiner}{high}"),
                    compact_str::format_compact!("{sign}{low}"),
                )
            }
            None => {
                let number = compact_str::format_compact!("{sign}{high}");
                (number.clone(), number)
            }
        };
        let multiplier = q.multiplier().map_or(1.0, |m| m.1);
        let written_unit = if percent { "%" } else { unit.map_or("", |u| u.text) };
        let unit_text =
            compact_str::format_compact!("{}{}", q.multiplier().map_or("", |(s, _)| &text[s.range()]), written_unit);
        let value: f64 = lowest.parse().unwrap_or(0.0);
        // Multipliers are powers of ten: shift the decimal exponent so 313.9亿 is exactly
        // 3.139e10, not 313.9 × 1e8 = 31389999999.999996.
        let exponent = multiplier.log10().round() as i32;
        let base_value = compact_str::format_compact!("{lowest}e{exponent}").parse().unwrap_or(value * multiplier);
        let rate_change = ["增速", "增幅", "占比", "比重", "率", "依存度"].iter().any(|w| linking.contains(w));
        self.out.push(Statement {
            indicator: subject.indicator.clone(),
            firm: subject.firm && f.low.is_none(),
            percent_level: subject.percent_level,
            name: subject.name,
            kind,
            cue: self.cues.at(f.start),
            qualifier: q.suffix().map(|s| s.text).or(q.prefix().map(|p| p.text)),
            number,
            unit: if f.rank { "位".into() } else { unit_text },
            base_value,
            base_unit: if percent { "%" } else { written_unit },
            span: Span::new(f.start, q.span().end()),
            sentence: self.sentence,
            period: self.periods.at(f.start, self.previous_figure),
            over_span: over_span || kind == TargetKind::AverageGrowth,
            steady: Words::of(linking).has(Words::STEADY),
            base,
            months_so_far: self.periods.months_so_far,
            review: self.review,
            rate_change,
            comparison: false,
            range: f.low.is_some(),
            negative: f.sign_len > 0,
        });
        self.previous_figure = Some(f.start);
    }

    fn read_clause(&mut self, clause: Span, figures: &[Figure<'_>]) {
        if self.distribute(clause, figures) {
            return;
        }
        let first = self.out.len();
        self.read_figures(clause, figures);
        self.pair_listed_values(first);
    }

    /// `改造老旧供热、燃气、排水管网800公里、600公里、300公里`: values listed after listed
    /// subjects, one each, as with `分别`. Where the subjects cannot be told apart, the
    /// values are not restatements of one indicator either: none is firm.
    fn pair_listed_values(&mut self, first: usize) {
        let text = self.text;
        let mut i = first;
        while i < self.out.len() {
            let mut end = i + 1;
            while end < self.out.len() && self.out[end].name.is_none() && {
                let between = &text[self.out[end - 1].span.end()..self.out[end].span.start()];
                let between = ["以上", "左右", "以内", "以下"].iter().fold(between, |b, q| b.trim_start_matches(q));
                between.trim() == "、"
            } {
                end += 1;
            }
            if end - i > 1 {
                let written = self.out[i].name;
                let listed = written
                    .and_then(|n| names::listed_subjects(&text[n.range()], end - i, true))
                    .filter(|items| items.len() == end - i);
                for (k, s) in self.out[i..end].iter_mut().enumerate() {
                    match (&listed, written) {
                        (Some(items), Some(at)) => {
                            let (a, b, name) = &items[k];
                            s.indicator = name.clone();
                            s.name = Some(Span::new(at.start() + a, at.start() + b));
                            s.firm = lookup(name).is_some();
                        }
                        _ => s.firm = false,
                    }
                }
            }
            i = end;
        }
    }

    fn read_figures(&mut self, clause: Span, figures: &[Figure<'_>]) {
        let text = self.text;
        let mut cursor = clause.start();
        // The counting verb of the previous item, which a `、` list shares
        // (`新开工改造城镇老旧小区4402个、城中村5.1万户`).
        let mut counting_carried: Option<names::Counting> = None;
        // The noun a count named after itself, and where it ends.
        let mut noun_before: Option<(Subject, usize)> = None;
        for f in figures {
            let segment_start = cursor.min(f.start);
            let segment = &text[segment_start..f.start];
            cursor = f.end;
            let compared = comparison(segment);
            let read_to = compared.map_or(segment.len(), |(at, _)| at);
            let mut reading = if f.rank { names::read_rank(segment) } else { names::read(&segment[..read_to]) };
            if let Some((start, u)) = users_ending(&segment[..reading.linking_start.min(read_to)], self.user) {
                let end = reading.linking_start.min(read_to);
                reading.name = Some((start, end, simplify(&u.name).into()));
            }
            let listed = segment.trim_start().starts_with('、') && reading.name.is_some();
            let counting = match counting_carried {
                Some(carried) if listed && reading.counting == names::Counting::default() => carried,
                _ => reading.counting,
            };
            let count_verb = counting.new;
            // Without a subject of its own, every word of the segment links (`、达到54条`).
            let linking = if reading.bare { segment } else { &segment[reading.linking_start.min(segment.len())..] };
            let over_span = Words::of(segment).has(Words::OVER_SPAN);
            let after_noun = noun_after_figure(text, f, reading.counting.new);
            let core = &segment[reading.core.0.min(segment.len())..reading.core.1.min(segment.len())];
            let measure_of_noun =
                noun_before.as_ref().filter(|(_, end)| *end == segment_start && names::is_measure(core));
            let subject = match &reading.name {
                // `810个省重点项目完成投资10428.6亿元`: the money of the things counted before.
                _ if measure_of_noun.is_some() => measure_of_noun.map(|(noun, _)| {
                    let whole = names::canonical(&format!("{}{}", noun.indicator, &segment[..reading.core.1]));
                    let from = noun.name.map_or(segment_start, |n| n.start());
                    subject_named(whole, Span::new(from, segment_start + reading.core.1), false, self.user)
                }),
                Some((start, end, name)) => {
                    let at = Span::new(segment_start + start, segment_start + end);
                    // What the sentence is about: the run's indicator (a share's owner), or the
                    // indicator a clause without figures opened with.
                    let about = self
                        .run
                        .as_ref()
                        .map(|r| r.indicator.split('占').next().unwrap_or_default())
                        .or(self.topic.as_deref());
                    match &self.run {
                        // `占全国比重由…`, `在北方地区占比由…`: a share of what the sentence is about.
                        _ if about.is_some() && names::share_of_an_area(name).is_some() => {
                            let area = names::share_of_an_area(name).unwrap_or_default();
                            let whole = names::canonical(&format!("{}占{area}比重", about.unwrap_or_default()));
                            Some(subject_named(whole, at, false, self.user))
                        }
                        // `总量突破90万亿元`: an aspect of what the sentence is about.
                        Some(run) if names::is_aspect(name) => {
                            Some(Subject { name: None, firm: run.firm && !name.contains('增'), ..run.clone() })
                        }
                        _ => {
                            let name = match (counting.renovation, reading.counting.renovation) {
                                (Some(verb), None) => names::canonical(&format!("{name}{verb}")),
                                _ => name.clone(),
                            };
                            Some(subject_named(name, at, count_verb, self.user))
                        }
                    }
                }
                None if reading.bare && after_noun.is_some() && !f.rank => after_noun.map(|(start, end)| {
                    // `新培育6个国家级中小企业特色产业集群`: the count names its noun after it.
                    // Counted, but named by whatever noun follows: not firm enough to compare.
                    let at = Span::new(f.end + start, f.end + end);
                    let noun = &text[at.range()];
                    let name = match counting.renovation {
                        Some(verb) => names::canonical(&format!("{noun}{verb}")),
                        None => names::canonical(noun),
                    };
                    subject_named(name, at, false, self.user)
                }),
                None if reading.bare => self.run.clone().map(|mut s| {
                    s.name = None;
                    // `建成470万套、新开工630万套`: another count of the same thing.
                    s.firm &= !(counting.new || counting.stock);
                    if f.rank {
                        s.indicator = format!("{}排名", s.indicator).into();
                        s.percent_level = false;
                    }
                    s
                }),
                None => None,
            };
            let Some(subject) = subject else {
                self.run = None;
                continue;
            };
            let noun_named = reading.name.is_none() && subject.name.is_some_and(|n| n.start() >= f.end);
            // `城镇新增就业`: a count of new things by its name; a count before its noun with no
            // verb (`10个国家大科学装置`) is a stock.
            let new_noun = noun_named && subject.indicator.starts_with('新');
            let count = (count_verb || new_noun || names::is_activity(&subject.indicator)) && !counting.stock;
            let mut kind = match compared {
                Some((_, true)) => TargetKind::Increase,
                Some((_, false)) => TargetKind::Decrease,
                None => kind_of(Words::of(linking), count, f),
            };
            // A continued figure without a kind word of its own keeps the kind before it
            // (`确保达到20%、力争达到18%`), if both are percentages or neither; an amount
            // reached (`新增1700公里、突破7000公里`) is a level.
            if let (None, Some(before), TargetKind::Level | TargetKind::Share) = (subject.name, self.run_kind, kind) {
                let percent = f.q.percent().is_some();
                let percent_kind = matches!(before, TargetKind::Growth | TargetKind::Share | TargetKind::AverageGrowth);
                let reached = Words::of(linking).has(Words::REACHED);
                if !f.rank && percent == percent_kind && (percent || !reached) {
                    kind = before;
                }
            }
            self.push(&subject, f, kind, linking, (over_span, reading.base));
            if let (Some(_), Some(last)) = (compared, self.out.last_mut()) {
                last.comparison = true;
            }
            counting_carried = Some(names::Counting { new: count, ..counting });
            if noun_named {
                cursor = subject.name.map_or(cursor, |n| n.end());
                noun_before = Some((subject.clone(), cursor));
            }
            // A rank names a new indicator (`…排名`); the run stays with what was ranked.
            if !f.rank {
                self.run = Some(subject);
                self.run_kind = Some(kind);
            }
        }
    }

    /// `A、B分别增长x%、y%` and `A、B均增长x%`: one subject per figure, or every subject for
    /// the one figure. `true` if the clause was read so.
    fn distribute(&mut self, clause: Span, figures: &[Figure<'_>]) -> bool {
        let text = self.text;
        let Some(first) = figures.first() else { return false };
        let head = &text[clause.start()..first.start];
        let Some((at, word)) = names::distributor(head) else { return false };
        let subjects = names::listed_subjects(&head[..at], figures.len(), word == "分别");
        let Some(subjects) = subjects else { return false };
        let linking = &head[at..];
        let over_span = Words::of(head).has(Words::OVER_SPAN);
        let pairs: Vec<(usize, usize)> = if word == "分别" {
            if subjects.len() != figures.len() {
                return false;
            }
            (0..figures.len()).map(|i| (i, i)).collect()
        } else {
            if figures.len() != 1 {
                return false;
            }
            (0..subjects.len()).map(|i| (i, 0)).collect()
        };
        // Aspects (`总量和增速`) are of what the sentence is about, and only ranks of them are
        // read so: decided before any figure is taken.
        let aspects = self.run.is_some() && subjects.iter().any(|(_, _, name)| names::is_aspect(name));
        if aspects && pairs.iter().any(|&(_, fi)| !figures[fi].rank) {
            return false;
        }
        for (s, fi) in pairs {
            let (start, end, ref name) = subjects[s];
            let subject = match self.run.as_ref().filter(|_| names::is_aspect(name)) {
                // `总量和增速均居全国第5位`: aspects of what the sentence is about.
                Some(run) => Subject {
                    indicator: format!("{}{name}排名", run.indicator).into(),
                    name: None,
                    firm: false,
                    percent_level: false,
                },
                None => {
                    let at = Span::new(clause.start() + start, clause.start() + end);
                    let name = if figures[fi].rank { format!("{name}排名").into() } else { name.clone() };
                    subject_named(name, at, false, self.user)
                }
            };
            let f = &figures[fi];
            let kind = kind_of(Words::of(linking), false, f);
            self.push(&subject, f, kind, linking, (over_span, false));
        }
        true
    }
}

/// The noun a count names after itself (`6个国家级中小企业特色产业集群`): for counts of things
/// (a classifier, or 万/亿 alone: `1400万农业转移人口`) followed by a noun phrase.
fn noun_after_figure(text: &str, f: &Figure<'_>, counting: bool) -> Option<(usize, usize)> {
    let q = f.q;
    // After a counting verb a measure names its noun too (`新建5万平方米孵化载体`).
    let counted = match q.unit() {
        Some((_, u)) if u.dimension == Dimension::Count => !matches!(u.text, "位" | "名" | "人次" | "家次" | "倍"),
        Some(_) => counting && q.percent().is_none(),
        None => q.multiplier().is_some() && q.percent().is_none(),
    };
    if !counted || f.rank {
        return None;
    }
    let after = &text[f.end..];
    if after.starts_with(['万', '亿', '元', '千', '百', '多', '余']) {
        return None;
    }
    names::noun_after(after)
}

/// Reads the indicator statements of one line; `quantities` are its quantities, in order.
pub fn parse_statements(line: &str, quantities: &[Quantity], user: &[UserIndicator]) -> Vec<Statement> {
    // Most quantities of a plan are no figures (dates, list numbers): only a line with one
    // is read further. What rules a figure out is the same in Traditional and Simplified.
    let quotes = quotations(line);
    let mut all: Vec<Figure<'_>> = Vec::new();
    let mut quantities = quantities.iter().peekable();
    while let Some(q) = quantities.next() {
        // `6%－6.5%`: the range is one figure, closed by its high end.
        if let Some(&high) = quantities.peek().filter(|high| joined(line, q, high)) {
            quantities.next();
            all.extend(figure(line, high, Some(q), &quotes));
        } else {
            all.extend(figure(line, q, None, &quotes));
        }
    }
    if all.is_empty() {
        return Vec::new();
    }
    let text = readable(line);
    let mut out = Vec::new();
    // Figures are in order: walk them with one cursor instead of filtering per sentence.
    let mut rest = &all[..];
    for sentence in pieces(&text, Span::new(0, text.len()), is_sentence_break) {
        let here = rest.iter().take_while(|f| f.q.number.start() < sentence.end()).count();
        let (figures, later) = rest.split_at(here);
        rest = later;
        if figures.is_empty() {
            continue;
        }
        let clauses: Vec<Span> = pieces(&text, sentence, is_clause_break).collect();
        let has_figure = |s: Span| figures.iter().any(|f| s.contains(f.q.number.start()));
        let cues = SentenceCues::scan(&text, sentence, &clauses, has_figure);
        let periods = SentencePeriods::scan(&text, sentence);
        let review = REVIEW_WORDS.is_match(&text[sentence.range()]) || periods.months_so_far;
        let mut reader = SentenceReader {
            text: &text,
            sentence,
            cues,
            periods,
            review,
            user,
            run: None,
            topic: None,
            run_kind: None,
            previous_figure: None,
            out: Vec::new(),
        };
        let mut rest = figures;
        for clause in clauses {
            let here = rest.iter().take_while(|f| f.q.number.start() < clause.end()).count();
            let (in_clause, later) = rest.split_at(here);
            rest = later;
            if in_clause.is_empty() {
                // A clause about something else ends the run of continued figures.
                if !text[clause.range()].trim().is_empty() {
                    reader.run = None;
                    reader.topic = names::leading_indicator(&text[clause.range()]);
                }
                continue;
            }
            reader.read_clause(clause, in_clause);
        }
        out.append(&mut reader.out);
    }
    out
}

#[cfg(test)]
mod tests;
