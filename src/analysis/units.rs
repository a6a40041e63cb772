//! Numbers and units (GB/T 15835-2011, GB 3100/3101/3102): `unit.fullwidth-digit`,
//! `unit.number-separator`, `unit.space`, `unit.symbol-case`, `unit.redundant-qualifier`,
//! `unit.range-connector`, `unit.percent-range`, `unit.chinese-numeral` per paragraph, and
//! `unit.mixed-symbol` and `unit.mixed-percent-sign` over the document.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::check::{DocumentCheck, DocumentContext, LineCheck, LineContext};
use super::config::RangeStyle;
use super::diagnostic::Diagnostic;
use super::registry::RuleId;
use crate::syntax::counts::PART_NOUNS;
use crate::syntax::numerals::{is_numeral_char, parse_chinese};
use crate::syntax::quantities::{ascii_number, is_han, Dimension, Quantity};
use crate::syntax::{captures_of, BlockSyntax};
use crate::text::{LineSpan, Span};

pub fn check_block(line: &str, block: &BlockSyntax, style: RangeStyle, out: &mut Vec<Diagnostic>) {
    // The number of a marker (`１，`) is numbering.marker-style's business: one span, one fix.
    let marker = block.marker.as_ref().map_or(Span::default(), |m| m.span);
    for q in block.quantities().iter().filter(|q| !marker.contains(q.number.start())) {
        check_quantity(line, q, out);
    }
    check_ranges(line, style, out);
    check_chinese_numerals(line, block, out);
}

fn at(span: Span) -> LineSpan {
    span.at_line(0)
}

fn check_quantity(line: &str, q: &Quantity, out: &mut Vec<Diagnostic>) {
    let written = &line[q.number.range()];
    if written.contains('，') {
        let right = ascii_number(written);
        out.push(
            Diagnostic::new(
                RuleId::UnitNumberSeparator,
                at(q.number),
                format!("数字中间不用逗号分节，应写作“{right}”（GB/T 15835-2011）。"),
            )
            .with_replacement(right),
        );
    } else if q.full_width {
        // GB/T 15835 governs the digits: a `％` after half-width digits (`9.2％`) is a
        // matter of consistency (`unit.mixed-percent-sign`), but one after full-width digits
        // goes with them, so that one fix leaves the number whole.
        let end = q.percent().map_or(q.number.end(), |p| p.end());
        let right = ascii_number(&line[q.number.start()..end]);
        out.push(
            Diagnostic::new(
                RuleId::UnitFullwidthDigit,
                at(Span::new(q.number.start(), end)),
                format!("数字应使用半角阿拉伯数字，应写作“{right}”（GB/T 15835-2011）。"),
            )
            .with_replacement(right),
        );
    }
    // Dates and codes (`2021-02-09 字体`) and list numbers opening a line are not quantities.
    let before = &line[..q.number.start()];
    let in_chain = before.ends_with(['-', '/'])
        || (before.ends_with('.') && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit()));
    let opens_line = line[..q.number.start()].trim().is_empty();
    let has_unit = q.unit().is_some() || q.multiplier().is_some();
    if let Some(space) = q.space_after().filter(|_| has_unit && !in_chain && !opens_line) {
        out.push(
            Diagnostic::new(RuleId::UnitSpace, at(space), "数字与其后的中文单位之间不应有空格。").with_replacement(""),
        );
    }
    if let Some((span, right)) = q.miscased_unit() {
        out.push(
            Diagnostic::new(
                RuleId::UnitSymbolCase,
                at(span),
                format!("单位符号大小写有误，应写作“{right}”（GB 3102）。"),
            )
            .with_replacement(right),
        );
    }
    if let (Some(p), Some(s)) = (q.prefix(), q.suffix()) {
        if p.bound == s.bound {
            let kept = line[p.span.start()..s.span.start()].to_string();
            out.push(
                Diagnostic::new(
                    RuleId::UnitRedundantQualifier,
                    at(Span::new(p.span.start(), s.span.end())),
                    format!("“{}”与“{}”意思重复，应写作“{kept}”。", p.text, s.text),
                )
                .with_replacement(kept),
            );
        }
    }
}

