//! Comparing two drafts of a plan (征求意见稿 → 送审稿, or last year's plan → this year's):
//! which sections and tasks were added, removed, renumbered or reworded, whose lead or
//! deadline changed, and which targets were added, dropped, changed in value or moved
//! between 确保 and 力争 — each with its line in both drafts.

mod structure;
mod targets;

use serde::Serialize;

use crate::document::Document;

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    /// A numbered heading with tasks under it: numbered items or the rows of a task table.
    Section,
    /// A numbered heading without sub-items, a run-in item (一是…), or a row of a task table.
    Task,
    /// An indicator statement of the target table.
    Target,
}

impl Subject {
    pub fn label(self) -> &'static str {
        match self {
            Subject::Section => "章节",
            Subject::Task => "任务",
            Subject::Target => "指标",
        }
    }
}

/// How it changed. A matched section or task can change in several ways at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Added,
    Removed,
    /// Its number path is another: its own marker, or the section it sits in.
    Renumbered,
    /// Its title reads differently.
    Reworded,
    /// Its 牵头单位 changed.
    Lead,
    /// Its 完成时限 changed.
    Deadline,
    /// A target's value changed.
    Value,
    /// A target moved between 确保, 力争 and a plain target.
    Tier,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "新增",
            ChangeKind::Removed => "删除",
            ChangeKind::Renumbered => "序号变化",
            ChangeKind::Reworded => "表述修改",
            ChangeKind::Lead => "牵头单位调整",
            ChangeKind::Deadline => "完成时限调整",
            ChangeKind::Value => "数值变化",
            ChangeKind::Tier => "口径变化",
        }
    }
}

/// One side of a change: where the thing is in one draft and how it reads there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// The number path of a section or task (`二、（一）`); the indicator, its kind and its
    /// period for a target (`固定资产投资（增速，2026）`).
    pub label: String,
    /// The title of a section or task; the tier and value of a target (`确保10%`).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftChange {
    pub subject: Subject,
    pub changes: Vec<ChangeKind>,
    pub old: Option<Side>,
    pub new: Option<Side>,
    /// What changed besides the label and text, for people (`完成时限：2026年6月底 → 2026年9月底`).
    pub detail: Option<String>,
}

/// The `diff --format json` shape (and the `workplan.diff` command's result): the two
/// drafts and the changes between them.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub changes: &'a [DraftChange],
}

/// A draft to compare: its document and the path to name it by.
pub struct Draft<'a> {
    pub path: &'a str,
    pub doc: &'a Document,
}

/// Every change from `old` to `new`: sections and tasks in the order of the new draft (a
/// removed one where it stood), then targets.
pub fn compare(old: &Draft, new: &Draft) -> Vec<DraftChange> {
    let mut changes = structure::compare(old, new);
    changes.extend(targets::compare(old, new));
    changes
}
