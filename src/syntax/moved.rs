//! A block parse carried past an edit of its line: every span moved as the edit moves the
//! text around it. If the carried parse equals the parse of the edited line, the edit changed
//! nothing but positions, and the document-wide results need only their spans on that line
//! moved (see `analysis::incremental`).
//!
//! Spans fall in two kinds. Exact spans (markers, quantities, statements, counts) must lie
//! wholly before or after the edit. Extents (a heading's title, a paragraph's first
//! sentence, an item's or a statement's sentence) may hold the edit and grow with it: typing
//! inside a sentence or a title is the commonest keystroke, and no document-wide pass reads
//! their text (the outline takes them from the new parse; features read them on demand).

use std::sync::Arc;

use super::block::BlockSyntax;
use super::task_table::TableLine;
use crate::text::{LineEdit, Span};

/// `block` with its spans carried past `edit`; `None` if the edit reaches into an exact span.
pub fn moved(block: &BlockSyntax, edit: &LineEdit) -> Option<BlockSyntax> {
    let exact = |s: &mut Span| edit.moved(*s).map(|m| *s = m);
    let extent = |s: &mut Span| edit.stretched(*s).map(|m| *s = m);
    let mut b = block.clone();
    if let Some(m) = &mut b.marker {
        exact(&mut m.span)?;
    }
    // A heading without a title takes the next paragraph's: emptiness is structure.
    if b.title.is_empty() {
        exact(&mut b.title)?;
    } else {
        extent(&mut b.title)?;
        if b.title.is_empty() {
            return None;
        }
    }
    extent(&mut b.lead)?;
    if let Some(parts) = b.parts_mut() {
        for item in &mut parts.items {
            exact(&mut item.marker)?;
            extent(&mut item.text)?;
        }
        for q in &mut parts.quantities {
            q.move_spans(exact)?;
        }
        for s in &mut parts.statements {
            let s = Arc::make_mut(s);
            exact(&mut s.span)?;
            if let Some(name) = &mut s.name {
                exact(name)?;
            }
            extent(&mut s.sentence)?;
        }
    }
    if let Some(rare) = b.rare_mut() {
        if let Some(a) = &mut rare.announced {
            exact(&mut a.span)?;
        }
        for l in &mut rare.listed {
            exact(&mut l.span)?;
            exact(&mut l.list)?;
        }
        for r in &mut rare.attachment_refs {
            exact(&mut r.span)?;
        }
        for d in &mut rare.deadlines {
            exact(&mut d.span)?;
        }
        if let Some(d) = &mut rare.dateline {
            exact(&mut d.span)?;
        }
        if let Some(n) = &mut rare.name {
            exact(&mut n.span)?;
        }
        for w in &mut rare.weekdays {
            exact(&mut w.span)?;
        }
        if let Some(m) = &mut rare.closing_mark {
            exact(m)?;
        }
        for c in &mut rare.citations {
            exact(&mut c.title_span)?;
            exact(&mut c.number_span)?;
        }
        if let Some(d) = &mut rare.decimal_like {
            exact(&mut d.marker.span)?;
            extent(&mut d.title)?;
        }
        // The ledger reads the fields' text: an edit inside one changes what it says.
        for g in &mut rare.fields {
            exact(&mut g.span)?;
            for f in &mut g.fields {
                exact(&mut f.label)?;
                exact(&mut f.value)?;
                if let Some(d) = &mut f.date {
                    exact(&mut d.span)?;
                }
                for u in &mut f.units {
                    exact(&mut u.span)?;
                }
            }
        }
        if let Some(TableLine::Row(row)) = &mut rare.table {
            extent(&mut row.span)?;
            for c in &mut row.cells {
                exact(&mut c.span)?;
                if let Some(d) = &mut c.date {
                    exact(&mut d.span)?;
                }
                for u in &mut c.units {
                    exact(&mut u.span)?;
                }
            }
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse_block, DocumentKind};

    fn parse(line: &str) -> BlockSyntax {
        parse_block(line, DocumentKind::PlainText, &[])
    }

    /// The edit that turns `before` into `after` (one differing run).
    fn edit(before: &str, after: &str) -> LineEdit {
        let at: usize = before.chars().zip(after.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
        let tail: usize = before[at..]
            .chars()
            .rev()
            .zip(after[at..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        LineEdit { at, removed: before.len() - at - tail, inserted: after.len() - at - tail }
    }

    fn only_moved(before: &str, after: &str) -> bool {
        moved(&parse(before), &edit(before, after)).is_some_and(|m| m == parse(after))
    }

    #[test]
    fn typing_inside_a_sentence_only_moves_spans() {
        assert!(only_moved(
            "（一）推进产业升级。全年地区生产总值增长7%，固定资产投资达到480亿元。",
            "（一）推进产业升级。今年全年地区生产总值增长7%，固定资产投资达到480亿元。"
        ));
        assert!(only_moved("一是加强组织领导，二是强化督查考核。", "一是切实加强组织领导，二是强化督查考核。"));
        assert!(only_moved("（一）推进产业升级。", "（一）推进产业转型升级。"));
        assert!(only_moved("二、完善科技创新平台体系", "二、完善科技新创新平台体系"));
    }

    #[test]
    fn edits_that_change_the_parse_are_told_apart() {
        // Into a number, a marker; a title that starts to name a year.
        assert!(!only_moved("地区生产总值增长7%。", "地区生产总值增长7.5%。"));
        assert!(!only_moved("1、推进改革", "1.推进改革"));
        assert!(!only_moved("（一）推进产业升级", "（一）2025年推进产业升级"));
        // The area a figure is of (the city's output, not the zone's).
        assert!(!only_moved("全年地区生产总值增长7%。", "全年全市地区生产总值增长7%。"));
        // A heading gains or loses its title (an untitled one takes the next paragraph's).
        assert!(!only_moved("一、", "一、一、"));
        assert!(!only_moved("一、甲", "一、"));
        // A new statement.
        assert!(!only_moved("全年达到。", "全年达到5亿元。"));
    }
}
