//! Word's automatic numbering: the labels Word shows before numbered paragraphs (`一、`,
//! `（一）`, `1.`), which are not in the paragraph's text but computed from
//! `word/numbering.xml`.
//!
//! A paragraph is numbered by its own `w:pPr/w:numPr` (`w:numId`, `w:ilvl`) or by its
//! paragraph style's (`word/styles.xml`, following `w:basedOn`); `w:numId` 0 turns
//! numbering off. The list instance (`w:num`) names an abstract definition whose levels
//! (`w:lvl`) give the start, the number format (`w:numFmt`) and the label's pattern
//! (`w:lvlText`, `%1、`, `（%2）`, `%1.%2`). Each list instance keeps a counter per level; a
//! paragraph at a level counts on and restarts the deeper levels, as Word does by default.
//!
//! Not read: `w:lvlRestart` other than the default, `w:lvlOverride` beyond its start, lists
//! linked through `w:numStyleLink`, and fields (`SEQ`, `LISTNUM`) that number by hand.

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::NsReader;
use quick_xml::XmlVersion;

use crate::syntax::numerals::to_chinese;

/// Levels a Word list has (`w:ilvl` 0–8).
const LEVELS: usize = 9;

/// How a level writes its number (`w:numFmt`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum NumFmt {
    #[default]
    Decimal,
    DecimalFullWidth,
    DecimalEnclosedCircle,
    /// 一、二、……十一 (`chineseCounting`, `chineseCountingThousand`, `taiwaneseCounting`,
    /// `japaneseCounting`, `ideographDigital` read alike).
    ChineseCounting,
    /// 甲、乙、丙 (`ideographTraditional`).
    HeavenlyStems,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    /// `bullet` and `none`: no number (the label is its text as written).
    NoNumber,
}

impl NumFmt {
    fn parse(value: &str) -> NumFmt {
        match value {
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::DecimalFullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => NumFmt::DecimalEnclosedCircle,
            "chineseCounting"
            | "chineseCountingThousand"
            | "chineseLegalSimplified"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseCounting"
            | "ideographDigital" => NumFmt::ChineseCounting,
            "ideographTraditional" => NumFmt::HeavenlyStems,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "bullet" | "none" => NumFmt::NoNumber,
            _ => NumFmt::Decimal,
        }
    }

    fn format(&self, n: u32) -> String {
        const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
        const CIRCLED: u32 = 0x2460; // ①
        let letters = |base: u8| {
            let n = n.max(1) - 1;
            let c = char::from(base + (n % 26) as u8);
            c.to_string().repeat(n as usize / 26 + 1)
        };
        match self {
            NumFmt::Decimal => n.to_string(),
            NumFmt::DecimalFullWidth => n
                .to_string()
                .chars()
                .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
                .collect(),
            NumFmt::DecimalEnclosedCircle if (1..=20).contains(&n) => {
                char::from_u32(CIRCLED + n - 1).map_or_else(|| n.to_string(), String::from)
            }
            NumFmt::DecimalEnclosedCircle => n.to_string(),
            NumFmt::ChineseCounting => to_chinese(n),
            NumFmt::HeavenlyStems => STEMS.get((n.max(1) - 1) as usize % 10).map_or_else(String::new, char::to_string),
            NumFmt::UpperLetter => letters(b'A'),
            NumFmt::LowerLetter => letters(b'a'),
            NumFmt::UpperRoman => roman(n),
            NumFmt::LowerRoman => roman(n).to_lowercase(),
            NumFmt::NoNumber => String::new(),
        }
    }
}

fn roman(mut n: u32) -> String {
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in PARTS {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// One level of a list definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: NumFmt,
    /// `w:lvlText`: `%1、`; `None` when the level has none (then it shows no label).
    text: Option<String>,
    /// `w:isLgl`: every number in the label in Arabic digits.
    legal: bool,
    /// `w:pStyle`: the paragraph style this level belongs to.
    style: Option<String>,
}

/// A list instance (`w:num`): its definition and the starts it overrides.
#[derive(Debug, Clone, Default)]
struct List {
    definition: String,
    start_overrides: HashMap<usize, u32>,
}

/// Numbering properties as a paragraph or a style states them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumPr {
    pub num_id: Option<String>,
    pub level: Option<usize>,
}

/// A paragraph style's numbering and what it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    num: NumPr,
    based_on: Option<String>,
}

/// The numbering definitions of a document, and the counters as its paragraphs are read.
#[derive(Debug, Default)]
pub struct Numbering {
    definitions: HashMap<String, Vec<Level>>,
    lists: HashMap<String, List>,
    styles: HashMap<String, Style>,
    counters: HashMap<String, [Option<u32>; LEVELS]>,
}

/// The value of the attribute `local` (any prefix), unescaped.
pub(super) fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

