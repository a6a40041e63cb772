//! Paragraph-level syntax: numerals, structure markers, inline enumerations, count phrases,
//! and the parse of one block. Everything here looks at one line at a time.

pub mod block;
pub mod counts;
pub mod enumerations;
pub mod indicators;
pub mod markers;
pub mod moved;
pub mod numerals;
pub mod outline;
pub mod quantities;
pub mod targets;

pub use block::{parse_block, BlockSyntax, DocumentKind};
pub use outline::{Outline, Section, SectionKind};
