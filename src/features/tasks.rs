//! The task ledger (任务分解): every numbered item of a plan — a heading at any level (一、
//! （一） 1. （1）) or a run-in item (一是…) — with the 牵头单位, 责任单位, 配合单位 and
//! 完成时限 its drafters attached to it. `workplan tasks` prints it; the editor's hover
//! may read it too.
//!
//! Which task a field belongs to is decided in [`crate::analysis::tasks`], which the rules
//! on tasks share.

use serde::Serialize;

use super::titles::{shorten, MAX_TITLE_CHARS};
use crate::analysis::tasks::{is_task, owned_groups, table_tasks};
use crate::document::Document;
use crate::syntax::task_fields::{units, FieldRole};
use crate::syntax::Section;
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
    /// The number its marker says (2 for `（二）`, `（二）、` and `二是`).
    pub ordinal: Option<u32>,
    /// Its title: the heading's run-in title or the item's sentence, less any field run-in.
    pub title: String,
    /// The line of its marker, 0-based.
    pub line: usize,
    /// The task it is nested in, as an index into the ledger.
    pub parent: Option<usize>,
    pub fields: Vec<LocatedField>,
}

/// The values of a task's fields by role, wherever they were read from (fields under a
/// numbered item, or the cells of a task table's row).
pub struct FieldValues<'a>(Vec<(FieldRole, &'a str)>);

impl FieldValues<'_> {
    fn values(&self, role: FieldRole) -> impl Iterator<Item = &str> {
        self.0.iter().filter(move |(r, _)| *r == role).map(|(_, text)| *text)
    }

    /// The 牵头单位: those of a 牵头单位 field, and the units of 责任单位 marked as leading
    /// (`区行政审批局（牵头）`), where a ledger has no column of its own for the lead.
    fn lead(&self) -> Vec<String> {
        let marked = self.values(FieldRole::Responsible).flat_map(units).filter_map(|u| marked_lead(&u));
        self.values(FieldRole::Lead).flat_map(units).chain(marked).fold(Vec::new(), push_new)
    }

    /// The 责任单位 and 配合单位 other than the lead, in the order written.
    fn others(&self) -> Vec<String> {
        let lead = self.lead();
        self.values(FieldRole::Responsible)
            .chain(self.values(FieldRole::Support))
            .flat_map(units)
            .map(|u| marked_lead(&u).unwrap_or(u))
            .filter(|u| !lead.contains(u))
            .fold(Vec::new(), push_new)
    }

    /// The 完成时限 (several joined by `；`), if any.
    fn deadline(&self) -> Option<String> {
        let all: Vec<&str> = self.values(FieldRole::Deadline).filter(|d| !d.is_empty()).collect();
        (!all.is_empty()).then(|| all.join("；"))
    }

    /// The fields in one line (`牵头：区科技局；配合：区财政局；时限：2026年底`), if any.
    fn summary(&self) -> Option<String> {
        let parts: Vec<String> = [("牵头", self.lead()), ("配合", self.others())]
            .into_iter()
            .filter(|(_, units)| !units.is_empty())
            .map(|(label, units)| format!("{label}：{}", units.join("、")))
            .chain(self.deadline().map(|d| format!("时限：{d}")))
            .collect();
        (!parts.is_empty()).then(|| parts.join("；"))
    }
}

/// What a task, numbered or a table's row, has written in its fields.
pub trait Fields {
    /// Its fields' values with their roles.
    fn values(&self) -> FieldValues<'_>;

    /// The 牵头单位 (see [`FieldValues::lead`]).
    fn lead(&self) -> Vec<String> {
        self.values().lead()
    }

    /// The 责任单位 and 配合单位 other than the lead, in the order written.
    fn others(&self) -> Vec<String> {
        self.values().others()
    }

    /// The 完成时限 (several joined by `；`), if any.
    fn deadline(&self) -> Option<String> {
        self.values().deadline()
    }

    /// The fields in one line for an outline (`牵头：区科技局；配合：区财政局；时限：2026年底`),
    /// `None` for a task without fields.
    fn summary(&self) -> Option<String> {
        self.values().summary()
    }
}

impl Fields for Task {
    fn values(&self) -> FieldValues<'_> {
        FieldValues(self.fields.iter().map(|f| (f.role, f.text.as_str())).collect())
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
            ordinal: s.number,
            title: String::new(),
            line: s.line(),
            parent,
            fields: Vec::new(),
        });
    }
    // Run-ins cut titles short: the first group on each task's title line.
    let mut title_cut: Vec<Option<usize>> = vec![None; tasks.len()];
    for owned in owned_groups(outline, doc.blocks()) {
        let Some(owner) = task_of_section.get(owned.section).copied().flatten() else { continue };
        let task = &mut tasks[owner];
        if outline.sections[task.section].title().line == owned.line && title_cut[owner].is_none() {
            title_cut[owner] = Some(owned.group.span.start());
        }
        let text = doc.line(owned.line);
        task.fields.extend(owned.group.fields.iter().map(|f| LocatedField {
            role: f.role,
            label: f.label.at_line(owned.line),
            value: f.value.at_line(owned.line),
            text: text.get(f.value.range()).unwrap_or_default().to_string(),
        }));
    }
    for (task, cut) in tasks.iter_mut().zip(title_cut) {
        task.title = title(doc, &outline.sections[task.section], cut);
    }
    tasks
}

