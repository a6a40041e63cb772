//! Titles as the outline and the task ledger show them: cut to a length that fits
//! a side panel or a table cell.

/// Longest title shown in an outline; longer run-in titles are cut with `…`.
pub(crate) const MAX_TITLE_CHARS: usize = 60;

/// `text`, cut after [`MAX_TITLE_CHARS`] characters with `…`.
pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_TITLE_CHARS {
        return text.to_string();
    }
    let mut s: String = text.chars().take(MAX_TITLE_CHARS).collect();
    s.push('…');
    s
}
