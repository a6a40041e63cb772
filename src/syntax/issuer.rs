//! Who issues a draft, read off its title (`某某高新区2026年工作要点` → `某某高新区`,
//! `2026年吉林省政府工作报告` → `吉林省`): the drafts of one issuer are one series, whose
//! figures may be compared from year to year. A folder of drafts also holds other
//! bodies' documents (the city's report, a neighbouring zone's plan); their figures are
//! not this body's, and a title is the one place a draft says whose it is.

use std::sync::LazyLock;

use compact_str::CompactString;
use regex::Regex;

/// A year and what follows it in a title (`2026年`, `2026年度`).
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new("(?:19|20)[0-9]{2}年度?").expect("static regex"));

/// Where the issuer's name ends: the kind of document (`工作要点`, `政府工作报告`…).
const DOCUMENT_WORDS: &[&str] = &["工作", "要点", "计划", "报告", "总结", "要點", "計劃", "報告", "總結"];

/// The body's office rather than the body: `吉林省政府` and `吉林省` issue one series.
const OFFICES: &[&str] = &["人民政府", "政府", "管理委员会", "管委会", "党工委", "办公室", "管委會"];

/// The issuer `line` names if it reads as a dated title (short, a year, no sentence
/// punctuation); `政府工作报告` alone names none.
pub fn of_title(line: &str) -> Option<CompactString> {
    let title = line.trim();
    let sentence = title.contains(['，', '。', '；', '：', ',', ';']);
    if sentence || title.chars().count() > 40 || !YEAR.is_match(title) {
        return None;
    }
    let without_years = YEAR.replace_all(title, "");
    let end = DOCUMENT_WORDS.iter().filter_map(|w| without_years.find(w)).min()?;
    let mut name = without_years[..end].trim_matches(|c: char| c.is_whitespace() || !c.is_alphanumeric());
    while let Some(office) = OFFICES.iter().find(|o| name.ends_with(*o)) {
        name = &name[..name.len() - office.len()];
    }
    // One character is not a name (`省`, `市`), nor is `全区`/`本市`: "ours", not whose.
    let ours = name.starts_with(['全', '本', '我']);
    (name.chars().count() >= 2 && !ours).then(|| CompactString::from(name))
}

#[cfg(test)]
mod tests {
    use super::of_title;

    #[test]
    fn a_title_names_its_issuer() {
        assert_eq!(of_title("某某高新区2026年工作要点").as_deref(), Some("某某高新区"));
        assert_eq!(of_title("2026年吉林省政府工作报告").as_deref(), Some("吉林省"));
        assert_eq!(of_title("2026年四川省人民政府工作报告").as_deref(), Some("四川省"));
        assert_eq!(of_title("某某高新区管委会2025年工作总结和2026年工作计划").as_deref(), Some("某某高新区"));
        assert_eq!(of_title("某某区2026年度工作要点").as_deref(), Some("某某区"));
    }

    #[test]
    fn a_title_without_a_body_names_none() {
        assert_eq!(of_title("政府工作报告"), None);
        assert_eq!(of_title("2026年工作要点"), None);
        assert_eq!(of_title("2026年1月27日在吉林省第十四届人民代表大会第五次会议上"), None);
        assert_eq!(of_title("全区2025年工作取得新成效"), None);
        assert_eq!(of_title("2025年，园区工作平稳推进"), None);
    }
}
