//! The run of items a count sums up (`围绕电子信息、高端装备、生物医药三大主导产业`): where it
//! starts, what its items are, and how many items it names under each reading its grammar
//! allows. Which count phrases sum up a run at all is decided in `counts`.

use crate::text::Span;

/// How far back (in bytes) a run is looked for. A clause or a quotation longer than this
/// before its count is prose; bounding the look keeps a line's parse linear in its length
/// however many counts it holds.
const WINDOW: usize = 4096;

/// Punctuation that ends a clause: a run of items does not reach back across it.
pub fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '（' | '(' | '）' | ')')
}

/// A run of items right before a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run<'a> {
    /// From the first item to the last, relative to the line.
    pub span: Span,
    pub items: Vec<&'a str>,
    /// The run is the whole of a quotation (`“巩固、增强、提升、畅通”八个字`), so its first item
    /// starts cleanly instead of carrying the clause's verb (`围绕电子信息`).
    pub quoted: bool,
    /// For a quotation of groups set off by `，` (`“人口多、土地少，小生产、大市场”`, whose items
    /// are the groups), how many `、`-separated pieces the groups hold in all.
    pieces: Option<u32>,
}

/// Where to start looking back from `end`: `WINDOW` bytes before it (not before `floor`,
/// nor after `end`), on a character boundary.
fn window_start(line: &str, floor: usize, end: usize) -> usize {
    let mut at = end.saturating_sub(WINDOW).max(floor).min(end);
    while !line.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The quotation that closes right before byte `end`, when it holds a `、`-list: the items
/// inside the quotes are the list, whatever clause breaks it holds. Not when the quotation
/// is itself an item of a run (`“甲”、“乙、丙”两大`).
pub fn quoted_run(line: &str, floor: usize, end: usize) -> Option<Run<'_>> {
    let close = line[..end].strip_suffix('”')?.len();
    let lo = window_start(line, floor, close);
    let open = lo + line[lo..close].rfind('“')?;
    let start = open + '“'.len_utf8();
    let content = &line[start..close];
    if !content.contains('、') || line[..open].ends_with('、') {
        return None;
    }
    let grouped = content.contains(['，', '；']);
    let (items, pieces) = if grouped {
        (content.split(['，', '；']).collect(), Some(saturating_count(content.split(['，', '；', '、']).count())))
    } else {
        (content.split('、').collect(), None)
    };
    Some(Run { span: Span::new(start, close), items, quoted: true, pieces })
}

/// The `、`-run from the start of the clause that holds byte `end` up to `end`; `None` if
/// the clause has no `、` outside quotations, or reaches back further than the window.
pub fn clause_run(line: &str, floor: usize, end: usize) -> Option<Run<'_>> {
    let lo = window_start(line, floor, end);
    let start = match last_break_outside_qualifiers(&line[lo..end]) {
        Some((i, c)) => lo + i + c.len_utf8(),
        None if lo == floor => floor,
        None => return None,
    };
    let segment = &line[start..end];
    let items = top_level_items(segment);
    if items.len() < 2 {
        return None;
    }
    Some(Run { span: Span::new(start, end), items, quoted: false, pieces: None })
}

/// The last clause break in `text`, and where it is; brackets that qualify the word before
/// them (`县（市、区）综合经济考核`: no break inside, a word right before) are no break.
fn last_break_outside_qualifiers(text: &str) -> Option<(usize, char)> {
    let mut before = text.len();
    loop {
        let (i, c) = text[..before].char_indices().rev().find(|&(_, c)| is_clause_break(c))?;
        if !matches!(c, '）' | ')') {
            return Some((i, c));
        }
        let open = text[..i].char_indices().rev().find(|&(_, c)| is_clause_break(c));
        let qualifier = open.filter(|&(o, c)| {
            matches!(c, '（' | '(') && text[..o].chars().next_back().is_some_and(|w| !is_clause_break(w) && w != '、')
        });
        match qualifier {
            Some((o, _)) => before = o,
            None => return Some((i, c)),
        }
    }
}

