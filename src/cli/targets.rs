//! `workplan targets`: the indicator table of one or more drafts — the table drafters paste
//! into their 主要预期目标表, and JSON for machines.

use std::path::{Path, PathBuf};

use super::listing::{each_document, outcome, print};
use super::output::ListFormat;
use super::Outcome;
use crate::features::targets_table::TargetRow;

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

pub fn run(paths: &[PathBuf], format: ListFormat, config: Option<&Path>) -> Outcome {
    let mut rows = Vec::new();
    let failed = each_document(paths, config, |path, doc| rows.extend(crate::features::targets_table::rows(path, doc)));
    outcome(print(format, &rows, HEADER, &rows.iter().map(cells).collect::<Vec<_>>()), failed)
}
