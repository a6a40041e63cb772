//! `workplan check`: lint drafts and report every finding.

use std::io::Write;
use std::path::PathBuf;

use super::input::collect;
use super::report::{human_finding, json_finding};
use super::Outcome;
use crate::analysis::Severity;
use crate::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

pub fn run(paths: &[PathBuf], format: CheckFormat) -> Outcome {
    let (sources, errors) = collect(paths);
    let mut findings = Vec::new();
    let mut human = String::new();
    let mut serious = false;
    let mut count = 0;
    for src in &sources {
        let doc = Document::new(&src.text, src.kind);
        for d in &doc.analysis().diagnostics {
            count += 1;
            serious |= d.severity <= Severity::Warning;
            match format {
                CheckFormat::Json => findings.push(json_finding(&src.path, &doc, d)),
                CheckFormat::Human => {
                    human.push_str(&human_finding(&src.path, &doc, d));
                    human.push_str("\n\n");
                }
            }
        }
    }
    let mut out = std::io::stdout().lock();
    let written = match format {
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &findings).map_err(std::io::Error::from).and_then(|()| writeln!(out))
        }
        CheckFormat::Human => write!(out, "{human}")
            .and_then(|()| writeln!(out, "检查了 {} 个文件，发现 {count} 处问题。", sources.len())),
    };
    for e in &errors {
        eprintln!("workplan: {e}");
    }
    if written.is_err() || !errors.is_empty() {
        Outcome::Error
    } else if serious {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}
