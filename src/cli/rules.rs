//! `workplan rules`: every rule with its default severity and what it checks.

use super::output::write_stdout;
use super::Outcome;
use crate::analysis::RULES;

pub fn render() -> String {
    let width = RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
    RULES.iter().map(|r| format!("{:<width$}  {:<11}  {}\n", r.code, r.severity.as_str(), r.summary)).collect()
}

pub fn run() -> Outcome {
    match write_stdout(|out| out.write_all(render().as_bytes())) {
        Ok(()) => Outcome::Clean,
        Err(e) => {
            eprintln!("workplan: 无法输出：{e}");
            Outcome::Error
        }
    }
}
