//! The `workplan` command: `lsp`, `check`, `outline`, `targets`, `rules`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use workplan::cli::{check, outline, rules, targets, Outcome};

const CHECK_AFTER_HELP: &str = "\
退出码：0 没有警告及以上的问题；1 发现警告或错误；2 用法错误、文件无法读取、配置文件有误或修正未能写回。

配置：每个草稿使用其所在文件夹或上层文件夹中最近的 workplan.toml（标准输入从当前文件夹向上找）；
--config 指定的文件用于全部草稿。配置文件有误时报告其行号与列号，其下的草稿不检查，退出码为 2。

文件：.txt、.md 为 UTF-8、UTF-16（带 BOM）、GB18030/GBK 或 Big5 文本；.docx 读取正文段落与自动编号，
一段为一行；旧版 .doc/.wps 请先另存为 .docx。文件夹中跳过 .gitignore 排除的、隐藏的文件以及
node_modules/、target/。

示例：
  workplan check 草稿/
  workplan check --fix 2026年工作要点.txt
  workplan check --format concise --ignore punct .
  workplan check --statistics .";

#[derive(Parser)]
#[command(
    name = "workplan",
    version,
    about = "检查中文工作要点、工作计划、工作报告的序号、数目与目标，并为编辑器提供语言服务",
    after_help = "运行 workplan <命令> --help 查看各命令的说明。"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 在标准输入输出上运行语言服务器（供编辑器使用）
    Lsp,
    /// 检查草稿并报告问题；--fix 自动修正有把握的问题
    #[command(after_help = CHECK_AFTER_HELP)]
    Check {
        /// 草稿（.txt、.md、.docx）或其所在的文件夹；- 读取标准输入
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human")]
        format: check::CheckFormat,
        /// 就地修正有把握的问题，直到没有可修正的为止（原子写入，保留编码、BOM 与换行符；检查期间被改动的或只读的文件不修改），并报告每个文件按规则修正了多少处
        #[arg(long)]
        fix: bool,
        /// 所有草稿都使用这个配置文件，而不是各自最近的 workplan.toml
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// 只报告这些规则：规则代码或规则族，逗号分隔（如 numbering,unit.space）
        #[arg(long, value_name = "RULES")]
        select: Vec<String>,
        /// 不报告这些规则：规则代码或规则族，逗号分隔（如 punct）
        #[arg(long, value_name = "RULES")]
        ignore: Vec<String>,
        /// 不逐条列出问题，改为按规则统计问题数及可修正数
        #[arg(long)]
        statistics: bool,
    },
    /// 列出草稿的标题层级（大纲）；给出文件夹时逐个列出其中的草稿
    Outline {
        /// 草稿（.txt、.md、.docx）或文件夹；- 读取标准输入
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// text：每行一个标题，按层级缩进；json：树形结构
        #[arg(long, value_enum, default_value = "text")]
        format: outline::OutlineFormat,
    },
    /// 列出指标表：草稿中的每个目标、预计数与实绩
    Targets {
        /// 草稿（.txt、.md、.docx）或其所在的文件夹；- 读取标准输入
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value = "table")]
        format: targets::TargetsFormat,
        /// 所有草稿都使用这个配置文件（其 [[lexicon]] 指标词表），而不是各自最近的 workplan.toml
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// 列出全部规则：代码、默认级别与检查内容
    Rules,
}

fn main() -> ExitCode {
    // Logs go to stderr: stdout is the LSP transport.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("WORKPLAN_LOG").unwrap_or_else(|_| "warn".into()))
        .with_ansi(false)
        .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { Outcome::Error.code() } else { 0 });
        }
    };
    let outcome = match cli.command {
        Command::Lsp => workplan::lsp::run_stdio(),
        Command::Check { paths, format, fix, config, select, ignore, statistics } => check::run(&check::CheckOptions {
            paths: &paths,
            format,
            fix,
            config: config.as_deref(),
            select: &select,
            ignore: &ignore,
            statistics,
        }),
        Command::Outline { path, format } => outline::run(&path, format),
        Command::Targets { paths, format, config } => targets::run(&paths, format, config.as_deref()),
        Command::Rules => rules::run(),
    };
    ExitCode::from(outcome.code())
}
