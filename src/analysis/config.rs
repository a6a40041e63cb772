//! The core's configuration: which rules run and at what severity, the range style, and the
//! findings a team decided to ignore. Read from `workplan.toml` (the file a team keeps in its
//! workspace) and from an editor's settings; the file wins.

use std::collections::HashMap;

use serde::Deserialize;
use thiserror::Error;

use super::diagnostic::{Diagnostic, Severity};
use super::registry::RuleId;
use crate::syntax::indicators::UserIndicator;

/// A rule's setting: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    On(Severity),
}

/// How number ranges are joined (GB/T 15835-2011 allows both); calendar spans such as
/// `2017—2019年` always take the dash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RangeStyle {
    /// `1~2年`
    #[default]
    Tilde,
    /// `1—2年`
    Dash,
}

impl RangeStyle {
    pub fn connector(self) -> &'static str {
        match self {
            RangeStyle::Tilde => "~",
            RangeStyle::Dash => "—",
        }
    }
}

/// A finding a team decided to keep: in `file`, of rule `code`, on a line containing `text`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct Ignore {
    pub file: String,
    pub code: String,
    pub text: String,
}

/// A unit the team writes several ways (`[[org]]`): its name and the other spellings that
/// mean it, for `task.unit-alias` besides the departments it knows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Org {
    /// Whether `unit` is this unit's name or one of its spellings.
    pub fn names(&self, unit: &str) -> bool {
        self.name == unit || self.aliases.iter().any(|a| a == unit)
    }
}

/// Characters of context kept on each side of a flagged span in an ignore entry, so the
/// entry keeps matching when the line is edited elsewhere but stays specific.
const IGNORE_CONTEXT_CHARS: usize = 6;

impl Ignore {
    /// The entry that ignores a finding of `code` in `file`, at `span` of a line whose text
    /// is `line`: the flagged text with a little context on each side, within the line.
    pub fn for_finding(file: String, code: &str, line: &str, span: crate::text::Span) -> Ignore {
        let (start, end) = (span.start().min(line.len()), span.end().min(line.len()));
        let before: String =
            line[..start].chars().rev().take(IGNORE_CONTEXT_CHARS).collect::<Vec<_>>().into_iter().rev().collect();
        let after: String = line[end..].chars().take(IGNORE_CONTEXT_CHARS).collect();
        Ignore { file, code: code.to_string(), text: format!("{before}{}{after}", &line[start..end]) }
    }

    /// The entry as `workplan.toml` text (an `[[ignore]]` table).
    pub fn to_toml(&self) -> Option<String> {
        #[derive(serde::Serialize)]
        struct Entries<'a> {
            ignore: [&'a Ignore; 1],
        }
        toml::to_string(&Entries { ignore: [self] }).ok()
    }

    /// Whether the entry names `path`: equal, or `path` ends with it at a folder boundary
    /// (`plans/2024.txt` names `/work/plans/2024.txt`).
    pub fn names_file(&self, path: &str) -> bool {
        let (entry, path) = (self.file.replace('\\', "/"), path.replace('\\', "/"));
        let entry = entry.trim_start_matches("./");
        path == entry || path.ends_with(&format!("/{entry}"))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Overrides by rule; rules not named keep their defaults.
    pub rules: HashMap<RuleId, RuleSetting>,
    /// `None` when not set here, so an overlay can tell “not set” from “set to the default”.
    pub range_style: Option<RangeStyle>,
    pub ignores: Vec<Ignore>,
    /// The team's own indicators (`[[lexicon]]`), besides the built-in ones.
    pub lexicon: Vec<UserIndicator>,
    /// The office's word list (`[[term]]`): what it writes for what.
    pub terms: Vec<Term>,
    /// The team's units and their spellings (`[[org]]`).
    pub orgs: Vec<Org>,
}

/// One entry of the office's word list: `wrong` is to be written `right`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub wrong: String,
    pub right: String,
    /// Why, in the office's words (shown after the message).
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error("workplan.toml 格式有误：{message}")]
    Syntax {
        message: String,
        /// Byte range of the offending text in the file, when known.
        span: Option<std::ops::Range<usize>>,
    },
    #[error("workplan.toml 中的规则 “{0}” 不存在（运行 workplan rules 查看全部规则）")]
    UnknownRule(String),
    #[error("workplan.toml 中规则 “{code}” 的设置 “{value}” 无效，应为 off、error、warning、information 或 hint")]
    BadSetting { code: String, value: String },
    #[error("workplan.toml 中的 range-style 应为 “~” 或 “—”，不是 “{0}”")]
    BadRangeStyle(String),
    #[error("workplan.toml 中的 [[term]] “{0}”：wrong 不能为空，也不能与 right 相同")]
    BadTerm(String),
}

