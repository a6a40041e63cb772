//! Count rules: `count.listed` (per paragraph) and `count.announced` (a lead-in against the
//! items that follow it).

use rustc_hash::FxHashMap as HashMap;

use super::check::{DocumentCheck, DocumentContext, LineCheck, LineContext};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::{BlockSyntax, Outline, SectionKind};

/// `count.listed`: `A、B、C、D三大产业`. Findings at line 0; the caller moves them.
pub fn check_block(block: &BlockSyntax, out: &mut Vec<Diagnostic>) {
    for l in block.listed() {
        let wrong = if l.open_ended { l.items > l.count } else { l.items != l.count };
        if !wrong {
            continue;
        }
        let message = if l.open_ended {
            format!("前面列出了{}项，多于所说的{}项；“等”只能表示还有未列出的。", l.items, l.count)
        } else {
            format!("前面列出了{}项，与所说的{}项不符，请核对数目或所列事项。", l.items, l.count)
        };
        out.push(
            Diagnostic::new(RuleId::CountListed, l.span.at_line(0), message)
                .with_related(l.list.at_line(0), "所列事项"),
        );
    }
}

/// `count.announced`: `以下五个方面工作：` followed by four sections. Only speaks when the
/// very next paragraph starts the items (a run of headings or an inline enumeration).
pub fn check_document<B: AsRef<BlockSyntax>>(blocks: &[B], outline: &Outline, out: &mut Vec<Diagnostic>) {
    // The members of each run, built once and only if something is announced.
    let mut runs: Option<HashMap<u32, Vec<usize>>> = None;
    for (line, block) in blocks.iter().map(AsRef::as_ref).enumerate() {
        let Some(announced) = block.announced() else { continue };
        if outline.fenced.get(line).copied().unwrap_or(false) {
            continue;
        }
        let Some(next) = (line + 1..blocks.len()).find(|&l| !blocks[l].as_ref().blank) else { continue };
        let Some(first) = outline.first_on_line(next) else { continue };
        let starts_items = match outline.sections[first].kind {
            // Markdown headings without markers are not a numbered list to count.
            SectionKind::Heading => outline.sections[first].family.is_some(),
            // An inline enumeration counts only if it opens the paragraph.
            SectionKind::Item(_) => {
                outline.sections[first].marker.map(|m| m.start()) == Some(blocks[next].as_ref().lead.start())
            }
        };
        if !starts_items {
            continue;
        }
        let runs = runs.get_or_insert_with(|| {
            let mut map: HashMap<u32, Vec<usize>> = HashMap::default();
            for (i, s) in outline.sections.iter().enumerate() {
                map.entry(s.sequence).or_default().push(i);
            }
            map
        });
        let run: Vec<usize> = runs
            .get(&outline.sections[first].sequence)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&i| i >= first)
            .collect();
        let found = run.len() as u32;
        if found == announced.count {
            continue;
        }
        let mut d = Diagnostic::new(
            RuleId::CountAnnounced,
            announced.span.at_line(line),
            format!("此处预告{}项，其后实际列出{}项，请核对。", announced.count, found),
        );
        let ends = if run.len() > 1 {
            vec![(run[0], "第一项"), (run[run.len() - 1], "最后一项")]
        } else {
            vec![(run[0], "第一项")]
        };
        for (i, label) in ends {
            let s = &outline.sections[i];
            if let Some(m) = s.marker {
                d = d.with_related(m.at_line(s.line()), label);
            }
        }
        out.push(d);
    }
}

/// The count checks: lists against their count on a line, announced counts over the document.
pub struct Counts;

impl LineCheck for Counts {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.syntax, out);
    }
}

impl DocumentCheck<DocumentContext<'_>> for Counts {
    fn check(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        check_document(cx.blocks, cx.outline, out);
    }
}
