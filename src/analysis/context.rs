//! The context layer: for every line, the part of the document it sits in — a review of a
//! year or of a plan period, or a plan for the year or to a period's end — and the
//! document's plan year. Statements take from it what their own sentence does not say.
//!
//! Each line's own signal is read with its parse (`syntax::parts`); this walks them in one
//! pass over the section tree. A heading's signal holds for its section; a paragraph's
//! opening (`过去一年，…`, `五年来，…`) for the rest of the section it is in, subsections
//! included; a top-level heading that says nothing ends what came before it.

use crate::syntax::parts::{Named, Role, Signal, Source};
use crate::syntax::{plan_years, BlockSyntax, Outline};

/// What a part of the document does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PartRole {
    Review,
    Plan,
    /// The notes at the end of a report (`名词解释`): no statements are read there.
    Notes,
    #[default]
    Unknown,
}

/// The part a line sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Part {
    pub role: PartRole,
    /// The years it covers; one year is `(y, y)`.
    pub period: Option<(i32, i32)>,
    /// A plan period named beside its year (`2025年及“十四五”时期工作回顾`): what `年均` and
    /// `累计` figures of the part cover.
    pub plan: Option<(i32, i32)>,
}

impl Part {
    /// A five-year part (`五年来`, `“十五五”时期`) rather than one year.
    pub fn span(&self) -> Option<(i32, i32)> {
        self.period.filter(|(a, b)| a != b).or(self.plan)
    }
}

/// The document's plan year and the part of each line.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub plan_year: Option<i32>,
    /// (first line, part) where the part changes: few runs however long the document.
    runs: Vec<(usize, Part)>,
}

/// The five-year plan that contains `year`.
fn plan_containing(year: i32) -> Option<(i32, i32)> {
    let n = u32::try_from((year - 1966).div_euclid(5) + 3).ok()?;
    plan_years(n)
}

/// A signal's part, once the plan year is known.
fn part_of(signal: &Signal, plan_year: Option<i32>) -> Part {
    let period = match signal.period {
        Named::Year(y) => Some((y, y)),
        Named::Span(a, b) => Some((a, b)),
        Named::LastYear => plan_year.map(|p| (p - 1, p - 1)),
        Named::ThisYear => plan_year.map(|p| (p, p)),
        Named::LastPlan => plan_year.and_then(|p| plan_containing(p - 1)),
        Named::Unsaid => match signal.role {
            Role::Review => plan_year.map(|p| (p - 1, p - 1)),
            Role::Plan => plan_year.map(|p| (p, p)),
            Role::Dated | Role::Notes => None,
        },
    };
    let role = match (signal.role, period, plan_year) {
        (Role::Review, _, _) => PartRole::Review,
        (Role::Plan, _, _) => PartRole::Plan,
        (Role::Notes, _, _) => PartRole::Notes,
        (Role::Dated, Some((_, b)), Some(p)) if b < p => PartRole::Review,
        (Role::Dated, Some((a, _)), Some(p)) if a >= p => PartRole::Plan,
        _ => PartRole::Unknown,
    };
    Part { role, period, plan: signal.plan }
}

/// The year a title or dateline among the first lines gives the document, if any.
pub(crate) fn titled_year<B: AsRef<BlockSyntax>>(blocks: &[B]) -> Option<i32> {
    blocks.iter().map(AsRef::as_ref).filter(|b| !b.blank).take(12).filter_map(|b| b.title_year()).last()
}

/// The plan year: a title's or dateline's year among the first lines; else the year the
/// headings plan for (or the year after the one they review); else the year the text
/// opens with (`2021年是中国共产党成立100周年`: a text of that year).
pub(crate) fn plan_year<B: AsRef<BlockSyntax>>(blocks: &[B], outline: &Outline) -> Option<i32> {
    let titled = titled_year(blocks);
    let planned = || {
        let signals = blocks.iter().filter_map(|b| b.as_ref().signal()).filter(|s| s.source == Source::Heading);
        signals
            .filter_map(|s| match (s.role, s.period) {
                (Role::Plan, Named::Year(y) | Named::Span(y, _)) => Some(y),
                (Role::Review, Named::Year(y) | Named::Span(_, y)) => Some(y + 1),
                _ => None,
            })
            .max()
    };
    let first_heading = outline.sections.iter().find(|s| s.is_heading()).map_or(blocks.len(), |s| s.line());
    let opened = || {
        blocks[..first_heading].iter().filter_map(|b| b.as_ref().signal()).find_map(|s| match (s.role, s.period) {
            (Role::Dated | Role::Plan, Named::Year(y)) => Some(y),
            (Role::Review, Named::Year(y)) => Some(y + 1),
            _ => None,
        })
    };
    titled.or_else(planned).or_else(opened)
}

