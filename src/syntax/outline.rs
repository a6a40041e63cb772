//! The section tree, inferred from the order in which marker styles appear (docs/design.md):
//! a style not yet open nests under the current section; a style already open closes
//! everything below it and continues that level. Markdown headings nest by their `#` count
//! and close every plain marker below them. Inline enumeration items are leaves.
//!
//! One pass over the block parses, never over the text.

use super::block::BlockSyntax;
use super::enumerations::EnumerationKind;
use super::markers::{Marker, MarkerFamily, MarkerForm};
use std::num::NonZeroU32;

use crate::text::{saturated, LineSpan, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    Heading,
    Item(EnumerationKind),
}

/// A section's index in [`Outline::sections`] in four bytes, so that `Option<SectionId>` is
/// four bytes too: a 10 MB draft has a section on nearly every line, and the outline's size
/// is a large part of the server's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct SectionId(NonZeroU32);

impl SectionId {
    /// Saturates past `u32::MAX - 1` sections, which would take a draft of hundreds of
    /// gigabytes: far beyond what anything here can hold in memory.
    fn new(index: usize) -> SectionId {
        SectionId(NonZeroU32::MIN.saturating_add(u32::try_from(index).unwrap_or(u32::MAX)))
    }

    fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    pub family: Option<MarkerFamily>,
    pub form: Option<MarkerForm>,
    pub heading_level: Option<u8>,
    /// Lines in four bytes (saturating, see [`SectionId::new`]): a 10 MB draft has a section
    /// on nearly every line.
    line: u32,
    /// The marker as written (`（三）`, `二是`); `None` for a Markdown heading without one.
    pub marker: Option<Span>,
    /// See [`Section::title`].
    title_line: u32,
    title_span: Span,
    pub number: Option<u32>,
    parent: Option<SectionId>,
    /// The previous sibling of the same marker family, which this one's number follows;
    /// for an inline item, the previous item of its run.
    prev_sibling: Option<SectionId>,
    /// Where this section's children are in [`Outline::children`]: one shared array instead
    /// of a vector per section.
    children: (u32, u32),
    /// Sections that number one run (`一、二、三、`, `一是…二是…`) share a sequence id; a
    /// marker numbered 1 starts a new run.
    pub sequence: u32,
    /// The last non-blank line of the section (the heading's line for a leaf).
    end_line: u32,
}

impl Section {
    pub fn line(&self) -> usize {
        self.line as usize
    }

    /// Where the title is: usually on the heading's own line; for a part number alone on its
    /// line (`01`), the next paragraph.
    pub fn title(&self) -> LineSpan {
        self.title_span.at_line(self.title_line as usize)
    }

    pub(crate) fn set_title(&mut self, title: LineSpan) {
        self.title_line = saturated(title.line);
        self.title_span = title.span;
    }

    pub fn is_heading(&self) -> bool {
        self.kind == SectionKind::Heading
    }

    /// The innermost heading containing this section.
    pub fn parent(&self) -> Option<usize> {
        self.parent.map(SectionId::index)
    }

    /// The previous sibling of the same marker family, which this one's number follows;
    /// for an inline item, the previous item of its run.
    pub fn prev_sibling(&self) -> Option<usize> {
        self.prev_sibling.map(SectionId::index)
    }

    /// The last non-blank line of the section (the heading's line for a leaf).
    pub fn end_line(&self) -> usize {
        self.end_line as usize
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// All sections in document order; `parent`/`children` index into this.
    pub sections: Vec<Section>,
    pub roots: Vec<usize>,
    /// Every section's children, one section's after another (see [`Outline::children`]).
    children: Vec<SectionId>,
    /// For each line, the innermost heading section that contains it (`None` before the first).
    section_of_line: Vec<Option<SectionId>>,
    /// Lines inside Markdown code fences, which carry no structure.
    pub fenced: Vec<bool>,
}

impl Outline {
    pub fn build<B: AsRef<BlockSyntax>>(blocks: &[B]) -> Outline {
        Builder::default().run(blocks)
    }

    /// The first section on `line`, if any (sections are in document order).
    pub fn first_on_line(&self, line: usize) -> Option<usize> {
        let i = self.sections.partition_point(|s| s.line() < line);
        (self.sections.get(i)?.line() == line).then_some(i)
    }

