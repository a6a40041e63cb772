//! The area a figure is of, where its clause names one before the figure's name:
//! `全市地区生产总值达到3000亿元` in a zone's report is the city's output, not the zone's.
//! A draft speaks of its own area (`全区`, `我区`) and of the areas around it (`全市`,
//! `全省`, `全国`); the name of the indicator is the same for all of them.

use super::super::word_automaton;
use super::statement::Statement;
use crate::text::{holding, Span};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Words naming the area governed, by its level (the character after `全`/`我`/`本`).
const AREA_WORDS: &[&str] = &[
    "全国", "全省", "全市", "全区", "全县", "全州", "全盟", "我国", "我省", "我市", "我区", "我县", "本省", "本市",
    "本区", "本县",
];

static AREAS: LazyLock<AhoCorasick> = LazyLock::new(|| word_automaton(AREA_WORDS));

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&AREAS];

/// Sets each statement's area: the level of the last area word between the start of the
/// clause its name is in and the name.
///
/// The area words of the sentence are found once, and each statement's clause and last word
/// before its name are looked up by position: searched from the clause's start for every
/// statement, a clause of many figures took time quadratic in its length (a 256 KB line
/// without a break took seconds).
pub(super) fn mark(text: &str, clauses: &[Span], statements: &mut [Statement]) {
    let (Some(first), Some(last)) = (clauses.first(), clauses.last()) else { return };
    let from = first.start();
    let words: Vec<Span> =
        AREAS.find_iter(&text[from..last.end()]).map(|m| Span::new(from + m.start(), from + m.end())).collect();
    for s in statements {
        let Some(name) = s.name else { continue };
        let Some(clause) = holding(clauses, name.start()) else { continue };
        let before = &words[..words.partition_point(|w| w.end() <= name.start())];
        let word = before.last().filter(|w| w.start() >= clause.start());
        s.area = word.and_then(|w| text[w.range()].chars().nth(1));
    }
}
