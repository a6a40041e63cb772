//! `workplan tasks`: the task ledger (任务分解) of one or more drafts — each numbered task
//! with its 牵头单位, other units and 完成时限, to paste into the 任务分解表 or track in a
//! spreadsheet.

use std::path::{Path, PathBuf};

use super::listing::{each_document, outcome, print};
use super::output::ListFormat;
use super::Outcome;
use crate::features::tasks::TaskRow;

const HEADER: [&str; 7] = ["序号", "任务", "牵头单位", "责任/配合单位", "完成时限", "文件", "行"];

fn cells(r: &TaskRow) -> [String; 7] {
    [
        r.number.clone(),
        r.title.clone(),
        r.lead.join("、"),
        r.others.join("、"),
        r.deadline.clone().unwrap_or_default(),
        r.path.clone(),
        r.line.to_string(),
    ]
}

pub fn run(paths: &[PathBuf], format: ListFormat, config: Option<&Path>) -> Outcome {
    let mut rows = Vec::new();
    let failed = each_document(paths, config, |path, doc| rows.extend(crate::features::tasks::rows(path, doc)));
    outcome(print(format, &rows, HEADER, &rows.iter().map(cells).collect::<Vec<_>>()), failed)
}
