//! The core's configuration: which rules run and at what severity.

use std::collections::HashMap;

use super::diagnostic::{Diagnostic, Severity};

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

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Overrides by rule code; rules not named keep their defaults.
    pub rules: HashMap<String, RuleSetting>,
    pub range_style: RangeStyle,
}

impl Config {
    /// Applies the configured severity, or drops the finding if its rule is off.
    pub fn apply(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        match self.rules.get(d.code) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::On(s)) => {
                d.severity = *s;
                Some(d)
            }
            None => Some(d),
        }
    }
}
