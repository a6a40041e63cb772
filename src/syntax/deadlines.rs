//! Deadlines a paragraph sets (`于2025年11月底前完成`, `2025年底前`, `到2025年6月30日前`):
//! the year by which something is to be done. A deadline already met (`已于2025年底前完成`)
//! is a report, not a deadline, and one inside a cited title is the title's.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::Span;

/// A year, perhaps a month and a day or a part of the year, then `前` (`之前`).
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("((?:19|20)[0-9]{2})年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?(?:底|末|年底|年末|上半年|中旬|上旬|下旬)?之?前")
        .expect("static regex")
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&DEADLINE];

/// The year of a deadline at `span` (the whole `2025年11月底前`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub year: i32,
    pub span: Span,
}

pub fn parse_deadlines(line: &str) -> Vec<Deadline> {
    if !line.contains('前') {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in super::captures_of(&DEADLINE, line) {
        let (Some(whole), Some(year)) = (c.get(0), c.get(1)) else { continue };
        let clause = clause_before(line, whole.start());
        // `已于…前完成`, `比2019年前`: done, or a comparison; `《…》`: a title.
        if clause.contains('已')
            || clause.ends_with('比')
            || clause.ends_with("早于")
            || super::in_title(line, whole.start())
        {
            continue;
        }
        // `2025年前` in `2025年前三季度` is a span of that year, not a deadline.
        if line[whole.end()..].starts_with(['三', '两', '二', '一', '几', '半']) {
            continue;
        }
        if let Ok(year) = year.as_str().parse() {
            out.push(Deadline { year, span: Span::new(whole.start(), whole.end()) });
        }
    }
    out
}

/// The text of the clause before `at`.
fn clause_before(line: &str, at: usize) -> &str {
    let before = super::last_chars(&line[..at], super::LOOK_BACK);
    before.rsplit(['，', '。', '；', '：', '！', '？']).next().unwrap_or_default()
}