/// `segment` split at each `、` outside quotation marks and brackets: a `、` inside them
/// separates their own words (`打造“数字园区”、“智造、低碳”` is two items, and so is
/// `县（市、区）综合经济考核、政绩目标考核`).
fn top_level_items(segment: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut from) = (0u32, 0);
    for (i, c) in segment.char_indices() {
        match c {
            '“' | '（' | '(' => depth += 1,
            '”' | '）' | ')' => depth = depth.saturating_sub(1),
            '、' if depth == 0 => {
                items.push(&segment[from..i]);
                from = i + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push(&segment[from..]);
    items
}

fn saturating_count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Run<'_> {
    /// How many items the run names, under each reading of its grammar, the plain one
    /// first: one per item; the last item split where 和, 及, 与 or 以及 join names (`A、B和C`
    /// is three); the last item's joined names alone (a count of `B和C` only); for a
    /// quotation of groups, every piece of them; and, when the count is of characters
    /// (`八个字`), the characters of the items.
    pub fn readings(&self, characters: bool) -> Vec<u32> {
        let n = saturating_count(self.items.len());
        let mut readings = vec![n];
        let joined = self.items.last().map_or(1, |last| conjoined(last));
        if joined > 1 {
            readings.push(n - 1 + joined);
            readings.push(joined);
        }
        readings.extend(self.pieces);
        if characters {
            let chars = self.items.iter().map(|it| it.chars().filter(|c| !is_quote(*c) && !c.is_whitespace()).count());
            readings.push(saturating_count(chars.sum()));
        }
        readings
    }

    /// The ending (two characters or more) that `phrase` shares with every item but the
    /// last: `学习教育` for the items `党史学习教育、党纪学习教育` and the phrase
    /// `规定精神学习教育`.
    pub fn shared_ending<'p>(&self, phrase: &'p str) -> Option<&'p str> {
        let (_, before_last) = self.items.split_last()?;
        let mut shared = phrase.len();
        for item in before_last {
            let common: usize = phrase
                .chars()
                .rev()
                .zip(item.chars().rev())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            shared = shared.min(common);
        }
        let ending = &phrase[phrase.len() - shared..];
        (ending.chars().count() >= 2).then_some(ending)
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’' | '"')
}

/// Words that join two names inside one item; `以及` is looked for first.
const CONJUNCTIONS: [&str; 5] = ["以及", "和", "及", "与", "與"];

/// How many names 和, 及, 与 or 以及 join in `item`: `促进创新协同和维护公平竞争` is two;
/// `涉及人数和金额` is two as well, for a name has two characters at least, so the 及 of
/// 涉及 joins nothing.
fn conjoined(item: &str) -> u32 {
    let total = item.chars().count();
    let mut names = 1;
    // Characters of the current name so far, and of the item so far.
    let (mut name, mut seen) = (0, 0);
    let mut rest = item;
    while let Some(c) = rest.chars().next() {
        let word = CONJUNCTIONS.iter().find(|w| rest.starts_with(**w));
        match word {
            Some(w) if name >= 2 && total - seen - w.chars().count() >= 2 => {
                names += 1;
                name = 0;
                seen += w.chars().count();
                rest = &rest[w.len()..];
            }
            _ => {
                name += 1;
                seen += 1;
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_before(line: &str, count: &str) -> Run<'static> {
        let line: &'static str = Box::leak(line.to_string().into_boxed_str());
        let end = line.find(count).expect("count in line");
        quoted_run(line, 0, end).or_else(|| clause_run(line, 0, end)).expect("a run")
    }

    #[test]
    fn a_clause_run_starts_after_the_clause_break() {
        let r = run_before("今年，围绕电子信息、高端装备、生物医药三大主导产业", "三大");
        assert_eq!(r.items, ["围绕电子信息", "高端装备", "生物医药"]);
        assert!(!r.quoted);
        assert_eq!(r.readings(false), [3]);
    }

    #[test]
    fn a_quotation_is_the_run_whatever_breaks_it_holds() {
        let r = run_before("着力破解“人多、地少，产出低、成本高，链条短、附加值低”三大矛盾", "三大");
        assert_eq!(r.items, ["人多、地少", "产出低、成本高", "链条短、附加值低"]);
        assert_eq!(r.readings(false), [3, 6]);
        let r = run_before("在“稳住、提质、扩容、增效”八个字上下功夫", "八个");
        assert_eq!(r.readings(true), [4, 8]);
        // A quotation that is an item of a run is not the run.
        let r = run_before("打造“数字园区”、“智造、低碳”两大品牌", "两大");
        assert_eq!((r.quoted, r.items.len()), (false, 2));
    }

    #[test]
    fn the_last_item_may_join_names() {
        let r = run_before("围绕“提升服务能力、强化要素保障和优化营商环境”三项重点", "三项");
        assert_eq!(r.readings(false), [2, 3, 2]);
        assert_eq!(conjoined("涉及人数和金额"), 2);
        assert_eq!(conjoined("科技以及金融"), 2);
        assert_eq!(conjoined("参与"), 1);
        assert_eq!(conjoined("软件与信息服务"), 2);
    }

    #[test]
    fn shared_endings_of_the_items() {
        let r = run_before("开展主题教育、党纪学习教育、深入落实中央八项规定精神学习教育", "八项");
        assert_eq!(r.shared_ending("规定精神学习教育"), Some("教育"));
        assert_eq!(r.shared_ending("主导产业"), None);
    }

    #[test]
    fn a_clause_longer_than_the_window_is_not_a_run() {
        let line = format!("{}、甲乙三大产业", "很".repeat(WINDOW));
        let end = line.find("三大").expect("count");
        assert_eq!(clause_run(&line, 0, end), None);
        let line = format!("，{}", line);
        assert_eq!(clause_run(&line, 0, line.find("三大").expect("count")), None);
    }
}
