//! The fields a 任务分解 attaches to a task — 牵头单位, 责任单位, 配合单位, 完成时限 — as
//! drafters write them: a label line under the task (`牵头单位：区科技局`), several labels on
//! one line (`牵头单位：区卫健委 | 完成时限：2026年底`), or a parenthesised run-in after it
//! (`（牵头单位：区科技局；完成时限：2026年6月底）`).
//!
//! A group of fields must open with a label and its colon, at the start of a line or right
//! after an opening parenthesis: prose that merely uses the words (`支持企业牵头组建创新联合体`)
//! is never read as a field.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::Span;

/// What a field says about its task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldRole {
    /// 牵头单位, 牵头部门
    Lead,
    /// 责任单位, 责任部门
    Responsible,
    /// 配合单位, 配合部门, 协同单位
    Support,
    /// 完成时限, 完成时间, 时间节点
    Deadline,
}

/// Labels and their roles. Longer labels first where one begins another.
const LABELS: &[(&str, FieldRole)] = &[
    ("牵头单位", FieldRole::Lead),
    ("牵头部门", FieldRole::Lead),
    ("牽頭單位", FieldRole::Lead),
    ("牽頭部門", FieldRole::Lead),
    ("责任单位", FieldRole::Responsible),
    ("责任部门", FieldRole::Responsible),
    ("責任單位", FieldRole::Responsible),
    ("責任部門", FieldRole::Responsible),
    ("配合单位", FieldRole::Support),
    ("配合部门", FieldRole::Support),
    ("配合單位", FieldRole::Support),
    ("配合部門", FieldRole::Support),
    ("协同单位", FieldRole::Support),
    ("協同單位", FieldRole::Support),
    ("完成时限", FieldRole::Deadline),
    ("完成時限", FieldRole::Deadline),
    ("完成时间", FieldRole::Deadline),
    ("完成時間", FieldRole::Deadline),
    ("时间节点", FieldRole::Deadline),
    ("時間節點", FieldRole::Deadline),
];

/// One field: its role, where its label is and where its value is, relative to the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskField {
    pub role: FieldRole,
    pub label: Span,
    pub value: Span,
    /// For a deadline, the first date written in it, as written (not yet checked).
    pub date: Option<FieldDate>,
    /// For a field of units, the units it names.
    pub units: Box<[UnitName]>,
    /// For a deadline, that it says no time at all (`区科技局` in the deadline column).
    pub timeless: bool,
}

/// A date in a deadline (`2026年6月底`, `6月30日前`): the parts written, unchecked — a
/// month may be 13 and a day 31 in June, which `task.deadline-invalid` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// Where the date is, relative to the line.
    pub span: Span,
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:([0-9]{4})\s*年)?\s*(?:([0-9]{1,2})\s*月)?\s*(?:([0-9]{1,2})\s*[日号])?").expect("static regex")
});

/// Whether a deadline `line[value]` says no time: no number, no word of a date, a period or
/// a pace (`2026年6月底`, `第三季度`, `年内`, `长期坚持`, `持续推进`, `按进度`). Empty is not
/// this: a missing deadline is not an invalid one.
pub(super) fn says_no_time(line: &str, value: Span) -> bool {
    const TIME_WORDS: &[&str] = &[
        "年",
        "月",
        "日",
        "号",
        "季",
        "旬",
        "周",
        "底",
        "初",
        "末",
        "前",
        "内",
        "期",
        "时",
        "常",
        "持续",
        "逐步",
        "按",
        "随",
        "立即",
        "适时",
        "同步",
        "每",
        "全程",
        "分阶段",
        "动态",
        "阶段",
    ];
    let text = line.get(value.range()).unwrap_or_default().trim();
    let numeral = |c: char| c.is_ascii_digit() || c.is_numeric() || "〇一二三四五六七八九十两半".contains(c);
    !text.is_empty() && !text.contains(numeral) && !TIME_WORDS.iter().any(|w| text.contains(w))
}

/// The first date in `line[value]`.
pub(super) fn date_in(line: &str, value: Span) -> Option<FieldDate> {
    let text = &line[value.range()];
    let caps = DATE.captures_iter(text).find(|c| c.get(1).is_some() || c.get(2).is_some())?;
    let whole = caps.get(0)?;
    let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let written = whole.as_str().trim();
    let start = value.start() + whole.start() + (whole.as_str().len() - whole.as_str().trim_start().len());
    Some(FieldDate {
        year: number(1).and_then(|y| i32::try_from(y).ok()),
        month: number(2),
        // A day only counts after a month: `20日` alone is no date.
        day: number(2).and(number(3)),
        span: Span::new(start, start + written.len()),
    })
}

/// Fields that stand together: a label line, or one parenthesised run-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldGroup {
    /// From the label line's first label, or from the opening parenthesis, to the group's end.
    pub span: Span,
    pub fields: Vec<TaskField>,
}

/// The role of a label standing alone, as in a table's header cell (`牵头单位`).
pub fn label_role(cell: &str) -> Option<FieldRole> {
    LABELS.iter().find(|(label, _)| *label == cell).map(|(_, role)| *role)
}

