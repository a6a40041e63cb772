//! `--select` / `--ignore`: which rules a run reports, by code (`unit.space`) or family
//! (`unit`, `punct`). The selection turns the other rules off in the configuration, so it
//! holds for `--fix` too.

use crate::analysis::{Config, RuleSetting, RULES};

#[derive(Debug, Clone, Default)]
pub struct Selection {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl Selection {
    /// Every name must be a rule's code or family; an error names the first that is not.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Selection, String> {
        let split = |names: &[String]| -> Vec<String> {
            names.iter().flat_map(|n| n.split(',')).map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect()
        };
        let selection = Selection { select: split(select), ignore: split(ignore) };
        if let Some(unknown) =
            selection.select.iter().chain(&selection.ignore).find(|n| !RULES.iter().any(|r| names(n, r.code)))
        {
            return Err(format!("没有名为“{unknown}”的规则或规则族（运行 workplan rules 查看全部规则）"));
        }
        Ok(selection)
    }

    pub fn reports(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|n| names(n, code)))
            && !self.ignore.iter().any(|n| names(n, code))
    }

    /// Turns off in `config` every rule this selection does not report.
    pub fn apply(&self, config: &mut Config) {
        for rule in RULES.iter().filter(|r| !self.reports(r.code)) {
            config.rules.insert(rule.id, RuleSetting::Off);
        }
    }
}

/// Whether `name` is `code` or its family (the part before the dot).
fn names(name: &str, code: &str) -> bool {
    code == name || code.strip_prefix(name).is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_families() {
        let s = Selection::new(&["unit,numbering.gap".into()], &["unit.space".into()]).expect("valid");
        assert!(s.reports("unit.symbol-case") && s.reports("numbering.gap"));
        assert!(!s.reports("unit.space") && !s.reports("numbering.marker-style") && !s.reports("punct.halfwidth"));
        assert!(Selection::new(&[], &["uni".into()]).is_err());
        assert!(Selection::new(&[], &[]).expect("valid").reports("punct.halfwidth"));
    }
}