pub(super) fn level_index(value: Option<String>) -> Option<usize> {
    value.and_then(|v| v.trim().parse::<usize>().ok()).filter(|&l| l < LEVELS)
}

fn number(value: Option<String>) -> Option<u32> {
    value.and_then(|v| v.trim().parse::<u32>().ok())
}

impl Numbering {
    /// Reads `word/numbering.xml` and `word/styles.xml` (either may be absent or unreadable:
    /// then no paragraph gets a label from it — numbering is a help, not a reason to refuse
    /// the document).
    pub fn read(numbering_xml: Option<&str>, styles_xml: Option<&str>) -> Numbering {
        let mut n = Numbering::default();
        if let Some(xml) = numbering_xml {
            n.read_numbering(xml);
        }
        if let Some(xml) = styles_xml {
            n.read_styles(xml);
        }
        n
    }

    fn read_numbering(&mut self, xml: &str) {
        let mut reader = NsReader::from_str(xml);
        reader.config_mut().expand_empty_elements = true;
        let mut definition: Option<(String, Vec<Level>)> = None;
        let mut level: Option<usize> = None;
        let mut list: Option<(String, List)> = None;
        let mut override_level: Option<usize> = None;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"abstractNum" => {
                        definition = attr(&e, b"abstractNumId").map(|id| (id, vec![Level::default(); LEVELS]))
                    }
                    b"lvl" if definition.is_some() => level = level_index(attr(&e, b"ilvl")),
                    b"num" => list = attr(&e, b"numId").map(|id| (id, List::default())),
                    b"lvlOverride" => override_level = level_index(attr(&e, b"ilvl")),
                    _ => {
                        if let (Some((_, levels)), Some(l)) = (&mut definition, level) {
                            let lvl = &mut levels[l];
                            match e.local_name().as_ref() {
                                b"start" => lvl.start = number(attr(&e, b"val")).unwrap_or(1),
                                b"numFmt" => lvl.format = NumFmt::parse(&attr(&e, b"val").unwrap_or_default()),
                                b"lvlText" => lvl.text = attr(&e, b"val"),
                                b"isLgl" => lvl.legal = attr(&e, b"val").is_none_or(|v| v != "0" && v != "false"),
                                b"pStyle" => lvl.style = attr(&e, b"val"),
                                _ => {}
                            }
                        } else if let Some((_, l)) = &mut list {
                            match e.local_name().as_ref() {
                                b"abstractNumId" => l.definition = attr(&e, b"val").unwrap_or_default(),
                                b"startOverride" => {
                                    if let (Some(at), Some(start)) = (override_level, number(attr(&e, b"val"))) {
                                        l.start_overrides.insert(at, start);
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"abstractNum" => {
                        if let Some((id, levels)) = definition.take() {
                            self.definitions.insert(id, levels);
                        }
                    }
                    b"lvl" => level = None,
                    b"num" => {
                        if let Some((id, l)) = list.take() {
                            self.lists.insert(id, l);
                        }
                    }
                    b"lvlOverride" => override_level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
    }

    fn read_styles(&mut self, xml: &str) {
        let mut reader = NsReader::from_str(xml);
        reader.config_mut().expand_empty_elements = true;
        let mut style: Option<(String, Style)> = None;
        let mut depth_in_style = 0usize;
        let mut in_ppr = false;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) => {
                    let local = e.local_name();
                    if local.as_ref() == b"style" {
                        style = attr(&e, b"styleId").map(|id| (id, Style::default()));
                        depth_in_style = 0;
                        continue;
                    }
                    depth_in_style += 1;
                    let Some((_, s)) = &mut style else { continue };
                    match local.as_ref() {
                        // The style's own paragraph properties, not a table style's parts.
                        b"pPr" if depth_in_style == 1 => in_ppr = true,
                        b"basedOn" if depth_in_style == 1 => s.based_on = attr(&e, b"val"),
                        b"numId" if in_ppr => s.num.num_id = attr(&e, b"val"),
                        b"ilvl" if in_ppr => s.num.level = level_index(attr(&e, b"val")),
                        _ => {}
                    }
                }
                Event::End(e) => {
                    if e.local_name().as_ref() == b"style" {
                        if let Some((id, s)) = style.take() {
                            self.styles.insert(id, s);
                        }
                        continue;
                    }
                    depth_in_style = depth_in_style.saturating_sub(1);
                    if e.local_name().as_ref() == b"pPr" && depth_in_style == 0 {
                        in_ppr = false;
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }

    /// The numbering a paragraph has: its own, else its style's (through `w:basedOn`).
    fn resolve(&self, own: &NumPr, style: Option<&str>) -> Option<(String, usize)> {
        let mut num_id = own.num_id.clone();
        let mut level = own.level;
        let mut next = style.map(str::to_string);
        let mut style_with_numbering = None;
        // A bounded walk: a style sheet may base styles on each other in a circle.
        for _ in 0..16 {
            let Some(id) = next.take() else { break };
            let Some(s) = self.styles.get(&id) else { break };
            if num_id.is_none() && s.num.num_id.is_some() {
                num_id = s.num.num_id.clone();
                style_with_numbering = Some(id.clone());
            }
            if level.is_none() && s.num.level.is_some() {
                level = s.num.level;
            }
            next = s.based_on.clone();
        }
        let num_id = num_id.filter(|id| id != "0")?;
        let list = self.lists.get(&num_id)?;
        let levels = self.definitions.get(&list.definition)?;
        // A style that numbers without a level: the level that names the style.
        let level = level
            .or_else(|| {
                style_with_numbering.and_then(|s| levels.iter().position(|l| l.style.as_deref() == Some(s.as_str())))
            })
            .unwrap_or(0);
        Some((num_id, level))
    }

    /// The label Word shows before the next paragraph, given its own numbering properties
    /// and its style; counts it. `None` for a paragraph without numbering.
    pub fn label(&mut self, own: &NumPr, style: Option<&str>) -> Option<String> {
        let (num_id, level) = self.resolve(own, style)?;
        let list = self.lists.get(&num_id)?;
        let levels = self.definitions.get(&list.definition)?;
        let start = |l: usize| list.start_overrides.get(&l).copied().unwrap_or(levels[l].start);
        let counters = self.counters.entry(num_id.clone()).or_insert([None; LEVELS]);
        counters[level] = Some(counters[level].map_or(start(level), |n| n + 1));
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let counters = *counters;
        let this = &levels[level];
        let pattern = this.text.as_deref()?;
        let mut label = String::new();
        let mut chars = pattern.chars().peekable();
        while let Some(c) = chars.next() {
            let Some(k) = (c == '%').then(|| chars.peek().and_then(|d| d.to_digit(10))).flatten() else {
                label.push(c);
                continue;
            };
            chars.next();
            let l = (k as usize).saturating_sub(1).min(LEVELS - 1);
            let n = counters[l].unwrap_or_else(|| start(l));
            let format = if this.legal { &NumFmt::Decimal } else { &levels[l].format };
            label.push_str(&format.format(n));
        }
        (!label.is_empty()).then_some(label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn numbering() -> Numbering {
        let xml = format!(
            r#"<w:numbering {W}>
              <w:abstractNum w:abstractNumId="7">
                <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="H1"/></w:lvl>
                <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
                <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
                <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%4、"/></w:lvl>
                <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%5"/><w:isLgl/></w:lvl>
              </w:abstractNum>
              <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
              <w:num w:numId="4"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
            </w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles {W}>
              <w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
              <w:style w:type="paragraph" w:styleId="Mine"><w:basedOn w:val="H1"/></w:style>
              <w:style w:type="paragraph" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>
              <w:style w:type="paragraph" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>
            </w:styles>"#
        );
        Numbering::read(Some(&xml), Some(&styles))
    }

    fn own(num_id: &str, level: usize) -> NumPr {
        NumPr { num_id: Some(num_id.into()), level: Some(level) }
    }

    #[test]
    fn labels_count_per_level_and_restart_deeper_ones() {
        let mut n = numbering();
        let labels: Vec<Option<String>> =
            [0, 1, 1, 2, 2, 0, 1, 3, 3].iter().map(|&l| n.label(&own("3", l), None)).collect();
        let want = ["一、", "（一）", "（二）", "1.", "2.", "二、", "（一）", "甲、", "乙、"];
        assert_eq!(labels, want.map(|s| Some(s.to_string())));
        assert_eq!(n.label(&own("3", 4), None).as_deref(), Some("2.1"), "legal numbering in digits");
    }

    #[test]
    fn styles_number_their_paragraphs_and_overrides_start_elsewhere() {
        let mut n = numbering();
        assert_eq!(n.label(&NumPr::default(), Some("Mine")).as_deref(), Some("一、"));
        assert_eq!(n.label(&NumPr::default(), Some("H1")).as_deref(), Some("二、"));
        assert_eq!(n.label(&NumPr { num_id: Some("0".into()), level: None }, Some("H1")), None, "numId 0 turns it off");
        assert_eq!(n.label(&NumPr::default(), Some("Loop1")), None);
        assert_eq!(n.label(&own("4", 0), None).as_deref(), Some("五、"));
        assert_eq!(n.label(&own("99", 0), None), None, "an unknown list");
    }

    #[test]
    fn formats() {
        assert_eq!(NumFmt::ChineseCounting.format(21), "二十一");
        assert_eq!(NumFmt::DecimalFullWidth.format(12), "１２");
        assert_eq!(NumFmt::DecimalEnclosedCircle.format(3), "③");
        assert_eq!(NumFmt::UpperRoman.format(14), "XIV");
        assert_eq!(NumFmt::LowerLetter.format(27), "aa");
        assert_eq!(NumFmt::HeavenlyStems.format(3), "丙");
    }
}