/// The label at the start of `text`, followed by its colon: its role and the length of
/// label and colon.
fn label_at(text: &str) -> Option<(FieldRole, usize, usize)> {
    let (label, role) = LABELS.iter().find(|(label, _)| text.starts_with(label))?;
    let colon = text[label.len()..].chars().next().filter(|c| matches!(c, '：' | ':'))?;
    Some((*role, label.len(), label.len() + colon.len_utf8()))
}

/// What may stand before a label line's first label: indentation, and the pipes and bullets
/// of Markdown tables and lists.
fn is_line_lead(c: char) -> bool {
    c.is_whitespace() || matches!(c, '|' | '-' | '*' | '>' | '\u{3000}')
}

/// What separates one field from the next, and is not part of either value.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '；' | ';' | '，' | ',' | '|' | '。' | '\u{3000}')
}

/// Every field group of one line.
pub fn parse_field_groups(line: &str) -> Vec<FieldGroup> {
    // Cheap exit for the prose lines that make up nearly all of a draft.
    // (`memchr` reads 32 bytes at a time, `str::contains` of an ASCII character 16.)
    if !line.contains('：') && memchr::memchr(b':', line.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut groups = Vec::new();
    let lead = line.len() - line.trim_start_matches(is_line_lead).len();
    if label_at(&line[lead..]).is_some() {
        groups.push(group(line, lead, line.len()));
        return groups;
    }
    let mut from = 0;
    while let Some(open) = line[from..].find(['（', '(']).map(|i| from + i) {
        let inner = open + line[open..].chars().next().map_or(1, char::len_utf8);
        if label_at(&line[inner..]).is_none() {
            from = inner;
            continue;
        }
        let close = closing_paren(line, inner);
        let end = close.map_or(line.len(), |c| c + line[c..].chars().next().map_or(1, char::len_utf8));
        let mut g = group(line, inner, close.unwrap_or(line.len()));
        g.span = Span::new(open, end);
        groups.push(g);
        from = end;
    }
    groups
}

/// The parenthesis closing the one opened just before `from`, allowing nested pairs
/// (`区科技局（牵头）`); `None` if the line ends first.
fn closing_paren(line: &str, from: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in line[from..].char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth == 0 => return Some(from + i),
            '）' | ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The fields of `line[start..end]`, which begins with a label: each label opens a field
/// whose value runs to the next label.
fn group(line: &str, start: usize, end: usize) -> FieldGroup {
    let mut labels = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in line[start..end].char_indices() {
        let at = start + i;
        if prev.is_none_or(is_separator) {
            if let Some((role, label_len, with_colon)) = label_at(&line[at..end]) {
                labels.push((role, Span::new(at, at + label_len), at + with_colon));
            }
        }
        prev = Some(c);
    }
    let fields = labels
        .iter()
        .enumerate()
        .map(|(k, &(role, label, value_start))| {
            let value_end = labels.get(k + 1).map_or(end, |next| next.1.start());
            let value = trim(line, value_start, value_end);
            let (date, units) = match role {
                FieldRole::Deadline => (date_in(line, value), Box::default()),
                _ => (None, unit_names(line, value)),
            };
            let timeless = role == FieldRole::Deadline && says_no_time(line, value);
            TaskField { role, label, value, date, units, timeless }
        })
        .collect();
    FieldGroup { span: Span::new(start, end), fields }
}

/// `line[start..end]` less the separators around it.
fn trim(line: &str, start: usize, end: usize) -> Span {
    let text = &line[start..end];
    let left = text.len() - text.trim_start_matches(is_separator).len();
    let right = text.trim_end_matches(is_separator).len();
    if right <= left {
        return Span::new(start, start);
    }
    Span::new(start + left, start + right)
}

/// The units a field names, split at `、` and `，` (`区住建局、区自然资源局`), with a
/// closing `等` dropped.
pub fn units(value: &str) -> Vec<String> {
    unit_spans(value, Span::new(0, value.len())).iter().map(|s| value[s.range()].to_string()).collect()
}

/// Where the units of `line[value]` are (see [`units`]).
fn unit_spans(line: &str, value: Span) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = value.start();
    let text = &line[value.range()];
    let ends = text.match_indices(['、', '，', ',', '；', ';', '/']).map(|(i, sep)| (value.start() + i, sep.len()));
    for (end, sep_len) in ends.chain(std::iter::once((value.end(), 0))) {
        let piece = &line[start..end];
        let unit = piece.trim().trim_end_matches('等').trim_end();
        if !unit.is_empty() {
            let from = start + (piece.len() - piece.trim_start().len());
            spans.push(Span::new(from, from + unit.len()));
        }
        start = end + sep_len;
    }
    spans
}

/// A unit named in a field, for `task.unit-alias`: where it is, as written (less a `（牵头）`
/// mark), and its key if it names a department known in [`super::orgs`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitName {
    pub span: Span,
    pub written: compact_str::CompactString,
    pub key: Option<compact_str::CompactString>,
}

