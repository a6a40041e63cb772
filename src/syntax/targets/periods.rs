//! Period words of one sentence: calendar years (`2025年`, `截至2020年底`), deadlines
//! (`到2025年`, `“十四五”末`), spans (`2016—2020年`, `“十三五”时期`), part-years (`1—11月`),
//! relative horizons (`1-2年内`), `今年` and `去年`. Found in one scan, so that each figure's
//! period is a lookup and a long sentence with many figures stays linear.

use std::sync::LazyLock;

use compact_str::CompactString;
use regex::Regex;

use crate::text::Span;

/// The period a sentence states for a figure, before the document's context resolves it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PeriodHint {
    /// A calendar year: `2025年`, `截至2020年底`.
    Year(i32),
    /// A deadline: `到2025年`, `“十四五”末`.
    By(i32),
    /// From one year to another: `2016—2020年`, `“十三五”时期`.
    Span(i32, i32),
    /// `今年`, `全年`, `年内`.
    ThisYear,
    /// `去年`, `上年` (not `比上年`, a comparison).
    LastYear,
    /// `1-2年内`: counted from when the plan is read; kept as written.
    Relative(CompactString),
    Unstated,
}

/// The years of the N-th five-year plan (`十四五` → 2021–2025): from the third plan
/// (1966–1970) on, each plan is five years long.
pub fn plan_years(n: u32) -> Option<(i32, i32)> {
    let n = i32::try_from(n).ok().filter(|n| (3..=40).contains(n))?;
    let start = 1966 + 5 * (n - 3);
    Some((start, start + 4))
}

/// `十四五`, `十三五` …: the plan's number and where its name is written.
/// Words for now before the figure they date (`如今的29家`, `在现有7家的基础上`), found in
/// one pass.
static NOW: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| super::super::word_automaton(["如今的", "目前的", "现在的", "当前的", "现有"]));

static PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("十([一二三四五六七八九])五”?(时期末|期末|末|时期|期间|以来|规划)?").expect("static regex")
});

/// Verbs of change written before the 到 of the level they reach (`增长到`, `提高至`).
const CHANGE_TO: &[&str] =
    &["增长", "提高", "提升", "增加", "上升", "下降", "降低", "减少", "扩大", "缩小", "增", "降", "升", "跃升"];

/// Years, spans of years, part-years and relative horizons, leftmost first.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // 1, 2: a span of years (`2016—2020年`, `2021-2025年`).
        "((?:19|20)[0-9]{2})\\s*[-—–~～－至到]\\s*((?:19|20)[0-9]{2})\\s*年",
        // 3, 4, 5: one year, perhaps a deadline (`到2025年`) or a year's end (`2020年底`).
        "|(到|至|截至|截止到|截止)?((?:19|20)[0-9]{2})\\s*年(底|末|前|以来)?",
        // 6, 7: months so far (`1—11月`, `1-10月份`).
        "|(1)\\s*[-—–~～－至到]\\s*(1?[0-9])\\s*月",
        // 8: a horizon counted from now (`1-2年内`, `3年内`).
        "|([0-9一二三四五]+(?:\\s*[-—–~～－至到]\\s*[0-9一二三四五]+)?\\s*年(?:内|以内))",
    ))
    .expect("static regex")
});

/// Part of a year named otherwise than `1—11月`: up to a month (`截至2020年5月`, `预计至6月`),
/// a half or quarters (`上半年`, `前三季度`, `二季度`). December is the whole year.
static PART_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "(?:截至|截止到|截止|至|到)(?:(?:19|20)[0-9]{2}\\s*年)?\\s*(?:1[01]|[1-9])\\s*月|上半年|前三季度|[一二三]季度",
    )
    .expect("static regex")
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&NOW, &PLAN, &PERIOD, &PART_YEAR];

fn digit_value(c: char) -> Option<u32> {
    "一二三四五六七八九".chars().position(|d| d == c).map(|i| i as u32 + 1)
}

/// A period word written in the sentence and what it says.
#[derive(Debug, Clone, PartialEq)]
struct Mention {
    /// Where the words end: they govern figures after this.
    end: usize,
    hint: PeriodHint,
    /// `2020年的7.2%`: the year qualifies the one figure after it, not the rest.
    attributive: bool,
}

/// Everything one sentence says about periods.
#[derive(Debug, Clone, Default)]
pub struct SentencePeriods {
    mentions: Vec<Mention>,
    /// `1—11月`: the figures are the year so far (a part-year outturn).
    pub months_so_far: bool,
}

/// Words before a period word that make it the base of a comparison (`比2020年增长`), not
/// the period of the figure.
fn compared(before: &str) -> bool {
    before.ends_with(['比', '较', '与', '同']) || before.ends_with("相比")
}

