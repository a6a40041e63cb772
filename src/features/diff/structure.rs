//! Sections and tasks compared between two drafts. Entries pair by title — the same title
//! anywhere first (a section moved or renumbered keeps its words), then, among the entries
//! left in the same section, the most alike titles (a task reworded stays where it was) —
//! and what has no partner was added or removed. A removed section is one change: the tasks
//! it took with it are not listed again, nor those of an added one.

use std::collections::HashMap;

use super::{ChangeKind, Draft, DraftChange, Side, Subject};
use crate::document::Document;
use crate::features::tasks::{tasks, Task};

/// How many new entries under one section are weighed against an old one for a rewording:
/// beyond that (a flat list of thousands) the unpaired count as removed and added, so that
/// comparing two large drafts stays fast.
const MAX_CANDIDATES: usize = 400;

/// How alike two titles must be (Dice coefficient of their character bigrams) to be one
/// task reworded rather than one removed and another added.
const MIN_LIKENESS: f64 = 0.5;

struct Entry {
    task: Task,
    subject: Subject,
    /// The title without spaces and closing punctuation, to compare.
    key: String,
}

fn entries(doc: &Document) -> Vec<Entry> {
    let outline = &doc.analysis().outline;
    tasks(doc)
        .into_iter()
        .map(|task| {
            let has_children = outline.sections.get(task.section).is_some_and(|s| s.is_heading())
                && outline.children(task.section).len() > 0;
            let key = task.title.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            let key = key.trim_end_matches(['。', '；', '，', '…']).to_string();
            Entry { subject: if has_children { Subject::Section } else { Subject::Task }, key, task }
        })
        .collect()
}

fn side(path: &str, e: &Entry) -> Side {
    Side { path: path.to_string(), line: e.task.line + 1, label: e.task.number.clone(), text: e.task.title.clone() }
}

/// Pairs of old and new entries: `pair[i]` is the new partner of old entry `i`.
fn pair(olds: &[Entry], news: &[Entry]) -> Vec<Option<usize>> {
    let mut pair: Vec<Option<usize>> = vec![None; olds.len()];
    let mut taken = vec![false; news.len()];
    // The same title: one with the same parent title among the next few free ones, else the
    // first free one. Each title's list is walked from its first free entry, so that a title
    // repeated thousands of times (`一是加强。`) costs no more than one said once.
    let mut by_key: HashMap<&str, (usize, Vec<usize>)> = HashMap::new();
    for (j, e) in news.iter().enumerate() {
        by_key.entry(e.key.as_str()).or_default().1.push(j);
    }
    fn parent_key<'a>(list: &'a [Entry], e: &Entry) -> Option<&'a str> {
        e.task.parent.and_then(|p| list.get(p)).map(|p| p.key.as_str())
    }
    for (i, e) in olds.iter().enumerate() {
        let Some((first_free, candidates)) = by_key.get_mut(e.key.as_str()) else { continue };
        while candidates.get(*first_free).is_some_and(|&j| taken[j]) {
            *first_free += 1;
        }
        let free = || candidates[*first_free..].iter().copied().filter(|&j| !taken[j]);
        let same_parent = free().take(MAX_CANDIDATES).find(|&j| parent_key(news, &news[j]) == parent_key(olds, e));
        let chosen = same_parent.or_else(|| free().next());
        if let Some(j) = chosen {
            pair[i] = Some(j);
            taken[j] = true;
        }
    }
    // Reworded: the most alike free entry under the partner of the old entry's parent.
    let mut under: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for (j, n) in news.iter().enumerate() {
        if !taken[j] {
            under.entry(n.task.parent).or_default().push(j);
        }
    }
    for (i, e) in olds.iter().enumerate() {
        if pair[i].is_some() {
            continue;
        }
        let new_parent = match e.task.parent {
            Some(p) => match pair.get(p).copied().flatten() {
                Some(np) => Some(np),
                None => continue,
            },
            None => None,
        };
        let Some(candidates) = under.get(&new_parent).filter(|c| c.len() <= MAX_CANDIDATES) else { continue };
        let best = candidates
            .iter()
            .map(|&j| (j, &news[j]))
            .filter(|&(j, n)| !taken[j] && n.subject == e.subject)
            .map(|(j, n)| (j, likeness(&e.key, &n.key)))
            .filter(|&(_, l)| l >= MIN_LIKENESS)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, _)) = best {
            pair[i] = Some(j);
            taken[j] = true;
        }
    }
    pair
}

