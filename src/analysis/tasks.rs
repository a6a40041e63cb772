//! Tasks over the block parses: which sections are tasks, which task each 任务分解 field
//! belongs to, and the rules `task.lead-missing`, `task.deadline-invalid` and
//! `task.unit-alias`.
//!
//! A field belongs to the task it follows: a run-in to the last task that begins before it
//! on its line, a label line to the innermost heading that contains it. The rows of a task
//! table (see [`crate::syntax::task_table`]) are tasks too, their cells their fields, and
//! the rows of one table are siblings.

use std::collections::HashMap;

use super::check::{DocumentCheck, DocumentContext};
use super::config::Org;
use super::dates::days_in;
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::block::BlockSyntax;
use crate::syntax::enumerations::EnumerationKind;
use crate::syntax::markers::MarkerFamily;
use crate::syntax::task_fields::{FieldGroup, FieldRole, TaskField};
use crate::syntax::task_table::{self, TableTask};
use crate::syntax::{Outline, Section, SectionKind};
use crate::text::LineSpan;

/// Whether a section is a task: a numbered heading of the body (not a part or an appendix,
/// whose numbers order the document rather than its work), or a numbered run-in item
/// (`首先…其次…` order an argument, not tasks).
pub fn is_task(s: &Section) -> bool {
    match s.kind {
        SectionKind::Heading => {
            s.marker.is_some() && !matches!(s.family, None | Some(MarkerFamily::Part | MarkerFamily::Appendix))
        }
        SectionKind::Item(kind) => kind != EnumerationKind::Sequence,
    }
}

/// A field group with its line and the task section it belongs to.
pub struct OwnedGroup<'a> {
    pub section: usize,
    pub line: usize,
    pub group: &'a FieldGroup,
}

/// Every field group of the draft that belongs to a task, in document order; groups before
/// the first task, under a part only, or in a Markdown code fence belong to none.
pub fn owned_groups<'a, B: AsRef<BlockSyntax>>(outline: &Outline, blocks: &'a [B]) -> Vec<OwnedGroup<'a>> {
    let mut owned = Vec::new();
    for (line, block) in blocks.iter().map(AsRef::as_ref).enumerate() {
        if outline.fenced.get(line).copied().unwrap_or(false) {
            continue;
        }
        for group in block.field_groups() {
            let owner = owner(outline, line, group.span.start()).filter(|&id| is_task(&outline.sections[id]));
            if let Some(section) = owner {
                owned.push(OwnedGroup { section, line, group });
            }
        }
    }
    owned
}

