//! Structure and numbering rules: `numbering.marker-style` (per paragraph),
//! `numbering.gap`, `numbering.level-order`, `numbering.mixed-style` and `enumeration.gap`
//! (over the section tree).

use rustc_hash::FxHashMap as HashMap;

use super::check::{DocumentCheck, DocumentContext, LineCheck, LineContext};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::enumerations::EnumerationKind;
use crate::syntax::markers::{MarkerFamily, MarkerForm};
use crate::syntax::numerals::to_chinese;
use crate::syntax::{BlockSyntax, Outline, Section, SectionKind};
use crate::text::LineSpan;

/// `numbering.marker-style` for one paragraph: a marker or an ordinal punctuated against
/// GB/T 9704. Findings are made at line 0 and moved by the caller.
pub fn check_block(block: &BlockSyntax, out: &mut Vec<Diagnostic>) {
    if let Some(m) = block.marker.as_ref().filter(|m| m.form == MarkerForm::Wrong) {
        let right = m.canonical_text();
        out.push(
            Diagnostic::new(
                RuleId::NumberingMarkerStyle,
                m.span.at_line(0),
                format!("序号写法不规范，应写作“{right}”（GB/T 9704-2012 §7.3.3）。"),
            )
            .with_replacement(right),
        );
    }
    for item in block.items().iter().filter(|it| it.wrong_punct) {
        let n = to_chinese(item.number.unwrap_or(1));
        out.push(
            Diagnostic::new(
                RuleId::NumberingMarkerStyle,
                item.marker.at_line(0),
                format!("“第{n}”后应用逗号，写作“第{n}，”。"),
            )
            .with_replacement(format!("第{n}，")),
        );
    }
}

/// The tree-wide numbering rules.
pub fn check_outline(outline: &Outline, out: &mut Vec<Diagnostic>) {
    let mut first_form: HashMap<MarkerFamily, (MarkerForm, u32, LineSpan)> = HashMap::default();
    for s in &outline.sections {
        match s.kind {
            SectionKind::Heading => {
                check_gap(outline, s, out);
                check_level_order(outline, s, out);
                check_mixed_style(s, &mut first_form, out);
            }
            SectionKind::Item(kind) => check_enumeration(outline, s, kind, out),
        }
    }
}

fn marker_range(s: &Section) -> Option<LineSpan> {
    s.marker.map(|m| m.at_line(s.line()))
}

/// Why `n` cannot follow `prev`, or `None` when it can (the next number, or 1 to restart).
fn sequence_break(prev: u32, n: u32) -> Option<&'static str> {
    if n == 1 || n == prev + 1 {
        None
    } else if n == prev {
        Some("重复")
    } else if n < prev {
        Some("倒退")
    } else {
        Some("跳号")
    }
}

fn check_gap(outline: &Outline, s: &Section, out: &mut Vec<Diagnostic>) {
    let (Some(p), Some(n), Some(family), Some(range)) = (s.prev_sibling(), s.number, s.family, marker_range(s)) else {
        return;
    };
    let prev = &outline.sections[p];
    let Some(pn) = prev.number else { return };
    let Some(what) = sequence_break(pn, n) else { return };
    let (written, before, expected) = (family.canonical(n), family.canonical(pn), family.canonical(pn + 1));
    let mut d = Diagnostic::new(
        RuleId::NumberingGap,
        range,
        format!("序号{what}：上一个同级序号是“{before}”，此处“{written}”应为“{expected}”。"),
    );
    if let Some(r) = marker_range(prev) {
        d = d.with_related(r, format!("上一个同级序号“{before}”"));
    }
    out.push(d);
}

fn check_level_order(outline: &Outline, s: &Section, out: &mut Vec<Diagnostic>) {
    let (Some(family), Some(range)) = (s.family, marker_range(s)) else { return };
    let Some(p) = s.parent() else { return };
    let parent = &outline.sections[p];
    let Some(parent_family) = parent.family else { return };
    if family.canonical_level() >= parent_family.canonical_level() {
        return;
    }
    // One finding for the run of such markers under one heading: they are one fact.
    let same_family = |k: usize| outline.sections[k].family == Some(family);
    if s.prev_sibling().is_some_and(same_family) {
        return;
    }
    let others = outline.children(p).filter(|&k| same_family(k)).count().saturating_sub(1);
    let (this, outer) = (family.canonical(1), parent_family.canonical(1));
    let and_others = if others > 0 { format!("（其下同级的另外{others}处同样）") } else { String::new() };
    let mut d = Diagnostic::new(
        RuleId::NumberingLevelOrder,
        range,
        format!(
            "层级颠倒：“{this}”一级的序号出现在“{outer}”一级之下{and_others}；按 GB/T 9704，“{outer}”应在“{this}”之下。"
        ),
    );
    if let Some(r) = marker_range(parent) {
        d = d.with_related(r, "所在的上级标题");
    }
    out.push(d);
}

fn check_mixed_style(
    s: &Section,
    first_form: &mut HashMap<MarkerFamily, (MarkerForm, u32, LineSpan)>,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(family), Some(form), Some(range)) = (s.family, s.form, marker_range(s)) else { return };
    if form == MarkerForm::Wrong {
        return;
    }
    let number = s.number.unwrap_or(1);
    let (first, first_number, first_range) = *first_form.entry(family).or_insert((form, number, range));
    if first != form {
        // Each marker as it is written on its line, number and all (`2．`, not the form's `1．`).
        let show = |form: MarkerForm, n: u32| match form {
            MarkerForm::Accepted(k) => k.with_number(n),
            _ => family.canonical(n),
        };
        let (before, here) = (show(first, first_number), show(form, number));
        out.push(
            Diagnostic::new(
                RuleId::NumberingMixedStyle,
                range,
                format!("同一层级序号写法不一致：前文写作“{before}”，此处写作“{here}”，宜统一。"),
            )
            .with_related(first_range, format!("前文的写法“{before}”")),
        );
    }
}

fn item_word(kind: EnumerationKind, n: u32) -> String {
    let n = to_chinese(n);
    match kind {
        EnumerationKind::Shi => format!("{n}是"),
        EnumerationKind::Yao => format!("{n}要"),
        EnumerationKind::Ordinal => format!("第{n}"),
        EnumerationKind::Sequence => n,
    }
}

/// `enumeration.gap`: an inline item against the previous item of its run (the outline
/// tells runs apart: a restart at 1 opens one, and a number that follows an outer run
/// resumes it).
fn check_enumeration(outline: &Outline, s: &Section, kind: EnumerationKind, out: &mut Vec<Diagnostic>) {
    if kind == EnumerationKind::Sequence {
        return;
    }
    let (Some(p), Some(n), Some(range)) = (s.prev_sibling(), s.number, marker_range(s)) else { return };
    let prev = &outline.sections[p];
    let Some(pn) = prev.number else { return };
    let Some(what) = sequence_break(pn, n) else { return };
    let mut d = Diagnostic::new(
        RuleId::EnumerationGap,
        range,
        format!(
            "列举{what}：前一项是“{}”，此处“{}”应为“{}”。",
            item_word(kind, pn),
            item_word(kind, n),
            item_word(kind, pn + 1)
        ),
    );
    if let Some(r) = marker_range(prev) {
        d = d.with_related(r, format!("前一项“{}”", item_word(kind, pn)));
    }
    out.push(d);
}

/// The numbering checks: markers on each line, sequences over the section tree.
pub struct Numbering;

impl LineCheck for Numbering {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.syntax, out);
    }
}

impl DocumentCheck<DocumentContext<'_>> for Numbering {
    fn check(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        check_outline(cx.outline, out);
    }
}
