//! `workplan outline`: the section tree of one draft.

use std::path::PathBuf;

use serde::Serialize;

use super::input::collect;
use super::Outcome;
use crate::document::Document;
use crate::features::symbols::{document_symbols, Symbol};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutlineFormat {
    Text,
    Json,
}

/// The `outline --format json` shape: `{"title", "marker", "level", "line", "children"}`.
#[derive(Debug, Serialize)]
pub struct OutlineNode {
    pub title: String,
    pub marker: String,
    pub level: usize,
    /// 1-based.
    pub line: usize,
    pub children: Vec<OutlineNode>,
}

impl From<&Symbol> for OutlineNode {
    fn from(s: &Symbol) -> Self {
        OutlineNode {
            title: s.title.clone(),
            marker: s.marker.clone(),
            level: s.level,
            line: s.lines.0 + 1,
            children: s.children.iter().map(OutlineNode::from).collect(),
        }
    }
}

pub fn run(path: &PathBuf, format: OutlineFormat) -> Outcome {
    let (sources, errors) = collect(std::slice::from_ref(path));
    for e in &errors {
        eprintln!("workplan: {e}");
    }
    let Some(src) = sources.first() else { return Outcome::Error };
    let doc = Document::new(&src.text, src.kind);
    let symbols = document_symbols(&doc);
    match format {
        OutlineFormat::Json => {
            let nodes: Vec<OutlineNode> = symbols.iter().map(OutlineNode::from).collect();
            match serde_json::to_string_pretty(&nodes) {
                Ok(s) => println!("{s}"),
                Err(e) => {
                    eprintln!("workplan: {e}");
                    return Outcome::Error;
                }
            }
        }
        OutlineFormat::Text => {
            let mut out = String::new();
            render_text(&symbols, &mut out);
            print!("{out}");
        }
    }
    if errors.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Error
    }
}

fn render_text(symbols: &[Symbol], out: &mut String) {
    for s in symbols {
        out.push_str(&format!("{:>5}  {}{}\n", s.lines.0 + 1, "  ".repeat(s.level - 1), s.name));
        render_text(&s.children, out);
    }
}