impl ConfigError {
    /// The bytes of the file's `text` the error is about: the parser's span, else where the
    /// rule or setting is named; empty at the start when nothing points anywhere.
    pub fn span_in(&self, text: &str) -> std::ops::Range<usize> {
        let find = |what: &str| text.find(what).map(|i| i..i + what.len());
        match self {
            ConfigError::Syntax { span, .. } => span.clone(),
            ConfigError::UnknownRule(code) | ConfigError::BadSetting { code, .. } => find(&format!("\"{code}\"")),
            ConfigError::BadRangeStyle(_) => find("range-style"),
            ConfigError::BadTerm(_) => find("[[term]]"),
        }
        .unwrap_or(0..0)
    }
}

/// The file as written: the wire format, converted into [`Config`] after validation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    rules: HashMap<String, String>,
    range_style: Option<String>,
    #[serde(default)]
    ignore: Vec<Ignore>,
    #[serde(default)]
    lexicon: Vec<UserIndicator>,
    #[serde(default)]
    term: Vec<Term>,
    #[serde(default)]
    org: Vec<Org>,
}

/// Parses a rule setting as written in `workplan.toml` or an editor's settings: the rule
/// its code names, and the setting.
fn parse_setting(code: &str, value: &str) -> Result<(RuleId, RuleSetting), ConfigError> {
    let rule = RuleId::parse(code).map_err(|unknown| ConfigError::UnknownRule(unknown.0))?;
    let setting = match value.trim().to_ascii_lowercase().as_str() {
        "off" | "none" | "false" => RuleSetting::Off,
        "error" => RuleSetting::On(Severity::Error),
        "warning" | "warn" => RuleSetting::On(Severity::Warning),
        "information" | "info" => RuleSetting::On(Severity::Information),
        "hint" => RuleSetting::On(Severity::Hint),
        _ => return Err(ConfigError::BadSetting { code: code.to_string(), value: value.to_string() }),
    };
    Ok((rule, setting))
}

fn parse_range_style(value: &str) -> Result<RangeStyle, ConfigError> {
    match value.trim() {
        "~" | "～" | "tilde" => Ok(RangeStyle::Tilde),
        "—" | "——" | "dash" => Ok(RangeStyle::Dash),
        other => Err(ConfigError::BadRangeStyle(other.to_string())),
    }
}

