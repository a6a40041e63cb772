//! The parse of one paragraph (one line): everything the document-wide passes need, with
//! spans relative to the line so the parse survives edits elsewhere.

use super::attachments::{self, AttachmentRef};
use super::citations::{parse_citations, Citation};
use super::counts::{parse_announced, parse_listed, AnnouncedCount, ListedCount};
use super::datelines::{parse_dateline, Dateline};
use super::deadlines::{parse_deadlines, Deadline};
use super::enumerations::{parse_items, EnumItem};
use super::indicators::simplify;
use super::indicators::UserIndicator;
use super::markers::{parse_decimal_like, parse_marker, Marker};
use super::parts::{self, Signal};
use super::quantities::{parse_quantities, Quantity};
use super::targets::{parse_statements, Statement};
use super::task_fields::{parse_field_groups, FieldGroup};
use super::task_table::{parse_table_line, TableLine};
use super::weekdays::{parse_yearless_weekdays, YearlessWeekday};

use std::sync::{Arc, LazyLock};

use crate::text::Span;
use regex::Regex;

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
    /// Inline: sixteen bytes, and most lines of a plan have one (boxed, it took an
    /// allocation of 32 bytes each).
    pub marker: Option<Marker>,
    /// The heading's title: after the marker up to the first `。` `：` `:`; the whole text of
    /// a Markdown heading. Empty for a marker alone on its line and for body paragraphs.
    pub title: Span,
    /// The paragraph's first sentence (up to `。` `：` `:`), whatever the paragraph is.
    pub lead: Span,
    /// Items, quantities and statements, which most lines lack (see [`Parts`]); `None`
    /// exactly when all are empty.
    parts: Option<Box<Parts>>,
    /// Told in the past or by the speaker (`了`, `我们`): a review, in a speech.
    pub narrative: bool,
    /// What few lines have; `None` exactly when all of it is empty (so that equal parses
    /// compare equal).
    rare: Option<Box<Rare>>,
}

/// What a line enumerates and quantifies, boxed together: most lines have none of it, and
/// inline it cost every line 48 bytes (5 MB in a 10 MB draft).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parts {
    pub items: Box<[EnumItem]>,
    pub quantities: Box<[Quantity]>,
    /// Indicator statements (`地区生产总值达到480亿元`), shared with the analysis so a
    /// keystroke's document-wide pass does not copy them.
    pub statements: Box<[Arc<Statement>]>,
}

/// The parts of a line's parse that few lines have, boxed together: there is one
/// [`BlockSyntax`] per line, and inline they cost every line 52 bytes (6 MB on a 10 MB draft).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rare {
    pub announced: Option<AnnouncedCount>,
    pub listed: Box<[ListedCount]>,
    /// A Markdown `<!-- workplan-… -->` comment on this line.
    pub directive: Option<Directive>,
    /// What this line says about the part it opens: a review or a plan, of which period
    /// (see [`super::parts`]).
    pub signal: Option<Signal>,
    /// The year of a document title (`某某高新区2024年工作要点`) or dateline
    /// (`——2026年1月27日在…会议上`).
    pub title_year: Option<i32>,
    /// A start that reads as a decimal but may be a marker (`12.2025年度十件实事`).
    pub decimal_like: Option<DecimalLike>,
    /// References to the document's attachments (`详见附件3`).
    pub attachment_refs: Box<[AttachmentRef]>,
    /// The paragraph opens the list of attachments (`附件：1.…`).
    pub lists_attachments: bool,
    /// Deadlines it sets (`于2025年11月底前完成`).
    pub deadlines: Box<[Deadline]>,
    /// Documents it cites by title and number (`《…》（苏政发〔2024〕5号）`).
    pub citations: Box<[Citation]>,
    /// The mark a one-sentence heading ends with (`2.关于…的通知。`): wrong after an
    /// attachment's name (see [`attachments::closing_mark`]).
    pub closing_mark: Option<Span>,
    /// A date alone (`2026年1月5日`): the dateline, if it ends the body.
    pub dateline: Option<Dateline>,
    /// 任务分解 fields: `牵头单位：区科技局`, `（牵头单位：…；完成时限：…）`.
    pub fields: Box<[FieldGroup]>,
    /// The line as a line of a task table: its header or one of its rows (see
    /// [`super::task_table`]).
    pub table: Option<TableLine>,
    /// Dates without their year that name a weekday (`3月5日（星期四）`).
    pub weekdays: Box<[YearlessWeekday]>,
    /// The line reads as a document's name (see [`attachments::name`]).
    pub name: Option<attachments::Name>,
    /// The line reads as the issuer's name or the closing formula above a dateline.
    pub signs: bool,
}