/// Every row of the draft's task tables, in document order; none in a Markdown code fence.
pub fn table_tasks<B: AsRef<BlockSyntax>>(outline: &Outline, blocks: &[B]) -> Vec<TableTask> {
    let lines = blocks
        .iter()
        .map(AsRef::as_ref)
        .enumerate()
        .filter(|(line, _)| !outline.fenced.get(*line).copied().unwrap_or(false))
        .filter_map(|(line, block)| Some((line, block.table_line()?)));
    task_table::table_tasks(lines)
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

/// How few siblings make a pattern worth holding a task to.
const MIN_SIBLINGS: usize = 3;

/// `task.lead-missing`: a task with no 牵头单位 (nor 责任单位) where most of its siblings
/// name one — a ledger whose drafters attach units to tasks, and forgot one. A task whose
/// own sub-tasks or whose enclosing task name units is covered; in a prose plan, where no
/// task has units, nothing is said.
pub fn check_document<B: AsRef<BlockSyntax>>(blocks: &[B], outline: &Outline, orgs: &[Org], out: &mut Vec<Diagnostic>) {
    let owned = owned_groups(outline, blocks);
    let rows = table_tasks(outline, blocks);
    if owned.is_empty() && rows.is_empty() {
        return;
    }
    // Every field with its line, in document order: the first spelling of a unit is the
    // one met first, in a label line or in a table's cell.
    let mut fields: Vec<(usize, &TaskField)> =
        owned.iter().flat_map(|g| g.group.fields.iter().map(|f| (g.line, f))).collect();
    fields.extend(rows.iter().flat_map(|r| r.fields.iter().map(|f| (r.line, f))));
    fields.sort_by_key(|(line, f)| (*line, f.label.start()));
    check_deadlines(&fields, super::context::titled_year(blocks), out);
    check_unit_aliases(&fields, orgs, out);
    // Where each task's first unit is named, if it names one.
    let mut unit_at: Vec<Option<LineSpan>> = vec![None; outline.sections.len()];
    for g in &owned {
        let unit = g.group.fields.iter().find(|f| names_unit(f));
        if let (Some(f), Some(slot)) = (unit, unit_at.get_mut(g.section)) {
            slot.get_or_insert(f.label.at_line(g.line));
        }
    }
    check_table_leads(&rows, outline, &unit_at, out);
    // A unit covers its task, the tasks below it and the headings above it; a table row's
    // covers the heading the table is under.
    let mut covered: Vec<bool> = (0..outline.sections.len()).map(|id| inherits(outline, &unit_at, id)).collect();
    let below: Vec<Option<usize>> = outline.sections.iter().map(Section::parent).collect();
    let row_sections =
        rows.iter().filter(|r| r.fields.iter().any(names_unit)).filter_map(|r| outline.section_of_line(r.line));
    let unit_sections = (0..outline.sections.len()).filter(|&id| unit_at[id].is_some()).filter_map(|id| below[id]);
    for id in row_sections.chain(unit_sections) {
        let mut up = Some(id);
        while let Some(p) = up {
            covered[p] = true;
            up = below[p];
        }
    }
    // Siblings: the tasks of one run (一、二、三、, 一是…二是…) under one heading.
    let mut siblings: HashMap<(Option<usize>, u32), Vec<usize>> = HashMap::new();
    for (id, s) in outline.sections.iter().enumerate() {
        if is_task(s) {
            siblings.entry((s.parent(), s.sequence)).or_default().push(id);
        }
    }
    for group in siblings.values() {
        let with_unit: Vec<usize> = group.iter().copied().filter(|&id| unit_at[id].is_some()).collect();
        if group.len() < MIN_SIBLINGS || 2 * with_unit.len() <= group.len() {
            continue;
        }
        for &id in group.iter().filter(|&&id| !covered[id]) {
            let s = &outline.sections[id];
            let Some(marker) = s.marker else { continue };
            let mut d = Diagnostic::new(
                RuleId::TaskLeadMissing,
                marker.at_line(s.line()),
                format!(
                    "此项任务没有写牵头单位或责任单位，而同级的{}项任务中有{}项写了，请核对是否遗漏。",
                    group.len(),
                    with_unit.len()
                ),
            );
            // The nearest sibling before it that names one, else the first after it.
            let example = with_unit.iter().rev().find(|&&o| o < id).or_else(|| with_unit.first());
            if let Some(at) = example.and_then(|&o| unit_at[o]) {
                d = d.with_related(at, "同级任务的牵头单位");
            }
            out.push(d);
        }
    }
}

/// `task.deadline-invalid`: a deadline that says no time at all (`区科技局` in the deadline
/// column), or whose date cannot be (`6月31日`, `13月`) or falls before the year of the plan
/// it is in (`2025年12月底` in the 2026 plan: last year's ledger copied). Phrases of a period
/// or a pace (`长期坚持`, `持续推进`, `第三季度`) are not judged.
fn check_deadlines(fields: &[(usize, &TaskField)], plan_year: Option<i32>, out: &mut Vec<Diagnostic>) {
    for (line, f) in fields.iter().filter(|(_, f)| f.timeless) {
        let message = "完成时限没有写明时间（日期、期间或“长期坚持”之类的说法），请核对是否填错了栏目。";
        out.push(Diagnostic::new(RuleId::TaskDeadlineInvalid, f.value.at_line(*line), message));
    }
    for (line, date) in fields.iter().filter_map(|(line, f)| Some((*line, f.date?))) {
        let range = date.span.at_line(line);
        // A date with its year or day is date.impossible's wherever it stands: one fact, one
        // finding. A month alone (`13月底`) is a date only in a deadline field.
        let bare_month = date.year.is_none() && date.day.is_none();
        let bad_month = date.month.filter(|m| !(1..=12).contains(m));
        let bad_day = date.day.is_some_and(|d| d == 0 || d > days_in(date.year, date.month.unwrap_or(1)));
        let message = match (bad_month, bad_day) {
            (Some(month), _) if bare_month => format!("完成时限中的“{month}月”不存在，请核对。"),
            (Some(_), _) | (None, true) => continue,
            (None, false) => match (date.year, plan_year) {
                (Some(year), Some(plan)) if year < plan => {
                    format!("完成时限为{year}年，早于本计划的{plan}年，可能沿用了上一年度的任务分解，请核对。")
                }
                _ => continue,
            },
        };
        out.push(Diagnostic::new(RuleId::TaskDeadlineInvalid, range, message));
    }
}

/// `task.unit-alias`: one department written two ways in the fields of one draft (区发改局
/// and 区发展改革局): one note at the first use of each later spelling, pointing at the
/// first use of the first. Only the team's units (`[[org]]`) and the departments known in
/// [`crate::syntax::orgs`] are compared.
fn check_unit_aliases(fields: &[(usize, &TaskField)], orgs: &[Org], out: &mut Vec<Diagnostic>) {
    // Each key's spellings in order of first use, with where each is first used.
    let mut spellings: HashMap<&str, Vec<(&str, LineSpan)>> = HashMap::new();
    for (line, unit) in fields.iter().flat_map(|&(line, f)| f.units.iter().map(move |u| (line, u))) {
        // The team's table first: it may join what the built-in list keeps apart.
        let team = orgs.iter().find(|o| o.names(&unit.written)).map(|o| o.name.as_str());
        let Some(key) = team.or(unit.key.as_deref()) else { continue };
        let seen = spellings.entry(key).or_default();
        if !seen.iter().any(|(w, _)| *w == unit.written.as_str()) {
            seen.push((unit.written.as_str(), unit.span.at_line(line)));
        }
    }
    for seen in spellings.values() {
        let Some(&(first, first_at)) = seen.first() else { continue };
        for &(other, at) in &seen[1..] {
            let message = format!("“{other}”与前文的“{first}”是同一单位的两种写法，请统一。");
            out.push(Diagnostic::new(RuleId::TaskUnitAlias, at, message).with_related(first_at, "先出现的写法"));
        }
    }
}

/// Whether a field names who does the task: a 牵头单位 or a 责任单位.
fn names_unit(f: &TaskField) -> bool {
    matches!(f.role, FieldRole::Lead | FieldRole::Responsible)
}

/// `task.lead-missing` in task tables: a row with neither 牵头单位 nor 责任单位 where most
/// rows of its table name one, unless the heading the table is under names one for all.
fn check_table_leads(rows: &[TableTask], outline: &Outline, unit_at: &[Option<LineSpan>], out: &mut Vec<Diagnostic>) {
    for table in rows.chunk_by(|a, b| a.table == b.table) {
        let lead = |r: &TableTask| r.fields.iter().find(|f| names_unit(f)).map(|f| f.value.at_line(r.line));
        let with_unit = table.iter().filter(|r| lead(r).is_some()).count();
        if table.len() < MIN_SIBLINGS || 2 * with_unit <= table.len() {
            continue;
        }
        for (k, row) in table.iter().enumerate() {
            let under_unit = outline.section_of_line(row.line).is_some_and(|id| inherits(outline, unit_at, id));
            if lead(row).is_some() || under_unit {
                continue;
            }
            let message = format!(
                "此行任务没有写牵头单位或责任单位，而同一表格的{}项任务中有{}项写了，请核对是否遗漏。",
                table.len(),
                with_unit
            );
            let mut d = Diagnostic::new(RuleId::TaskLeadMissing, row.row.at_line(row.line), message);
            // The nearest row above it that names one, else the first below it.
            let example = table[..k].iter().rev().find_map(lead).or_else(|| table[k..].iter().find_map(lead));
            if let Some(at) = example {
                d = d.with_related(at, "同一表格中的牵头单位");
            }
            out.push(d);
        }
    }
}

/// Whether a heading above `id` (or `id` itself) names a unit: its tasks inherit it.
fn inherits(outline: &Outline, unit_at: &[Option<LineSpan>], id: usize) -> bool {
    let mut up = Some(id);
    while let Some(p) = up {
        if unit_at[p].is_some() {
            return true;
        }
        up = outline.sections[p].parent();
    }
    false
}

/// The task ledger checks, over the document, with the team's units.
pub struct Tasks;

impl DocumentCheck<DocumentContext<'_>> for Tasks {
    fn check(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        check_document(cx.blocks, cx.outline, &cx.config.orgs, out);
    }
}
