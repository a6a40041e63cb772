//! `workplan check`: lint drafts, report every finding, optionally apply the certain fixes.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::config::Configs;
use super::excerpt::width;
use super::fix::{fix_source, FileFix};
use super::input::{collect, Source};
use super::json_findings::{self, ON_AUTOMATIC_LABEL};
use super::output::write_stdout;
use super::report::{concise_finding, human_finding, Style};
use super::select::Selection;
use super::{annotate, sarif, Outcome};
use crate::analysis::{Config, Diagnostic, RuleId, Severity};
use crate::document::Document;
use crate::files::encoding::TextEncoding;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// 每个问题附所在行的片段，标出问题所在
    Human,
    /// 每个问题一行：路径:行:列: 规则 说明
    Concise,
    /// 一个 JSON 数组
    Json,
    /// SARIF 2.1.0，供代码扫描平台使用
    Sarif,
}

pub struct CheckOptions<'a> {
    pub paths: &'a [PathBuf],
    pub format: CheckFormat,
    pub fix: bool,
    pub config: Option<&'a Path>,
    pub select: &'a [String],
    pub ignore: &'a [String],
    pub statistics: bool,
    /// Write the findings as Word comments into a copy of the one `.docx` checked.
    pub annotate: Option<&'a Path>,
}

/// One draft as checked: its source, its analysed document, what `--fix` did.
struct Checked {
    source: Source,
    doc: Document,
    fix: Option<FileFix>,
}

