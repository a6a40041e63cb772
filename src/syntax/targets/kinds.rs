//! What a figure measures (its kind) from the words linking it to its subject, and
//! comparisons with another area.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::super::quantities::Dimension;
use super::figures::Figure;
use super::statement::TargetKind;

/// Classes of the words around a figure, found in one pass over them (a figure's kind, the
/// years it covers, whether it is a level reached).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Words(u16);

impl Words {
    /// `到`, `至`: a level reached (`提高到66.2%`).
    pub const TO: u16 = 1;
    pub const AVERAGE: u16 = 1 << 1;
    pub const UP: u16 = 1 << 2;
    pub const DOWN: u16 = 1 << 3;
    pub const GROWTH: u16 = 1 << 4;
    /// `累计`, `每年`, `五年`: the figure covers years.
    pub const OVER_SPAN: u16 = 1 << 5;
    /// `稳定在`, `保持在`: held through the years.
    pub const STEADY: u16 = 1 << 6;
    /// `突破`, `超过`, `达到`: an amount reached.
    pub const REACHED: u16 = 1 << 7;

    pub fn of(text: &str) -> Words {
        // `5年`/`五年` are five years, but also the end of a year (`2025年`, `二〇二五年`).
        let of_a_year = |m: &aho_corasick::Match| {
            let before = text[..m.start()].chars().next_back();
            match &text[m.range()] {
                "5年" => before.is_some_and(|c| c.is_ascii_digit()),
                "五年" => before.is_some_and(|c| "〇零一二三四六七八九".contains(c)),
                _ => false,
            }
        };
        let words = AUTOMATON.find_overlapping_iter(text).filter(|m| !of_a_year(m));
        Words(words.fold(0, |acc, m| acc | CLASSES[m.pattern().as_usize()].1))
    }

    pub fn has(self, class: u16) -> bool {
        self.0 & class != 0
    }

    /// These words and those of `class`.
    pub fn with(self, class: u16) -> Words {
        Words(self.0 | class)
    }
}

/// The words [`Words::of`] looks for, and their classes.
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
    ("压减", Words::DOWN),
    ("压降", Words::DOWN),
    ("缩减", Words::DOWN),
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
static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| super::super::word_automaton(CLASSES.iter().map(|c| c.0)));

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&AUTOMATON];

/// Whether the words right after a percentage say it is a growth rate (`营收保持20%以上增长`,
/// `保持6%左右的增速`).
pub(super) fn growth_after(after: &str) -> bool {
    let after = after.strip_prefix('的').unwrap_or(after);
    ["增长", "增速", "增幅"].iter().any(|w| after.starts_with(w))
}

/// What a figure measures, from the words linking it to its subject.
pub(super) fn kind_of(linking: Words, count_verb: bool, f: &Figure<'_>) -> TargetKind {
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
    } else if count_verb && !percent {
        // A percentage counts nothing (`入选企业数占全市50%` is a share).
        TargetKind::CountChange
    } else if percent {
        TargetKind::Share
    } else if linking.has(Words::DOWN) && !reached {
        TargetKind::Decrease
    } else if linking.has(Words::UP) && !reached {
        // `高新技术企业增加2万家`: more things counted.
        let counted = f.q.unit().is_some_and(|(_, u)| u.dimension == Dimension::Count);
        if counted {
            TargetKind::CountChange
        } else {
            TargetKind::Increase
        }
    } else {
        TargetKind::Level
    }
}

/// Where a comparison with another area starts (`高于全国1.7个百分点`, `增速比全市高出2.6%`),
/// and whether the figure is above it: the figure is a difference, not the area's own level.
pub(super) fn comparison(segment: &str) -> Option<(usize, bool)> {
    if !segment.contains(['高', '低', '快', '慢', '领', '比', '较']) {
        return None;
    }
    pub const AREAS: &[&str] =
        &["全国", "全省", "全市", "全区", "全县", "平均", "同期", "东部", "中部", "西部", "同类", "省平均", "市平均"];
    let after_area = |rest: &str| AREAS.iter().any(|a| rest.starts_with(a));
    pub const VERBS: &[(&str, bool)] = &[
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