/// The Dice coefficient of the character bigrams of two titles, 0 to 1.
fn likeness(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut v: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        v.sort_unstable();
        v
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

pub(super) fn compare(old: &Draft, new: &Draft) -> Vec<DraftChange> {
    let olds = entries(old.doc);
    let news = entries(new.doc);
    let pair = pair(&olds, &news);
    let mut paired_new: Vec<Option<usize>> = vec![None; news.len()];
    for (i, p) in pair.iter().enumerate() {
        if let Some(j) = *p {
            paired_new[j] = Some(i);
        }
    }
    // Each change with where it goes in the output: (new index, 0) for what the new draft
    // has; a removed entry after the new partner of the last paired entry before it.
    let mut placed: Vec<((usize, usize, usize), DraftChange)> = Vec::new();
    for (j, n) in news.iter().enumerate() {
        let change = match paired_new[j] {
            Some(i) => changed(old.path, &olds[i], new.path, n, &pair),
            // Its parent added too: the parent's row says it all.
            None if n.task.parent.is_some_and(|p| paired_new.get(p).copied().flatten().is_none()) => None,
            None => Some(DraftChange {
                subject: n.subject,
                changes: vec![ChangeKind::Added],
                old: None,
                new: Some(side(new.path, n)),
                detail: None,
            }),
        };
        placed.extend(change.map(|c| ((j, 0, 0), c)));
    }
    let mut anchor = 0;
    for (i, o) in olds.iter().enumerate() {
        if let Some(j) = pair[i] {
            anchor = j;
            continue;
        }
        if o.task.parent.is_some_and(|p| pair.get(p).copied().flatten().is_none()) {
            continue;
        }
        let change = DraftChange {
            subject: o.subject,
            changes: vec![ChangeKind::Removed],
            old: Some(side(old.path, o)),
            new: None,
            detail: None,
        };
        placed.push(((anchor, 1, i), change));
    }
    placed.sort_by_key(|(at, _)| *at);
    placed.into_iter().map(|(_, c)| c).collect()
}

/// The change between two paired entries, if any.
fn changed(old_path: &str, o: &Entry, new_path: &str, n: &Entry, pair: &[Option<usize>]) -> Option<DraftChange> {
    let mut kinds = Vec::new();
    let moved = o.task.parent.map(|p| pair.get(p).copied().flatten()) != n.task.parent.map(Some);
    // The number, not its punctuation: `（二）、` corrected to `（二）` is not renumbered.
    if o.task.ordinal != n.task.ordinal || moved {
        kinds.push(ChangeKind::Renumbered);
    }
    if o.key != n.key {
        kinds.push(ChangeKind::Reworded);
    }
    let mut details = Vec::new();
    let (old_lead, new_lead) = (o.task.lead(), n.task.lead());
    if old_lead != new_lead {
        kinds.push(ChangeKind::Lead);
        details.push(format!("牵头单位：{} → {}", shown(&old_lead.join("、")), shown(&new_lead.join("、"))));
    }
    let (old_deadline, new_deadline) = (o.task.deadline(), n.task.deadline());
    if old_deadline != new_deadline {
        kinds.push(ChangeKind::Deadline);
        details.push(format!(
            "完成时限：{} → {}",
            shown(old_deadline.as_deref().unwrap_or_default()),
            shown(new_deadline.as_deref().unwrap_or_default())
        ));
    }
    (!kinds.is_empty()).then(|| DraftChange {
        subject: n.subject,
        changes: kinds,
        old: Some(side(old_path, o)),
        new: Some(side(new_path, n)),
        detail: (!details.is_empty()).then(|| details.join("；")),
    })
}

/// A field's value for people, `（无）` when there is none.
fn shown(value: &str) -> &str {
    if value.is_empty() {
        "（无）"
    } else {
        value
    }
}
