//! An identity for each line of an open document, kept beside it so that the cache of its
//! published diagnostics ([`super::publish`]) knows when the text a cached position depends
//! on may have changed. The open document renews them as edits replace lines.

/// An identity per line that changes whenever the line's text may have changed, and stays
/// with the line when lines above it are inserted or removed.
pub(super) struct LineIds {
    ids: Vec<u64>,
    next: u64,
}

impl LineIds {
    pub fn new(lines: usize) -> LineIds {
        let mut ids = LineIds { ids: Vec::new(), next: 0 };
        ids.renew_all(lines);
        ids
    }

    /// The identity of `line`; one shared value for lines past the end (whose positions
    /// clamp to the same place whatever the text).
    pub fn get(&self, line: usize) -> u64 {
        self.ids.get(line).copied().unwrap_or(u64::MAX)
    }

    /// How many lines have an identity.
    pub fn line_count(&self) -> usize {
        self.ids.len()
    }

    /// Every identity given so far is below this one.
    pub fn watermark(&self) -> u64 {
        self.next
    }

    fn fresh(&mut self, count: usize) -> std::ops::Range<u64> {
        let start = self.next;
        self.next += count as u64;
        start..self.next
    }

    fn renew_all(&mut self, lines: usize) {
        let fresh = self.fresh(lines);
        self.ids = fresh.collect();
    }

    /// Lines `first..=last` were replaced by `count` new lines.
    pub fn replace(&mut self, first: usize, last: usize, count: usize) {
        let fresh = self.fresh(count);
        self.ids.splice(first..=last, fresh);
    }
}
