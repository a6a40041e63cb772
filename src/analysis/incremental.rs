//! Bringing an analysis up to date after edits that changed no parse, only positions within
//! their lines (typing inside a sentence: the commonest keystroke). The document-wide passes
//! would give the same results with those lines' spans moved, so instead of re-running them
//! over the whole document this moves the spans, takes the edited lines' own parses and
//! findings, and re-assembles only those lines' findings. `Document` decides when an edit
//! qualifies (`syntax::moved`); a property test checks the result equals a fresh analysis.

use super::{Analysis, Block, Config, Diagnostic};
use crate::syntax::markers::Marker;
use crate::syntax::{BlockSyntax, Outline, SectionKind};
use crate::text::{LineEdit, LineSpan};

/// Moves a span on `line` past `edit` (others stay); `None` if the edit reaches into it.
fn move_on(line: usize, edit: &LineEdit, at: &mut LineSpan) -> Option<()> {
    if at.line == line {
        at.span = edit.moved(at.span)?;
    }
    Some(())
}

fn move_finding(line: usize, edit: &LineEdit, d: &mut Diagnostic) -> Option<()> {
    move_on(line, edit, &mut d.range)?;
    d.related.iter_mut().try_for_each(|r| move_on(line, edit, &mut r.range))?;
    d.fix.iter_mut().try_for_each(|r| move_on(line, edit, &mut r.range))
}

impl Analysis {
    /// Applies `edits` (line, edit), in order, to an analysis of the text before them;
    /// `blocks` are the parses after. `false` if some result cannot simply be moved (the
    /// caller then analyses afresh; `self` is left half-updated).
    pub(crate) fn moved_past(
        &mut self,
        edits: &[(usize, LineEdit)],
        blocks: &[Block],
        config: &Config,
        line_text: impl Fn(usize) -> String,
    ) -> bool {
        for &(line, ref edit) in edits {
            if self.move_into(line, edit).is_none() {
                return false;
            }
        }
        let mut lines: Vec<usize> = edits.iter().map(|(line, _)| *line).collect();
        lines.sort_unstable();
        lines.dedup();
        for line in lines {
            let Some(block) = blocks.get(line) else { return false };
            if !reread_outline_line(&mut self.outline, line, &block.syntax) {
                return false;
            }
            self.retake_statements(line, &block.syntax);
            self.reassemble_line(line, block, config, &line_text);
        }
        true
    }

    /// Moves what the document-wide passes found on `line` and what points into it from
    /// other lines; the shown findings of `line` itself are re-assembled afterwards.
    fn move_into(&mut self, line: usize, edit: &LineEdit) -> Option<()> {
        let own = on_line(&self.document_findings, |d| d.range.line, line);
        self.document_findings[own].iter_mut().try_for_each(|d| move_finding(line, edit, d))?;
        let first = self.referencing.partition_point(|&(at, _)| at < line);
        for &(_, k) in self.referencing[first..].iter().take_while(|&&(at, _)| at == line) {
            move_finding(line, edit, &mut self.document_findings[k])?;
        }
        Some(())
    }

    /// The statements on `line` are the new parse's (equal to the old but for positions).
    fn retake_statements(&mut self, line: usize, block: &BlockSyntax) {
        let start = self.targets.partition_point(|t| t.line < line);
        let on_line = self.targets[start..].iter_mut().take_while(|t| t.line == line);
        for (target, statement) in on_line.zip(block.statements()) {
            target.statement = statement.clone();
        }
    }

    fn reassemble_line(&mut self, line: usize, block: &Block, config: &Config, line_text: &impl Fn(usize) -> String) {
        let document = on_line(&self.document_findings, |d| d.range.line, line);
        let mut fresh = Vec::new();
        self.assemble_line(line, block, document, config, line_text, &mut fresh);
        let shown = on_line(&self.shown, |s| s.line, line);
        self.shown.splice(shown, fresh);
    }
}

/// Where the items on `line` are in `v` (sorted by line).
fn on_line<T>(v: &[T], line_of: impl Fn(&T) -> usize, line: usize) -> std::ops::Range<usize> {
    let start = v.partition_point(|x| line_of(x) < line);
    start..start + v[start..].partition_point(|x| line_of(x) == line)
}

/// Takes the spans of the sections on `line` from its new parse: the heading's marker and
/// title, each item's marker and text, and the title a heading without one on an earlier
/// line takes from this paragraph's first sentence. `false` if the sections do not match the parse.
fn reread_outline_line(outline: &mut Outline, line: usize, block: &BlockSyntax) -> bool {
    let first = outline.sections.partition_point(|s| s.line() < line);
    // The heading waiting for a title is on the last line with sections before this one,
    // perhaps followed by items of its own line.
    let before = first.checked_sub(1).map(|i| outline.sections[i].line());
    for s in outline.sections[..first].iter_mut().rev().take_while(|s| Some(s.line()) == before) {
        if s.is_heading() && s.title().line == line {
            s.set_title(block.lead.at_line(line));
        }
    }
    let mut items = block.items().iter();
    for s in outline.sections[first..].iter_mut().take_while(|s| s.line() == line) {
        match s.kind {
            SectionKind::Heading => {
                let Some((marker, title)) = block.heading_parts() else { return false };
                s.marker = marker.and_then(Marker::written);
                if s.title().line == line {
                    s.set_title(title.at_line(line));
                }
            }
            SectionKind::Item(_) => {
                let Some(item) = items.next() else { return false };
                s.marker = Some(item.marker);
                s.set_title(item.text.at_line(line));
            }
        }
    }
    true
}