pub fn run(opts: &CheckOptions<'_>) -> Outcome {
    if opts.paths.is_empty() {
        eprintln!(
            "workplan check：请给出要检查的草稿或文件夹，例如 workplan check 2026年工作要点.txt 或 workplan check 草稿/；\n\
             用 - 读取标准输入。运行 workplan check --help 查看全部选项。"
        );
        return Outcome::Error;
    }
    // What the parse builds on first use is built on the other threads while this one reads
    // the options, the configuration and the drafts.
    rayon::spawn(crate::analysis::prepare);
    let selection = match Selection::new(opts.select, opts.ignore) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("workplan: {e}");
            return Outcome::Error;
        }
    };
    if opts.statistics && opts.format == CheckFormat::Sarif {
        eprintln!("workplan: --statistics 不能与 --format sarif 同用");
        return Outcome::Error;
    }
    if let Some(out) = opts.annotate {
        if let Err(e) = annotate::validate(out, opts.paths, opts.fix) {
            eprintln!("workplan: {e}");
            return Outcome::Error;
        }
    }
    let mut configs = Configs::new(opts.config, move |c| selection.apply(c));
    let (sources, errors) = collect(opts.paths);
    let mut failed = false;
    for e in &errors {
        eprintln!("workplan: {e}");
        failed |= e.is_fatal();
    }
    let mut checked = Vec::with_capacity(sources.len());
    let mut broken_configs = std::collections::BTreeSet::new();
    let drafts: Vec<(Source, Result<Arc<Config>, String>)> = sources
        .into_iter()
        .map(|source| {
            let config = configs.for_draft(&source.path);
            (source, config)
        })
        .collect();
    // Drafts are independent: they are analysed on every core (each also parses its lines on
    // every core), and what is said about them is said afterwards, in order.
    let docs: Vec<Option<Document>> = drafts
        .par_iter()
        .map(|(source, config)| {
            config.as_ref().ok().map(|config| Document::with_config(&source.text, source.kind, config.clone()))
        })
        .collect();
    for ((mut source, config), doc) in drafts.into_iter().zip(docs) {
        let config = match config {
            Ok(c) => c,
            Err(e) => {
                if broken_configs.insert(e.clone()) {
                    eprintln!("workplan: {e}（其下的草稿未检查）");
                }
                failed = true;
                continue;
            }
        };
        let Some(doc) = doc else { continue };
        if source.encoding != TextEncoding::Utf8 {
            eprintln!("workplan: {}: 按 {} 编码读取", source.path, source.encoding.name());
        }
        let (doc, fix) = if opts.fix {
            let (doc, fix) = fix_source(&source, doc, &config);
            (doc, Some(fix))
        } else {
            // Only `--fix` and `--annotate` (which checks that the copy is of the text checked)
            // read the text again; the document holds it in its rope.
            if opts.annotate.is_none() {
                source.text = String::new();
            }
            (doc, None)
        };
        checked.push(Checked { source, doc, fix });
    }
    compare_drafts(&mut checked);
    let serious = checked.iter().flat_map(|c| c.doc.diagnostics()).any(|d| d.severity() <= Severity::Warning);
    failed |= checked.iter().any(|c| matches!(c.fix, Some(FileFix::Left { .. })) && c.source.on_disk.is_some());
    // The comments are the findings as printed (a finding on an automatic label says so).
    let annotated = match (opts.annotate, checked.as_slice()) {
        (Some(out), [c]) => {
            let findings: Vec<Diagnostic> =
                c.doc.diagnostics().map(|d| on_automatic_label(&c.source, d.to_diagnostic())).collect();
            match annotate::write(out, Path::new(&c.source.path), &c.source.text, &findings) {
                Ok(said) => Some(said),
                Err(e) => {
                    eprintln!("workplan: {e}");
                    failed = true;
                    None
                }
            }
        }
        _ => None,
    };
    let written = write_stdout(|out| {
        print(out, opts, &checked)?;
        match &annotated {
            // Machines read stdout: there what was written is said on stderr.
            Some(said) if matches!(opts.format, CheckFormat::Human | CheckFormat::Concise) => writeln!(out, "{said}"),
            Some(said) => {
                eprintln!("{said}");
                Ok(())
            }
            None => Ok(()),
        }
    });
    // The process ends next: freeing every line's parse and finding one by one took longer
    // than writing them out, for nothing.
    std::mem::forget(checked);
    if let Err(e) = written {
        eprintln!("workplan: 无法输出：{e}");
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

/// `citation.conflict` and `target.below-last-actual` across the drafts checked together.
fn compare_drafts(checked: &mut [Checked]) {
    let mut drafts: Vec<(&str, &mut Document)> =
        checked.iter_mut().map(|c| (c.source.path.as_str(), &mut c.doc)).collect();
    crate::features::workspace::compare_drafts(&mut drafts);
}

fn print(out: &mut dyn Write, opts: &CheckOptions<'_>, checked: &[Checked]) -> std::io::Result<()> {
    let findings = || {
        checked
            .iter()
            .flat_map(|c| c.doc.diagnostics().map(move |d| (c, on_automatic_label(&c.source, d.to_diagnostic()))))
    };
    let for_people = matches!(opts.format, CheckFormat::Human | CheckFormat::Concise);
    if opts.statistics {
        write_statistics(out, opts.format, checked)?;
    } else {
        match opts.format {
            CheckFormat::Json => {
                let drafts: Vec<(&Source, &Document)> = checked.iter().map(|c| (&c.source, &c.doc)).collect();
                json_findings::write(out, &drafts)?;
                writeln!(out)?;
            }
            CheckFormat::Sarif => {
                let files: Vec<(&str, &Document)> = checked.iter().map(|c| (c.source.path.as_str(), &c.doc)).collect();
                serde_json::to_writer_pretty(&mut *out, &sarif::report(&files))?;
                writeln!(out)?;
            }
            CheckFormat::Human => {
                let style = Style::for_stdout();
                for (c, d) in findings() {
                    write!(out, "{}\n\n", human_finding(&c.source.path, &c.doc, &d, style))?;
                }
            }
            CheckFormat::Concise => {
                for (c, d) in findings() {
                    writeln!(out, "{}", concise_finding(&c.source.path, &c.doc, &d))?;
                }
            }
        }
    }
    if opts.fix {
        // Machines read stdout: there the report of what was fixed goes to stderr.
        let report = fix_report(checked);
        if for_people {
            out.write_all(report.as_bytes())?;
        } else {
            eprint!("{report}");
        }
    }
    if for_people {
        let count = findings().count();
        let fixable = findings().filter(|(_, d)| !d.fix.is_empty()).count();
        write!(out, "检查了 {} 个文件，发现 {count} 处问题", checked.len())?;
        if fixable > 0 {
            write!(out, "，其中 {fixable} 处可用 --fix 自动修正")?;
        }
        writeln!(out, "。")?;
    }
    Ok(())
}

/// A finding on a label Word numbers by itself says so, and has no fix: the label is not in
/// the text but in the list's definition.
fn on_automatic_label(source: &Source, mut d: Diagnostic) -> Diagnostic {
    if source.in_automatic_label(d.range.line, d.range.span.start()) {
        d.message.push_str(ON_AUTOMATIC_LABEL);
        d.fix.clear();
    }
    d
}

/// Per file, what `--fix` did (per rule) or why it left the file; then the totals and how
/// many findings are left to fix by hand.
fn fix_report(checked: &[Checked]) -> String {
    let mut out = String::new();
    let (mut files, mut total) = (0, 0);
    for c in checked {
        match &c.fix {
            Some(FileFix::Written { by_rule }) => {
                let n: usize = by_rule.values().sum();
                let rules: Vec<String> = by_rule.iter().map(|(code, n)| format!("{code} {n} 处")).collect();
                out.push_str(&format!("已修正 {}：{n} 处（{}）\n", c.source.path, rules.join("，")));
                files += 1;
                total += n;
            }
            Some(FileFix::Left { reason, fixable }) => {
                out.push_str(&format!("未修正 {}：{reason}（{fixable} 处可修正）\n", c.source.path));
            }
            Some(FileFix::Clean) | None => {}
        }
    }
    let left: usize = checked.iter().map(|c| c.doc.diagnostics().count()).sum();
    out.push_str(&format!("共修正 {files} 个文件中的 {total} 处，余下 {left} 处问题需要手工处理。\n"));
    out
}

/// Per rule: how many findings, how many of them fixable, and what the rule checks.
fn write_statistics(out: &mut dyn Write, format: CheckFormat, checked: &[Checked]) -> std::io::Result<()> {
    let mut by_rule: BTreeMap<RuleId, (usize, usize)> = BTreeMap::new();
    for d in checked.iter().flat_map(|c| c.doc.diagnostics()) {
        let entry = by_rule.entry(d.rule()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(!d.fix().is_empty());
    }
    let mut rows: Vec<(RuleId, usize, usize)> = by_rule.into_iter().map(|(c, (n, f))| (c, n, f)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if format == CheckFormat::Json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|(code, count, fixable)| serde_json::json!({ "code": code.as_str(), "count": count, "fixable": fixable }))
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    let code_width = rows.iter().map(|r| r.0.as_str().len()).max().unwrap_or(0);
    for (code, count, fixable) in rows {
        let summary = code.rule().summary;
        let mark = if fixable > 0 { format!("可修正 {fixable}") } else { String::new() };
        let pad = " ".repeat(12usize.saturating_sub(width(&mark)));
        writeln!(out, "{count:>6}  {code:<code_width$}  {mark}{pad}  {summary}")?;
    }
    Ok(())
}
