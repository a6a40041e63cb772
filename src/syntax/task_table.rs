//! A 任务分解 written as a table: a header row naming a task column and field columns
//! (`| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |`), then one row per task — a
//! Markdown table, or tab-separated lines as a Word table pasted into a text file gives.
//! The rows are tasks of the ledger besides the numbered items.

use super::task_fields::{label_role, FieldRole};

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

/// One row of a task table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableTask {
    /// 0-based.
    pub line: usize,
    /// The row's number cell, empty without a number column.
    pub number: String,
    pub title: String,
    /// The field cells that are not empty, with their column's role.
    pub fields: Vec<(FieldRole, String)>,
}

/// What a header row says each column is.
struct Header {
    separator: char,
    width: usize,
    number: Option<usize>,
    task: usize,
    fields: Vec<(usize, FieldRole)>,
}

/// A line's cells and the separator between them: `|` (a Markdown table row, its outer
/// pipes dropped) or a tab.
fn cells(line: &str) -> Option<(char, Vec<&str>)> {
    let t = line.trim();
    if t.starts_with('|') {
        let inner = t.strip_prefix('|').unwrap_or(t);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        return Some(('|', inner.split('|').map(str::trim).collect()));
    }
    t.contains('\t').then(|| ('\t', t.split('\t').map(str::trim).collect()))
}

fn header(line: &str) -> Option<Header> {
    let (separator, cells) = cells(line)?;
    let task = cells.iter().position(|c| TASK_HEADERS.contains(c))?;
    let number = cells.iter().position(|c| NUMBER_HEADERS.contains(c));
    let fields: Vec<(usize, FieldRole)> =
        cells.iter().enumerate().filter_map(|(i, c)| label_role(c).map(|role| (i, role))).collect();
    (!fields.is_empty()).then_some(Header { separator, width: cells.len(), number, task, fields })
}

/// `|---|:--:|`: the row under a Markdown table's header.
fn is_rule_row(cells: &[&str]) -> bool {
    cells.iter().all(|c| !c.is_empty() && c.trim_matches(':').chars().all(|ch| ch == '-'))
}

/// Every task row of every task table among `lines` (line number and text, in order; lines
/// left out between two break a table).
pub fn table_tasks<'a>(lines: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<TableTask> {
    let mut tasks = Vec::new();
    let mut open: Option<Header> = None;
    let mut previous: Option<usize> = None;
    for (line, text) in lines {
        let adjacent = previous.is_some_and(|p| p + 1 == line);
        previous = Some(line);
        if let Some(h) = open.as_ref().filter(|_| adjacent) {
            match cells(text) {
                Some((sep, row)) if sep == h.separator && row.len() == h.width => {
                    if !is_rule_row(&row) && !row[h.task].is_empty() {
                        tasks.push(TableTask {
                            line,
                            number: h.number.map(|n| row[n].to_string()).unwrap_or_default(),
                            title: row[h.task].to_string(),
                            fields: h
                                .fields
                                .iter()
                                .filter(|(i, _)| !row[*i].is_empty())
                                .map(|(i, role)| (*role, row[*i].to_string()))
                                .collect(),
                        });
                    }
                    continue;
                }
                _ => {}
            }
        }
        // Not a row of the open table: it ends, and this line may open another.
        open = header(text);
    }
    tasks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<TableTask> {
        table_tasks(text.lines().enumerate())
    }

    #[test]
    fn a_markdown_table() {
        let text = "| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n|---|---|---|---|:---:|\n\
                    | 1 | 建设创新平台 | 区科技局 | 区发改局、区财政局 | 2026年底 |\n| 2 | 培育企业 | 区经信局 |  | 长期坚持 |\n\n正文。";
        let rows = read(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0],
            TableTask {
                line: 2,
                number: "1".into(),
                title: "建设创新平台".into(),
                fields: vec![
                    (FieldRole::Lead, "区科技局".into()),
                    (FieldRole::Support, "区发改局、区财政局".into()),
                    (FieldRole::Deadline, "2026年底".into())
                ]
            }
        );
        assert_eq!(
            rows[1].fields,
            [(FieldRole::Lead, "区经信局".to_string()), (FieldRole::Deadline, "长期坚持".to_string())]
        );
    }

    #[test]
    fn tab_separated_lines() {
        let rows = read("序号\t工作任务\t责任单位\n1\t优化营商环境\t区行政审批局\n2\t扩大开放\t区商务局\n");
        let titles: Vec<&str> = rows.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(titles, ["优化营商环境", "扩大开放"]);
        assert_eq!(rows[1].fields, [(FieldRole::Responsible, "区商务局".to_string())]);
    }

    #[test]
    fn a_line_left_out_ends_the_table() {
        let lines = [(0, "| 任务 | 牵头单位 |"), (1, "| 甲 | 区科技局 |"), (5, "| 乙 | 区财政局 |")];
        let titles: Vec<String> = table_tasks(lines).into_iter().map(|r| r.title).collect();
        assert_eq!(titles, ["甲"]);
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
