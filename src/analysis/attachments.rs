//! The 附件说明 (GB/T 9704-2012 §7.3.4, `附件：1.… 2.…`): `attachment.missing` — the text
//! refers to an attachment (`详见附件3`) the list does not have (only drafts that carry their
//! list speak: without it the attachments may be listed elsewhere); `attachment.punctuation`
//! — a name in the list ends with a mark (`2.关于…的通知。`), which names take none of;
//! `attachment.title` — an attachment carried after the body (`附件2` alone on its line,
//! then its title) is titled otherwise than the list names it. Only a title that reads as a
//! name and is close to the listed one (or is another listed one) is compared: a form may
//! follow its label without a title, and a long title may be broken over two lines.

use super::check::{DocumentCheck, DocumentContext};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::attachments::Name;
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
                    RuleId::AttachmentPunctuation,
                    mark.at_line(line),
                    "附件名称后不加标点符号（GB/T 9704-2012 §7.3.4）。",
                )
                .with_replacement(""),
            );
        }
    }
    check_titles(blocks, outline, head, head_line, out);
    let label = outline.sections[head].marker.unwrap_or_default().at_line(head_line);
    for (line, block) in blocks.iter().enumerate() {
        if outline.fenced.get(line).copied().unwrap_or(false) {
            continue;
        }
        for r in block.as_ref().attachment_refs() {
            if r.number == 0 || r.number > known {
                out.push(
                    Diagnostic::new(
                        RuleId::AttachmentMissing,
                        r.span.at_line(line),
                        format!("文中引用了附件{}，但附件说明只列了{known}个附件，请核对附件序号。", r.number),
                    )
                    .with_related(label, "附件说明"),
                );
            }
        }
    }
}

/// `attachment.title`: each attachment carried after the list (`附件2`, its title on the
/// same line or the next) against the name the list gives it.
fn check_titles<B: AsRef<BlockSyntax>>(
    blocks: &[B],
    outline: &Outline,
    head: usize,
    head_line: usize,
    out: &mut Vec<Diagnostic>,
) {
    let name_on = |line: usize| blocks.get(line).and_then(|b| b.as_ref().name());
    // Number → (name, line) of each name in the list.
    let mut listed: Vec<(u32, &Name, usize)> = name_on(head_line).map(|n| (1, n, head_line)).into_iter().collect();
    for c in outline.children(head) {
        let s = &outline.sections[c];
        if let (Some(MarkerFamily::Level3), Some(n)) = (s.family, s.number) {
            if let Some(name) = name_on(s.line()) {
                listed.push((n, name, s.line()));
            }
        }
    }
    if listed.len() < 2 {
        return;
    }
    for s in outline.sections.iter().filter(|s| s.family == Some(MarkerFamily::Appendix) && s.line() > head_line) {
        let Some(n) = s.number else { continue };
        let Some(&(_, listed_name, listed_line)) = listed.iter().find(|(k, _, _)| *k == n) else { continue };
        let line = s.line();
        // The title on the label's line (`附件2：…`), else the next paragraph.
        let title = match name_on(line) {
            Some(t) => Some((t, line)),
            None => {
                let next = (line + 1..blocks.len()).find(|&l| !blocks[l].as_ref().blank);
                let is_label = next.is_some_and(|l| {
                    outline.first_on_line(l).is_some_and(|k| outline.sections[k].family == Some(MarkerFamily::Appendix))
                });
                next.filter(|_| !is_label).and_then(|l| name_on(l).map(|t| (t, l)))
            }
        };
        let Some((title, title_line)) = title else { continue };
        let (a, b) = (listed_name.text.as_str(), title.text.as_str());
        if a.contains(b) || b.contains(a) {
            continue;
        }
        let other = listed.iter().find(|(k, name, _)| *k != n && name.text == title.text);
        let message = match other {
            Some((m, _, _)) => format!(
                "附件说明中附件{n}的名称是“{a}”，此处附件{n}的标题“{b}”是附件说明中附件{m}的名称，请核对附件序号。"
            ),
            None if similarity(a, b) >= 0.6 => {
                format!("附件说明中附件{n}的名称是“{a}”，此处附件{n}的标题是“{b}”，两处不一致，请核对。")
            }
            None => continue,
        };
        out.push(
            Diagnostic::new(RuleId::AttachmentTitle, title.span.at_line(title_line), message)
                .with_related(listed_name.span.at_line(listed_line), "附件说明中的名称"),
        );
    }
}

/// How alike two names are: twice their longest common subsequence of characters over
/// their total length (1 when equal, 0 when they share no character in order).
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut row = vec![0usize; b.len() + 1];
    for x in &a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    2.0 * row[b.len()] as f64 / (a.len() + b.len()) as f64
}

/// The attachment checks, over the document.
pub struct Attachments;

impl DocumentCheck<DocumentContext<'_>> for Attachments {
    fn check(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        check_document(cx.blocks, cx.outline, out);
    }
}
