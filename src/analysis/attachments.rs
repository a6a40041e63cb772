//! The 附件说明 (GB/T 9704-2012 §7.3.4, `附件：1.… 2.…`): `attachment.missing` — the text
//! refers to an attachment (`详见附件3`) the list does not have (only drafts that carry their
//! list speak: without it the attachments may be listed elsewhere); `attachment.punctuation`
//! — a name in the list ends with a mark (`2.关于…的通知。`), which names take none of.

use super::diagnostic::Diagnostic;
use crate::syntax::markers::MarkerFamily;
use crate::syntax::{BlockSyntax, Outline};

pub fn check_document<B: AsRef<BlockSyntax>>(blocks: &[B], outline: &Outline, out: &mut Vec<Diagnostic>) {
    let Some(head_line) = blocks.iter().position(|b| b.as_ref().lists_attachments()) else { return };
    let Some(head) = outline.first_on_line(head_line) else { return };
    // The list's first name is on the head's line; the next are the numbered items under it.
    let listed = outline
        .children(head)
        .filter_map(|c| {
            let s = &outline.sections[c];
            (s.family == Some(MarkerFamily::Level3)).then_some(s.number).flatten()
        })
        .fold(1, u32::max);
    // The attachments the draft carries after its body (`附件3` alone on its line).
    let carried = outline
        .sections
        .iter()
        .filter(|s| s.family == Some(MarkerFamily::Appendix))
        .filter_map(|s| s.number)
        .fold(0, u32::max);
    let known = listed.max(carried);
    let names = std::iter::once(head_line).chain(outline.children(head).filter_map(|c| {
        let s = &outline.sections[c];
        (s.family == Some(MarkerFamily::Level3)).then(|| s.line())
    }));
    for line in names {
        if let Some(mark) = blocks.get(line).and_then(|b| b.as_ref().closing_mark()) {
            out.push(
                Diagnostic::new(
                    "attachment.punctuation",
                    mark.at_line(line),
                    "附件名称后不加标点符号（GB/T 9704-2012 §7.3.4）。",
                )
                .with_replacement(""),
            );
        }
    }
    let label = outline.sections[head].marker.unwrap_or_default().at_line(head_line);
    for (line, block) in blocks.iter().enumerate() {
        if outline.fenced.get(line).copied().unwrap_or(false) {
            continue;
        }
        for r in block.as_ref().attachment_refs() {
            if r.number == 0 || r.number > known {
                out.push(
                    Diagnostic::new(
                        "attachment.missing",
                        r.span.at_line(line),
                        format!("文中引用了附件{}，但附件说明只列了{known}个附件，请核对附件序号。", r.number),
                    )
                    .with_related(label, "附件说明"),
                );
            }
        }
    }
}
