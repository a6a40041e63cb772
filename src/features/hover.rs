//! Hover over an indicator (its name or one of its values): every target stated for it in
//! this draft and in the other drafts of the workspace, with the verdict of the checks.
//! Over any other quantity: its value in base units. Markdown, no LSP types.

use crate::analysis::targets::Target;
use crate::document::Document;
use crate::features::workspace::{DraftSummary, StatementSummary};

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

/// `3.3e9 元` in readable digits: `3300000000 元`.
fn normalised(s: &StatementSummary) -> String {
    let v = s.base_value;
    let shown = if v.fract() == 0.0 && v.abs() < 1e15 { format!("{v:.0}") } else { format!("{v}") };
    format!("{shown} {}", s.base_unit)
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
        .filter(|d| d.code().starts_with("target.") && lines.contains(&d.range().line))
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
