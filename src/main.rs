//! The `workplan` command: `lsp`, `check`, `outline`, `rules`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use workplan::cli::{check, outline, rules, targets, Outcome};

#[derive(Parser)]
#[command(
    name = "workplan",
    version,
    about = "检查中文工作要点、工作计划、工作报告的序号、数目与目标，并为编辑器提供语言服务"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server on stdin/stdout.
    Lsp,
    /// Check drafts (.txt, .md, .docx; folders are searched; `-` reads stdin).
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: check::CheckFormat,
        /// Apply every certain fix to the files (atomically; encoding, BOM and line endings kept).
        #[arg(long)]
        fix: bool,
        /// Use this workplan.toml instead of the nearest one.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print the section tree of a draft.
    Outline {
        path: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: outline::OutlineFormat,
    },
    /// Print the indicator table: every target stated in the drafts.
    Targets {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: targets::TargetsFormat,
    },
    /// List every rule with its default severity.
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
        Command::Check { paths, format, fix, config } => {
            check::run(&check::CheckOptions { paths: &paths, format, fix, config: config.as_deref() })
        }
        Command::Outline { path, format } => outline::run(&path, format),
        Command::Targets { paths, format } => targets::run(&paths, format),
        Command::Rules => {
            print!("{}", rules::render());
            Outcome::Clean
        }
    };
    ExitCode::from(outcome.code())
}