    /// The children of section `id`, in document order.
    pub fn children(&self, id: usize) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + '_ {
        let (start, len) = self.sections.get(id).map_or((0, 0), |s| (s.children.0 as usize, s.children.1 as usize));
        self.children[start..start + len].iter().map(|c| c.index())
    }

    /// The innermost heading section that contains `line` (`None` before the first).
    pub fn section_of_line(&self, line: usize) -> Option<usize> {
        self.section_of_line.get(line).copied().flatten().map(SectionId::index)
    }
}

/// How many runs of inline items stay open per section and kind: lists nest a level or
/// two, and a bound keeps each item's look at them constant (a line of thousands of lists
/// that restart would otherwise be looked through once per item).
const MAX_OPEN_RUNS: usize = 4;

/// A run of inline items being numbered: its sequence id and its last item so far.
struct ItemRun {
    sequence: u32,
    last: SectionId,
    last_number: Option<u32>,
}

/// Places item `id`, numbered `number`, in one of the open `runs` (outermost first): a 1
/// opens a new run, with the sequence `fresh` gives; another number continues the innermost
/// run it follows (closing the runs inside it), else the innermost run, whose numbering it
/// then breaks. Returns the item's sequence and the previous item of its run.
fn place_item(
    runs: &mut Vec<ItemRun>,
    id: SectionId,
    number: Option<u32>,
    fresh: impl FnOnce() -> u32,
) -> (u32, Option<SectionId>) {
    let continued = match number {
        Some(1) => None,
        Some(n) => runs.iter().rposition(|r| r.last_number.is_some_and(|l| l + 1 == n)).or(runs.len().checked_sub(1)),
        None => runs.len().checked_sub(1),
    };
    let run = |sequence| ItemRun { sequence, last: id, last_number: number };
    match continued {
        Some(k) => {
            runs.truncate(k + 1);
            let placed = (runs[k].sequence, Some(runs[k].last));
            runs[k] = run(placed.0);
            placed
        }
        None => {
            let sequence = fresh();
            if runs.len() == MAX_OPEN_RUNS {
                runs.remove(0);
            }
            runs.push(run(sequence));
            (sequence, None)
        }
    }
}

#[derive(Default)]
struct Builder {
    out: Outline,
    /// Open headings, outermost first.
    stack: Vec<usize>,
    /// The children of each open heading so far, parallel to `stack`. Children are only ever
    /// attached to the innermost open heading, so each heading's list is complete when it
    /// closes and is then moved into `out.children` in one piece.
    open_children: Vec<Vec<SectionId>>,
    /// Emptied lists of closed headings, reused for the next ones.
    spare: Vec<Vec<SectionId>>,
    last_nonblank: Option<usize>,
    next_sequence: u32,
    /// A part number alone on its line waiting for its title on the next paragraph.
    awaiting_title: Option<usize>,
    /// The 附件说明 (`附件：1.…`) open on top of the stack: its first name is on its own
    /// line, so the second (`2.2026年…`, which reads as a decimal) continues its run.
    attachment_list: Option<usize>,
    /// The open runs of inline items per (section, kind), outermost first: a run that
    /// restarts at 1 may be a list inside an item of the run before it, which goes on after
    /// it (`四是…，具体：一是…二是…。五是…`).
    item_runs: rustc_hash::FxHashMap<(Option<usize>, EnumerationKind), Vec<ItemRun>>,
}

impl Builder {
    fn run<B: AsRef<BlockSyntax>>(mut self, blocks: &[B]) -> Outline {
        // Sized up front: growing by doubling would hold two copies at the peak.
        let sections = blocks.iter().map(AsRef::as_ref).map(|b| usize::from(b.is_heading()) + b.items().len()).sum();
        self.out.sections.reserve_exact(sections);
        self.out.children.reserve_exact(sections);
        self.out.fenced.reserve_exact(blocks.len());
        self.out.section_of_line.reserve_exact(blocks.len());
        let mut in_fence = false;
        for (line, block) in blocks.iter().map(AsRef::as_ref).enumerate() {
            let fenced = in_fence || block.fence;
            if block.fence {
                in_fence = !in_fence;
            }
            self.out.fenced.push(fenced);
            if !fenced && !block.blank {
                self.visit(line, block);
            }
            self.out.section_of_line.push(self.stack.last().map(|&id| SectionId::new(id)));
            if !block.blank {
                self.last_nonblank = Some(line);
            }
        }
        let end = self.last_nonblank.unwrap_or(0);
        while let Some(id) = self.stack.pop() {
            self.out.sections[id].end_line = saturated(end.max(self.out.sections[id].line()));
            self.take_children(id);
        }
        self.out
    }

