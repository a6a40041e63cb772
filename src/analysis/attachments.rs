//! `attachment.missing` (GB/T 9704-2012 §7.3.4): the text refers to an attachment
//! (`详见附件3`) that the 附件说明 does not list (`附件：1.… 2.…`). Only drafts that carry
//! their list speak: without it the attachments may be listed elsewhere.

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
