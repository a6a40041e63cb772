//! Structure markers at the start of a paragraph (GB/T 9704-2012 §7.3.3) and their variants.
//!
//! | level | canonical | accepted variants | wrong variants |
//! |---|---|---|---|
//! | appendix | `附件`, `附件2`, `附件1：名词解释`, a glossary's title alone (`名词解释`) | | |
//! | part | `第一部分`, `01` alone on its line | | |
//! | 1 | `一、` | | `一.` `一．` `一，` `一,` |
//! | 2 | `（一）` | | `(一)` `（一)` `（一）、` … |
//! | 3 | `1.` | `1．` `1)` | `1、` `1，` `1,` |
//! | 4 | `（1）` | `1）` | `(1)` `（1）、` … |
//! | 5 | `①` | | |

use super::numerals::{leading_arabic, leading_chinese, leading_full_width, to_chinese};
use super::quantities::is_digit;
use crate::text::Span;

/// The level family a marker belongs to, whatever its punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarkerFamily {
    /// An appendix after the body (GB/T 9704 §7.5): a part of its own, outside the body's
    /// numbering.
    Appendix,
    Part,
    Level1,
    Level2,
    Level3,
    Level4,
    Level5,
}

impl MarkerFamily {
    /// GB/T 9704 depth: parts are 0, then 1–5.
    pub fn canonical_level(self) -> u8 {
        match self {
            MarkerFamily::Appendix | MarkerFamily::Part => 0,
            MarkerFamily::Level1 => 1,
            MarkerFamily::Level2 => 2,
            MarkerFamily::Level3 => 3,
            MarkerFamily::Level4 => 4,
            MarkerFamily::Level5 => 5,
        }
    }

    /// The canonical way to write number `n` at this level.
    pub fn canonical(self, n: u32) -> String {
        match self {
            MarkerFamily::Appendix => format!("附件{n}"),
            MarkerFamily::Part => format!("第{}部分", to_chinese(n)),
            MarkerFamily::Level1 => format!("{}、", to_chinese(n)),
            MarkerFamily::Level2 => format!("（{}）", to_chinese(n)),
            MarkerFamily::Level3 => format!("{n}."),
            MarkerFamily::Level4 => format!("（{n}）"),
            MarkerFamily::Level5 => char::from_u32(0x2460 + n - 1).map_or_else(String::new, String::from),
        }
    }
}

/// How a marker is punctuated relative to GB/T 9704.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerForm {
    /// Exactly the standard form.
    Canonical,
    /// A form the standard does not use but drafters commonly do and readers accept.
    Accepted(AcceptedForm),
    /// A form `numbering.marker-style` flags and rewrites.
    Wrong,
}

/// The accepted non-standard forms. An enum rather than the form's text so that a
/// `MarkerForm` is one byte: the outline keeps one per section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AcceptedForm {
    /// `1．`
    FullWidthPoint,
    /// `1)`
    HalfWidthParen,
    /// `1）`
    FullWidthParen,
}

