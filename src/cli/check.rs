//! `workplan check`: lint drafts, report every finding, optionally apply the certain fixes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::input::{collect, Source};
use super::report::{human_finding, json_finding};
use super::{config, sarif, Outcome};
use crate::analysis::Severity;
use crate::document::Document;
use crate::features::fixes::fixed_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
}

pub struct CheckOptions<'a> {
    pub paths: &'a [PathBuf],
    pub format: CheckFormat,
    pub fix: bool,
    pub config: Option<&'a Path>,
}

pub fn run(opts: &CheckOptions<'_>) -> Outcome {
    let config = match config::load(opts.config) {
        Ok((c, _)) => Arc::new(c),
        Err(e) => {
            eprintln!("workplan: {e}");
            return Outcome::Error;
        }
    };
    let (sources, errors) = collect(opts.paths);
    for e in &errors {
        eprintln!("workplan: {e}");
    }
    let mut failed = !errors.is_empty();
    let mut docs = Vec::with_capacity(sources.len());
    for src in &sources {
        let file_config = Arc::new(config.for_file(&src.path));
        let mut doc = Document::with_config(&src.text, src.kind, file_config.clone());
        if opts.fix {
            match fix_file(src, &doc) {
                Ok(Some(fixed)) => doc = Document::with_config(&fixed, src.kind, file_config),
                Ok(None) => {}
                Err(e) => {
                    eprintln!("workplan: {e}");
                    failed = true;
                }
            }
        }
        docs.push(doc);
    }
    let serious = docs.iter().flat_map(Document::diagnostics).any(|d| d.severity() <= Severity::Warning);
    if print(opts.format, &sources, &docs).is_err() {
        return Outcome::Error;
    }
    if failed {
        Outcome::Error
    } else if serious {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

fn print(format: CheckFormat, sources: &[Source], docs: &[Document]) -> std::io::Result<()> {
    // Stdout flushes at every line break; a large report is written in blocks instead.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let pairs = || sources.iter().zip(docs);
    match format {
        CheckFormat::Json => {
            let findings: Vec<_> = pairs()
                .flat_map(|(s, doc)| doc.diagnostics().map(move |d| json_finding(&s.path, doc, &d.to_diagnostic())))
                .collect();
            serde_json::to_writer_pretty(&mut out, &findings)?;
            writeln!(out)?;
        }
        CheckFormat::Sarif => {
            let files: Vec<(&str, &Document)> = pairs().map(|(s, d)| (s.path.as_str(), d)).collect();
            serde_json::to_writer_pretty(&mut out, &sarif::report(&files))?;
            writeln!(out)?;
        }
        CheckFormat::Human => {
            let mut count = 0;
            for (s, doc) in pairs() {
                for d in doc.diagnostics() {
                    count += 1;
                    write!(out, "{}\n\n", human_finding(&s.path, doc, &d.to_diagnostic()))?;
                }
            }
            writeln!(out, "检查了 {} 个文件，发现 {count} 处问题。", sources.len())?;
        }
    }
    out.flush()
}

/// Writes the fixed text back; `Ok(None)` when there was nothing to fix or the source
/// cannot be written (stdin, Word files).
fn fix_file(src: &Source, doc: &Document) -> Result<Option<String>, String> {
    if !src.writable {
        eprintln!("workplan: {}: 不能就地修正（标准输入或 Word 文件），仅报告问题", src.path);
        return Ok(None);
    }
    let fixed = fixed_text(doc);
    if fixed == src.text {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(fixed.len() + 3);
    if src.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(fixed.as_bytes());
    write_atomically(Path::new(&src.path), &bytes).map_err(|e| format!("{}: 无法写回修正：{e}", src.path))?;
    Ok(Some(fixed))
}

/// Writes a sibling temporary file and renames it over `path`, so a crash never leaves a
/// half-written draft; the original's permissions are kept.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.workplan-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