impl Config {
    /// Reads `workplan.toml` text. Every problem is an error: a half-applied file would hide
    /// a typo the team thinks is in force.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text)
            .map_err(|e| ConfigError::Syntax { message: e.message().to_string(), span: e.span() })?;
        let mut config = Config::default();
        for (code, value) in &file.rules {
            let (rule, setting) = parse_setting(code, value)?;
            config.rules.insert(rule, setting);
        }
        if let Some(style) = &file.range_style {
            config.range_style = Some(parse_range_style(style)?);
        }
        config.ignores = file.ignore;
        config.lexicon = file.lexicon;
        if let Some(bad) = file.term.iter().find(|t| t.wrong.trim().is_empty() || t.wrong == t.right) {
            return Err(ConfigError::BadTerm(bad.wrong.clone()));
        }
        config.terms = file.term;
        config.orgs = file.org;
        Ok(config)
    }

    /// Reads an editor's `workplan` settings section (camelCase JSON:
    /// `{"rules": {"unit.space": "off"}, "rangeStyle": "~"}`), and a message for each entry
    /// that was ignored: a typo in an editor setting must not stop the server.
    pub fn from_settings(section: &serde_json::Value) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        for (code, value) in section.get("rules").and_then(|r| r.as_object()).into_iter().flatten() {
            match value.as_str().map(|value| parse_setting(code, value)) {
                Some(Ok((rule, setting))) => _ = config.rules.insert(rule, setting),
                Some(Err(e)) => problems.push(e.to_string()),
                None => problems.push(format!("设置 workplan.rules.{code} 应为字符串")),
            }
        }
        match section.get("rangeStyle").and_then(|s| s.as_str()).map(parse_range_style) {
            Some(Ok(style)) => config.range_style = Some(style),
            Some(Err(e)) => problems.push(e.to_string()),
            None => {}
        }
        (config, problems)
    }

    /// The range style in force.
    pub fn range_style(&self) -> RangeStyle {
        self.range_style.unwrap_or_default()
    }

    /// `self` (the editor's settings) overlaid by `file` (workplan.toml): the file wins.
    pub fn overlaid_by(&self, file: &Config) -> Config {
        let mut merged = self.clone();
        merged.rules.extend(file.rules.iter().map(|(k, v)| (*k, *v)));
        merged.range_style = file.range_style.or(self.range_style);
        merged.ignores.extend(file.ignores.iter().cloned());
        merged.lexicon.extend(file.lexicon.iter().cloned());
        merged.terms.extend(file.terms.iter().cloned());
        merged.orgs.extend(file.orgs.iter().cloned());
        merged
    }

    /// The configuration for one file: only the ignore entries that name it.
    pub fn for_file(&self, path: &str) -> Config {
        Config { ignores: self.ignores.iter().filter(|i| i.names_file(path)).cloned().collect(), ..self.clone() }
    }

    /// The severity a finding is shown at: the configured one, or `None` if its rule is off.
    pub fn severity(&self, d: &Diagnostic) -> Option<Severity> {
        match self.rules.get(&d.code) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::On(s)) => Some(*s),
            None => Some(d.severity),
        }
    }

    /// Whether an ignore entry (already narrowed to this file) covers a finding of `code`
    /// on a line whose text is `line`.
    pub fn ignores_finding(&self, code: &str, line: &str) -> bool {
        self.ignores.iter().any(|i| i.code == code && !i.text.is_empty() && line.contains(&i.text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_settings_read_rules_and_range_style_and_report_the_rest() {
        let (c, problems) = Config::from_settings(&serde_json::json!({
            "rules": { "unit.space": "off", "no.such": "off", "numbering.gap": 3 },
            "rangeStyle": "—"
        }));
        assert_eq!(c.rules.get(&RuleId::UnitSpace), Some(&RuleSetting::Off));
        assert_eq!(c.range_style(), RangeStyle::Dash);
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn reads_rules_range_style_and_ignores() {
        let c = Config::from_toml(
            "range-style = \"—\"\n[rules]\n\"unit.space\" = \"off\"\n\"numbering.gap\" = \"error\"\n\n[[ignore]]\nfile = \"plans/a.txt\"\ncode = \"punct.halfwidth\"\ntext = \"附:\"\n",
        )
        .unwrap();
        assert_eq!(c.range_style(), RangeStyle::Dash);
        assert_eq!(c.rules[&RuleId::UnitSpace], RuleSetting::Off);
        assert_eq!(c.rules[&RuleId::NumberingGap], RuleSetting::On(Severity::Error));
        assert_eq!(c.for_file("/w/plans/a.txt").ignores.len(), 1);
        assert_eq!(c.for_file("/w/plans/ba.txt").ignores.len(), 0);
        assert!(c.for_file("/w/plans/a.txt").ignores_finding("punct.halfwidth", "附:2023年"));
    }

    #[test]
    fn reads_the_teams_units() {
        let c = Config::from_toml("[[org]]\nname = \"区行政服务中心\"\naliases = [\"区政务服务中心\"]\n").unwrap();
        assert!(c.orgs[0].names("区政务服务中心") && c.orgs[0].names("区行政服务中心"));
        assert!(!c.orgs[0].names("区财政局"));
        assert!(Config::from_toml("[[org]]\nalias = [\"x\"]\n").is_err());
    }

    #[test]
    fn reads_the_teams_lexicon() {
        let c = Config::from_toml("[[lexicon]]\nname = \"园区载体面积\"\naliases = [\"载体面积\"]\n").unwrap();
        assert_eq!(c.lexicon[0].name, "园区载体面积");
        assert!(Config::from_toml("[[lexicon]]\nnom = \"x\"\n").is_err());
    }

    #[test]
    fn reads_the_offices_word_list() {
        let c = Config::from_toml("[[term]]\nwrong = \"规模上工业\"\nright = \"规模以上工业\"\n").unwrap();
        assert_eq!((c.terms[0].wrong.as_str(), c.terms[0].right.as_str()), ("规模上工业", "规模以上工业"));
        assert!(matches!(Config::from_toml("[[term]]\nwrong = \"\"\nright = \"x\"\n"), Err(ConfigError::BadTerm(_))));
        assert!(Config::from_toml("[[term]]\nwrong = \"a\"\n").is_err());
    }

    #[test]
    fn every_mistake_is_an_error_with_a_reason() {
        assert!(matches!(Config::from_toml("[rules\n"), Err(ConfigError::Syntax { span: Some(_), .. })));
        assert_eq!(
            Config::from_toml("[rules]\n\"no.such\" = \"off\""),
            Err(ConfigError::UnknownRule("no.such".into()))
        );
        assert!(matches!(Config::from_toml("[rules]\n\"unit.space\" = \"loud\""), Err(ConfigError::BadSetting { .. })));
        assert!(matches!(Config::from_toml("range-style = \"-\""), Err(ConfigError::BadRangeStyle(_))));
        assert!(matches!(Config::from_toml("colour = 1"), Err(ConfigError::Syntax { .. })));
    }

    #[test]
    fn the_file_wins_over_editor_settings() {
        let mut editor = Config::default();
        editor.rules.insert(RuleId::UnitSpace, RuleSetting::Off);
        editor.range_style = Some(RangeStyle::Dash);
        let file = Config::from_toml("[rules]\n\"unit.space\" = \"hint\"").unwrap();
        let merged = editor.overlaid_by(&file);
        assert_eq!(merged.rules[&RuleId::UnitSpace], RuleSetting::On(Severity::Hint));
        assert_eq!(merged.range_style(), RangeStyle::Dash);
    }
}
