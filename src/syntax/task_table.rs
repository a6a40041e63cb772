//! A 任务分解 written as a table: a header row naming a task column and field columns
//! (`| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |`), then one row per task — a
//! Markdown table, or tab-separated lines as a Word table pasted into a text file gives.
//! The rows are tasks of the ledger besides the numbered items.
//!
//! Each line is parsed alone ([`parse_table_line`], kept in the line's block parse like
//! every other part of it); [`table_tasks`] then joins adjacent lines into tables.

use super::task_fields::{date_in, label_role, says_no_time, unit_names, FieldDate, FieldRole, TaskField, UnitName};
use crate::text::Span;

/// Header cells that name the task column.
const TASK_HEADERS: &[&str] = &[
    "任务",
    "重点任务",
    "工作任务",
    "主要任务",
    "具体任务",
    "任务内容",
    "工作内容",
    "工作事项",
    "重点工作",
    "工作措施",
];

/// Header cells that name the number column.
const NUMBER_HEADERS: &[&str] = &["序号", "编号"];

/// What one line is to a task table, read without the lines around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableLine {
    /// A header row: it opens a task table.
    Header(Header),
    /// Any other row of cells: a task if it follows a header, or nothing.
    Row(Row),
}

/// What a header row says each column is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    separator: char,
    width: usize,
    number: Option<usize>,
    task: usize,
    fields: Box<[(usize, FieldRole)]>,
}

/// A row of cells, spans relative to the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    separator: char,
    /// The row less the white space around it.
    pub span: Span,
    /// `|---|:--:|`: the rule under a Markdown table's header.
    rule: bool,
    pub cells: Box<[Cell]>,
}

/// A cell, read both ways its column may want it: as a deadline and as a list of units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text less the white space around it.
    pub span: Span,
    pub date: Option<FieldDate>,
    pub units: Box<[UnitName]>,
    /// As a deadline, it says no time (see [`says_no_time`]).
    pub timeless: bool,
}

/// One row of a task table, spans relative to its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableTask {
    /// 0-based.
    pub line: usize,
    /// Which table of the document it is in, counted from 0: the rows of one table are
    /// siblings.
    pub table: usize,
    /// The whole row.
    pub row: Span,
    /// The number cell, if the table has a number column.
    pub number: Option<Span>,
    pub title: Span,
    /// The field cells that are not empty, each a field whose label is its column's header.
    pub fields: Vec<TaskField>,
}

/// A line's cells (spans, trimmed) and the separator between them: `|` (a Markdown table
/// row, its outer pipes dropped) or a tab.
fn cells(line: &str) -> Option<(char, Vec<Span>)> {
    let start = line.len() - line.trim_start().len();
    let t = line.trim();
    // (`memchr` reads 32 bytes at a time, `str::contains` of an ASCII character 16.)
    let separator = if t.starts_with('|') {
        '|'
    } else if memchr::memchr(b'\t', t.as_bytes()).is_some() {
        '\t'
    } else {
        return None;
    };
    let inner_start = start + usize::from(separator == '|');
    let inner_end = start + if separator == '|' { t.strip_suffix('|').unwrap_or(t).len() } else { t.len() };
    let inner = &line[inner_start..inner_end.max(inner_start)];
    let mut spans = Vec::new();
    let mut from = inner_start;
    for piece in inner.split(separator) {
        let lead = piece.len() - piece.trim_start().len();
        spans.push(Span::new(from + lead, from + lead + piece.trim().len()));
        from += piece.len() + separator.len_utf8();
    }
    Some((separator, spans))
}

/// Parses one line as a line of a task table, if it can be one.
pub fn parse_table_line(line: &str) -> Option<TableLine> {
    let (separator, spans) = cells(line)?;
    if spans.len() < 2 {
        return None;
    }
    let text = |s: &Span| &line[s.range()];
    let task = spans.iter().position(|s| TASK_HEADERS.contains(&text(s)));
    let fields: Box<[(usize, FieldRole)]> =
        spans.iter().enumerate().filter_map(|(i, s)| label_role(text(s)).map(|role| (i, role))).collect();
    if let Some(task) = task.filter(|_| !fields.is_empty()) {
        let number = spans.iter().position(|s| NUMBER_HEADERS.contains(&text(s)));
        return Some(TableLine::Header(Header { separator, width: spans.len(), number, task, fields }));
    }
    let rule = spans.iter().all(|s| !s.is_empty() && text(s).trim_matches(':').chars().all(|c| c == '-'));
    let trimmed = line.trim();
    let start = line.len() - line.trim_start().len();
    let cells = if rule {
        Box::default()
    } else {
        spans
            .into_iter()
            .map(|span| Cell {
                span,
                date: date_in(line, span),
                units: unit_names(line, span),
                timeless: says_no_time(line, span),
            })
            .collect()
    };
    Some(TableLine::Row(Row { separator, span: Span::new(start, start + trimmed.len()), rule, cells }))
}