/// `10-20%`, `1-2年`, `2017-2019年`: two numbers joined by a connector, then a unit.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("([0-9]+(?:\\.[0-9]+)?)(%?)\\s*([-－–~～—])\\s*([0-9]+(?:\\.[0-9]+)?)(%?)").expect("static regex")
});

const HYPHENS: [char; 3] = ['-', '－', '–'];

/// A plausible end of a range's numbers: at most four integer digits, no leading zero
/// (rules out phone numbers, codes and dates like `2021-02-09`).
fn plain_number(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or(s);
    int.len() <= 4 && !(int.len() > 1 && int.starts_with('0'))
}

fn check_ranges(line: &str, style: RangeStyle, out: &mut Vec<Diagnostic>) {
    // No connector, no range: most lines are ruled out without the regex, by byte searches
    // (a `contains` over a set of characters decodes every character). The full-width
    // connectors begin with EF (`－` EF BC 8D, `～` EF BD 9E) or E2 (`–` E2 80 93, `—` E2 80
    // 94): one search for those two bytes, not one search of the line per connector.
    let bytes = line.as_bytes();
    let connector = memchr::memchr2(b'-', b'~', bytes).is_some()
        || memchr::memchr2_iter(0xE2, 0xEF, bytes).any(|i| {
            matches!(bytes[i..], [0xEF, 0xBC, 0x8D, ..] | [0xEF, 0xBD, 0x9E, ..] | [0xE2, 0x80, 0x93 | 0x94, ..])
        });
    if !connector {
        return;
    }
    for caps in captures_of(&RANGE, line) {
        let (Some(whole), Some(a), Some(pa), Some(conn), Some(b), Some(pb)) =
            (caps.get(0), caps.get(1), caps.get(2), caps.get(3), caps.get(4), caps.get(5))
        else {
            continue;
        };
        let before = line[..whole.start()].chars().next_back();
        let after = line[whole.end()..].chars().next();
        // Codes, dates and Latin runs: `XM00203-03-01`, `2021-02-09`, `G15-2`.
        let decimal_point_before =
            before == Some('.') && line[..whole.start() - 1].chars().next_back().is_some_and(|c| c.is_ascii_digit());
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_'))
            || decimal_point_before
            || after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'))
            || !plain_number(a.as_str())
            || !plain_number(b.as_str())
        {
            continue;
        }
        let connector = conn.as_str().chars().next().unwrap_or('-');
        let unit_follows = after.is_some_and(|c| is_han(c) || c == '%');
        if !pb.is_empty() && pa.is_empty() {
            let sep = style.connector();
            let right = format!("{}%{sep}{}%", a.as_str(), b.as_str());
            out.push(
                Diagnostic::new(
                    RuleId::UnitPercentRange,
                    at(Span::new(whole.start(), whole.end())),
                    format!("百分数范围的前一个数也要带百分号，应写作“{right}”（GB/T 15835-2011）。"),
                )
                .with_replacement(right),
            );
        } else if HYPHENS.contains(&connector) && (unit_follows || !pb.is_empty()) {
            let dates = is_calendar_range(a.as_str(), b.as_str(), &line[whole.end()..]);
            let right = if dates { "—" } else { style.connector() };
            out.push(
                Diagnostic::new(
                    RuleId::UnitRangeConnector,
                    at(Span::new(conn.start(), conn.end())),
                    format!("数值范围宜用“{right}”连接，不用连字符（GB/T 15835-2011）。"),
                )
                .with_replacement(right),
            );
        }
    }
}

/// `2017-2019年`, `1-11月`, `5-8日`: calendar spans take the dash `—`; durations and
/// amounts (`1-2年内`, `2-3个`) take the configured connector.
fn is_calendar_range(a: &str, b: &str, rest: &str) -> bool {
    let year = |s: &str| s.len() == 4 && s.starts_with(['1', '2']);
    (rest.starts_with(['年', '年']) && year(a) && year(b)) || rest.starts_with(['月', '日', '号', '號'])
}

