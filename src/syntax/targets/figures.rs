//! Which quantities of a paragraph are figures an indicator may have: not dates,
//! durations, ordinals, names in quotation marks or list sizes; a range (`6%－6.5%`) is one
//! figure; and the noun a count may name after itself.

use super::super::quantities::{is_han, Dimension, Quantity};
use super::names;
use super::vocabulary::after_last_action;
use crate::text::{holding, Span};

/// A figure that may be an indicator's value, with how it reads.
#[derive(Debug, Clone, Copy)]
pub(super) struct Figure<'a> {
    pub q: &'a Quantity,
    /// The low end of a range this figure closes (`6%－6.5%`, `1—2个`).
    pub low: Option<&'a Quantity>,
    /// Where the figure starts: its minus sign, or `第` of a rank.
    pub start: usize,
    /// Where its words end: after the unit and a qualifier written after it.
    pub end: usize,
    pub sign_len: usize,
    pub rank: bool,
    /// Where an amount sizing the things named before this figure ends, if one stands
    /// between the previous figure and this one (`引进投资超10亿元重大项目14个`): the name is
    /// what follows it.
    pub after_threshold: Option<usize>,
}

/// The figures among a line's quantities, in order; a range is one figure.
pub(super) fn figures_of<'a>(line: &str, quantities: &'a [Quantity]) -> Vec<Figure<'a>> {
    let quotes = quotations(line);
    let mut all = Vec::new();
    let mut threshold = None;
    let mut quantities = quantities.iter().peekable();
    while let Some(q) = quantities.next() {
        // `6%－6.5%`: the range is one figure, closed by its high end.
        let (high, low) = match quantities.peek().filter(|high| joined(line, q, high)) {
            Some(&high) => {
                quantities.next();
                (high, Some(q))
            }
            None => (q, None),
        };
        let end = high.suffix().map_or(high.span().end(), |s| s.span.end());
        if sizes_named_things(high, &line[end..]) {
            threshold = Some(end);
            continue;
        }
        if let Some(mut f) = figure(line, high, low, &quotes) {
            f.after_threshold = threshold.take();
            all.push(f);
        }
    }
    all
}

/// Whether `q` sizes the things named right `after` it (its unit and qualifier): an amount
/// running into firms or projects (`总投资超10亿元项目50个`, `营业收入超30亿元高新技术企业数`,
/// `亿元级企业`) is their threshold, a capacity (`吉林梅花60万吨赖氨酸等项目`) a project's
/// size; neither is an indicator of the area.
fn sizes_named_things(q: &Quantity, after: &str) -> bool {
    let Some((_, unit)) = q.unit() else { return false };
    match unit.dimension {
        Dimension::Money => names_firms_or_projects(after) || ["产业", "级"].iter().any(|n| after.starts_with(n)),
        Dimension::Count => false,
        _ => names_firms_or_projects(after),
    }
}

/// Whether the noun phrase right `after` a figure names firms or projects (`赖氨酸等项目`,
/// `高新技术企业数`): the figure then says which ones.
fn names_firms_or_projects(after: &str) -> bool {
    // Within a noun's reach: twelve characters, no punctuation.
    let end = after.char_indices().take(12).take_while(|(_, c)| is_han(*c)).last().map_or(0, |(i, c)| i + c.len_utf8());
    let phrase = &after[..end];
    // Money spent on projects (`投入12亿元实施…项目`) is not their size.
    let spent = after_last_action(phrase).is_some() || phrase.starts_with("用于");
    !spent && ["项目", "工程", "企业"].iter().any(|p| phrase.contains(p))
}

/// What joins the ends of a range.
const JOINERS: [char; 7] = ['-', '~', '～', '—', '－', '–', '至'];

/// A quantity inside a range (`10-15%`, `2~3个`) is not a figure of its own.
fn in_range(text: &str, q: &Quantity) -> bool {
    let span = q.span();
    let joiner = |c: Option<char>| c.is_some_and(|c| JOINERS.contains(&c));
    let after = text[span.end()..].chars().next();
    let before = text[..q.number.start()].chars().next_back();
    (joiner(after) && text[span.end()..].chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        || (joiner(before) && text[..q.number.start()].chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit()))
}

