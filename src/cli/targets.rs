//! `workplan targets`: the indicator table of one or more drafts — the table drafters paste
//! into their 主要预期目标表, and JSON for machines.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::config::Configs;
use super::input::collect;
use super::output::write_stdout;
use super::Outcome;
use crate::document::Document;
use crate::features::targets_table::TargetRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TargetsFormat {
    /// 按显示宽度对齐的表格
    Table,
    /// Markdown 表格
    Markdown,
    /// CSV
    Csv,
    /// JSON 数组
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

pub fn run(paths: &[PathBuf], format: TargetsFormat, config: Option<&Path>) -> Outcome {
    let (sources, errors) = collect(paths);
    let mut failed = false;
    for e in &errors {
        eprintln!("workplan: {e}");
        failed |= e.is_fatal();
    }
    // The team's [[lexicon]] names indicators the built-in one does not know.
    let mut configs = Configs::new(config, |_| {});
    let mut rows = Vec::new();
    for src in &sources {
        let config = match configs.for_draft(&src.path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("workplan: {e}");
                failed = true;
                continue;
            }
        };
        let doc = Document::with_config(&src.text, src.kind, config);
        rows.extend(crate::features::targets_table::rows(&src.path, &doc));
    }
    let printed = write_stdout(|out| match format {
        TargetsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        TargetsFormat::Csv => write_csv(&rows, out),
        TargetsFormat::Markdown => {
            writeln!(out, "| {} |", HEADER.join(" | "))?;
            writeln!(out, "|{}", "---|".repeat(HEADER.len()))?;
            for r in &rows {
                writeln!(out, "| {} |", cells(r).map(|c| c.replace('|', "\\|")).join(" | "))?;
            }
            Ok(())
        }
        TargetsFormat::Table => out.write_all(table(&rows).as_bytes()),
    });
    if let Err(e) = printed {
        eprintln!("workplan: 无法输出：{e}");
        return Outcome::Error;
    }
    if failed {
        Outcome::Error
    } else {
        Outcome::Clean
    }
}

fn write_csv(rows: &[TargetRow], out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for r in rows {
        w.write_record(cells(r))?;
    }
    w.flush()
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