/// `二十三家`, `百分之十`: counted or measured quantities in Chinese numerals. Only numerals
/// of two characters or more (十五, 二十三, 一百): a lone 十 or 一…九 is usual in prose
/// (`十大`, `五个方面`), and only before a measure word, so set phrases stay (`十条宝贵经验`).
static CHINESE_QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("百分之([一二三四五六七八九十百两]+)|([一二三四五六七八九]十[一二三四五六七八九]?|十[一二三四五六七八九]|[一二三四五六七八九][千百][零一二三四五六七八九十百]*)(万|萬|亿|億)?(家|个|個|项|項|人|名|所|座|亩|畝|吨|噸|户|戶|台|套|辆|輛|元)")
        .expect("static regex")
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&RANGE, &CHINESE_QUANTITY];

fn check_chinese_numerals(line: &str, block: &BlockSyntax, out: &mut Vec<Diagnostic>) {
    // Digits written right after an Arabic marker would read as its decimals (`1、二十五家` →
    // `1.25家` once the marker is fixed too), so there the finding comes without a fix.
    let after_arabic_marker = block
        .marker
        .as_ref()
        .filter(|m| line[m.span.start()..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|m| m.span.end());
    // Every numeral the regex takes has a `十`, `百` or `千` in it (a lone 一…九 is left):
    // a line without one is not searched.
    if !line.contains('十') && !line.contains('百') && !line.contains('千') {
        return;
    }
    for caps in captures_of(&CHINESE_QUANTITY, line) {
        let Some(whole) = caps.get(0) else { continue };
        let before = line[..whole.start()].chars().next_back();
        // Ordinals (第二十个), longer numerals and quoted names stay.
        if before.is_some_and(|c| matches!(c, '第' | '“' | '「') || is_numeral_char(c)) {
            continue;
        }
        // A count of the document's own parts or of its policy items (`重点做好十一个方面工作`,
        // `二十项重点任务`) counts the text's structure, like `五个方面`, not a statistic.
        let classifier = caps.get(4).map(|m| m.as_str());
        if matches!(classifier, Some("个" | "個" | "项" | "項"))
            && caps.get(3).is_none()
            && PART_NOUNS.iter().any(|noun| line[whole.end()..].starts_with(noun))
        {
            continue;
        }
        if names_a_class(&line[..whole.start()], &line[whole.end()..]) {
            continue;
        }
        let right = match (caps.get(1), caps.get(2)) {
            (Some(p), _) => parse_chinese(p.as_str()).map(|v| format!("{v}%")),
            (None, Some(n)) => parse_chinese(n.as_str()).map(|v| {
                let tail: String = [caps.get(3), caps.get(4)].into_iter().flatten().map(|m| m.as_str()).collect();
                format!("{v}{tail}")
            }),
            _ => None,
        };
        let Some(right) = right else { continue };
        let finding = Diagnostic::new(
            RuleId::UnitChineseNumeral,
            at(Span::new(whole.start(), whole.end())),
            format!("计量、计数的数值宜用阿拉伯数字，写作“{right}”（GB/T 15835-2011）。"),
        );
        out.push(if after_arabic_marker == Some(whole.start()) { finding } else { finding.with_replacement(right) });
    }
}

/// Whether an amount between `before` and `after` names the class of things a count before
/// it counts (`3个过三千亿元城市`, `5家超百亿元企业`): a threshold in a name, written as the
/// name is usually written, not a measurement. The count comes right before it (after `过`,
/// `超` or `破`), a noun right after.
fn names_a_class(before: &str, after: &str) -> bool {
    let before = before.strip_suffix(['过', '超', '破']).unwrap_or(before);
    let mut back = before.chars().rev();
    let counted = back.next().is_some_and(|c| matches!(c, '个' | '個' | '家' | '座'))
        && back.next().is_some_and(|c| c.is_ascii_digit() || is_numeral_char(c));
    counted && after.chars().next().is_some_and(is_han)
}

/// The document-wide unit rules over every quantity, in document order.
pub fn check_document<'a>(uses: impl Iterator<Item = (usize, &'a Quantity)>, out: &mut Vec<Diagnostic>) {
    let mut symbols = MixedSymbols::default();
    let mut percents = PercentSigns::default();
    for (line, q) in uses {
        symbols.visit(line, q, out);
        percents.visit(line, q);
    }
    percents.finish(out);
}

