//! `date.deadline-past`: a plan part sets a deadline before the plan year (`于2025年11月底前
//! 完成` in a 2026 plan) — most often a line carried over from last year's plan. Information
//! only: a plan adopted late in the year before may set one on purpose. Review parts, and
//! parts the context cannot tell, say nothing.

use super::check::DocumentCheck;
use super::context::{Context, PartRole};
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use super::targets::Statements;
use crate::syntax::BlockSyntax;

pub fn check<B: AsRef<BlockSyntax>>(blocks: &[B], context: &Context, out: &mut Vec<Diagnostic>) {
    let Some(plan_year) = context.plan_year else { return };
    for (line, block) in blocks.iter().enumerate() {
        let block = block.as_ref();
        if block.deadlines().is_empty() || block.narrative {
            continue;
        }
        let part = context.part(line);
        if part.role != PartRole::Plan || part.period.is_some_and(|(first, _)| first < plan_year) {
            continue;
        }
        for d in block.deadlines().iter().filter(|d| d.year < plan_year) {
            out.push(Diagnostic::new(
                RuleId::DateDeadlinePast,
                d.span.at_line(line),
                format!("{plan_year}年的工作安排中，完成时限“{}年”早于计划年度，请核对是否沿用了往年的表述。", d.year),
            ));
        }
    }
}

/// `date.deadline-past`, over the statements' context.
pub struct Deadlines;

impl DocumentCheck<Statements<'_>> for Deadlines {
    fn check(&self, cx: &Statements<'_>, out: &mut Vec<Diagnostic>) {
        check(cx.blocks, cx.context, out);
    }
}
