//! Tier words and how far they reach: 确保 (a floor), 力争 (an aspiration), 争取 (an
//! aspiration in a plan, a result secured in a review), 预计 (an estimate).
//!
//! A tier word written before a list governs every figure after it up to the end of the
//! sentence (`。`), across `，` and `；`: `力争全年完成交通投资2300亿元、能源投资2100亿元`.
//! Three shapes reach less far:
//! - written after a name, right before its figure (`固定资产投资增速确保高于15%`), it
//!   governs the figures of its own clause only; after an actor and before a list
//!   (`高新区将力争到“十四五”末，研发经费投入强度达到14%，…`) it is the head of the list;
//! - with an object of its own and no figure (`在实际工作中努力争取更好结果`), it governs
//!   nothing;
//! - 预计 repeated within a sentence marks its estimates one by one: each governs its own
//!   clause.

use crate::text::{holding, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// 确保
    Guarantee,
    /// 力争
    Aspiration,
    /// 争取: an aspiration in a plan; in a review, something secured (`争取中央预算内投资150亿元`).
    Seek,
    /// 预计
    Forecast,
}

const WORDS: &[(&str, Cue)] =
    &[("确保", Cue::Guarantee), ("力争", Cue::Aspiration), ("争取", Cue::Seek), ("预计", Cue::Forecast)];

#[derive(Debug, Clone, Copy)]
struct Reach {
    start: usize,
    end: usize,
    cue: Cue,
}

/// The tier words of one sentence with their reach.
#[derive(Debug, Clone, Default)]
pub struct SentenceCues {
    reaches: Vec<Reach>,
}

/// Words that may stand between a clause's start and its tier word without naming anything
/// (`到2022年，力争…`, `全年确保…`, `同时，力争…`).
fn only_framing(before: &str) -> bool {
    let mut rest = before.trim();
    loop {
        let stripped = super::names::strip_framing_prefix(rest);
        if stripped.len() == rest.len() {
            return rest.is_empty();
        }
        rest = stripped.trim();
    }
}

impl SentenceCues {
    /// `clauses`: the sentence's clauses in order; `has_figure`: whether a span of text holds a
    /// figure.
    pub fn scan(text: &str, sentence: Span, clauses: &[Span], has_figure: impl Fn(Span) -> bool) -> SentenceCues {
        let whole = &text[sentence.range()];
        if !WORDS.iter().any(|(w, _)| whole.contains(w)) {
            return SentenceCues::default();
        }
        let mut found: Vec<(usize, usize, Cue)> = Vec::new();
        for (word, cue) in WORDS {
            for (i, _) in whole.match_indices(word) {
                let start = sentence.start() + i;
                // `力争取得` is 力争 + 取得, not 争取.
                if *cue == Cue::Seek && whole[..i].ends_with('力') {
                    continue;
                }
                found.push((start, start + word.len(), *cue));
            }
        }
        found.sort_by_key(|f| f.0);
        let forecasts = found.iter().filter(|f| f.2 == Cue::Forecast).count();
        let reaches = found
            .into_iter()
            .map(|(start, end, cue)| {
                // A tier word is no break: the clause holding its start is its own.
                let clause = holding(clauses, start).unwrap_or(sentence);
                let after = Span::new(end, clause.end().max(end));
                let named_before = !only_framing(&text[clause.start()..start]);
                let figure_after = has_figure(after);
                let object_without_figure = !figure_after && !only_framing(&text[after.range()]);
                // Only a figure in the cue's own clause makes the words before it a name
                // the cue qualifies; with none, they are the actor and the cue heads a list.
                let qualifies_its_clause = named_before && figure_after;
                let reach_end = if object_without_figure {
                    end
                } else if qualifies_its_clause || (cue == Cue::Forecast && forecasts > 1) {
                    clause.end()
                } else {
                    sentence.end()
                };
                Reach { start, end: reach_end, cue }
            })
            .collect();
        SentenceCues { reaches }
    }

