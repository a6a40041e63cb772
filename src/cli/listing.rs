//! What the commands that list what drafts contain (`targets`, `tasks`, `diff`) share:
//! reading each draft with its configuration, printing rows, and how they end.

use std::io;
use std::path::{Path, PathBuf};

use super::config::Configs;
use super::input::collect;
use super::output::{write_rows, write_stdout, ListFormat};
use super::Outcome;
use crate::document::Document;

/// Analyses every draft under `paths` with its nearest `workplan.toml` (or `config`) and
/// hands it to `visit`, one at a time so that a folder of drafts is never all in memory.
/// Problems are said on stderr; returns whether any of them should fail the command.
pub fn each_document(paths: &[PathBuf], config: Option<&Path>, mut visit: impl FnMut(&str, &Document)) -> bool {
    let (sources, errors) = collect(paths);
    let mut failed = false;
    for e in &errors {
        eprintln!("workplan: {e}");
        failed |= e.is_fatal();
    }
    // The team's [[lexicon]] names indicators the built-in one does not know.
    let mut configs = Configs::new(config, |_| {});
    for src in &sources {
        match configs.for_draft(&src.path) {
            Ok(config) => visit(&src.path, &Document::with_config(&src.text, src.kind, config)),
            Err(e) => {
                eprintln!("workplan: {e}");
                failed = true;
            }
        }
    }
    failed
}

/// Prints a listing on stdout: `json` as pretty JSON, or the rows under `header` in the
/// other formats.
pub fn print<const N: usize>(
    format: ListFormat,
    json: &impl serde::Serialize,
    header: [&str; N],
    rows: &[[String; N]],
) -> io::Result<()> {
    if format == ListFormat::Xlsx && io::IsTerminal::is_terminal(&io::stdout()) {
        return Err(io::Error::other("xlsx 是二进制文件，请重定向到文件，如 > 表.xlsx"));
    }
    write_stdout(|out| match format {
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, json)?;
            writeln!(out)
        }
        _ => write_rows(out, format, header, rows),
    })
}

/// How a listing command ends: 2 if its output could not be written or a draft failed.
pub fn outcome(printed: io::Result<()>, failed: bool) -> Outcome {
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
