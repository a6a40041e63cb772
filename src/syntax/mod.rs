//! Paragraph-level syntax: numerals, structure markers, inline enumerations, count phrases,
//! and the parse of one block. Everything here looks at one line at a time.

pub mod attachments;
pub mod block;
pub mod citations;
pub mod counts;
pub mod datelines;
pub mod deadlines;
pub mod enumerations;
pub mod indicators;
pub mod issuer;
pub mod lists;
pub mod markers;
pub mod moved;
pub mod numerals;
pub mod orgs;
pub mod outline;
pub mod parts;
pub mod quantities;
pub mod targets;
pub mod task_fields;
pub mod task_table;
pub mod weekdays;

pub use block::{parse_block, BlockSyntax, DocumentKind};
pub use outline::{Outline, Section, SectionKind};
pub use targets::plan_years;

/// A value built on first use (a regex, an automaton, a table), that
/// [`crate::analysis::prepare`] can build ahead.
pub(crate) trait Prepare: Sync {
    fn force(&self);
}

impl<T: Send + Sync> Prepare for std::sync::LazyLock<T> {
    fn force(&self) {
        std::sync::LazyLock::force(self);
    }
}

/// What the line parse builds on first use, on any line of prose. What only lines of a
/// rarer kind use (attachments, citations, task fields, weekdays) is left to its first use.
pub(crate) fn prepared() -> impl Iterator<Item = &'static dyn Prepare> {
    let modules = [block::PREPARED, parts::PREPARED, counts::PREPARED, quantities::PREPARED, deadlines::PREPARED];
    modules.into_iter().flatten().copied().chain(targets::prepared())
}

/// An Aho-Corasick automaton over a few short words, as a DFA: these run over every figure's
/// words and every heading, where the default automaton's per-search cost dominates.
pub fn word_automaton<I, P>(words: I) -> aho_corasick::AhoCorasick
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    word_automaton_builder().build(words).expect("static patterns")
}

/// How [`word_automaton`] builds, for a set of words that needs another match kind.
pub(crate) fn word_automaton_builder() -> aho_corasick::AhoCorasickBuilder {
    let mut builder = aho_corasick::AhoCorasick::builder();
    builder
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        // Without a prefilter: these words mostly start with the same byte as most Chinese
        // characters (`E5`), so a prefilter stops at every other character.
        .prefilter(false);
    builder
}

/// Where `needle` first occurs in `hay`, as `str::find` says, but faster on Chinese text:
/// `str::find` prepares its search anew each call (a Two-Way factorisation of the needle,
/// longer than the search on the short phrases the readers look for) and looks for the
/// needle's last byte, which most Chinese characters share; `memmem::find` searches a short
/// needle directly, by its rarest bytes.
pub(crate) fn find(hay: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
}

/// Two ascending runs of positions (of different bytes, so never equal) as one ascending
/// run: `memchr` looks for at most three bytes at a time.
pub(crate) fn merged(a: impl Iterator<Item = usize>, b: impl Iterator<Item = usize>) -> impl Iterator<Item = usize> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x < y => a.next(),
        (Some(_), None) => a.next(),
        _ => b.next(),
    })
}

/// The captures of each match of `re` in `hay`, as `Regex::captures_iter` gives them, but
/// searched for only where a match was found. `captures_iter` allocates the slots for its
/// captures before it searches, once per line, and most lines have none of the rarer
/// patterns.
pub fn captures_of<'h>(re: &'static regex::Regex, hay: &'h str) -> impl Iterator<Item = regex::Captures<'h>> + 'h {
    // The leftmost match from a match's start is that match: same spans, same order.
    re.find_iter(hay).filter_map(move |m| re.captures_at(hay, m.start()))
}

/// The last `n` characters of `s` (all of it if shorter): how far back a look-behind reads,
/// so that many matches on one long line stay linear.
pub(crate) fn last_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &s[start..]
}

/// The first `n` characters of `s` (all of it if shorter).
pub(crate) fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// How many characters a look-behind reads: a title, a clause, a web address.
pub(crate) const LOOK_BACK: usize = 80;

/// Whether byte `at` of `line` is inside a cited title (`《…》`), which is quoted as issued.
pub(crate) fn in_title(line: &str, at: usize) -> bool {
    let before = last_chars(&line[..at], LOOK_BACK);
    before.rfind('《').is_some_and(|open| !before[open..].contains('》'))
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use proptest::prelude::*;

    static COUNT: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new("(等)?([一二三]+)(?:个|大)|(“)([0-9]+)”").expect("static regex"));

    fn groups(caps: regex::Captures<'_>) -> Vec<Option<(usize, usize)>> {
        caps.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()
    }

    proptest! {
        /// The same matches with the same groups as `captures_iter`.
        #[test]
        fn captures_of_is_captures_iter(hay in "[等一二三个大“”0-9、a]{0,30}") {
            let expected: Vec<_> = COUNT.captures_iter(&hay).map(groups).collect();
            prop_assert_eq!(super::captures_of(&COUNT, &hay).map(groups).collect::<Vec<_>>(), expected);
        }

        /// The positions of two bytes, found apart, merged: where either is, in order, as a
        /// search for both finds them.
        #[test]
        fn merged_is_the_search_for_both(hay in proptest::collection::vec(prop_oneof![Just(b','), Just(0xE3u8), Just(b'a')], 0..40)) {
            let expected: Vec<usize> = memchr::memchr2_iter(b',', 0xE3, &hay).collect();
            let merged = super::merged(memchr::memchr_iter(b',', &hay), memchr::memchr_iter(0xE3, &hay));
            prop_assert_eq!(merged.collect::<Vec<_>>(), expected);
        }
    }
}