    /// The tier word governing a figure at byte `at`: the latest one before it that reaches it.
    /// The reaches are in order of their start: those before `at` are found by halving, not
    /// by trying every tier word of the sentence on every figure.
    pub fn at(&self, at: usize) -> Option<Cue> {
        let before = &self.reaches[..self.reaches.partition_point(|r| r.start < at)];
        before.iter().rev().find(|r| at < r.end).map(|r| r.cue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(sentence: &str) -> Vec<(String, Option<Cue>)> {
        let whole = Span::new(0, sentence.len());
        let mut clauses = Vec::new();
        let mut start = 0;
        for (i, c) in sentence.char_indices() {
            if matches!(c, '，' | '；' | ',' | ';' | '：') {
                clauses.push(Span::new(start, i));
                start = i + c.len_utf8();
            }
        }
        clauses.push(Span::new(start, sentence.len()));
        let digits = |s: Span| sentence[s.range()].contains(|c: char| c.is_ascii_digit());
        let c = SentenceCues::scan(sentence, whole, &clauses, digits);
        let figures = regex::Regex::new("[0-9.]+").expect("regex");
        figures.find_iter(sentence).map(|m| (m.as_str().to_string(), c.at(m.start()))).collect()
    }

    #[test]
    fn a_tier_word_before_a_list_reaches_the_sentence_end() {
        let got = cues("力争新交付产业载体空间200万平方米以上,新增企业总数2000家以上；新增产业人才2万名以上");
        assert!(got.iter().all(|(_, c)| *c == Some(Cue::Aspiration)), "{got:?}");
        let got = cues("到2022年，确保雏鹰企业超过50家、瞪羚企业超过30家");
        assert_eq!(got.iter().filter(|(_, c)| *c == Some(Cue::Guarantee)).count(), 2, "{got:?}");
    }

    #[test]
    fn a_tier_word_after_an_actor_heads_the_list() {
        let got = cues("高新区将力争到“十四五”末,研发经费投入强度达到14%,国家高新技术企业总数超过1850家");
        assert!(got.iter().all(|(_, c)| *c == Some(Cue::Aspiration)), "{got:?}");
    }

    #[test]
    fn a_tier_word_after_a_name_reaches_its_clause() {
        let got = cues("工业增加值增速力争达到10%以上,固定资产投资增速确保高于15%、力争达到18%,实际利用外资33亿元");
        let cue_of = |v: &str| got.iter().find(|(f, _)| f == v).and_then(|(_, c)| *c);
        assert_eq!(cue_of("10"), Some(Cue::Aspiration));
        assert_eq!(cue_of("15"), Some(Cue::Guarantee));
        assert_eq!(cue_of("18"), Some(Cue::Aspiration));
        assert_eq!(cue_of("33"), None);
    }

    #[test]
    fn a_tier_word_with_its_own_object_governs_nothing() {
        let got = cues("地区生产总值增长5%以上，在实际工作中努力争取更好结果；一般公共预算收入增长2%");
        assert!(got.iter().all(|(_, c)| c.is_none()), "{got:?}");
        // 力争取得 is not 争取.
        let got = cues("力争取得新突破，规上工业增加值增长8%");
        assert!(got.iter().all(|(_, c)| c.is_none()), "{got:?}");
    }

    #[test]
    fn repeated_forecasts_mark_their_own_clauses() {
        let got = cues("数字经济增加值预计达3.4万亿元，清洁能源装机比重达66.1%；文旅经济增加值预计达6500亿元");
        let cue_of = |v: &str| got.iter().find(|(f, _)| f == v).and_then(|(_, c)| *c);
        assert_eq!(cue_of("3.4"), Some(Cue::Forecast));
        assert_eq!(cue_of("66.1"), None);
        assert_eq!(cue_of("6500"), Some(Cue::Forecast));
    }
}
