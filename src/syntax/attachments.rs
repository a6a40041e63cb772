//! What a paragraph says of a document's attachments (GB/T 9704-2012 §7.3.4): the 附件说明
//! that lists them (`附件：1.…`, the next items on the lines after), and references to one in
//! the text (`详见附件3`).

use std::sync::LazyLock;

use compact_str::CompactString;
use regex::Regex;

use super::markers::{Marker, MarkerFamily};
use crate::text::Span;

/// `附件3`, `附件1—3`, `附件2、附件4`: the numbers after the label, each with its place.
static REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("附件([0-9]{1,2})((?:[、和及至到—~-](?:附件)?[0-9]{1,2})*)").expect("static regex"));
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new("[0-9]{1,2}").expect("static regex"));

/// A reference to attachment `number` at `span` (the number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentRef {
    pub number: u32,
    pub span: Span,
}

/// Whether the paragraph opens the list of attachments: `附件：1.关于…` (an appendix label with
/// no number, then the first numbered name).
pub fn opens_list(line: &str, marker: Option<&Marker>) -> bool {
    let Some(m) = marker.filter(|m| m.family == MarkerFamily::Appendix && m.number == 0 && !m.span.is_empty()) else {
        return false;
    };
    let rest = &line[m.span.end()..];
    line[m.span.range()].contains(['：', ':']) && (rest.starts_with("1.") || rest.starts_with("1．"))
}

/// The references to attachments of this document in a paragraph. A label that opens the
/// paragraph is the attachment's own (`附件2`), and one right after a cited title or document
/// number is that document's (`《…的通知》附件3`, `〔2024〕5号文附件1`).
pub fn references(line: &str, marker: Option<&Marker>) -> Vec<AttachmentRef> {
    if !line.contains("附件") {
        return Vec::new();
    }
    let own = marker.filter(|m| m.family == MarkerFamily::Appendix).map(|m| m.span);
    let mut out = Vec::new();
    for c in super::captures_of(&REFERENCE, line) {
        let Some(whole) = c.get(0) else { continue };
        if own.is_some_and(|s| s.contains(whole.start())) {
            continue;
        }
        let before = line[..whole.start()].trim_end_matches('的');
        if before.ends_with('》')
            || before.ends_with('号')
            || before.ends_with("号文")
            || super::in_title(line, whole.start())
        {
            continue;
        }
        for n in NUMBER.find_iter(whole.as_str()) {
            if let Ok(number) = n.as_str().parse() {
                let at = whole.start() + n.start();
                out.push(AttachmentRef { number, span: Span::new(at, at + n.len()) });
            }
        }
    }
    out
}

/// The mark that ends a line of one sentence (`关于…的通知。`, `…实施方案；`): an attachment's
/// name takes none (GB/T 9704 §7.3.4). A line of several sentences is prose, not a name.
pub fn closing_mark(line: &str) -> Option<Span> {
    let text = line.trim_end();
    let mark = text.chars().next_back().filter(|c| matches!(c, '。' | '；' | '，' | '、' | '.' | ';' | ','))?;
    let end = text.len();
    let start = end - mark.len_utf8();
    (!text[..start].contains(['。', '；'])).then(|| Span::new(start, end))
}

/// The words a document's name ends with (`…实施方案`, `…一览表`, `…的通知`).
const KINDS: &[&str] = &[
    "方案", "办法", "清单", "表", "通知", "意见", "计划", "要点", "细则", "规定", "目录", "制度", "指南", "标准",
    "说明", "报告", "函", "纪要", "规则", "章程", "安排", "汇编", "模板", "格式", "书", "单", "图", "册", "要求",
    "措施", "分工", "职责", "流程", "规范", "守则", "决定", "批复", "通报", "公告", "须知", "简介", "情况", "一览",
];

/// A line that reads as a document's name (`1.2026年重点项目清单`, `关于开展检查的实施方案`):
/// the name without its marker, spaces, 《》 or a closing mark, and where it is. What
/// `attachment.title` compares between the 附件说明 and an attachment's own title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub span: Span,
    pub text: CompactString,
}

pub fn name(line: &str, marker: Option<&Marker>, lists: bool) -> Option<Name> {
    let mut start = marker.map_or(0, |m| m.span.end());
    if lists {
        let rest = &line[start..];
        start += rest.len() - rest.trim_start_matches("1.").trim_start_matches("1．").len();
    }
    let rest = &line[start..];
    let trimmed = rest.trim_start();
    let start = start + rest.len() - trimmed.len();
    let end = start + trimmed.trim_end().len();
    let raw = &line[start..end];
    if raw.len() > 240 {
        return None;
    }
    // Most lines are prose: told apart before anything is copied.
    let core = raw.trim_end_matches(['。', '；', '，', '、', '.', ';', ',', '》']);
    let plain = !core.contains(['。', '；', '，', '：', ':', ';', ',', '？', '！', '?', '!']);
    if !plain || !KINDS.iter().any(|k| core.ends_with(k)) {
        return None;
    }
    let text: CompactString = core.chars().filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》')).collect();
    (4..=60).contains(&text.chars().count()).then(|| Name { span: Span::new(start, end), text })
}