    fn visit(&mut self, line: usize, block: &BlockSyntax) {
        // A line opens a heading if it is one, or if what reads as a decimal at its start
        // (`12.2025年度十件实事`) continues an open run of markers (`11.` before it).
        let mut heading = block
            .heading_parts()
            .filter(|&(marker, _)| block.is_heading() || marker.is_some_and(|m| self.continues_open_run(m)));
        if let Some(id) = self.awaiting_title.take() {
            // A glossary's title names the appendix waiting for one (`附件` then `名词解释`).
            let names_appendix = self.out.sections[id].family == Some(MarkerFamily::Appendix)
                && heading.is_some_and(|(m, _)| m.is_some_and(Marker::is_bare_title));
            if names_appendix {
                heading = None;
            }
            if heading.is_none() {
                self.out.sections[id].set_title(block.lead.at_line(line));
            }
        }
        if let Some((marker, title)) = heading {
            self.open_heading(line, marker, title, block.heading_level);
            if block.lists_attachments() {
                self.attachment_list = self.stack.last().copied();
            }
        }
        let owner = self.stack.last().copied();
        for item in block.items() {
            let id = SectionId::new(self.out.sections.len());
            let runs = self.item_runs.entry((owner, item.kind)).or_default();
            let next_sequence = &mut self.next_sequence;
            let (sequence, prev_sibling) = place_item(runs, id, item.number, || {
                *next_sequence += 1;
                *next_sequence
            });
            let id = self.push(Section {
                kind: SectionKind::Item(item.kind),
                line: saturated(line),
                marker: Some(item.marker),
                title_line: saturated(line),
                title_span: item.text,
                family: None,
                form: None,
                heading_level: None,
                number: item.number,
                parent: owner.map(SectionId::new),
                children: (0, 0),
                prev_sibling,
                sequence,
                end_line: saturated(line),
            });
            self.attach(id, owner);
        }
    }

    /// Whether `marker` continues the run of its family open within the innermost Markdown
    /// heading: the open section of that family is numbered one less.
    fn continues_open_run(&self, marker: &Marker) -> bool {
        let second_in_list = marker.family == MarkerFamily::Level3 && marker.number == 2;
        if second_in_list && self.attachment_list.is_some() && self.stack.last().copied() == self.attachment_list {
            return true;
        }
        (self.floor()..self.stack.len())
            .rev()
            .map(|i| &self.out.sections[self.stack[i]])
            .find(|s| s.family == Some(marker.family))
            .is_some_and(|s| s.number.is_some_and(|n| n + 1 == marker.number))
    }

    /// Where in the stack plain markers stop looking for their level: above the innermost
    /// Markdown heading.
    fn floor(&self) -> usize {
        self.stack.iter().rposition(|&id| self.out.sections[id].heading_level.is_some()).map_or(0, |i| i + 1)
    }

