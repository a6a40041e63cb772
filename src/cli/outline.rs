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

/// The `outline --format json` shape for several drafts (a folder): `{"path", "outline"}`.
#[derive(Debug, Serialize)]
pub struct FileOutline {
    pub path: String,
    pub outline: Vec<OutlineNode>,
}

/// The outline of one draft, or of every draft in a folder, each under its name.
pub fn run(path: &PathBuf, format: OutlineFormat) -> Outcome {
    let (sources, errors) = collect(std::slice::from_ref(path));
    let mut failed = false;
    for e in &errors {
        eprintln!("workplan: {e}");
        failed |= e.is_fatal();
    }
    if sources.is_empty() {
        return Outcome::Error;
    }
    let one_file = !path.is_dir();
    let outlines: Vec<(&str, Vec<Symbol>)> =
        sources.iter().map(|src| (src.path.as_str(), document_symbols(&Document::new(&src.text, src.kind)))).collect();
    let printed = write_stdout(|out| match format {
        OutlineFormat::Json if one_file => {
            let nodes: Vec<OutlineNode> = outlines[0].1.iter().map(OutlineNode::from).collect();
            serde_json::to_writer_pretty(&mut *out, &nodes)?;
            writeln!(out)
        }
        OutlineFormat::Json => {
            let files: Vec<FileOutline> = outlines
                .iter()
                .map(|(path, symbols)| FileOutline {
                    path: path.to_string(),
                    outline: symbols.iter().map(OutlineNode::from).collect(),
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &files)?;
            writeln!(out)
        }
        OutlineFormat::Text if one_file => write_text(&outlines[0].1, out),
        OutlineFormat::Text => {
            for (i, (path, symbols)) in outlines.iter().enumerate() {
                writeln!(out, "{}{path}", if i == 0 { "" } else { "\n" })?;
                write_text(symbols, out)?;
            }
            Ok(())
        }
    });
    super::listing::outcome(printed, failed)
}

fn write_text(symbols: &[Symbol], out: &mut dyn Write) -> std::io::Result<()> {
    for s in symbols {
        writeln!(out, "{:>5}  {}{}", s.lines.0 + 1, "  ".repeat(s.level - 1), s.name)?;
        write_text(&s.children, out)?;
    }
    Ok(())
}
