//! `workplan targets`: the indicator table of one or more drafts — the table drafters paste
//! into their 主要预期目标表, and JSON for machines.

use std::path::PathBuf;

use super::input::collect;
use super::Outcome;
use crate::document::Document;
use crate::features::targets_table::TargetRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TargetsFormat {
    Table,
    Markdown,
    Csv,
    Json,
}

const HEADER: [&str; 7] = ["指标", "期间", "类型", "口径", "数值", "文件", "行"];

fn cells(r: &TargetRow) -> [String; 7] {
    [
        r.indicator.clone(),
        r.period.clone().unwrap_or_else(|| "—".to_string()),
        r.kind.label().to_string(),
        r.modality.label().to_string(),
        r.written.clone(),
        r.path.clone(),
        r.line.to_string(),
    ]
}

pub fn run(paths: &[PathBuf], format: TargetsFormat) -> Outcome {
    let (sources, errors) = collect(paths);
    for e in &errors {
        eprintln!("workplan: {e}");
    }
    let mut rows = Vec::new();
    for src in &sources {
        let doc = Document::new(&src.text, src.kind);
        rows.extend(crate::features::targets_table::rows(&src.path, &doc));
    }
    let printed = match format {
        TargetsFormat::Json => serde_json::to_string_pretty(&rows).map(|s| println!("{s}")).map_err(|e| e.to_string()),
        TargetsFormat::Csv => write_csv(&rows),
        TargetsFormat::Markdown => {
            println!("| {} |", HEADER.join(" | "));
            println!("|{}", "---|".repeat(HEADER.len()));
            for r in &rows {
                println!("| {} |", cells(r).map(|c| c.replace('|', "\\|")).join(" | "));
            }
            Ok(())
        }
        TargetsFormat::Table => {
            print!("{}", table(&rows));
            Ok(())
        }
    };
    if let Err(e) = printed {
        eprintln!("workplan: {e}");
        return Outcome::Error;
    }
    if errors.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Error
    }
}

fn write_csv(rows: &[TargetRow]) -> Result<(), String> {
    let mut w = csv::Writer::from_writer(std::io::stdout());
    w.write_record(HEADER).map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record(cells(r)).map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())
}

/// Columns padded by display width (a Chinese character takes two columns).
fn table(rows: &[TargetRow]) -> String {
    let width = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
    let all: Vec<[String; 7]> = std::iter::once(HEADER.map(String::from)).chain(rows.iter().map(cells)).collect();
    let widths: Vec<usize> = (0..HEADER.len()).map(|i| all.iter().map(|r| width(&r[i])).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for r in &all {
        let line: Vec<String> =
            r.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - width(c)))).collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}
