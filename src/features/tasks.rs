//! The task ledger (任务分解): every numbered item of a plan — a heading at any level (一、
//! （一） 1. （1）) or a run-in item (一是…) — with the 牵头单位, 责任单位, 配合单位 and
//! 完成时限 its drafters attached to it. `workplan tasks` prints it; the rules on tasks and
//! the editor's hover read it too.
//!
//! A field belongs to the task it follows: a run-in to the last task that begins before it
//! on its line, a label line to the innermost heading that contains it.

use serde::Serialize;

use super::symbols::{shorten, MAX_TITLE_CHARS};
use crate::document::Document;
use crate::syntax::enumerations::EnumerationKind;
use crate::syntax::markers::MarkerFamily;
use crate::syntax::task_fields::{parse_field_groups, units, FieldRole};
use crate::syntax::{Outline, Section, SectionKind};
use crate::text::{LineSpan, Span};

/// A field as read, located in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedField {
    pub role: FieldRole,
    pub label: LineSpan,
    pub value: LineSpan,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The task's index in the outline's sections.
    pub section: usize,
    /// The markers of the task and of the tasks it is nested in: `二、（一）1.`.
    pub number: String,
    /// Its own marker as written: `1.`, `二是`.
    pub marker: String,
    /// Its title: the heading's run-in title or the item's sentence, less any field run-in.
    pub title: String,
    /// The line of its marker, 0-based.
    pub line: usize,
    /// The task it is nested in, as an index into the ledger.
    pub parent: Option<usize>,
    pub fields: Vec<LocatedField>,
}

impl Task {
    fn values(&self, role: FieldRole) -> impl Iterator<Item = &str> {
        self.fields.iter().filter(move |f| f.role == role).map(|f| f.text.as_str())
    }

    /// The 牵头单位: those of a 牵头单位 field, and the units of 责任单位 marked as leading
    /// (`区行政审批局（牵头）`), where a ledger has no column of its own for the lead.
    pub fn lead(&self) -> Vec<String> {
        let marked = self.values(FieldRole::Responsible).flat_map(units).filter_map(|u| marked_lead(&u));
        self.values(FieldRole::Lead).flat_map(units).chain(marked).fold(Vec::new(), push_new)
    }

    /// The 责任单位 and 配合单位 other than the lead, in the order written.
    pub fn others(&self) -> Vec<String> {
        let lead = self.lead();
        self.values(FieldRole::Responsible)
            .chain(self.values(FieldRole::Support))
            .flat_map(units)
            .map(|u| marked_lead(&u).unwrap_or(u))
            .filter(|u| !lead.contains(u))
            .fold(Vec::new(), push_new)
    }

    /// The 完成时限 (several joined by `；`), if any.
    pub fn deadline(&self) -> Option<String> {
        let all: Vec<&str> = self.values(FieldRole::Deadline).filter(|d| !d.is_empty()).collect();
        (!all.is_empty()).then(|| all.join("；"))
    }
}

/// `区行政审批局（牵头）` → `区行政审批局`.
fn marked_lead(unit: &str) -> Option<String> {
    ["（牵头）", "(牵头)", "（牽頭）", "(牽頭)"]
        .iter()
        .find_map(|m| unit.strip_suffix(m))
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
}

fn push_new(mut list: Vec<String>, unit: String) -> Vec<String> {
    if !list.contains(&unit) {
        list.push(unit);
    }
    list
}

/// Whether a section is a task: a numbered heading of the body (not a part or an appendix,
/// whose numbers order the document rather than its work), or a numbered run-in item
/// (`首先…其次…` order an argument, not tasks).
fn is_task(s: &Section) -> bool {
    match s.kind {
        SectionKind::Heading => {
            s.marker.is_some() && !matches!(s.family, None | Some(MarkerFamily::Part | MarkerFamily::Appendix))
        }
        SectionKind::Item(kind) => kind != EnumerationKind::Sequence,
    }
}