/// Every task row of every task table among `lines` (line number and parse, in order;
/// lines left out between two break a table).
pub fn table_tasks<'a>(lines: impl IntoIterator<Item = (usize, &'a TableLine)>) -> Vec<TableTask> {
    let mut tasks = Vec::new();
    let mut open: Option<&Header> = None;
    let mut tables = 0;
    let mut previous: Option<usize> = None;
    for (line, parsed) in lines {
        let adjacent = previous.is_some_and(|p| p + 1 == line);
        previous = Some(line);
        let header = open.filter(|_| adjacent);
        match (header, parsed) {
            (Some(h), TableLine::Row(row)) if row.separator == h.separator && row.rule => continue,
            (Some(h), TableLine::Row(row)) if row.separator == h.separator && row.cells.len() == h.width => {
                let Some(title) = row.cells.get(h.task).map(|c| c.span).filter(|s| !s.is_empty()) else { continue };
                tasks.push(TableTask {
                    line,
                    table: tables - 1,
                    row: row.span,
                    number: h.number.and_then(|n| row.cells.get(n)).map(|c| c.span),
                    title,
                    fields: h.fields.iter().filter_map(|&(i, role)| field(row.cells.get(i)?, role)).collect(),
                });
                continue;
            }
            _ => {}
        }
        // Not a row of the open table: it ends, and this line may open another.
        open = match parsed {
            TableLine::Header(h) => {
                tables += 1;
                Some(h)
            }
            TableLine::Row(_) => None,
        };
    }
    tasks
}

/// A non-empty cell as a field of its column's `role`.
fn field(cell: &Cell, role: FieldRole) -> Option<TaskField> {
    if cell.span.is_empty() {
        return None;
    }
    let (date, units) = match role {
        FieldRole::Deadline => (cell.date, Box::default()),
        _ => (None, cell.units.clone()),
    };
    let timeless = role == FieldRole::Deadline && cell.timeless;
    Some(TaskField { role, label: cell.span, value: cell.span, date, units, timeless })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row's line, number, title and fields, as text.
    type Read = (usize, String, String, Vec<(FieldRole, String)>);

    /// The task rows among numbered lines.
    fn rows<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<TableTask> {
        let parsed: Vec<(usize, TableLine)> =
            lines.into_iter().filter_map(|(l, t)| Some((l, parse_table_line(t)?))).collect();
        table_tasks(parsed.iter().map(|(l, p)| (*l, p)))
    }

    fn read(text: &str) -> Vec<Read> {
        let lines: Vec<&str> = text.lines().collect();
        rows(text.lines().enumerate())
            .into_iter()
            .map(|t| {
                let line = lines[t.line];
                let fields = t.fields.iter().map(|f| (f.role, line[f.value.range()].to_string())).collect();
                let number = t.number.map(|n| line[n.range()].to_string()).unwrap_or_default();
                (t.line, number, line[t.title.range()].to_string(), fields)
            })
            .collect()
    }

    #[test]
    fn a_markdown_table() {
        let text = "| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n|---|---|---|---|:---:|\n\
                    | 1 | 建设创新平台 | 区科技局 | 区发改局、区财政局 | 2026年底 |\n| 2 | 培育企业 | 区经信局 |  | 长期坚持 |\n\n正文。";
        let rows = read(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            (
                2,
                "1".into(),
                "建设创新平台".into(),
                vec![
                    (FieldRole::Lead, "区科技局".into()),
                    (FieldRole::Support, "区发改局、区财政局".into()),
                    (FieldRole::Deadline, "2026年底".into())
                ]
            )
        );
        assert_eq!(
            rows[1].3,
            [(FieldRole::Lead, "区经信局".to_string()), (FieldRole::Deadline, "长期坚持".to_string())]
        );
    }

    #[test]
    fn tab_separated_lines() {
        let rows = read("序号\t工作任务\t责任单位\n1\t优化营商环境\t区行政审批局\n2\t扩大开放\t区商务局\n");
        let titles: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(titles, ["优化营商环境", "扩大开放"]);
        assert_eq!(rows[1].3, [(FieldRole::Responsible, "区商务局".to_string())]);
    }

    #[test]
    fn a_line_left_out_ends_the_table() {
        let lines = [(0, "| 任务 | 牵头单位 |"), (1, "| 甲 | 区科技局 |"), (5, "| 乙 | 区财政局 |")];
        let lines: Vec<usize> = rows(lines).into_iter().map(|r| r.line).collect();
        assert_eq!(lines, [1]);
    }

    #[test]
    fn rows_of_two_tables_are_told_apart() {
        let text = "| 任务 | 牵头单位 |\n| 甲 | 区科技局 |\n正文。\n| 任务 | 牵头单位 |\n| 乙 | 区财政局 |";
        let tables: Vec<usize> = rows(text.lines().enumerate()).iter().map(|t| t.table).collect();
        assert_eq!(tables, [0, 1]);
    }

    #[test]
    fn cells_are_located_in_their_line() {
        let line = "  | 3 | 优化生态 |  | 2026年2月30日 |";
        let Some(TableLine::Row(row)) = parse_table_line(line) else { panic!("a row") };
        assert_eq!(&line[row.span.range()], line.trim());
        let texts: Vec<&str> = row.cells.iter().map(|c| &line[c.span.range()]).collect();
        assert_eq!(texts, ["3", "优化生态", "", "2026年2月30日"]);
        let date = row.cells[3].date.expect("a date");
        assert_eq!((date.year, date.month, date.day), (Some(2026), Some(2), Some(30)));
    }

    #[test]
    fn other_tables_are_not_task_tables() {
        for text in [
            "| 指标 | 2025年 | 2026年 |\n|---|---|---|\n| 地区生产总值 | 500亿元 | 530亿元 |",
            "| 重点任务 | 说明 |\n|---|---|\n| 建设平台 | 年内完成 |",
            "任务\t牵头单位\n建设平台\t区科技局\t多出一列",
        ] {
            assert!(read(text).is_empty(), "{text}");
        }
    }
}