impl SentencePeriods {
    pub fn scan(text: &str, sentence: Span) -> SentencePeriods {
        let whole = &text[sentence.range()];
        let at = sentence.start();
        let mut mentions = Vec::new();
        let mut months_so_far = false;
        let has_year_digits = whole.contains('年');
        for caps in has_year_digits.then(|| super::super::captures_of(&PERIOD, whole)).into_iter().flatten() {
            let Some(m) = caps.get(0) else { continue };
            let before = &whole[..m.start()];
            let year = |i: usize| caps.get(i).and_then(|g| g.as_str().parse::<i32>().ok());
            let attributive = whole[m.end()..].trim_start().starts_with('的');
            let hint = if let (Some(a), Some(b)) = (year(1), year(2)) {
                PeriodHint::Span(a, b)
            } else if let Some(y) = year(4) {
                if compared(before) {
                    continue;
                }
                // `增长到2025年的4.93万亿元`: the 到 of a change verb, and the year of the level
                // reached, not a deadline.
                let changed_to = attributive && CHANGE_TO.iter().any(|v| before.ends_with(v));
                match (caps.get(3).map(|g| g.as_str()), caps.get(5).map(|g| g.as_str())) {
                    (Some("到" | "至"), _) if changed_to => PeriodHint::Year(y),
                    (Some("到" | "至"), _) | (_, Some("前")) => PeriodHint::By(y),
                    (_, Some("以来")) => continue,
                    _ => PeriodHint::Year(y),
                }
            } else if caps.get(6).is_some() {
                months_so_far = true;
                continue;
            } else if let Some(h) = caps.get(8) {
                PeriodHint::Relative(h.as_str().into())
            } else {
                continue;
            };
            mentions.push(Mention { end: at + m.end(), hint, attributive });
        }
        // Months without a year (`1—11月`) need no `年`.
        if !has_year_digits && whole.contains('月') {
            months_so_far = super::super::captures_of(&PERIOD, whole).any(|c| c.get(6).is_some());
        }
        let part_year_words = whole.contains('月') || whole.contains('季') || whole.contains('半');
        months_so_far = months_so_far || (part_year_words && PART_YEAR.is_match(whole));
        if whole.contains("五") {
            for caps in super::super::captures_of(&PLAN, whole) {
                let (Some(m), Some(n)) = (caps.get(0), caps.get(1)) else { continue };
                let Some(number) = n.as_str().chars().next().and_then(digit_value) else { continue };
                let Some((first, last)) = plan_years(10 + number) else { continue };
                let before = whole[..m.start()].trim_end_matches('“');
                let hint = match caps.get(2).map(|g| g.as_str()) {
                    // `较“十二五”末增长` compares with the plan's end: the growth is over the next plan.
                    Some("末" | "期末" | "时期末") if compared(before) => match plan_years(11 + number) {
                        Some((a, b)) => PeriodHint::Span(a, b),
                        None => continue,
                    },
                    // `到“十四五”末` is a deadline; `“十二五”末的48家`, the level at that end.
                    Some("末" | "期末" | "时期末") if before.ends_with(['到', '至']) => PeriodHint::By(last),
                    Some("末" | "期末" | "时期末") => PeriodHint::Year(last),
                    _ if compared(before) => continue,
                    _ => PeriodHint::Span(first, last),
                };
                let attributive = whole[m.end()..].trim_start().starts_with('的');
                mentions.push(Mention { end: at + m.end(), hint, attributive });
            }
            mentions.sort_by_key(|m| m.end);
        }
        // `今年`/`全年` and `去年`/`上年`, in one pass over the `年`s.
        for (i, _) in whole.match_indices('年') {
            let Some(before) = whole[..i].chars().next_back() else { continue };
            let word_start = i - before.len_utf8();
            let hint = match before {
                '今' | '全' | '本' | '当' => PeriodHint::ThisYear,
                '去' | '上' if !compared(&whole[..word_start]) => PeriodHint::LastYear,
                _ => continue,
            };
            mentions.push(Mention { end: at + i + '年'.len_utf8(), hint, attributive: false });
        }
        // `从如今的29家增长到100家`: the level now, of the figure right after it only.
        for m in NOW.find_iter(whole) {
            // `现有` dates only a figure written right after it (not `现有超载区…，森林覆盖率`).
            if !whole[..m.end()].ends_with('的') && !whole[m.end()..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let end = at + whole[..m.end()].strip_suffix('的').map_or(m.end(), str::len);
            mentions.push(Mention { end, hint: PeriodHint::ThisYear, attributive: true });
        }
        if whole.contains("年内") {
            for (i, _) in whole.match_indices("年内") {
                // `1-2年内` is a relative horizon, found above.
                if !whole[..i].ends_with(|c: char| c.is_ascii_digit() || digit_value(c).is_some()) {
                    mentions.push(Mention {
                        end: at + i + "年内".len(),
                        hint: PeriodHint::ThisYear,
                        attributive: false,
                    });
                }
            }
        }
        mentions.sort_by_key(|m| m.end);
        SentencePeriods { mentions, months_so_far }
    }

    /// The period stated for a figure starting at byte `at`; `previous_figure` is where the
    /// figure before it in the sentence starts, if any (an attributive year qualifies only
    /// the first figure after it).
    pub fn at(&self, at: usize, previous_figure: Option<usize>) -> PeriodHint {
        let before = self.mentions.partition_point(|m| m.end <= at);
        self.mentions[..before]
            .iter()
            .rev()
            .find(|m| !(m.attributive && previous_figure.is_some_and(|p| p > m.end)))
            .map_or(PeriodHint::Unstated, |m| m.hint.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(sentence: &str, figure: &str) -> PeriodHint {
        let at = sentence.find(figure).expect("figure in sentence");
        SentencePeriods::scan(sentence, Span::new(0, sentence.len())).at(at, None)
    }

    #[test]
    fn plans_resolve_to_their_years() {
        assert_eq!(plan_years(14), Some((2021, 2025)));
        assert_eq!(plan_years(15), Some((2026, 2030)));
        assert_eq!(plan_years(13), Some((2016, 2020)));
        assert_eq!(hint("力争到“十四五”末，研发经费投入强度达到14%", "14%"), PeriodHint::By(2025));
        assert_eq!(hint("“十五五”时期地区生产总值年均增长5%左右", "5%"), PeriodHint::Span(2026, 2030));
        assert_eq!(hint("回望“十三五”，地区生产总值年均增长11.3%", "11.3%"), PeriodHint::Span(2016, 2020));
        // Growth since the end of the previous plan is growth over the next one.
        assert_eq!(hint("较“十二五”末分别增长14.8%和6.2%", "14.8%"), PeriodHint::Span(2016, 2020));
    }

    #[test]
    fn years_deadlines_and_spans() {
        assert_eq!(hint("2025年全省地区生产总值60199.45亿元", "60199"), PeriodHint::Year(2025));
        assert_eq!(hint("到2022年，力争科技型中小企业超过500家", "500"), PeriodHint::By(2022));
        assert_eq!(hint("截至2020年底，高新技术企业达到300家", "300"), PeriodHint::Year(2020));
        assert_eq!(hint("2016—2020年地区生产总值年均增长8%", "8%"), PeriodHint::Span(2016, 2020));
        assert_eq!(hint("力争在1-2年内总产值突破200亿元", "200"), PeriodHint::Relative("1-2年内".into()));
        // A comparison's year is not the figure's period.
        assert_eq!(hint("比2020年增长20%", "20%"), PeriodHint::Unstated);
        assert_eq!(hint("地区生产总值比上年增长7%", "7%"), PeriodHint::Unstated);
        assert_eq!(hint("去年地区生产总值增长7%", "7%"), PeriodHint::LastYear);
        assert_eq!(hint("争取年内引进50个以上", "50"), PeriodHint::ThisYear);
    }

    #[test]
    fn an_attributive_year_qualifies_one_figure() {
        let s = "占全国比重由2020年的7.2%提升至7.4%";
        let periods = SentencePeriods::scan(s, Span::new(0, s.len()));
        let base = s.find("7.2").expect("base");
        let result = s.find("7.4").expect("result");
        assert_eq!(periods.at(base, None), PeriodHint::Year(2020));
        assert_eq!(periods.at(result, Some(base)), PeriodHint::Unstated);
    }

    #[test]
    fn months_so_far() {
        let s = "今年1-11月,累计新增落地项目超1500个";
        assert!(SentencePeriods::scan(s, Span::new(0, s.len())).months_so_far);
        let s = "1—10月规上工业增加值增长8%";
        assert!(SentencePeriods::scan(s, Span::new(0, s.len())).months_so_far);
        // An unseen zone report: the year so far up to a month, and a forecast to another.
        for s in [
            "截止2020年5月，园区累计完成固定资产投资24.92亿元",
            "预计至6月，可累计完成固定资产投资31.10亿元",
            "上半年，全县规上工业增加值同比下降15.4%",
            "前三季度地区生产总值增长5%",
        ] {
            assert!(SentencePeriods::scan(s, Span::new(0, s.len())).months_so_far, "{s}");
        }
        // December, or a deadline of a whole year, is no part of one.
        for s in ["到12月底，完成固定资产投资60亿元", "到2025年，高新技术企业达到500家"] {
            assert!(!SentencePeriods::scan(s, Span::new(0, s.len())).months_so_far, "{s}");
        }
    }
}
