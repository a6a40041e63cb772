//! What a line says about the part of the document it opens: a review of a year or of a
//! plan period (`一、2025年工作回顾`, `过去一年，…`, `五年来，…`, `初步统计，2025年…`), or a plan
//! (`三、2026年工作安排`, `今年经济社会发展的主要预期目标是：`, `“十五五”时期…`).
//!
//! Headings are read whole; a body paragraph by its opening (its first sentences), because
//! that is where documents of this kind say what the following paragraphs report. The
//! signals are per line, so an edit re-reads only its line; `analysis::context` walks them
//! over the section tree.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::targets::plan_years;

/// Whether a part reports results or sets out a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Review,
    Plan,
    /// A year or a span and nothing else (`2025年是“十四五”收官之年`): a review if before the
    /// plan year, a plan otherwise.
    Dated,
    /// The notes at the end of a report (`名词解释`): what its terms mean, not what it reports
    /// or plans.
    Notes,
}

/// Titles of the notes at the end of a report.
const NOTES_TITLES: [&str; 4] = ["名词解释", "名词注释", "名词解析", "注释"];

/// The period a signal names, before the document's plan year resolves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Named {
    Year(i32),
    Span(i32, i32),
    /// `过去一年`, `一年来`: the year before the plan year.
    LastYear,
    /// `今年`: the plan year.
    ThisYear,
    /// `过去五年`, `五年来`: the plan period that ended before the plan year.
    LastPlan,
    /// Nothing said: the plan year for a plan, the year before it for a review.
    Unsaid,
}

/// Where a line's signal comes from: it decides how far the signal reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// A numbered or Markdown heading: its section.
    Heading,
    /// A line set apart without a marker (`2025年工作回顾`): until the next such line or
    /// top-level heading.
    BareHeading,
    /// A body paragraph's opening: the rest of the section it is in.
    Opening,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Signal {
    pub source: Source,
    pub role: Role,
    pub period: Named,
    /// A plan period named beside a year (`2025年及“十四五”时期工作回顾`): what `年均` and
    /// `累计` figures of the part cover.
    pub plan: Option<(i32, i32)>,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new("((?:19|20)[0-9]{2})\\s*年").expect("static regex"));
static PLAN: LazyLock<Regex> = LazyLock::new(|| Regex::new("十([一二三四五六七八九])五").expect("static regex"));

/// Words of a heading or lead-in that say what its part does, in one automaton: every
/// heading and every short line is searched for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Says {
    Review,
    Plan,
    /// `过去五年`, `五年来`: a review of the last plan period.
    LastPlan,
    ThisYear,
}

