//! `workplan outline`: the section tree of one draft.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::input::collect;
use super::output::write_stdout;
use super::Outcome;
use crate::document::Document;
use crate::features::symbols::{document_symbols, Symbol};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutlineFormat {
    /// 每行一个标题，按层级缩进
    Text,
    /// 树形结构的 JSON
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
    let printed = write_stdout(|out| match format {
        OutlineFormat::Json => {
            let nodes: Vec<OutlineNode> = symbols.iter().map(OutlineNode::from).collect();
            serde_json::to_writer_pretty(&mut *out, &nodes)?;
            writeln!(out)
        }
        OutlineFormat::Text => write_text(&symbols, out),
    });
    if let Err(e) = printed {
        eprintln!("workplan: 无法输出：{e}");
        return Outcome::Error;
    }
    if errors.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Error
    }
}

fn write_text(symbols: &[Symbol], out: &mut dyn Write) -> std::io::Result<()> {
    for s in symbols {
        writeln!(out, "{:>5}  {}{}", s.lines.0 + 1, "  ".repeat(s.level - 1), s.name)?;
        write_text(&s.children, out)?;
    }
    Ok(())
}