/// The units of `line[value]`, each with its department key (see [`UnitName`]).
pub(super) fn unit_names(line: &str, value: Span) -> Box<[UnitName]> {
    unit_spans(line, value)
        .into_iter()
        .map(|span| {
            let text = &line[span.range()];
            let bare = ["（牵头）", "(牵头)", "（牽頭）", "(牽頭)"]
                .iter()
                .find_map(|m| text.strip_suffix(m))
                .unwrap_or(text)
                .trim_end();
            let span = Span::new(span.start(), span.start() + bare.len());
            UnitName { span, written: bare.into(), key: super::orgs::org_key(bare).map(Into::into) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Vec<Vec<(FieldRole, &str)>> {
        parse_field_groups(line)
            .iter()
            .map(|g| g.fields.iter().map(|f| (f.role, &line[f.value.range()])).collect())
            .collect()
    }

    #[test]
    fn a_label_line() {
        assert_eq!(read("牵头单位：区科技局"), [vec![(FieldRole::Lead, "区科技局")]]);
        assert_eq!(read("  完成时限:2026年12月底。"), [vec![(FieldRole::Deadline, "2026年12月底")]]);
        assert_eq!(read("- 配合单位：区发改局、区财政局"), [vec![(FieldRole::Support, "区发改局、区财政局")]]);
    }

    #[test]
    fn several_labels_on_one_line() {
        assert_eq!(
            read("牵头单位：区市场监管局 | 配合单位：区卫健委 | 完成时限：2026年第三季度"),
            [vec![
                (FieldRole::Lead, "区市场监管局"),
                (FieldRole::Support, "区卫健委"),
                (FieldRole::Deadline, "2026年第三季度")
            ]]
        );
        assert_eq!(
            read("责任单位：区科技局（牵头）、区财政局\t完成时间：长期坚持"),
            [vec![(FieldRole::Responsible, "区科技局（牵头）、区财政局"), (FieldRole::Deadline, "长期坚持")]]
        );
    }

    #[test]
    fn parenthesised_run_ins() {
        let line = "（二）壮大科技型企业梯队。力争净增高企120家。（牵头单位：区科技局；责任单位：各街道；完成时限：2026年6月底）";
        assert_eq!(
            read(line),
            [vec![
                (FieldRole::Lead, "区科技局"),
                (FieldRole::Responsible, "各街道"),
                (FieldRole::Deadline, "2026年6月底")
            ]]
        );
        let line = "一是完善孵化载体(牵头单位:区科技局)；二是深化合作（牵头部门：区教育局（高教处））。";
        assert_eq!(read(line), [vec![(FieldRole::Lead, "区科技局")], vec![(FieldRole::Lead, "区教育局（高教处）")]]);
        let groups = parse_field_groups(line);
        assert_eq!(&line[groups[0].span.range()], "(牵头单位:区科技局)");
    }

    #[test]
    fn prose_is_not_a_field() {
        for line in [
            "支持骨干企业牵头组建紧密型创新联合体，启动有研发活动的规上工业企业倍增工程。",
            "由一个部门牵头、多个部门协同：贯通生产、销售各个环节。",
            "明确责任单位和完成时限，实行清单化管理。",
            "（一）完成时限较短的任务优先安排：",
            "发展目标:工业增加值增速力争达到10%以上。",
            "（牵头单位）",
        ] {
            assert!(read(line).is_empty(), "{line}");
        }
    }

    #[test]
    fn an_unclosed_run_in_reaches_the_line_end() {
        assert_eq!(read("任务（牵头单位：区科技局"), [vec![(FieldRole::Lead, "区科技局")]]);
        assert_eq!(read("（完成时限：）"), [vec![(FieldRole::Deadline, "")]]);
    }

    #[test]
    fn dates_in_deadlines() {
        let line = "完成时限：2026年 6月30日前；时间节点：第三季度（责任单位：区科技局）";
        let groups = parse_field_groups(line);
        let fields: Vec<_> = groups.iter().flat_map(|g| &g.fields).collect();
        let date = fields[0].date.expect("a date");
        assert_eq!((date.year, date.month, date.day), (Some(2026), Some(6), Some(30)));
        assert_eq!(&line[date.span.range()], "2026年 6月30日");
        assert_eq!(fields[1].date, None);
        let date = parse_field_groups("完成时限：6月底")[0].fields[0].date.expect("a date");
        assert_eq!((date.year, date.month, date.day), (None, Some(6), None));
        assert_eq!(parse_field_groups("完成时限：20日前")[0].fields[0].date.map(|d| d.day), None);
        assert_eq!(parse_field_groups("牵头单位：2026年新设机构")[0].fields[0].date, None);
    }

    #[test]
    fn unit_lists() {
        assert_eq!(units("区住建局、区自然资源局等"), ["区住建局", "区自然资源局"]);
        assert_eq!(units(" 各街道 "), ["各街道"]);
        assert!(units("").is_empty());
    }
}