static HEADING_WORDS: LazyLock<(AhoCorasick, Vec<Says>)> = LazyLock::new(|| {
    let words: &[(&str, Says)] = &[
        ("回顾", Says::Review),
        ("回顧", Says::Review),
        ("工作总结", Says::Review),
        ("工作總結", Says::Review),
        ("完成情况", Says::Review),
        ("完成情況", Says::Review),
        ("主要成绩", Says::Review),
        ("主要成就", Says::Review),
        // A digest's `2024年成绩单`: the year's results.
        ("成绩单", Says::Review),
        ("成績單", Says::Review),
        ("取得的成绩", Says::Review),
        ("发展成就", Says::Review),
        ("执行情况", Says::Review),
        ("執行情況", Says::Review),
        ("过去一年", Says::Review),
        ("过去五年", Says::LastPlan),
        ("五年来", Says::LastPlan),
        ("工作安排", Says::Plan),
        ("工作任务", Says::Plan),
        ("工作任務", Says::Plan),
        ("重点工作", Says::Plan),
        ("重點工作", Says::Plan),
        ("目标任务", Says::Plan),
        ("目標任務", Says::Plan),
        ("主要目标", Says::Plan),
        ("主要目標", Says::Plan),
        ("预期目标", Says::Plan),
        ("預期目標", Says::Plan),
        ("发展目标", Says::Plan),
        ("發展目標", Says::Plan),
        ("工作要点", Says::Plan),
        ("工作要點", Says::Plan),
        ("工作计划", Says::Plan),
        ("工作計劃", Says::Plan),
        ("总体要求", Says::Plan),
        ("總體要求", Says::Plan),
        ("主要任务", Says::Plan),
        ("主要任務", Says::Plan),
        ("工作部署", Says::Plan),
        ("工作思路", Says::Plan),
        ("今年", Says::ThisYear),
    ];
    let automaton = super::word_automaton(words.iter().map(|w| w.0));
    (automaton, words.iter().map(|w| w.1).collect())
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&YEAR, &PLAN, &HEADING_WORDS];

/// What the heading words of `text` say.
fn says(text: &str) -> Said {
    let (automaton, classes) = &*HEADING_WORDS;
    Said(automaton.find_overlapping_iter(text).fold(0, |acc, m| acc | 1 << classes[m.pattern().as_usize()] as u8))
}

/// A set of [`Says`], one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Said(u8);

impl Said {
    fn contains(&self, says: &Says) -> bool {
        self.0 & (1 << *says as u8) != 0
    }
}

fn plan_named(text: &str) -> Option<(i32, i32)> {
    if !text.contains('五') {
        return None;
    }
    let caps = PLAN.captures(text)?;
    let n = "一二三四五六七八九".chars().position(|c| caps.get(1).is_some_and(|g| g.as_str().starts_with(c)))?;
    plan_years(11 + n as u32)
}

fn latest_year(text: &str) -> Option<i32> {
    if !text.contains('年') {
        return None;
    }
    YEAR.captures_iter(text).filter_map(|c| c.get(1)?.as_str().parse().ok()).max()
}

/// What a heading's title says.
pub fn of_heading(title: &str) -> Option<Signal> {
    let bare_title = title.trim().trim_start_matches("附：").trim_end_matches(['：', ':']);
    if NOTES_TITLES.contains(&bare_title) {
        return Some(Signal { source: Source::Heading, role: Role::Notes, period: Named::Unsaid, plan: None });
    }
    let said = says(title);
    let year = latest_year(title);
    let plan = plan_named(title);
    let role = if said.contains(&Says::Review) || said.contains(&Says::LastPlan) {
        Role::Review
    } else if said.contains(&Says::Plan) || title.starts_with("今年") {
        Role::Plan
    } else if year.is_some() || plan.is_some() {
        Role::Dated
    } else {
        return None;
    };
    let period = match (year, plan) {
        (Some(y), _) => Named::Year(y),
        (None, Some((a, b))) => Named::Span(a, b),
        (None, None) if said.contains(&Says::LastPlan) => Named::LastPlan,
        (None, None) if said.contains(&Says::ThisYear) => Named::ThisYear,
        (None, None) => Named::Unsaid,
    };
    Some(Signal { source: Source::Heading, role, period, plan: plan.filter(|_| year.is_some()) })
}

/// Words that open a paragraph reporting results, with the period they name.
const REVIEW_OPENINGS: &[(&str, Named)] = &[
    ("五年来", Named::LastPlan),
    ("过去五年", Named::LastPlan),
    ("这五年", Named::LastPlan),
    ("回顾过去五年", Named::LastPlan),
    ("过去一年", Named::LastYear),
    ("一年来", Named::LastYear),
    ("回顾过去一年", Named::LastYear),
    ("今年以来", Named::ThisYear),
    ("据初步统计", Named::Unsaid),
    ("初步统计", Named::Unsaid),
    ("初步核算", Named::Unsaid),
    ("经初步核算", Named::Unsaid),
];

/// Forms of address a speech opens a paragraph with (`各位代表！`), and the dash a report's
/// paragraph of one point opens with (`——这五年，综合实力大幅跃升`).
fn without_lead_in(text: &str) -> &str {
    let t = text.trim_start().trim_start_matches(['—', '―']);
    for a in ["各位代表", "同志们", "各位委员"] {
        if let Some(rest) = t.strip_prefix(a) {
            return rest.trim_start_matches(['！', '!', '：', ':', '，', ',', ' ']);
        }
    }
    t
}

/// How much of a paragraph [`of_opening`] reads: its first sentences, in UTF-8.
pub const OPENING_BYTES: usize = 360;

/// The first three pieces of `text` split at `。` `！` `!`, as `text.split(['。', '！', '!'])
/// .take(3)` gives them. The marks are found by `memchr` on their first bytes (`。` is E3 80
/// 82, `！` EF BC 81), which no Chinese character begins with, where the split decoded
/// every character.
fn first_sentences(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(3);
    let mut start = 0;
    for i in memchr::memchr3_iter(0xE3, 0xEF, b'!', bytes) {
        let len = match bytes[i..] {
            [0xE3, 0x80, 0x82, ..] | [0xEF, 0xBC, 0x81, ..] => 3,
            [b'!', ..] => 1,
            _ => continue,
        };
        out.push(&text[start..i]);
        start = i + len;
        if out.len() == 3 {
            return out;
        }
    }
    out.push(&text[start..]);
    out
}

/// What a body paragraph's opening says: its first three sentences are read, since the
/// year often comes in a framing sentence before the review (`2025年是“十四五”收官之年。一年来，…`).
pub fn of_opening(paragraph: &str) -> Option<Signal> {
    let text = without_lead_in(paragraph);
    // A fragment (`十三五` broken off its sentence) opens nothing.
    if text.chars().count() < 6 {
        return None;
    }
    let sentences: Vec<&str> = first_sentences(text).into_iter().map(str::trim_start).collect();
    let first = sentences.first().copied().unwrap_or("");
    // Every opening starts a sentence with one of these, or is a lead-in with a colon: most
    // paragraphs are ruled out here.
    let may_open = |s: &&str| s.starts_with(|c: char| c.is_ascii_digit() || "过一五这回今初据经“十展刚".contains(c));
    if !sentences.iter().any(may_open) && !first.contains(['：', ':']) {
        return None;
    }
    let year_first = YEAR.captures(first).filter(|c| c.get(0).is_some_and(|m| m.start() == 0));
    let year_first = year_first.and_then(|c| c.get(1)?.as_str().parse::<i32>().ok());
    let reviewing = sentences.iter().find_map(|s| REVIEW_OPENINGS.iter().find(|(w, _)| s.starts_with(w)));
    if let Some(&(_, named)) = reviewing {
        // A year in the framing sentence is the year under review (`一年来`), not a span.
        let period = match (named, year_first.or_else(|| latest_year(first))) {
            (Named::LastPlan, _) => Named::LastPlan,
            (_, Some(y)) => Named::Year(y),
            (n, None) => n,
        };
        return Some(Signal { source: Source::Opening, role: Role::Review, period, plan: None });
    }
    if let Some(y) = year_first {
        let said = says(first);
        let role = if said.contains(&Says::Review) {
            Role::Review
        } else if said.contains(&Says::Plan) {
            Role::Plan
        } else {
            Role::Dated
        };
        return Some(Signal { source: Source::Opening, role, period: Named::Year(y), plan: None });
    }
    if let Some(span) = plan_named(first).filter(|_| first.starts_with(['“', '十']) || first.starts_with("回望")) {
        let role = if first.starts_with("回望") || first.starts_with("回顾") { Role::Review } else { Role::Dated };
        return Some(Signal { source: Source::Opening, role, period: Named::Span(span.0, span.1), plan: None });
    }
    // `回顾2019年，…`, `刚刚过去的2025年，…` / `展望2020年，…`.
    for (word, role) in
        [("回顾", Role::Review), ("刚刚过去的", Role::Review), ("过去的", Role::Review), ("展望", Role::Plan)]
    {
        if let Some(y) = first
            .strip_prefix(word)
            .and_then(|rest| YEAR.captures(rest).filter(|c| c.get(0).is_some_and(|m| m.start() == 0)))
        {
            if let Some(y) = y.get(1).and_then(|g| g.as_str().parse().ok()) {
                return Some(Signal { source: Source::Opening, role, period: Named::Year(y), plan: None });
            }
        }
    }
    if first.starts_with("今年") {
        return Some(Signal { source: Source::Opening, role: Role::Plan, period: Named::ThisYear, plan: None });
    }
    // A lead-in to the targets (`主要预期目标是：`).
    let lead_in = first.split(['：', ':']).next().unwrap_or(first);
    let said = if lead_in.len() < first.len() { says(lead_in) } else { Said::default() };
    if said.contains(&Says::Plan) {
        let period = latest_year(lead_in).map_or(Named::ThisYear, Named::Year);
        return Some(Signal { source: Source::Opening, role: Role::Plan, period, plan: None });
    }
    if said.contains(&Says::Review) {
        let period = latest_year(lead_in).map_or(Named::Unsaid, Named::Year);
        return Some(Signal { source: Source::Opening, role: Role::Review, period, plan: None });
    }
    None
}

/// A line set apart as a heading without a marker (`2025年工作回顾`, `今年主要预期目标`):
/// short, without sentence punctuation, and naming a review or a plan.
pub fn of_bare_heading(line: &str) -> Option<Signal> {
    let t = line.trim();
    let short = (2..=30).contains(&t.chars().count());
    let prose = t.contains(['。', '，', '；', ',', ';', '：', ':']);
    if !short || prose {
        return None;
    }
    of_heading(t).filter(|s| s.role != Role::Dated).map(|s| Signal { source: Source::BareHeading, ..s })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentences_are_the_split() {
        for text in
            ["", "。", "一年来。", "甲。乙！丙!丁。戊", "甲、乙《丙》。！!", "“今年”，工作！", "a!b!c!d", "甲。乙"]
        {
            let split: Vec<&str> = text.split(['。', '！', '!']).take(3).collect();
            assert_eq!(first_sentences(text), split, "{text:?}");
        }
    }

    fn heading(role: Role, period: Named) -> Option<Signal> {
        Some(Signal { source: Source::Heading, role, period, plan: None })
    }

    fn signal(role: Role, period: Named) -> Option<Signal> {
        Some(Signal { source: Source::Opening, role, period, plan: None })
    }

    fn bare(role: Role, period: Named) -> Option<Signal> {
        Some(Signal { source: Source::BareHeading, role, period, plan: None })
    }

    #[test]
    fn headings() {
        assert_eq!(of_heading("2023年工作回顾"), heading(Role::Review, Named::Year(2023)));
        assert_eq!(
            of_heading("2025年及“十四五”时期工作回顾"),
            Some(Signal {
                source: Source::Heading,
                role: Role::Review,
                period: Named::Year(2025),
                plan: Some((2021, 2025))
            })
        );
        assert_eq!(of_heading("“十五五”时期经济社会发展目标任务"), heading(Role::Plan, Named::Span(2026, 2030)));
        assert_eq!(of_heading("2026年重点工作"), heading(Role::Plan, Named::Year(2026)));
        assert_eq!(of_heading("一年接着一年干，新福建建设持续取得新进展"), None);
        assert_eq!(of_heading("过去五年工作回顾"), heading(Role::Review, Named::LastPlan));
        assert_eq!(of_heading("名词解释"), heading(Role::Notes, Named::Unsaid));
        assert_eq!(of_heading("附：名词解释"), heading(Role::Notes, Named::Unsaid));
        assert_eq!(of_bare_heading("名词解释").map(|s| s.role), Some(Role::Notes));
    }

    #[test]
    fn openings() {
        assert_eq!(of_opening("2025年是“十四五”收官之年。一年来，我们坚持…"), signal(Role::Review, Named::Year(2025)));
        assert_eq!(
            of_opening("各位代表！2025年是“十四五”收官之年。五年来，我们…"),
            signal(Role::Review, Named::LastPlan)
        );
        assert_eq!(of_opening("过去一年，面对复杂严峻形势"), signal(Role::Review, Named::LastYear));
        assert_eq!(of_opening("——这五年，综合实力大幅跃升。"), signal(Role::Review, Named::LastPlan));
        assert_eq!(of_opening("初步统计，2025年全省地区生产总值60199.45亿元"), signal(Role::Review, Named::Year(2025)));
        assert_eq!(of_opening("2026年是“十五五”开局之年"), signal(Role::Dated, Named::Year(2026)));
        assert_eq!(
            of_opening("“十五五”时期是基本实现社会主义现代化夯实基础的关键时期"),
            signal(Role::Dated, Named::Span(2026, 2030))
        );
        assert_eq!(of_opening("回望“十三五”，高新区始终坚守初心"), signal(Role::Review, Named::Span(2016, 2020)));
        assert_eq!(
            of_opening("今年经济社会发展的主要预期目标是：地区生产总值增长5%左右"),
            signal(Role::Plan, Named::ThisYear)
        );
        assert_eq!(of_opening("2024年主要指标完成情况："), signal(Role::Review, Named::Year(2024)));
        assert_eq!(of_opening("主要预期目标是：地区生产总值增长7%"), signal(Role::Plan, Named::ThisYear));
        assert_eq!(of_opening("坚持创新驱动，地区生产总值增长7%"), None);
        assert_eq!(of_opening("回顾2019年，面对宏观环境严峻"), signal(Role::Review, Named::Year(2019)));
        assert_eq!(of_opening("展望2020年，全区上下要继续坚持"), signal(Role::Plan, Named::Year(2020)));
        assert_eq!(of_opening("刚刚过去的2025年，全省上下深受鼓舞"), signal(Role::Review, Named::Year(2025)));
    }

    #[test]
    fn bare_headings() {
        assert_eq!(of_bare_heading("2025年工作回顾"), bare(Role::Review, Named::Year(2025)));
        assert_eq!(of_bare_heading("今年主要预期目标"), bare(Role::Plan, Named::ThisYear));
        // A newspaper digest of a report marks its parts with a square (`■ 2024年成绩单`).
        assert_eq!(of_bare_heading("■ 2024年成绩单"), bare(Role::Review, Named::Year(2024)));
        assert_eq!(of_bare_heading("必须坚持党的领导"), None);
        assert_eq!(of_bare_heading("2025年，全市经济运行稳中向好。"), None);
    }
}
