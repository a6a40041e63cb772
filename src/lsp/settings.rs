//! The client's `workplan` settings section (camelCase JSON), a wire format converted into
//! the core `Config`: `{"rules": {"unit.space": "off"}, "rangeStyle": "~"}`.

use serde_json::Value;

use crate::analysis::config::{parse_range_style, parse_setting};
use crate::analysis::Config;

/// The configuration the settings describe, and a message for each entry that was ignored
/// (a typo in an editor setting must not stop the server).
pub fn config_from_settings(section: &Value) -> (Config, Vec<String>) {
    let mut config = Config::default();
    let mut problems = Vec::new();
    if let Some(rules) = section.get("rules").and_then(Value::as_object) {
        for (code, value) in rules {
            let Some(value) = value.as_str() else {
                problems.push(format!("设置 workplan.rules.{code} 应为字符串"));
                continue;
            };
            match parse_setting(code, value) {
                Ok((rule, setting)) => {
                    config.rules.insert(rule, setting);
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
    }
    if let Some(style) = section.get("rangeStyle").and_then(Value::as_str) {
        match parse_range_style(style) {
            Ok(s) => config.range_style = Some(s),
            Err(e) => problems.push(e.to_string()),
        }
    }
    (config, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{RangeStyle, RuleSetting};
    use serde_json::json;

    #[test]
    fn reads_rules_and_range_style_and_reports_the_rest() {
        let (c, problems) = config_from_settings(&json!({
            "rules": { "unit.space": "off", "no.such": "off", "numbering.gap": 3 },
            "rangeStyle": "—"
        }));
        assert_eq!(c.rules.get(&crate::analysis::RuleId::UnitSpace), Some(&RuleSetting::Off));
        assert_eq!(c.range_style(), RangeStyle::Dash);
        assert_eq!(problems.len(), 2);
    }
}