/// A line that opens with what reads as a decimal but may be a marker followed by a title
/// that starts with a digit (`12.2025年度十件实事`): the marker and the title it would have.
/// The outline decides (see [`parse_decimal_like`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecimalLike {
    pub marker: Marker,
    pub title: Span,
}

static YEAR_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| Regex::new("(20[0-9]{2})年").expect("static regex"));
/// `——2026年1月27日在福建省第十四届人民代表大会…`: the day a report was given.
static DATELINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[—－-]*\\s*((?:19|20)[0-9]{2})年[0-9]{1,2}月[0-9]{1,2}日在").expect("static regex"));
const TITLE_WORDS: &[&str] =
    &["工作要点", "工作计划", "工作报告", "工作会议", "要点", "计划", "報告", "要點", "計劃", "工作會議"];

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&YEAR_IN_TEXT, &DATELINE];

/// The latest year a title names (`2024年工作总结和2025年工作计划` is the 2025 plan).
fn latest_year(text: &str) -> Option<i32> {
    YEAR_IN_TEXT.captures_iter(text).filter_map(|c| c.get(1)?.as_str().parse().ok()).max()
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

    /// `以下五个方面`: a count announcing what follows.
    pub fn announced(&self) -> Option<&AnnouncedCount> {
        self.rare.as_ref()?.announced.as_ref()
    }

    /// `A、B、C三大产业`: lists with their count.
    pub fn listed(&self) -> &[ListedCount] {
        self.rare.as_ref().map_or(&[], |r| &r.listed)
    }

    /// A Markdown `<!-- workplan-… -->` comment on this line.
    pub fn directive(&self) -> Option<&Directive> {
        self.rare.as_ref()?.directive.as_ref()
    }

    /// What this line says about the part it opens (see [`super::parts`]).
    pub fn signal(&self) -> Option<&Signal> {
        self.rare.as_ref()?.signal.as_ref()
    }

    /// The year of a document title (`某某高新区2024年工作要点`).
    pub fn title_year(&self) -> Option<i32> {
        self.rare.as_ref()?.title_year
    }

    /// The marker and title of the heading this line opens: its own if it is a heading;
    /// else, for a line that opens with what reads as a decimal (`12.2025年度十件实事`),
    /// those the outline gives it where it takes that start for a marker.
    pub fn heading_parts(&self) -> Option<(Option<&Marker>, Span)> {
        if self.is_heading() {
            return Some((self.marker.as_ref(), self.title));
        }
        self.decimal_like().map(|d| (Some(&d.marker), d.title))
    }

    /// A start that reads as a decimal but may be a marker (`12.2025年度十件实事`).
    pub fn attachment_refs(&self) -> &[AttachmentRef] {
        self.rare.as_ref().map_or(&[], |r| &r.attachment_refs)
    }

    pub fn dateline(&self) -> Option<&Dateline> {
        self.rare.as_ref()?.dateline.as_ref()
    }

    pub fn closing_mark(&self) -> Option<Span> {
        self.rare.as_ref()?.closing_mark
    }

    pub fn citations(&self) -> &[Citation] {
        self.rare.as_ref().map_or(&[], |r| &r.citations)
    }

    pub fn deadlines(&self) -> &[Deadline] {
        self.rare.as_ref().map_or(&[], |r| &r.deadlines)
    }

    /// Dates without their year that name a weekday (see [`super::weekdays`]).
    pub fn yearless_weekdays(&self) -> &[YearlessWeekday] {
        self.rare.as_ref().map_or(&[], |r| &r.weekdays)
    }

    /// The document's name the line reads as, if it does (see [`attachments::name`]).
    pub fn name(&self) -> Option<&attachments::Name> {
        self.rare.as_ref()?.name.as_ref()
    }

    /// The issuer's name or the closing formula above a dateline (see [`super::datelines::signs`]).
    pub fn signs(&self) -> bool {
        self.rare.as_ref().is_some_and(|r| r.signs)
    }

    pub fn lists_attachments(&self) -> bool {
        self.rare.as_ref().is_some_and(|r| r.lists_attachments)
    }

    pub fn decimal_like(&self) -> Option<&DecimalLike> {
        self.rare.as_ref()?.decimal_like.as_ref()
    }

    /// 任务分解 fields on this line (see [`super::task_fields`]).
    pub fn field_groups(&self) -> &[FieldGroup] {
        self.rare.as_ref().map_or(&[], |r| &r.fields)
    }

    /// The line as a line of a task table, if it can be one.
    pub fn table_line(&self) -> Option<&TableLine> {
        self.rare.as_ref()?.table.as_ref()
    }

    /// Inline enumeration items (`一是…二是…`).
    pub fn items(&self) -> &[EnumItem] {
        self.parts.as_ref().map_or(&[], |p| &p.items)
    }

    /// Numbers with what follows them (units, percent signs).
    pub fn quantities(&self) -> &[Quantity] {
        self.parts.as_ref().map_or(&[], |p| &p.quantities)
    }

    /// Indicator statements (`地区生产总值达到480亿元`).
    pub fn statements(&self) -> &[Arc<Statement>] {
        self.parts.as_ref().map_or(&[], |p| &p.statements)
    }

    /// The items, quantities and statements, to move their spans (`syntax::moved`).
    pub(crate) fn parts_mut(&mut self) -> Option<&mut Parts> {
        self.parts.as_deref_mut()
    }

    /// The rare parts, to move their spans (`syntax::moved`).
    pub(crate) fn rare_mut(&mut self) -> Option<&mut Rare> {
        self.rare.as_deref_mut()
    }

    fn set_rare(&mut self, rare: Rare) {
        self.rare = boxed_unless_empty(rare);
    }
}

