//! The `workplan` command: `lsp`, `check`, `outline`, `targets`, `tasks`, `diff`, `rules`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;
use workplan::cli::output::ListFormat;
use workplan::cli::rules::RulesFormat;
use workplan::cli::{check, diff, outline, rules, targets, tasks, Outcome};

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
  workplan check --statistics .
  workplan check --annotate 2026年工作要点-批注.docx 2026年工作要点.docx

--annotate：每个问题成为一条批注（作者 workplan，内容为规则代码与说明），锚定到问题所在的文字；
文字位于域、超链接、修订、文本框或自动编号中时，批注在整段上。副本其余部分与原文件逐字节相同。
没有问题时也写出副本（不加批注）。";

const TASKS_AFTER_HELP: &str = "\
字段的写法：任务下方的标签行（牵头单位：区科技局），一行多个标签（牵头单位：区卫健委 | 完成时限：2026年底），
或任务后的括注（（牵头单位：区科技局；完成时限：2026年6月底））；
表头含“重点任务”等任务栏和“牵头单位”等字段栏的表格（Markdown 表格或以制表符分隔的行），每行是一项任务。
识别的标签：牵头单位/牵头部门，责任单位/责任部门，配合单位/配合部门/协同单位，完成时限/完成时间/时间节点。
没有这些字段的编号事项也列出，相应栏目留空。csv 带 UTF-8 BOM，可直接用 Excel 或 WPS 打开；xlsx 写到标准输出，请重定向到文件。

示例：
  workplan tasks 2026年工作要点.txt
  workplan tasks --format csv 草稿/ > 任务分解.csv
  workplan tasks --format xlsx 草稿/ > 任务分解.xlsx";

const DIFF_AFTER_HELP: &str = "\
章节与任务按标题配对：标题相同的视为同一项（序号或所在章节变了记为“序号变化”），其余在同一章节内按标题相似度配对
（记为“表述修改”），配不上的记为新增或删除；删除或新增的章节不再逐条列出其下的任务。指标按指标名、类型与期间配对，
报告新增、删除、数值变化以及确保、力争、目标之间的口径变化。行号为各稿中的行号（.docx 为段落序号）。

示例：
  workplan diff 征求意见稿.txt 送审稿.txt
  workplan diff --format markdown 2025年工作要点.docx 2026年工作要点.docx";

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

/// The arguments of the commands that list what drafts contain.
#[derive(clap::Args)]
struct ListArgs {
    /// 草稿（.txt、.md、.docx）或其所在的文件夹；- 读取标准输入
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
    /// 所有草稿都使用这个配置文件（其 [[lexicon]] 指标词表），而不是各自最近的 workplan.toml
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
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
        /// 把发现的问题作为批注写入 Word 文件的副本 OUT.docx（批注锚定到问题所在的文字，其余内容不变）；只能检查一个 .docx 文件，原文件不修改
        #[arg(long, value_name = "OUT.docx")]
        annotate: Option<PathBuf>,
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
    Targets(ListArgs),
    /// 列出任务台账：每个编号任务（一、（一）1.（1）及一是…）的序号、标题、牵头单位、责任/配合单位与完成时限
    #[command(after_help = TASKS_AFTER_HELP)]
    Tasks(ListArgs),
    /// 比较两稿（如征求意见稿与送审稿）：章节与任务的增删、序号变化、表述修改、牵头单位与完成时限调整，指标的增删、数值变化与确保/力争口径变化
    #[command(after_help = DIFF_AFTER_HELP)]
    Diff {
        /// 原稿（.txt、.md、.docx）
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// 新稿（.txt、.md、.docx）
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
        /// 两稿都使用这个配置文件，而不是各自最近的 workplan.toml
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// 列出全部规则：代码、默认级别与检查内容
    Rules {
        /// 输出格式
        #[arg(long, value_enum, default_value = "text")]
        format: RulesFormat,
    },
}

fn main() -> ExitCode {
    // Logs go to stderr: stdout is the LSP transport.
    // `WORKPLAN_LOG` is a list of `target=level` or a bare level, read by `Targets`: an
    // `EnvFilter` would pull in regex-automata's full DFAs, which then are built for every
    // small regex of the analysis, doubling the cost of building them.
    let filter = std::env::var("WORKPLAN_LOG")
        .ok()
        .and_then(|v| v.parse::<tracing_subscriber::filter::Targets>().ok())
        .unwrap_or_else(|| tracing_subscriber::filter::Targets::new().with_default(tracing::Level::WARN));
    tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_ansi(false).with_filter(filter))
        .init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { Outcome::Error.code() } else { 0 });
        }
    };
    if !matches!(cli.command, Command::Lsp) {
        workplan::cli::heap::tune_for_batch();
    }
    let outcome = match cli.command {
        Command::Lsp => return ExitCode::from(workplan::lsp::run_stdio()),
        Command::Check { paths, format, fix, config, select, ignore, statistics, annotate } => {
            check::run(&check::CheckOptions {
                paths: &paths,
                format,
                fix,
                config: config.as_deref(),
                select: &select,
                ignore: &ignore,
                statistics,
                annotate: annotate.as_deref(),
            })
        }
        Command::Outline { path, format } => outline::run(&path, format),
        Command::Targets(a) => targets::run(&a.paths, a.format, a.config.as_deref()),
        Command::Tasks(a) => tasks::run(&a.paths, a.format, a.config.as_deref()),
        Command::Diff { old, new, format, config } => diff::run(&old, &new, format, config.as_deref()),
        Command::Rules { format } => rules::run(format),
    };
    ExitCode::from(outcome.code())
}