impl AcceptedForm {
    /// The form as `numbering.mixed-style` names it.
    pub fn as_str(self) -> &'static str {
        match self {
            AcceptedForm::FullWidthPoint => "1．",
            AcceptedForm::HalfWidthParen => "1)",
            AcceptedForm::FullWidthParen => "1）",
        }
    }

    /// Number `n` written in this form (`2．`).
    pub fn with_number(self, n: u32) -> String {
        match self {
            AcceptedForm::FullWidthPoint => format!("{n}．"),
            AcceptedForm::HalfWidthParen => format!("{n})"),
            AcceptedForm::FullWidthParen => format!("{n}）"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub family: MarkerFamily,
    /// 0 for an appendix without a number (`附件`, `名词解释`).
    pub number: u32,
    /// The marker as written, relative to its line (e.g. `（二）、`); empty for a glossary's
    /// title, which is all title.
    pub span: Span,
    pub form: MarkerForm,
}

impl Marker {
    /// A glossary's title alone on its line (`名词解释`): an appendix with no label.
    pub fn is_bare_title(&self) -> bool {
        self.family == MarkerFamily::Appendix && self.span.is_empty()
    }

    /// Where the marker is written; `None` for a glossary's title, which has none.
    pub fn written(&self) -> Option<Span> {
        Some(self.span).filter(|s| !s.is_empty())
    }

    pub fn canonical_text(&self) -> String {
        self.family.canonical(self.number)
    }

    /// The key under which `numbering.mixed-style` compares the forms of one level.
    pub fn form_key(&self) -> Option<&'static str> {
        match self.form {
            MarkerForm::Canonical => Some("canonical"),
            MarkerForm::Accepted(k) => Some(k.as_str()),
            MarkerForm::Wrong => None,
        }
    }
}

const OPEN: [char; 2] = ['（', '('];
const CLOSE: [char; 2] = ['）', ')'];
/// Punctuation some drafters put after a parenthesised marker; always wrong.
const AFTER_PAREN: [char; 5] = ['、', '.', '．', '，', ','];

/// Recognises a marker at byte `at` of `line` (`at` is where the content starts, after
/// indentation and any Markdown heading prefix).
pub fn parse_marker(line: &str, at: usize) -> Option<Marker> {
    let rest = &line[at..];
    let m = parse_appendix(rest)
        .or_else(|| parse_part(rest))
        .or_else(|| parse_parenthesised(rest))
        .or_else(|| parse_circled(rest))
        .or_else(|| parse_chinese_level1(rest))
        .or_else(|| parse_arabic(rest))?;
    Some(Marker { span: m.span.shifted(at), ..m })
}

fn marker(family: MarkerFamily, number: u32, len: usize, form: MarkerForm) -> Marker {
    Marker { family, number, span: Span::new(0, len), form }
}

/// `12.2025年度十件实事`, `13.3+1产业体系`: what reads as a decimal (`12.2025`) but may be the
/// marker `12.` before a title that starts with a digit. A line cannot tell; the outline
/// takes it as a marker where it continues a run of `N.` markers (`11.` open before it).
pub fn parse_decimal_like(line: &str, at: usize) -> Option<Marker> {
    let rest = &line[at..];
    let (n, nlen) = leading_arabic(rest, 2)?;
    let after = rest[nlen..].strip_prefix('.')?;
    (n > 1 && after.starts_with(|c: char| c.is_ascii_digit())).then(|| Marker {
        span: Span::new(at, at + nlen + 1),
        ..marker(MarkerFamily::Level3, n, nlen + 1, MarkerForm::Canonical)
    })
}

/// Words that label an appendix (or an appended table).
const APPENDIX_LABELS: [&str; 3] = ["附件", "附录", "附表"];

/// What a glossary's title ends with (`名词解释`, `有关内容名词注释`).
const GLOSSARY_TITLES: [&str; 6] = ["注释", "名词解释", "名词解读", "名词释义", "术语解释", "词语解释"];

/// Longest glossary title alone on its line; longer lines are prose about a glossary.
const MAX_GLOSSARY_TITLE_CHARS: usize = 16;

/// `附件`, `附件2`, `附录一`, `附表1`, then the end of the line or a separator and a title
/// (`附件1：名词解释`); or a glossary's title alone on its line (`名词解释`).
fn parse_appendix(rest: &str) -> Option<Marker> {
    let content = rest.trim_end();
    if let Some(label) = APPENDIX_LABELS.iter().find(|l| content.starts_with(**l)) {
        let after = &content[label.len()..];
        let (n, nlen) = leading_arabic(after, 2).or_else(|| leading_chinese(after)).unwrap_or((0, 0));
        let tail = &after[nlen..];
        let sep: usize =
            tail.chars().take_while(|c| matches!(c, '：' | ':' | ' ' | '\u{3000}')).map(char::len_utf8).sum();
        // `附件材料`, `附录一览` are words of a sentence, not a label.
        if sep == 0 && !tail.is_empty() {
            return None;
        }
        return Some(marker(MarkerFamily::Appendix, n, label.len() + nlen + sep, MarkerForm::Canonical));
    }
    let title = content.trim_end_matches(['：', ':']);
    let is_title = GLOSSARY_TITLES.iter().any(|t| title.ends_with(t))
        && title.chars().count() <= MAX_GLOSSARY_TITLE_CHARS
        && !title.contains(['。', '，', '；', ',', ';', '、']);
    is_title.then(|| marker(MarkerFamily::Appendix, 0, 0, MarkerForm::Canonical))
}

/// `第一部分` anywhere at the start, or `01`…`09` alone on the line (speeches set part
/// numbers on their own line, the title on the next).
fn parse_part(rest: &str) -> Option<Marker> {
    if let Some(after) = rest.strip_prefix('第') {
        let (n, len) = leading_chinese(after)?;
        if after[len..].starts_with("部分") {
            return Some(marker(MarkerFamily::Part, n, '第'.len_utf8() + len + "部分".len(), MarkerForm::Canonical));
        }
        return None;
    }
    let trimmed = rest.trim_end();
    let b = trimmed.as_bytes();
    if b.len() == 2 && b[0] == b'0' && b[1].is_ascii_digit() && b[1] != b'0' {
        return Some(marker(MarkerFamily::Part, u32::from(b[1] - b'0'), 2, MarkerForm::Canonical));
    }
    None
}

/// `（一）` `(一)` `（1）` `(1)` and their wrong trailing punctuation.
fn parse_parenthesised(rest: &str) -> Option<Marker> {
    let open = rest.chars().next().filter(|c| OPEN.contains(c))?;
    let inner = &rest[open.len_utf8()..];
    let (family, n, nlen) = if let Some((n, len)) = leading_chinese(inner) {
        (MarkerFamily::Level2, n, len)
    } else {
        let (n, len) = leading_arabic(inner, 2)?;
        (MarkerFamily::Level4, n, len)
    };
    let close = inner[nlen..].chars().next().filter(|c| CLOSE.contains(c))?;
    let mut len = open.len_utf8() + nlen + close.len_utf8();
    // All of a run such as `、，` belongs to the marker, so one fix removes it all.
    let trailing: usize = rest[len..].chars().take_while(|c| AFTER_PAREN.contains(c)).map(char::len_utf8).sum();
    len += trailing;
    let form = if open == '（' && close == '）' && trailing == 0 { MarkerForm::Canonical } else { MarkerForm::Wrong };
    (n > 0).then(|| marker(family, n, len, form))
}

/// `①` … `⑳`.
fn parse_circled(rest: &str) -> Option<Marker> {
    let c = rest.chars().next()?;
    let n = (c as u32).checked_sub(0x2460).filter(|&d| d < 20)? + 1;
    Some(marker(MarkerFamily::Level5, n, c.len_utf8(), MarkerForm::Canonical))
}

/// `一、` and the wrong `一.` `一．` `一，`.
fn parse_chinese_level1(rest: &str) -> Option<Marker> {
    let (n, nlen) = leading_chinese(rest)?;
    let punct = rest[nlen..].chars().next()?;
    let form = match punct {
        '、' => MarkerForm::Canonical,
        '.' | '．' | '，' | ',' => MarkerForm::Wrong,
        _ => return None,
    };
    Some(marker(MarkerFamily::Level1, n, nlen + punct.len_utf8(), form))
}

/// `1.` (canonical), `1．` `1)` (accepted), `1、` `1，` (wrong) at level 3; `1）` (accepted) at
/// level 4. A digit right after the punctuation makes it a number (`1.5万户`), not a marker;
/// a full-width digit counts too, since fixing it to half-width would make `1、１０％` read `1.10%`.
/// Full-width digits (`１，` `１．`) make any of them wrong: once `unit.fullwidth-digit` made
/// them half-width they would be a marker, so they are one now and get the marker's fix.
fn parse_arabic(rest: &str) -> Option<Marker> {
    let (n, nlen, full_width) = match leading_arabic(rest, 2) {
        Some((n, nlen)) => (n, nlen, false),
        None => leading_full_width(rest, 2).map(|(n, nlen)| (n, nlen, true))?,
    };
    let after = &rest[nlen..];
    let punct = after.chars().next()?;
    let follower = after[punct.len_utf8()..].chars().next();
    if follower.is_some_and(|c| is_digit(c) || c == '％' || c == '%') {
        return None;
    }
    let (family, form) = match punct {
        '.' => (MarkerFamily::Level3, MarkerForm::Canonical),
        '．' => (MarkerFamily::Level3, MarkerForm::Accepted(AcceptedForm::FullWidthPoint)),
        ')' => (MarkerFamily::Level3, MarkerForm::Accepted(AcceptedForm::HalfWidthParen)),
        '、' | '，' | ',' => (MarkerFamily::Level3, MarkerForm::Wrong),
        '）' => (MarkerFamily::Level4, MarkerForm::Accepted(AcceptedForm::FullWidthParen)),
        _ => return None,
    };
    let form = if full_width { MarkerForm::Wrong } else { form };
    (n > 0).then(|| marker(family, n, nlen + punct.len_utf8(), form))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(MarkerFamily, u32, &str, MarkerForm)> {
        parse_marker(s, 0).map(|m| (m.family, m.number, &s[m.span.range()], m.form))
    }

    #[test]
    fn canonical_markers_of_every_level() {
        use MarkerFamily::*;
        assert_eq!(m("第二部分 总体要求"), Some((Part, 2, "第二部分", MarkerForm::Canonical)));
        assert_eq!(m("03"), Some((Part, 3, "03", MarkerForm::Canonical)));
        assert_eq!(m("十二、其他"), Some((Level1, 12, "十二、", MarkerForm::Canonical)));
        assert_eq!(m("（三）着力推进"), Some((Level2, 3, "（三）", MarkerForm::Canonical)));
        assert_eq!(m("10.培育"), Some((Level3, 10, "10.", MarkerForm::Canonical)));
        assert_eq!(m("（2）健全"), Some((Level4, 2, "（2）", MarkerForm::Canonical)));
        assert_eq!(m("③加强"), Some((Level5, 3, "③", MarkerForm::Canonical)));
    }

    #[test]
    fn wrong_and_accepted_variants() {
        use MarkerFamily::*;
        assert_eq!(m("一.加强").unwrap().3, MarkerForm::Wrong);
        assert_eq!(m("(一)加强"), Some((Level2, 1, "(一)", MarkerForm::Wrong)));
        assert_eq!(m("（二）、建设"), Some((Level2, 2, "（二）、", MarkerForm::Wrong)));
        assert_eq!(m("1、推进"), Some((Level3, 1, "1、", MarkerForm::Wrong)));
        assert_eq!(m("1．推进").unwrap().3, MarkerForm::Accepted(AcceptedForm::FullWidthPoint));
        assert_eq!(m("1)推进").unwrap().3, MarkerForm::Accepted(AcceptedForm::HalfWidthParen));
        assert_eq!(m("1）推进"), Some((Level4, 1, "1）", MarkerForm::Accepted(AcceptedForm::FullWidthParen))));
        assert_eq!(m("(1)、推进"), Some((Level4, 1, "(1)、", MarkerForm::Wrong)));
        assert_eq!(m("１，推进"), Some((Level3, 1, "１，", MarkerForm::Wrong)));
        assert_eq!(m("１２．推进"), Some((Level3, 12, "１２．", MarkerForm::Wrong)));
        assert_eq!(m("３,发布"), Some((Level3, 3, "３,", MarkerForm::Wrong)));
    }

    #[test]
    fn look_alikes_are_not_markers() {
        for s in [
            "1.5万户",
            "2021年",
            "5月底",
            "一是加强",
            "一批项目",
            "十四五",
            "（qū）",
            "01年",
            "一带一路",
            "010",
            "00",
            "3.5%",
            "1、１０％",
            "１０％",
            "２０２４年",
            "１、２、３",
            "１２３．",
            "（0）",
        ] {
            assert_eq!(m(s), None, "{s}");
        }
    }

    #[test]
    fn appendices_and_glossary_titles() {
        use MarkerFamily::Appendix;
        assert_eq!(m("附件"), Some((Appendix, 0, "附件", MarkerForm::Canonical)));
        assert_eq!(m("附件2"), Some((Appendix, 2, "附件2", MarkerForm::Canonical)));
        assert_eq!(m("附件1：2026年十件民生实事"), Some((Appendix, 1, "附件1：", MarkerForm::Canonical)));
        assert_eq!(m("附录一 名词解释"), Some((Appendix, 1, "附录一 ", MarkerForm::Canonical)));
        assert_eq!(m("名词解释"), Some((Appendix, 0, "", MarkerForm::Canonical)));
        assert_eq!(m("有关内容名词注释："), Some((Appendix, 0, "", MarkerForm::Canonical)));
        assert!(parse_marker("名词解释", 0).is_some_and(|m| m.is_bare_title()));
        for s in [
            "附件材料已按要求报送",
            "附录一览表",
            "相关附件>>",
            "对政策名词的解释，见附件。",
            "名词解释和政策解读要通俗易懂",
        ] {
            assert_eq!(m(s), None, "{s}");
        }
    }

    #[test]
    fn decimals_that_may_be_markers() {
        let d = |s: &str| parse_decimal_like(s, 0).map(|m| (m.family, m.number, s[m.span.range()].to_string()));
        assert_eq!(d("12.2025年度十件实事"), Some((MarkerFamily::Level3, 12, "12.".to_string())));
        assert_eq!(d("13.3+1产业体系"), Some((MarkerFamily::Level3, 13, "13.".to_string())));
        assert_eq!(d("1.5万户"), None);
        assert_eq!(d("12.推进"), None);
        assert_eq!(d("123.5"), None);
    }

    #[test]
    fn canonical_text_per_family() {
        assert_eq!(MarkerFamily::Level2.canonical(13), "（十三）");
        assert_eq!(MarkerFamily::Level5.canonical(2), "②");
        assert_eq!(MarkerFamily::Part.canonical(1), "第一部分");
    }
}
