//! What a rule's check is given. A rule (or a family of rules kept in one file) checks one
//! line at a time, the whole document, or both, behind two small traits:
//!
//! - [`LineCheck`] runs when a line is (re)parsed; its findings are cached with the line's
//!   parse and made at line 0. It reads a [`LineContext`]: the line's text, its parse and the
//!   configuration.
//! - [`DocumentCheck`] runs over every line's parse once the lines are parsed. It reads a
//!   [`DocumentContext`] (the parses, the section tree, the configuration, what the other
//!   drafts cite and report) or, for checks of indicator statements, a context that adds the context of
//!   each line and the statements to it (`targets::Statements`, which derefs to the
//!   document context). Never the text again.
//!
//! Which checks run, and in which order, is the list in `checks.rs`: the order is that of
//! the findings of one place and code, so it is part of the output.

use super::block::Block;
use super::config::Config;
use super::diagnostic::Diagnostic;
use super::elsewhere::Elsewhere;
use crate::syntax::{BlockSyntax, Outline};

/// What a line check reads.
#[derive(Debug, Clone, Copy)]
pub struct LineContext<'a> {
    /// The line's text, without its line break.
    pub text: &'a str,
    pub syntax: &'a BlockSyntax,
    pub config: &'a Config,
}

/// A check of one line at a time: its findings point into the line only, at line 0.
pub trait LineCheck: Sync {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>);
}

/// What a document check reads.
#[derive(Debug, Clone, Copy)]
pub struct DocumentContext<'a> {
    pub blocks: &'a [Block],
    pub outline: &'a Outline,
    pub config: &'a Config,
    /// What the other drafts this draft is compared with cite and report.
    pub elsewhere: &'a Elsewhere,
}

/// A check of the whole document, given `Cx`: a [`DocumentContext`], or a context built on
/// it (the statements' context, for the target checks).
pub trait DocumentCheck<Cx>: Sync {
    fn check(&self, cx: &Cx, out: &mut Vec<Diagnostic>);
}
