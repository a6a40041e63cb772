//! `workplan rules`: every rule with its default severity and what it checks.

use crate::analysis::RULES;

pub fn render() -> String {
    let width = RULES.iter().map(|r| r.code.len()).max().unwrap_or(0);
    RULES.iter().map(|r| format!("{:<width$}  {:<11}  {}\n", r.code, r.severity.as_str(), r.summary)).collect()
}