/// A signal in force while the walk is in the section it holds for.
struct Open {
    /// The depth of that section (0 before the first heading).
    depth: usize,
    /// Where it was said.
    line: usize,
    part: Part,
    /// Set by the section's heading, not by a paragraph in it.
    heading: bool,
    /// Holds only while the paragraphs after it are told in the past.
    narrative_only: bool,
}

/// The depth of the next heading after `line`, if it numbers a new run (`一、` again).
fn restarted_run(outline: &Outline, line: usize) -> Option<usize> {
    let i = outline.sections.partition_point(|s| s.line() <= line);
    let next = outline.sections[i..].iter().position(|s| s.is_heading()).map(|k| i + k)?;
    (outline.sections[next].number == Some(1)).then(|| depth(outline, next))
}

/// How deep section `s` is (a top-level heading is 1).
fn depth(outline: &Outline, s: usize) -> usize {
    std::iter::successors(Some(s), |&s| outline.sections[s].parent()).count()
}

impl Context {
    pub fn build<B: AsRef<BlockSyntax>>(blocks: &[B], outline: &Outline) -> Context {
        let plan_year = plan_year(blocks, outline);
        // Open signals, outermost first: each holds for a section (by depth) and says
        // whether a heading set it and whether it holds only while paragraphs are told in
        // the past.
        let mut open: Vec<Open> = Vec::new();
        let mut runs: Vec<(usize, Part)> = Vec::new();
        // The line of the last signal inside a section: a preamble's part (`回望“十三五”，…`
        // before `01`) holds for the sections after it until one of them says its own.
        let mut last_inner_signal = None;
        for (line, block) in blocks.iter().map(AsRef::as_ref).enumerate() {
            if outline.fenced.get(line).copied().unwrap_or(false) {
                continue;
            }
            let section = outline.section_of_line(line);
            let depth = section.map_or(0, |s| depth(outline, s));
            if block.is_heading() && section.is_some_and(|s| outline.sections[s].line() == line) {
                let ended = |o: &Open| depth == 1 && o.depth == 0 && last_inner_signal.is_some_and(|l| o.line < l);
                open.retain(|o| o.depth < depth && !ended(o));
                if let Some(signal) = block.signal() {
                    let part = part_of(signal, plan_year);
                    open.push(Open { depth, line, part, heading: true, narrative_only: false });
                    last_inner_signal = Some(line);
                }
            } else if let Some(signal) =
                block.signal().filter(|s| s.role != Role::Dated || part_of(s, plan_year).role != PartRole::Unknown)
            {
                // A date that neither precedes nor follows the plan year (`“十三五”` in a
                // 2017 report) says nothing of the part (filtered above). A lead-in to a new
                // run of headings at its own level (`2020年，将重点要做好六方面工作：` before
                // `一、`) holds for the level above: for the run.
                let depth = match restarted_run(outline, line) {
                    Some(next) if next <= depth => next - 1,
                    _ => depth,
                };
                // An opening replaces the openings before it in its section, not the heading's.
                open.retain(|o| o.depth < depth || o.depth == depth && o.heading);
                let part = part_of(signal, plan_year);
                // A paragraph that only opens with a past year (`2020年地区生产总值292亿元。`)
                // reports that year; what follows is the same report only if told so too.
                let narrative_only = signal.role == Role::Dated
                    && part.role == PartRole::Review
                    && matches!(signal.period, Named::Year(_));
                open.push(Open { depth, line, part, heading: false, narrative_only });
                if depth > 0 {
                    last_inner_signal = Some(line);
                }
            } else if !block.blank && !block.narrative && open.last().is_some_and(|o| o.narrative_only) {
                open.pop();
            }
            let part = open.last().map_or_else(Part::default, |o| o.part);
            if runs.last().is_none_or(|(_, p)| *p != part) {
                runs.push((line, part));
            }
        }
        Context { plan_year, runs }
    }

