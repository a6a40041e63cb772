//! `workplan rules`: every rule with its default severity and what it checks, as a table for
//! the terminal, or as the registry's derived lists that live in other files: the rule
//! pages' index (`docs/rules/README.md`) and the VS Code extension's settings schema
//! (`editors/vscode/package.json`, `workplan.rules`). `tests/registry_agrees.rs` fails when
//! a file disagrees with what this prints.

use super::output::write_stdout;
use super::Outcome;
use crate::analysis::RULES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum RulesFormat {
    /// 代码、默认级别与说明，按列对齐
    #[default]
    Text,
    /// Markdown 表格（docs/rules/README.md 的规则索引）
    Markdown,
    /// VS Code 扩展 workplan.rules 设置的 JSON Schema 属性（editors/vscode/package.json）
    Vscode,
}

/// The severities a setting may name, `off` first.
const SETTINGS: [&str; 5] = ["off", "error", "warning", "information", "hint"];

pub fn render(format: RulesFormat) -> String {
    match format {
        RulesFormat::Text => {
            let width = RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
            RULES.iter().map(|r| format!("{:<width$}  {:<11}  {}\n", r.code, r.severity.as_str(), r.summary)).collect()
        }
        RulesFormat::Markdown => {
            let rows = RULES
                .iter()
                .map(|r| format!("| [{0}]({0}.md) | {1} | {2} |\n", r.code, r.severity.as_str(), r.summary));
            ["| 代码 | 默认级别 | 说明 |\n", "|---|---|---|\n"].into_iter().map(String::from).chain(rows).collect()
        }
        RulesFormat::Vscode => {
            // Written out by hand in the manifest's key order (`type`, `enum`, description).
            let settings = SETTINGS.map(|s| format!("      \"{s}\"")).join(",\n");
            let properties: Vec<String> = RULES
                .iter()
                .map(|r| {
                    format!(
                        "  \"{0}\": {{\n    \"type\": \"string\",\n    \"enum\": [\n{settings}\n    ],\n    \"markdownDescription\": \"%config.rule.{0}%\"\n  }}",
                        r.code
                    )
                })
                .collect();
            format!("{{\n{}\n}}\n", properties.join(",\n"))
        }
    }
}

pub fn run(format: RulesFormat) -> Outcome {
    match write_stdout(|out| out.write_all(render(format).as_bytes())) {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            eprintln!("workplan: 无法输出：{e}");
            Outcome::Error
        }
    }
}