    fn open_heading(&mut self, line: usize, marker: Option<&Marker>, title: Span, heading_level: Option<u8>) {
        let family = marker.map(|m| m.family);
        let prev_sibling = match heading_level {
            Some(level) => {
                // A Markdown heading closes plain markers and deeper-or-equal headings.
                let keep = self
                    .stack
                    .iter()
                    .rposition(|&id| self.out.sections[id].heading_level.is_some_and(|l| l < level))
                    .map_or(0, |i| i + 1);
                self.close_from(keep, line);
                self.siblings()
                    .rev()
                    .find(|&id| self.out.sections[id].heading_level == Some(level))
                    .filter(|&id| family.is_some() && self.out.sections[id].family == family)
            }
            // An appendix is a part of its own after the body: it closes everything, and
            // what it holds is numbered afresh.
            None if family == Some(MarkerFamily::Appendix) => {
                self.close_from(0, line);
                None
            }
            None => {
                // A plain marker continues the level of an open one of its family, looking no
                // further out than the innermost Markdown heading.
                let found =
                    (self.floor()..self.stack.len()).rev().find(|&i| self.out.sections[self.stack[i]].family == family);
                found.map(|i| {
                    let sibling = self.stack[i];
                    self.close_from(i, line);
                    sibling
                })
            }
        };
        let parent = self.stack.last().copied();
        let number = marker.map(|m| m.number);
        let sequence = match (prev_sibling, number) {
            (Some(p), Some(n)) if n != 1 => self.out.sections[p].sequence,
            _ => {
                self.next_sequence += 1;
                self.next_sequence
            }
        };
        let id = self.push(Section {
            kind: SectionKind::Heading,
            line: saturated(line),
            marker: marker.and_then(Marker::written),
            title_line: saturated(line),
            title_span: title,
            family,
            form: marker.map(|m| m.form),
            heading_level,
            number,
            parent: parent.map(SectionId::new),
            children: (0, 0),
            prev_sibling: prev_sibling.map(SectionId::new),
            sequence,
            end_line: saturated(line),
        });
        self.attach(id, parent);
        self.stack.push(id);
        self.open_children.push(self.spare.pop().unwrap_or_default());
        if title.is_empty() && heading_level.is_none() {
            self.awaiting_title = Some(id);
        }
    }

    /// The children so far of the innermost open heading, or the roots.
    fn siblings(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        let (open, roots) = match self.open_children.last() {
            Some(children) => (&children[..], &[][..]),
            None => (&[][..], &self.out.roots[..]),
        };
        open.iter().map(|c| c.index()).chain(roots.iter().copied())
    }

    /// Closes the open headings at stack positions `from..`, ending them before `line`.
    fn close_from(&mut self, from: usize, line: usize) {
        let end = self.last_nonblank.filter(|&l| l < line).unwrap_or(line);
        while self.stack.len() > from {
            let Some(id) = self.stack.pop() else { break };
            let s = &mut self.out.sections[id];
            s.end_line = saturated(end.max(s.line()));
            self.take_children(id);
        }
    }

    /// Moves the children of the heading just closed (the innermost open one) into place.
    fn take_children(&mut self, id: usize) {
        let Some(mut children) = self.open_children.pop() else { return };
        let start = self.out.children.len();
        self.out.children.append(&mut children);
        self.out.sections[id].children = (saturated(start), saturated(self.out.children.len() - start));
        self.spare.push(children);
    }

    fn push(&mut self, s: Section) -> usize {
        self.out.sections.push(s);
        self.out.sections.len() - 1
    }

    /// Attaches section `id` to `parent`, the innermost open heading, or to the roots.
    fn attach(&mut self, id: usize, parent: Option<usize>) {
        match (parent, self.open_children.last_mut()) {
            (Some(_), Some(children)) => children.push(SectionId::new(id)),
            _ => self.out.roots.push(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse_block, DocumentKind};

    fn outline(text: &str) -> (Vec<BlockSyntax>, Outline) {
        let blocks: Vec<BlockSyntax> = text.lines().map(|l| parse_block(l, DocumentKind::PlainText, &[])).collect();
        let outline = Outline::build(&blocks);
        (blocks, outline)
    }

    #[test]
    fn an_item_resumes_the_run_it_follows() {
        let (_, o) = outline("一是甲；二是乙，具体：一是子；二是丑；三是寅。三是丙。");
        let prev: Vec<Option<u32>> =
            o.sections.iter().map(|s| s.prev_sibling().and_then(|p| o.sections[p].number)).collect();
        // 一是 二是 | 一是 二是 三是 | 三是 (after the outer 二是)
        assert_eq!(prev, [None, Some(1), None, Some(1), Some(2), Some(2)]);
    }

    #[test]
    fn many_restarted_lists_on_one_line_stay_linear() {
        let line = format!("{}{}", "一是甲；".repeat(100_000), "五是乙；".repeat(100_000));
        let (blocks, _) = outline(&line);
        let started = std::time::Instant::now();
        let o = Outline::build(&blocks);
        // Each 五是 looking through every list opened before it took about a minute in a
        // debug build; with a few lists kept open, milliseconds.
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
        assert_eq!(o.sections.len(), 200_000);
    }
}