/// The task whose marker is at byte `byte` of `line`, if any; the ledger is read only when
/// the position is on a task's marker.
pub fn task_at(doc: &Document, line: usize, byte: usize) -> Option<Task> {
    let outline = &doc.analysis().outline;
    let first = outline.first_on_line(line)?;
    let on_marker = outline.sections[first..]
        .iter()
        .take_while(|s| s.line() == line)
        .any(|s| is_task(s) && s.marker.is_some_and(|m| (m.start()..=m.end()).contains(&byte)));
    if !on_marker {
        return None;
    }
    tasks(doc).into_iter().find(|t| {
        t.line == line && outline.sections[t.section].marker.is_some_and(|m| (m.start()..=m.end()).contains(&byte))
    })
}

/// The hover over a task's marker: its number, title and fields, in Markdown.
pub fn task_hover(task: &Task) -> String {
    fields_hover(&task.number, &task.title, task.values())
}

/// The hover over a row of a task table: the same as a numbered task's.
pub fn table_row_hover(row: &TableRow) -> String {
    fields_hover(&row.number, &row.title, row.values())
}

/// The row of a task table on `line`, if it is one; the ledger is read only when the line
/// can be a table row.
pub fn table_row_at(doc: &Document, line: usize) -> Option<TableRow> {
    if !doc.line(line).contains(['|', '\t']) {
        return None;
    }
    table_rows(doc, &tasks(doc)).into_iter().find(|r| r.line == line)
}

fn fields_hover(number: &str, title: &str, values: FieldValues<'_>) -> String {
    let mut out = format!("**{number}** {title}\n");
    let rows = [
        ("牵头单位", values.lead().join("、")),
        ("责任/配合单位", values.others().join("、")),
        ("完成时限", values.deadline().unwrap_or_default()),
    ];
    out.push_str("\n| 字段 | 内容 |\n|---|---|\n");
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        out.push_str(&format!("| {label} | {} |\n", value.replace('|', "\\|")));
    }
    out
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

/// The ledger of a document as table rows: its numbered tasks and the rows of its task
/// tables, in document order.
pub fn rows(path: &str, doc: &Document) -> Vec<TaskRow> {
    let ledger = tasks(doc);
    let from_tables: Vec<TaskRow> = table_rows(doc, &ledger)
        .into_iter()
        .map(|t| TaskRow {
            path: path.to_string(),
            line: t.line + 1,
            lead: t.lead(),
            others: t.values().others(),
            deadline: t.deadline(),
            number: t.number,
            title: t.title,
        })
        .collect();
    let mut rows: Vec<TaskRow> = ledger
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
        .collect();
    rows.extend(from_tables);
    rows.sort_by_key(|r| r.line);
    rows
}

/// A row of a task table as written, placed in the ledger.
pub struct TableRow {
    /// 0-based.
    pub line: usize,
    /// The numbered task the table sits under, as an index into [`tasks`].
    pub parent: Option<usize>,
    /// Its number cell after the number of the task it sits under (`一、1`).
    pub number: String,
    /// The number its number cell says, if it is one.
    pub ordinal: Option<u32>,
    /// Its task cell, cut for a table cell.
    pub title: String,
    pub fields: Vec<(FieldRole, String)>,
}

impl Fields for TableRow {
    fn values(&self) -> FieldValues<'_> {
        FieldValues(self.fields.iter().map(|(role, text)| (*role, text.as_str())).collect())
    }
}

/// The rows of the document's task tables, in document order; `ledger` is its [`tasks`].
pub fn table_rows(doc: &Document, ledger: &[Task]) -> Vec<TableRow> {
    let outline = &doc.analysis().outline;
    let mut task_of_section: Vec<Option<usize>> = vec![None; outline.sections.len()];
    for (k, t) in ledger.iter().enumerate() {
        if let Some(slot) = task_of_section.get_mut(t.section) {
            *slot = Some(k);
        }
    }
    table_tasks(outline, doc.blocks())
        .into_iter()
        .map(|t| {
            let line = doc.line(t.line);
            let cell = |s: Span| line.get(s.range()).unwrap_or_default().to_string();
            let parent = outline.section_of_line(t.line).and_then(|id| task_of_section.get(id).copied().flatten());
            let own = t.number.map(cell).unwrap_or_default();
            let above = parent.and_then(|p| ledger.get(p)).map_or("", |p| p.number.as_str());
            TableRow {
                line: t.line,
                parent,
                number: format!("{above}{own}"),
                ordinal: own.parse().ok(),
                title: shorten(&cell(t.title)),
                fields: t.fields.iter().map(|f| (f.role, cell(f.value))).collect(),
            }
        })
        .collect()
}
