//! Sections and tasks compared between two drafts. Entries pair by title — the same title
//! anywhere first (a section moved or renumbered keeps its words), then, among the entries
//! left in the same section, the most alike titles (a task reworded stays where it was) —
//! and what has no partner was added or removed. A removed section is one change: the tasks
//! it took with it are not listed again, nor those of an added one. The rows of a task
//! table are tasks like numbered items, under the task the table sits in.

use std::collections::HashMap;

use super::{ChangeKind, Draft, DraftChange, Side, Subject};
use crate::document::Document;
use crate::features::tasks::{table_rows, tasks, Fields};

/// How many new entries under one section are weighed against an old one for a rewording:
/// beyond that (a flat list of thousands) the unpaired count as removed and added, so that
/// comparing two large drafts stays fast.
const MAX_CANDIDATES: usize = 400;

/// How alike two titles must be (Dice coefficient of their character bigrams) to be one
/// task reworded rather than one removed and another added.
const MIN_LIKENESS: f64 = 0.5;

/// A section or task of a draft as compared: a numbered item or a row of a task table.
struct Entry {
    subject: Subject,
    /// 0-based.
    line: usize,
    /// The number path (`二、（一）`, `一、3`).
    number: String,
    /// The number its marker or number cell says (2 for `（二）`, `二是` and `2`).
    ordinal: Option<u32>,
    title: String,
    /// The entry it is nested in, as an index into the draft's entries.
    parent: Option<usize>,
    lead: Vec<String>,
    deadline: Option<String>,
    /// The title without spaces and closing punctuation, to compare.
    key: String,
}

/// The draft's numbered tasks and table rows, in document order.
fn entries(doc: &Document) -> Vec<Entry> {
    let outline = &doc.analysis().outline;
    let ledger = tasks(doc);
    let rows = table_rows(doc, &ledger);
    let mut entries: Vec<Entry> = ledger
        .iter()
        .map(|task| {
            let has_children = outline.sections.get(task.section).is_some_and(|s| s.is_heading())
                && outline.children(task.section).len() > 0;
            Entry {
                subject: if has_children { Subject::Section } else { Subject::Task },
                line: task.line,
                number: task.number.clone(),
                ordinal: task.ordinal,
                title: task.title.clone(),
                parent: task.parent,
                lead: task.lead(),
                deadline: task.deadline(),
                key: key(&task.title),
            }
        })
        .collect();
    // A section whose tasks are the rows of its table is a section.
    for p in rows.iter().filter_map(|r| r.parent) {
        if let Some(e) = entries.get_mut(p) {
            e.subject = Subject::Section;
        }
    }
    entries.extend(rows.into_iter().map(|row| Entry {
        subject: Subject::Task,
        line: row.line,
        lead: row.lead(),
        deadline: row.deadline(),
        key: key(&row.title),
        number: row.number,
        ordinal: row.ordinal,
        title: row.title,
        parent: row.parent,
    }));
    in_document_order(entries)
}

/// `entries` sorted by line (items of one line keep their order), their parents renumbered.
fn in_document_order(entries: Vec<Entry>) -> Vec<Entry> {
    let mut indexed: Vec<(usize, Entry)> = entries.into_iter().enumerate().collect();
    indexed.sort_by_key(|(_, e)| e.line);
    let mut new_index = vec![0; indexed.len()];
    for (to, (from, _)) in indexed.iter().enumerate() {
        new_index[*from] = to;
    }
    indexed
        .into_iter()
        .map(|(_, mut e)| {
            e.parent = e.parent.map(|p| new_index[p]);
            e
        })
        .collect()
}

/// A title without spaces and closing punctuation, to compare.
fn key(title: &str) -> String {
    let key = title.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    key.trim_end_matches(['。', '；', '，', '…']).to_string()
}

fn side(path: &str, e: &Entry) -> Side {
    Side { path: path.to_string(), line: e.line + 1, label: e.number.clone(), text: e.title.clone() }
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
        e.parent.and_then(|p| list.get(p)).map(|p| p.key.as_str())
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
            under.entry(n.parent).or_default().push(j);
        }
    }
    for (i, e) in olds.iter().enumerate() {
        if pair[i].is_some() {
            continue;
        }
        let new_parent = match e.parent {
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
            None if n.parent.is_some_and(|p| paired_new.get(p).copied().flatten().is_none()) => None,
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
        if o.parent.is_some_and(|p| pair.get(p).copied().flatten().is_none()) {
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
    let moved = o.parent.map(|p| pair.get(p).copied().flatten()) != n.parent.map(Some);
    // The number, not its punctuation: `（二）、` corrected to `（二）` is not renumbered.
    if o.ordinal != n.ordinal || moved {
        kinds.push(ChangeKind::Renumbered);
    }
    if o.key != n.key {
        kinds.push(ChangeKind::Reworded);
    }
    let mut details = Vec::new();
    let (old_lead, new_lead) = (&o.lead, &n.lead);
    if old_lead != new_lead {
        kinds.push(ChangeKind::Lead);
        details.push(format!("牵头单位：{} → {}", shown(&old_lead.join("、")), shown(&new_lead.join("、"))));
    }
    let (old_deadline, new_deadline) = (&o.deadline, &n.deadline);
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