/// `unit.mixed-symbol`: per dimension, the spelling (word or symbol) met first sets the
/// document's style; each use of the other is flagged.
#[derive(Default)]
struct MixedSymbols {
    first: HashMap<Dimension, (bool, &'static str, LineSpan)>,
}

impl MixedSymbols {
    fn visit(&mut self, line: usize, q: &Quantity, out: &mut Vec<Diagnostic>) {
        let Some((span, unit)) = q.unit() else { return };
        if matches!(
            unit.dimension,
            Dimension::Money
                | Dimension::Count
                | Dimension::Time
                | Dimension::Age
                | Dimension::Land
                | Dimension::Points
        ) {
            return;
        }
        let here = span.at_line(line);
        let (symbol, that, there) = *self.first.entry(unit.dimension).or_insert((unit.symbol, unit.text, here));
        if symbol != unit.symbol {
            out.push(
                Diagnostic::new(
                    RuleId::UnitMixedSymbol,
                    here,
                    format!("同一计量单位前文写作“{that}”，此处写作“{}”，全文宜统一。", unit.text),
                )
                .with_related(there, format!("前文写作“{that}”")),
            );
        }
    }
}

/// `unit.mixed-percent-sign`: `％` after half-width digits in some places and `%` in others.
/// Either sign is a correct sign, so it is one note for the whole document, not one per
/// number: at the first use of the sign met second, with the first use of the other as
/// related information. Signs after full-width digits are left to `unit.fullwidth-digit`,
/// whose fix makes them `%`.
#[derive(Default)]
struct PercentSigns {
    /// The first use and the number of uses of `%` (index 0) and `％` (index 1).
    uses: [Option<(LineSpan, usize)>; 2],
}

impl PercentSigns {
    fn visit(&mut self, line: usize, q: &Quantity) {
        let Some(sign) = q.percent().filter(|_| !q.full_width) else { return };
        let slot = &mut self.uses[usize::from(q.full_width_percent())];
        slot.get_or_insert((sign.at_line(line), 0)).1 += 1;
    }

    fn finish(&self, out: &mut Vec<Diagnostic>) {
        let [Some(half), Some(full)] = self.uses else { return };
        let ((first, first_sign), (second, second_sign)) =
            if half.0 < full.0 { ((half, "%"), (full, "％")) } else { ((full, "％"), (half, "%")) };
        out.push(
            Diagnostic::new(
                RuleId::UnitMixedPercentSign,
                second.0,
                format!(
                    "百分号写法不一：全文{}处用“{first_sign}”，{}处用“{second_sign}”（自此处起），宜统一为一种。",
                    first.1, second.1
                ),
            )
            .with_related(first.0, format!("前文用“{first_sign}”")),
        );
    }
}

/// The number and unit checks: each line, and the spellings of units across the document.
pub struct Units;

impl LineCheck for Units {
    fn check(&self, cx: &LineContext<'_>, out: &mut Vec<Diagnostic>) {
        check_block(cx.text, cx.syntax, cx.config.range_style(), out);
    }
}

impl DocumentCheck<DocumentContext<'_>> for Units {
    fn check(&self, cx: &DocumentContext<'_>, out: &mut Vec<Diagnostic>) {
        let quantities = cx
            .blocks
            .iter()
            .enumerate()
            .filter(|(line, _)| !cx.outline.fenced[*line])
            .flat_map(|(line, b)| b.syntax.quantities().iter().map(move |q| (line, q)));
        check_document(quantities, out);
    }
}
