//! Text primitives shared by the whole core: spans inside a line and position encodings.

pub mod position;
mod span;

pub use position::{PositionEncoding, PositionError, TextPosition};
pub use span::{holding, saturated, LineEdit, LineSpan, Span};