/// The ledger of a document, tasks in document order.
pub fn tasks(doc: &Document) -> Vec<Task> {
    let outline = &doc.analysis().outline;
    let mut task_of_section: Vec<Option<usize>> = vec![None; outline.sections.len()];
    let mut tasks = Vec::new();
    for (id, s) in outline.sections.iter().enumerate() {
        if !is_task(s) {
            continue;
        }
        task_of_section[id] = Some(tasks.len());
        let marker = s.marker.map(|m| doc.span_text(m.at_line(s.line()))).unwrap_or_default();
        let parent = s.parent().and_then(|p| task_of_section.get(p).copied().flatten());
        let number = match parent {
            Some(p) => format!("{}{marker}", tasks.get(p).map_or("", |t: &Task| t.number.as_str())),
            None => marker.clone(),
        };
        tasks.push(Task {
            section: id,
            number,
            marker,
            title: String::new(),
            line: s.line(),
            parent,
            fields: Vec::new(),
        });
    }
    // Run-ins cut titles short: the first group on each task's title line.
    let mut title_cut: Vec<Option<usize>> = vec![None; tasks.len()];
    for line in 0..doc.line_count() {
        if outline.fenced.get(line).copied().unwrap_or(false) {
            continue;
        }
        let text = doc.line(line);
        for group in parse_field_groups(&text) {
            let Some(owner) = owner(outline, line, group.span.start()).and_then(|id| task_of_section[id]) else {
                continue;
            };
            let task = &mut tasks[owner];
            let title_line = outline.sections[task.section].title().line;
            if title_line == line && title_cut[owner].is_none() {
                title_cut[owner] = Some(group.span.start());
            }
            task.fields.extend(group.fields.iter().map(|f| LocatedField {
                role: f.role,
                label: f.label.at_line(line),
                value: f.value.at_line(line),
                text: text[f.value.range()].to_string(),
            }));
        }
    }
    for (task, cut) in tasks.iter_mut().zip(title_cut) {
        task.title = title(doc, &outline.sections[task.section], cut);
    }
    tasks
}

/// The section a field group at byte `at` of `line` belongs to: the last section that begins
/// on the line before it, else the innermost heading containing the line.
fn owner(outline: &Outline, line: usize, at: usize) -> Option<usize> {
    let mut found = None;
    if let Some(first) = outline.first_on_line(line) {
        for (id, s) in outline.sections.iter().enumerate().skip(first) {
            if s.line() != line || s.marker.is_some_and(|m| m.start() > at) {
                break;
            }
            found = Some(id);
        }
    }
    found.or_else(|| outline.section_of_line(line))
}

/// A task's title: its run-in title, ended before a field group on the same line and without
/// trailing punctuation, cut for a table cell.
fn title(doc: &Document, s: &Section, cut: Option<usize>) -> String {
    let span = s.title();
    let end = cut.map_or(span.span.end(), |c| c.clamp(span.span.start(), span.span.end()));
    let text = doc.span_text_start(Span::new(span.span.start(), end).at_line(span.line), MAX_TITLE_CHARS + 1);
    shorten(text.trim().trim_end_matches(['。', '，', '；', '：', ',', ';', ':']))
}

/// One row of the ledger, in the `tasks --format json` shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaskRow {
    pub path: String,
    /// 1-based.
    pub line: usize,
    pub number: String,
    pub title: String,
    pub lead: Vec<String>,
    pub others: Vec<String>,
    pub deadline: Option<String>,
}

/// The ledger of a document as table rows.
pub fn rows(path: &str, doc: &Document) -> Vec<TaskRow> {
    tasks(doc)
        .into_iter()
        .map(|t| TaskRow {
            path: path.to_string(),
            line: t.line + 1,
            lead: t.lead(),
            others: t.others(),
            deadline: t.deadline(),
            number: t.number,
            title: t.title,
        })
        .collect()
}