    /// The part line `line` sits in.
    pub fn part(&self, line: usize) -> Part {
        let i = self.runs.partition_point(|(first, _)| *first <= line);
        i.checked_sub(1).map_or_else(Part::default, |i| self.runs[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse_block, DocumentKind};

    fn context(text: &str) -> (Context, Vec<Part>) {
        let blocks: Vec<BlockSyntax> = text.lines().map(|l| parse_block(l, DocumentKind::PlainText, &[])).collect();
        let outline = Outline::build(&blocks);
        let c = Context::build(&blocks, &outline);
        let parts = (0..blocks.len()).map(|l| c.part(l)).collect();
        (c, parts)
    }

    #[test]
    fn a_report_reviews_then_plans() {
        let text = "2026年某省政府工作报告\n一、一年接着一年干\n2025年是“十四五”收官之年。一年来，我们…\n（一）着力推进产业升级。规上工业增加值增长7%。\n五年来，我们坚持创新驱动。\n二、一张蓝图绘到底\n“十五五”时期是关键时期。\n三、一鼓作气勇争先\n今年经济社会发展的主要预期目标是：地区生产总值增长5%左右。";
        let (c, parts) = context(text);
        assert_eq!(c.plan_year, Some(2026));
        let review = |a, b| Part { role: PartRole::Review, period: Some((a, b)), plan: None };
        let plan = |a, b| Part { role: PartRole::Plan, period: Some((a, b)), plan: None };
        assert_eq!(parts[1], Part::default());
        assert_eq!(parts[2], review(2025, 2025));
        assert_eq!(parts[3], review(2025, 2025), "subsections keep the opening's part");
        assert_eq!(parts[4], review(2021, 2025));
        assert_eq!(parts[5], Part::default(), "a top-level heading ends the review");
        assert_eq!(parts[6], plan(2026, 2030));
        assert_eq!(parts[8], plan(2026, 2026));
    }

    #[test]
    fn the_notes_at_the_end_are_a_part_of_their_own() {
        let text = "一、2025年工作回顾\n规上工业增加值增长7%。\n名词解释\n1.“三区两带”：是指3个园区和2条产业带。";
        let (_, parts) = context(text);
        assert_eq!(parts[1].role, PartRole::Review);
        assert_eq!(parts[2].role, PartRole::Notes);
        assert_eq!(parts[3], Part { role: PartRole::Notes, period: None, plan: None });
    }

    #[test]
    fn a_numbered_paragraph_of_figures_labels_no_part() {
        // An unseen provincial plan report: `符合预期目标` in a numbered statement of the
        // outturn made it a plan heading, and the outturn a target of the next year.
        let text = "关于某省2023年国民经济和社会发展计划执行情况及2024年计划草案的报告\n一、2023年国民经济和社会发展计划执行情况\n（一）2023年计划指标完成情况\n1.地区生产总值达到60132.9亿元、增长6%，符合预期目标。\n二、2024年经济社会发展的主要目标\n1.主要预期目标\n地区生产总值增长6%左右。";
        let (_, parts) = context(text);
        assert_eq!(parts[3], Part { role: PartRole::Review, period: Some((2023, 2023)), plan: None });
        assert_eq!(parts[6].role, PartRole::Plan);
    }

    #[test]
    fn headings_set_the_plan_year_when_there_is_no_title() {
        let text = "各位代表：\n一、2018年工作回顾\n国内生产总值增长6.6%。\n二、2019年经济社会发展总体要求和政策取向\n三、2019年政府工作任务";
        let (c, parts) = context(text);
        assert_eq!(c.plan_year, Some(2019));
        assert_eq!(parts[2].role, PartRole::Review);
        assert_eq!(parts[2].period, Some((2018, 2018)));
        assert_eq!(parts[4].role, PartRole::Plan);
    }
}