/// Where a line is inside quotation marks (`“21条”`, `“51020”`), found in one scan: a figure
/// there is a name.
fn quotations(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open = None;
    // `“` is E2 80 9C and `”` E2 80 9D; E2 begins only a few rarer characters (`‘` `’` `…`
    // `—`), and never a Chinese one: found by `memchr`, where matching the two characters
    // decoded every character of the line.
    let bytes = text.as_bytes();
    let marks = memchr::memchr_iter(0xE2, bytes).filter_map(|i| match bytes.get(i + 1..i + 3) {
        Some([0x80, 0x9C]) => Some((i, "“")),
        Some([0x80, 0x9D]) => Some((i, "”")),
        _ => None,
    });
    for (i, c) in marks {
        match (c, open) {
            ("“", _) => open = Some(i),
            (_, Some(start)) => {
                out.push(Span::new(start, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// Whether `low` and `high` are the two ends of one range (`6%－6.5%`, `1—2个`): one joiner
/// between them, and the low end without a unit of its own or with the high end's.
fn joined(text: &str, low: &Quantity, high: &Quantity) -> bool {
    let between = text.get(low.span().end()..high.number.start()).unwrap_or("").trim_matches([' ', '\u{3000}']);
    let same_unit = low.unit().is_none_or(|(_, u)| high.unit().is_some_and(|(_, h)| h.text == u.text));
    between.chars().count() == 1 && between.starts_with(JOINERS) && same_unit && low.multiplier().is_none()
}

/// `q` as a figure, closing a range from `low` if it does.
fn figure<'a>(text: &str, q: &'a Quantity, low: Option<&'a Quantity>, quotations: &[Span]) -> Option<Figure<'a>> {
    let quoted = |at: usize| holding(quotations, at).is_some();
    let percent = q.percent().is_some();
    let unit = q.unit().map(|(_, u)| u);
    // Dates, durations, multiples and bare numbers are not indicator values, but for a
    // ratio's (`城乡居民收入比缩小至2.12`).
    let bare = unit.is_none() && q.multiplier().is_none();
    if !percent && bare && !is_ratio(text, q)
        || unit.is_some_and(|u| u.dimension == Dimension::Time || u.text == "倍")
        || (low.is_none() && in_range(text, q))
        || quoted(q.number.start())
    {
        return None;
    }
    let before = &text[..low.map_or(q.number.start(), |l| l.number.start())];
    let after = &text[q.span().end()..];
    // Ordinals, ranks in a band and names: `第十四届`, `前10位`, `世界500强`, `连续6年`.
    let ordinal = before.ends_with('第');
    // `排名56位` is a rank too; `70位两院院士` counts people.
    let recent = &before[before.len() - before.chars().rev().take(12).map(char::len_utf8).sum::<usize>()..];
    let placed = ["排名", "位居", "居于", "位列"].iter().any(|w| recent.contains(w)) && !after.starts_with(is_han);
    let rank = (ordinal || placed) && unit.is_some_and(|u| matches!(u.text, "位" | "名"));
    // `满3岁`: an age a rule applies from; `56个民族`: the nation's peoples, a name;
    // `1000千伏输电线路`: a line's voltage, part of its name.
    let peoples = unit.is_some_and(|u| u.text == "个") && after.starts_with("民族");
    let voltage = ["千伏", "伏", "kV"].iter().any(|v| text[q.number.end()..].starts_with(v));
    if (ordinal && !rank)
        || before.ends_with(['前', '后', '满'])
        || after.starts_with(['强', '周'])
        || peoples
        || voltage
    {
        return None;
    }
    // `在169个国家高新区中`: the set something is ranked in.
    if before.ends_with('在') && after.split(['，', ',', '。', '；']).next().is_some_and(|a| a.contains('中')) {
        return None;
    }
    // The size of what a text is about to list (`重点做好以下10个方面工作`), and thresholds
    // counted (`连续跨过3个万亿元大关`).
    // `4个千亿县`, `3个万亿级优势产业` count things of a size, not thresholds.
    let size = after.trim_start_matches(['万', '亿', '千', '百']);
    let counted_thresholds = unit.is_some_and(|u| u.text == "个")
        && size.len() < after.len()
        && (size.starts_with('元') || size.starts_with("大关") || size.starts_with("台阶"));
    // `航天510所等企业`: an institute's number in a list of examples.
    let institute = unit.is_some_and(|u| u.text == "所") && after.starts_with('等');
    if before.ends_with("以下")
        || institute
        || before.ends_with("如下")
        || after.starts_with("方面")
        || counted_thresholds
    {
        return None;
    }
    // `-` is one byte, `－` three.
    let sign_len = before.chars().next_back().filter(|c| matches!(c, '-' | '－')).map_or(0, char::len_utf8);
    let first = low.map_or(q.number.start(), |l| l.number.start());
    let start = if ordinal { first - '第'.len_utf8() } else { first - sign_len };
    let end = q.suffix().map_or(q.span().end(), |s| s.span.end());
    Some(Figure {
        q,
        low,
        start,
        end,
        sign_len: if rank { 0 } else { sign_len },
        rank: rank && low.is_none(),
        after_threshold: None,
    })
}

/// A bare decimal number stated of a ratio (`城乡居民收入比由2.5缩小到2.2`): the ratio is
/// named in the clause before it.
fn is_ratio(text: &str, q: &Quantity) -> bool {
    let number = &text[q.number.range()];
    let before = &text[..q.number.start()];
    // Within a name's reach of the number: a long line costs no more than a short one.
    let reach = before.char_indices().rev().nth(16).map_or(0, |(i, _)| i);
    let clause = before[reach..].rsplit(['，', '。', '；', ',', ';']).next().unwrap_or_default();
    number.contains('.') && clause.contains("收入比")
}

/// The noun a count names after itself (`6个国家级中小企业特色产业集群`): for counts of things
/// (a classifier, or 万/亿 alone: `1400万农业转移人口`) followed by a noun phrase.
pub(super) fn noun_after_figure(text: &str, f: &Figure<'_>, counting: bool) -> Option<(usize, usize)> {
    let q = f.q;
    // After a counting verb a measure names its noun too (`新建5万平方米孵化载体`).
    let counted = match q.unit() {
        Some((_, u)) if u.dimension == Dimension::Count => counts_things(f),
        Some(_) => counting && q.percent().is_none(),
        None => q.multiplier().is_some() && q.percent().is_none(),
    };
    if !counted || f.rank {
        return None;
    }
    let after = &text[f.end..];
    // `5个亿元`, `10多个`: amounts and approximations, not a noun; `4个千亿县` is one.
    let size = after.trim_start_matches(['万', '亿', '千', '百']);
    if size.starts_with('元') || after.starts_with(['多', '余']) {
        return None;
    }
    names::noun_after(after)
}

/// Whether the figure is a number of things (`3个`, `20条`), not of people ranked, visits
/// or times.
fn counts_things(f: &Figure<'_>) -> bool {
    f.q.unit().is_some_and(|(_, u)| {
        u.dimension == Dimension::Count && !matches!(u.text, "位" | "名" | "人次" | "家次" | "艘次" | "架次" | "倍")
    })
}

/// Whether a count runs straight on into a noun (`出台…20条措施`, `荆州、孝感、黄冈3个城市`):
/// the count is of that noun, and what is named before it says which ones or what for.
/// `after_noun` is the figure's [`noun_after_figure`].
pub(super) fn runs_into_noun(text: &str, f: &Figure<'_>, after_noun: Option<(usize, usize)>) -> bool {
    let after = &text[f.end..];
    let qualified = ["以上", "左右", "以下", "以内", "多", "余"].iter().any(|q| after.starts_with(q));
    // `由689万户增至951万户`, `现有7家的基础上`: a verb or a particle follows, not a noun.
    let noun = after_noun.is_some_and(|(start, _)| start == 0) || names::starts_with_generic_noun(after);
    counts_things(f) && !f.rank && !qualified && !after.starts_with('的') && noun
}
