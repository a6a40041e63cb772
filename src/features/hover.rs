//! Hover over an indicator (its name or one of its values): every target stated for it in
//! this draft and in the other drafts of the workspace, with the verdict of the checks.
//! Over any other quantity: its value in base units. Markdown, no LSP types.

use crate::analysis::targets::Target;
use crate::document::Document;
use crate::features::tasks::{table_row_at, table_row_hover, task_at, task_hover};
use crate::features::workspace::{DraftSummary, StatementSummary};
use crate::text::position::line_len;
use crate::text::{LineSpan, Span};

/// Another draft of the workspace, as the hover shows it.
pub struct OtherDraft<'a> {
    /// A name for the reader (the file name).
    pub label: String,
    /// A link target for a line of it (`file:///…#L12`), given a 0-based line.
    pub link: Box<dyn Fn(usize) -> String + 'a>,
    pub summary: &'a DraftSummary,
}

/// The statement at a byte of a line: over its indicator name or its quantity.
pub fn target_at(doc: &Document, line: usize, byte: usize) -> Option<&Target> {
    doc.analysis().targets.iter().find(|t| {
        let s = &t.statement;
        t.line == line
            && t.is_listed()
            && ((s.span.start()..=s.span.end()).contains(&byte)
                || s.name.is_some_and(|n| (n.start()..=n.end()).contains(&byte)))
    })
}

/// The value in base units as a reader writes it: `4.8e10 元` as `480亿元`, so that
/// `4800000万元` and `480亿元` read alike.
fn normalised(s: &StatementSummary) -> String {
    readable(s.base_value, &s.base_unit)
}

/// `value` `unit` with the largest of 万亿, 亿 and 万 that keeps the number at least 1,
/// and at most four decimals (trailing zeros dropped).
pub fn readable(value: f64, unit: &str) -> String {
    if unit == "%" || unit.ends_with("百分点") {
        return format!("{}{unit}", trimmed(value));
    }
    let (factor, multiplier) =
        [(1e12, "万亿"), (1e8, "亿"), (1e4, "万")].into_iter().find(|(f, _)| value.abs() >= *f).unwrap_or((1.0, ""));
    format!("{}{multiplier}{unit}", trimmed(value / factor))
}

fn trimmed(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn table(statements: &[&StatementSummary], link: &dyn Fn(usize) -> String) -> String {
    let mut out = String::from("| 期间 | 类型 | 口径 | 数值 | 折合 | 位置 |\n|---|---|---|---|---|---|\n");
    for s in statements {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | [第{}行]({}) |\n",
            s.period,
            s.kind.label(),
            s.modality.label(),
            s.written,
            normalised(s),
            s.range.line + 1,
            link(s.range.line)
        ));
    }
    out
}

/// The hover for the statement `target` of `doc`.
pub fn indicator_hover(
    doc: &Document,
    target: &Target,
    link_here: &dyn Fn(usize) -> String,
    others: &[OtherDraft<'_>],
) -> String {
    let name = &target.statement.indicator;
    let here = DraftSummary::without_headings(doc);
    let mine: Vec<&StatementSummary> = here.statements_of(name).collect();
    let mut out = format!("**{name}**\n\n本稿共 {} 处：\n\n{}", mine.len(), table(&mine, link_here));
    let lines: Vec<usize> = mine.iter().map(|s| s.range.line).collect();
    let verdicts: Vec<String> = doc
        .diagnostics()
        .filter(|d| d.rule().rule().family() == "target" && lines.contains(&d.range().line))
        .filter(|d| doc.analysis().targets.iter().any(|t| t.range() == d.range() && t.statement.indicator == name))
        .map(|d| format!("- ⚠ 第{}行 `{}`：{}", d.range().line + 1, d.code(), d.message()))
        .collect();
    if verdicts.is_empty() {
        out.push_str("\n检查：未发现矛盾。\n");
    } else {
        out.push_str(&format!("\n检查：\n{}\n", verdicts.join("\n")));
    }
    let mut others: Vec<&OtherDraft<'_>> =
        others.iter().filter(|o| o.summary.statements_of(name).next().is_some()).collect();
    others.sort_by(|a, b| b.summary.year.cmp(&a.summary.year).then_with(|| a.label.cmp(&b.label)));
    if !others.is_empty() {
        out.push_str("\n---\n\n**其他草稿**\n");
        for o in others {
            let theirs: Vec<&StatementSummary> = o.summary.statements_of(name).collect();
            let year = o.summary.year.map(|y| format!("（{y}年）")).unwrap_or_default();
            out.push_str(&format!("\n{}{}\n\n{}", o.label, year, table(&theirs, &*o.link)));
        }
    }
    out
}

/// What a hover at a byte of a line is about.
pub enum Hovered<'a> {
    /// An indicator statement: [`indicator_hover`] shows it with the other drafts' targets.
    Indicator(&'a Target),
    /// Anything else: the hover's Markdown, and the span it is about.
    Other(String, LineSpan),
}

/// What is at a byte of a line, in order: an indicator statement; a task's marker or a task
/// table's row with its fields (only where it has some, so that prose plans keep a quiet
/// hover); a quantity's value in base units (an empty span at the byte).
pub fn hovered_at(doc: &Document, line: usize, byte: usize) -> Option<Hovered<'_>> {
    if let Some(t) = target_at(doc, line, byte) {
        return Some(Hovered::Indicator(t));
    }
    let task = || {
        let task = task_at(doc, line, byte).filter(|t| !t.fields.is_empty())?;
        let marker = doc.analysis().outline.sections.get(task.section).and_then(|s| s.marker);
        Some((task_hover(&task), marker.unwrap_or_default().at_line(task.line)))
    };
    let row = || {
        let row = table_row_at(doc, line).filter(|r| !r.fields.is_empty())?;
        Some((table_row_hover(&row), Span::new(0, line_len(doc.rope(), line)).at_line(line)))
    };
    let quantity = || Some((quantity_hover(doc, line, byte)?, Span::new(byte, byte).at_line(line)));
    task().or_else(row).or_else(quantity).map(|(markdown, at)| Hovered::Other(markdown, at))
}

/// The hover for a quantity that is not an indicator statement: its value in base units.
pub fn quantity_hover(doc: &Document, line: usize, byte: usize) -> Option<String> {
    let block = doc.blocks().get(line)?;
    let q = block.syntax.quantities().iter().find(|q| {
        let s = q.span();
        (s.start()..=s.end()).contains(&byte)
    })?;
    let multiplier = q.multiplier().map(|m| m.1)?;
    let unit = q.unit().map_or("", |u| u.1.text);
    let value = q.value * multiplier;
    let written = doc.span_text(q.span().at_line(line));
    Some(format!("{written} = {value:.0} {unit}"))
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn values_in_base_units_read_as_written() {
        assert_eq!(readable(4.8e10, "元"), "480亿元");
        assert_eq!(readable(1.26e14, "元"), "126万亿元");
        assert_eq!(readable(3.139e10, "元"), "313.9亿元");
        assert_eq!(readable(5e4, "台"), "5万台");
        assert_eq!(readable(120.0, "家"), "120家");
        assert_eq!(readable(7.5, "%"), "7.5%");
        assert_eq!(readable(0.2, "个百分点"), "0.2个百分点");
    }
}