/// `parts` in a box, or `None` when they are all empty: so that a line without them costs
/// a pointer, and equal parses compare equal.
fn boxed_unless_empty<T: Default + PartialEq>(parts: T) -> Option<Box<T>> {
    (parts != T::default()).then(|| Box::new(parts))
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

/// Whether the line opens with a measured decimal (`2.5万家`, `3.5%`): then it is a number,
/// not a marker, even where a run of `N.` markers is open. A year after the point
/// (`12.2025年度十件实事`) is not a decimal's fraction.
fn opens_with_a_measure(line: &str, at: usize, quantities: &[Quantity]) -> bool {
    let Some(q) = quantities.first().filter(|q| q.number.start() == at) else { return false };
    let fraction = line[q.number.range()].split_once('.').map_or("", |(_, f)| f);
    let year = fraction.len() == 4
        && (fraction.starts_with("19") || fraction.starts_with("20"))
        && line[q.number.end()..].starts_with('年');
    (q.unit().is_some() || q.multiplier().is_some() || q.percent().is_some()) && !year
}

/// Parses one line's text (without its line break).
pub fn parse_block(line: &str, kind: DocumentKind, lexicon: &[UserIndicator]) -> BlockSyntax {
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
            block.set_rare(Rare { directive: parse_directive(rest), ..Rare::default() });
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
    block.lead = Span::new(at, line[at..].find(ends_title).map_or(line.trim_end().len(), |i| at + i).max(at));
    block.marker = parse_marker(line, at);
    let title_start = match &block.marker {
        Some(m) => {
            m.span.end() + (line[m.span.end()..].len() - line[m.span.end()..].trim_start_matches(is_indent).len())
        }
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
    let items: Box<[_]> = parse_items(line, block.title.end().max(at)).into();
    let mut rare = Rare {
        announced: parse_announced(line),
        listed: parse_listed(line, title_start).into(),
        fields: parse_field_groups(line).into(),
        table: parse_table_line(line),
        ..Rare::default()
    };
    let quantities = parse_quantities(line);
    if !block.is_heading() && !opens_with_a_measure(line, at, &quantities) {
        rare.decimal_like = parse_decimal_like(line, at).map(|marker| {
            let start = marker.span.end();
            let end = line[start..].find(ends_title).map_or(line.trim_end().len(), |i| start + i);
            DecimalLike { marker, title: Span::new(start, end.max(start)) }
        });
    }
    // The markers the statement reader blanks, for a line that may hold figures only.
    let markers: Vec<Span> = match quantities.is_empty() {
        true => Vec::new(),
        false => block.marker.iter().map(|m| m.span).chain(items.iter().map(|i| i.marker)).collect(),
    };
    let statements: Box<[_]> =
        parse_statements(line, &quantities, &markers, lexicon).into_iter().map(Arc::new).collect();
    // A numbered paragraph that states figures (`1.地区生产总值达到60132.9亿元、增长6%，符合预期
    // 目标。`) is no label of a part: what it says of its part is in its opening, as for any
    // paragraph, not in words anywhere in it.
    let labels_a_part = block.is_heading() && statements.is_empty();
    let parts = Parts { items, quantities: quantities.into(), statements };
    block.parts = boxed_unless_empty(parts);
    let content = line[at..].trim_end();
    rare.signal = if labels_a_part {
        let title = if block.title.is_empty() { content } else { &line[block.title.range()] };
        parts::of_heading(&simplify(title))
    } else {
        // What a paragraph says of its part is in its opening: its first few hundred bytes.
        let mut head = content.len().min(parts::OPENING_BYTES);
        while !content.is_char_boundary(head) {
            head -= 1;
        }
        let text = simplify(&content[..head]);
        let bare = (head == content.len()).then(|| parts::of_bare_heading(&text)).flatten();
        bare.or_else(|| parts::of_opening(&text))
    };
    block.narrative = content.contains('了') || content.contains("我们");
    // A title, not a numbered heading (`一、2023年工作计划执行情况` is a section).
    // (Short first: ten searches through every paragraph cost more than counting its characters.)
    if block.marker.is_none() && content.chars().count() <= 40 && TITLE_WORDS.iter().any(|w| content.contains(w)) {
        rare.title_year = latest_year(content);
    } else if let Some(caps) = DATELINE.captures(content) {
        rare.title_year = caps.get(1).and_then(|y| y.as_str().parse().ok());
    }
    // A title or dateline dates the document; it opens no part of it.
    if rare.title_year.is_some() {
        rare.signal = None;
    }
    rare.attachment_refs = attachments::references(line, block.marker.as_ref()).into();
    rare.lists_attachments = attachments::opens_list(line, block.marker.as_ref());
    let name_marker = block.marker.as_ref().or(rare.decimal_like.as_ref().map(|d| &d.marker));
    rare.name = attachments::name(line, name_marker, rare.lists_attachments);
    rare.deadlines = parse_deadlines(line).into();
    rare.citations = parse_citations(line).into();
    rare.dateline = parse_dateline(line);
    rare.signs = super::datelines::signs(line);
    rare.weekdays = parse_yearless_weekdays(line).into();
    if block.is_heading() {
        rare.closing_mark = attachments::closing_mark(line);
    }
    block.set_rare(rare);
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::markers::MarkerFamily;

    fn text(line: &str, s: Span) -> &str {
        &line[s.range()]
    }

    #[test]
    fn run_in_heading_title_and_items() {
        let line = "  （一）壮大创新主体。一是实施高企倍增计划；二是培育专精特新企业。";
        let b = parse_block(line, DocumentKind::PlainText, &[]);
        assert_eq!(b.marker.as_ref().unwrap().family, MarkerFamily::Level2);
        assert_eq!(text(line, b.title), "壮大创新主体");
        assert_eq!(b.items().len(), 2);
    }

    #[test]
    fn markdown_heading_with_a_marker() {
        let line = "### （一）推动制造业高质量发展";
        let b = parse_block(line, DocumentKind::Markdown, &[]);
        assert_eq!(b.heading_level, Some(3));
        assert_eq!(text(line, b.marker.as_ref().unwrap().span), "（一）");
        assert_eq!(text(line, b.title), "推动制造业高质量发展");
        // The same line in plain text is not a heading.
        assert!(!parse_block(line, DocumentKind::PlainText, &[]).is_heading());
    }

    #[test]
    fn decimal_looking_starts_that_may_be_markers() {
        let parse = |line: &str| parse_block(line, DocumentKind::PlainText, &[]);
        for line in ["12.2025年度十件实事：市政府承诺办理的民生实事。", "13.3+1产业体系：三大主导产业加一个集群。"]
        {
            assert!(parse(line).decimal_like().is_some(), "{line}");
        }
        for line in ["2.5万家企业完成数字化改造。", "3.5%的增速高于全省。", "1.5G网络", "12.推进改革"]
        {
            assert!(parse(line).decimal_like().is_none(), "{line}");
        }
    }

    #[test]
    fn blank_and_fence_lines() {
        assert!(parse_block(" \u{3000}\t", DocumentKind::PlainText, &[]).blank);
        assert!(parse_block("```text", DocumentKind::Markdown, &[]).fence);
    }
}
