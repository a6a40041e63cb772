//! The area a figure is of, where its clause names one before the figure's name:
//! `全市地区生产总值达到3000亿元` in a zone's report is the city's output, not the zone's.
//! A draft speaks of its own area (`全区`, `我区`) and of the areas around it (`全市`,
//! `全省`, `全国`); the name of the indicator is the same for all of them.

use super::super::word_automaton;
use super::statement::Statement;
use crate::text::Span;
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
pub(super) fn mark(text: &str, clauses: &[Span], statements: &mut [Statement]) {
    for s in statements {
        let Some(name) = s.name else { continue };
        let Some(clause) = clauses.iter().find(|c| c.start() <= name.start() && name.start() < c.end()) else {
            continue;
        };
        let before = &text[clause.start()..name.start()];
        let last = AREAS.find_iter(before).last();
        s.area = last.and_then(|m| before[m.range()].chars().nth(1));
    }
}
