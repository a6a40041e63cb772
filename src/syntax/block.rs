//! The parse of one paragraph (one line): everything the document-wide passes need, with
//! spans relative to the line so the parse survives edits elsewhere.

use super::counts::{parse_announced, parse_listed, AnnouncedCount, ListedCount};
use super::enumerations::{parse_items, EnumItem};
use super::markers::{parse_marker, Marker};
use super::quantities::{parse_quantities, Quantity};
use crate::text::Span;

/// Whether `#` lines are Markdown headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocumentKind {
    #[default]
    PlainText,
    Markdown,
}

impl DocumentKind {
    /// The kind for a file name: `.md`/`.markdown` are Markdown, everything else plain text.
    pub fn from_path(path: &str) -> Self {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            DocumentKind::Markdown
        } else {
            DocumentKind::PlainText
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BlockSyntax {
    /// Nothing but white space.
    pub blank: bool,
    /// `#`…`######`: the Markdown heading level.
    pub heading_level: Option<u8>,
    /// A ``` or ~~~ line (Markdown code fences switch parsing off until the next one).
    pub fence: bool,
    pub marker: Option<Marker>,
    /// The heading's title: after the marker up to the first `。` `：` `:`; the whole text of
    /// a Markdown heading. Empty for a marker alone on its line and for body paragraphs.
    pub title: Span,
    /// The paragraph's first sentence (up to `。` `：` `:`), whatever the paragraph is.
    pub lead: Span,
    pub items: Vec<EnumItem>,
    pub announced: Option<AnnouncedCount>,
    pub listed: Vec<ListedCount>,
    pub quantities: Vec<Quantity>,
    /// A Markdown `<!-- workplan-… -->` comment on this line.
    pub directive: Option<Directive>,
}

/// Inline suppression comments (Markdown only); an empty list means every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    DisableNextLine(Vec<String>),
    Disable(Vec<String>),
    Enable(Vec<String>),
}

/// `<!-- workplan-disable-next-line numbering.gap unit.space -->`
fn parse_directive(content: &str) -> Option<Directive> {
    let inner = content.trim().strip_prefix("<!--")?.trim_end().strip_suffix("-->")?.trim();
    let mut words = inner.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
    let kind = words.next()?;
    let codes = words.map(str::to_string).collect();
    match kind {
        "workplan-disable-next-line" => Some(Directive::DisableNextLine(codes)),
        "workplan-disable" => Some(Directive::Disable(codes)),
        "workplan-enable" => Some(Directive::Enable(codes)),
        _ => None,
    }
}

impl BlockSyntax {
    /// A heading opens a section: a structure marker or a Markdown heading.
    pub fn is_heading(&self) -> bool {
        self.marker.is_some() || self.heading_level.is_some()
    }
}

impl AsRef<BlockSyntax> for BlockSyntax {
    fn as_ref(&self) -> &BlockSyntax {
        self
    }
}

fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

fn ends_title(c: char) -> bool {
    matches!(c, '。' | '：' | ':')
}

/// Parses one line's text (without its line break).
pub fn parse_block(line: &str, kind: DocumentKind) -> BlockSyntax {
    let mut at = line.len() - line.trim_start_matches(is_indent).len();
    if at == line.len() {
        return BlockSyntax { blank: true, ..BlockSyntax::default() };
    }
    let mut block = BlockSyntax::default();
    if kind == DocumentKind::Markdown {
        let rest = &line[at..];
        if rest.starts_with("```") || rest.starts_with("~~~") {
            block.fence = true;
            return block;
        }
        if rest.starts_with("<!--") {
            block.directive = parse_directive(rest);
            return block;
        }
        let hashes = rest.bytes().take_while(|&b| b == b'#').count();
        let after = &rest[hashes..];
        if (1..=6).contains(&hashes) && (after.is_empty() || after.starts_with([' ', '\t'])) {
            block.heading_level = Some(hashes as u8);
            at += hashes;
            at = line.len() - line[at..].trim_start_matches(is_indent).len();
        }
    }
    block.lead = Span::new(at, line[at..].find(ends_title).map_or(line.trim_end().len(), |i| at + i));
    block.marker = parse_marker(line, at);
    let title_start = match &block.marker {
        Some(m) => m.span.end + (line[m.span.end..].len() - line[m.span.end..].trim_start_matches(is_indent).len()),
        None => at,
    };
    if block.is_heading() {
        let title_end = if block.heading_level.is_some() {
            line.trim_end().len().max(title_start)
        } else {
            line[title_start..].find(ends_title).map_or(line.trim_end().len(), |i| title_start + i)
        };
        block.title = Span::new(title_start, title_end.max(title_start));
    }
    block.items = parse_items(line, block.title.end.max(at));
    block.announced = parse_announced(line);
    block.listed = parse_listed(line, title_start);
    block.quantities = parse_quantities(line);
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::markers::MarkerFamily;

    fn text(line: &str, s: Span) -> &str {
        &line[s.start..s.end]
    }

    #[test]
    fn run_in_heading_title_and_items() {
        let line = "  （一）壮大创新主体。一是实施高企倍增计划；二是培育专精特新企业。";
        let b = parse_block(line, DocumentKind::PlainText);
        assert_eq!(b.marker.as_ref().unwrap().family, MarkerFamily::Level2);
        assert_eq!(text(line, b.title), "壮大创新主体");
        assert_eq!(b.items.len(), 2);
    }

    #[test]
    fn markdown_heading_with_a_marker() {
        let line = "### （一）推动制造业高质量发展";
        let b = parse_block(line, DocumentKind::Markdown);
        assert_eq!(b.heading_level, Some(3));
        assert_eq!(text(line, b.marker.as_ref().unwrap().span), "（一）");
        assert_eq!(text(line, b.title), "推动制造业高质量发展");
        // The same line in plain text is not a heading.
        assert!(!parse_block(line, DocumentKind::PlainText).is_heading());
    }

    #[test]
    fn blank_and_fence_lines() {
        assert!(parse_block(" \u{3000}\t", DocumentKind::PlainText).blank);
        assert!(parse_block("```text", DocumentKind::Markdown).fence);
    }
}
