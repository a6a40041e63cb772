//! Targets compared between two drafts: the statements of one indicator, kind and period
//! (a single year counted from the draft's plan year, so that last year's plan compares with
//! this year's: its 2025 targets with these 2026 ones) are paired — the same tier and value first (unchanged), then the same value in another
//! tier (确保 became 力争), then the same tier with another value, then whatever is left in
//! order; what has no partner was added or dropped.

use std::collections::BTreeMap;

use super::{ChangeKind, Draft, DraftChange, Side, Subject};
use crate::features::targets_table::{rows, TargetRow};

type Key = (String, &'static str, String);

/// Whether an old and a new statement may pair in one pass.
type Pairs = fn(&TargetRow, &TargetRow) -> bool;

fn key(r: &TargetRow, plan_year: Option<i32>) -> Key {
    let period = r.period.clone().unwrap_or_default();
    let relative = match (period.parse::<i32>(), plan_year) {
        (Ok(year), Some(plan)) => format!("{:+}", year - plan),
        _ => period,
    };
    (r.indicator.clone(), r.kind.label(), relative)
}

/// The year a draft plans for, if it says.
fn plan_year(doc: &crate::document::Document) -> Option<i32> {
    crate::analysis::context::plan_year(doc.blocks(), &doc.analysis().outline)
}

fn side(r: &TargetRow) -> Side {
    let period = r.period.as_deref().map(|p| format!("，{p}")).unwrap_or_default();
    Side {
        path: r.path.clone(),
        line: r.line,
        label: format!("{}（{}{period}）", r.indicator, r.kind.label()),
        text: format!("{}{}", r.modality.label(), r.written),
    }
}

/// Values equal to within rounding of the written figures.
fn same_value(a: &TargetRow, b: &TargetRow) -> bool {
    a.base_unit == b.base_unit && (a.base_value - b.base_value).abs() <= 1e-9 * a.base_value.abs().max(1.0)
}

pub(super) fn compare(old: &Draft, new: &Draft) -> Vec<DraftChange> {
    let mut groups: BTreeMap<Key, (Vec<TargetRow>, Vec<TargetRow>)> = BTreeMap::new();
    let (old_year, new_year) = (plan_year(old.doc), plan_year(new.doc));
    for r in rows(old.path, old.doc) {
        groups.entry(key(&r, old_year)).or_default().0.push(r);
    }
    for r in rows(new.path, new.doc) {
        groups.entry(key(&r, new_year)).or_default().1.push(r);
    }
    let mut changes = Vec::new();
    for (olds, news) in groups.values() {
        changes.extend(compare_group(olds, news));
    }
    // In the order of the new draft, changed before added on one line; dropped targets last,
    // by their line in the old one.
    changes.sort_by_key(|c| {
        (c.new.as_ref().map_or(usize::MAX, |s| s.line), c.old.as_ref().map_or(usize::MAX, |s| s.line))
    });
    changes
}

fn compare_group(olds: &[TargetRow], news: &[TargetRow]) -> Vec<DraftChange> {
    let mut old_free = vec![true; olds.len()];
    let mut new_free = vec![true; news.len()];
    let mut changes = Vec::new();
    let passes: [Pairs; 4] =
        [|a, b| a.modality == b.modality && same_value(a, b), same_value, |a, b| a.modality == b.modality, |_, _| true];
    for pairs in passes {
        for (i, a) in olds.iter().enumerate() {
            if !old_free[i] {
                continue;
            }
            let Some(j) = (0..news.len()).find(|&j| new_free[j] && pairs(a, &news[j])) else { continue };
            old_free[i] = false;
            new_free[j] = false;
            let b = &news[j];
            let mut kinds = Vec::new();
            if !same_value(a, b) || a.written != b.written {
                kinds.push(ChangeKind::Value);
            }
            if a.modality != b.modality {
                kinds.push(ChangeKind::Tier);
            }
            if !kinds.is_empty() {
                let detail =
                    (a.modality != b.modality).then(|| format!("{} → {}", a.modality.label(), b.modality.label()));
                changes.push(DraftChange {
                    subject: Subject::Target,
                    changes: kinds,
                    old: Some(side(a)),
                    new: Some(side(b)),
                    detail,
                });
            }
        }
    }
    let alone = |r: &TargetRow, kind: ChangeKind| DraftChange {
        subject: Subject::Target,
        changes: vec![kind],
        old: (kind == ChangeKind::Removed).then(|| side(r)),
        new: (kind == ChangeKind::Added).then(|| side(r)),
        detail: None,
    };
    changes.extend(olds.iter().zip(&old_free).filter(|(_, &f)| f).map(|(r, _)| alone(r, ChangeKind::Removed)));
    changes.extend(news.iter().zip(&new_free).filter(|(_, &f)| f).map(|(r, _)| alone(r, ChangeKind::Added)));
    changes
}
