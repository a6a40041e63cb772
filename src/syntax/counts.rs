//! Count phrases: announced counts (`重点抓好以下五个方面工作：`) and counts after a listed
//! run (`围绕电子信息、高端装备、生物医药三大主导产业`).

use std::sync::LazyLock;

use regex::Regex;

use super::numerals::parse_chinese;
use crate::text::Span;

/// `以下五个方面工作：` — a lead-in that promises a number of items below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncedCount {
    pub count: u32,
    /// The count phrase (`五个方面`), relative to the line.
    pub span: Span,
}

/// `A、B、C三大产业` — a count right after a `、`-separated run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedCount {
    pub count: u32,
    /// The count (`三大`, `27个`, `四图`), relative to the line.
    pub span: Span,
    /// The listed run, from its first item to its last.
    pub list: Span,
    pub items: u32,
    /// `等` before the count: the list may name fewer items than the count.
    pub open_ended: bool,
}

const NUMERAL: &str = "[一二三四五六七八九十两兩]+";

static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "({NUMERAL})(?:个|個|项|項|大|条|條|点|點|件|类|類)?(方面|重点|重點|任务|任務|工程|行动|行動|举措|舉措|措施|领域|領域|环节|環節|机制|機制|内容|內容|问题|問題|要求|目标|目標)(?:工作|任务|任務)?”?\\s*[:：]\\s*$"
    ))
    .expect("static regex")
});

/// `等`? then a count: a Chinese numeral + classifier (`三大`, `五个`), `等` + Arabic number +
/// classifier (`等27个`), or a short quoted numeral phrase (`“四图”`).
///
/// An Arabic number without `等` states a quantity, not the size of the list before it:
/// `新增省、市级研发机构20家` names two levels, not twenty institutes.
static LISTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?:(“)({NUMERAL})[^”一二三四五六七八九十两兩0-9]{{1,3}}”|(等)?({NUMERAL})(?:大|个|個|项|項|家|类|類|条|條)|(等)([0-9]+)(?:大|个|個|项|項|家|类|類|条|條))"
    ))
    .expect("static regex")
});

/// A count phrase inside an item means the item is itself a counted thing (`“四个意识”`),
/// so the run is not a plain list of names.
static COUNT_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?:{NUMERAL}|[0-9]+)(?:个|個|大|项|項|家|类|類|条|條|种|種)")).expect("static regex")
});

pub fn parse_announced(line: &str) -> Option<AnnouncedCount> {
    // The phrase ends the line with a colon: most lines are ruled out without the regex.
    if !line.trim_end().ends_with([':', '：']) {
        return None;
    }
    let caps = ANNOUNCED.captures(line)?;
    let num = caps.get(1)?;
    let count = parse_chinese(num.as_str()).filter(|&n| n >= 2)?;
    let noun = caps.get(2)?;
    Some(AnnouncedCount { count, span: Span::new(num.start(), noun.end()) })
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '（' | '(' | '）' | ')')
}

/// Longest item we accept as a name in a list; longer runs are prose, not lists.
const MAX_ITEM_CHARS: usize = 20;

/// Longest item of a list summed up by a quoted phrase; quoted slogans after prose
/// (`贯彻……以及省、市“两会”精神`) are not lists.
const MAX_QUOTED_ITEM_CHARS: usize = 10;

/// Counts after a `、`-run in `line`, looking only at text from byte `from` on (after the
/// paragraph's own marker, whose `、` is not a list).
pub fn parse_listed(line: &str, from: usize) -> Vec<ListedCount> {
    let mut out = Vec::new();
    // Every count needs a `、` before it (see `segment` below): most lines have none.
    if !line[from..].contains('、') {
        return out;
    }
    for caps in super::captures_of(&LISTED, &line[from..]) {
        let (Some(whole), Some(num)) = (caps.get(0), caps.get(2).or(caps.get(4)).or(caps.get(6))) else { continue };
        let quoted = caps.get(1).is_some();
        let open_ended = caps.get(3).or(caps.get(5)).is_some();
        let (start, end) = (from + whole.start(), from + whole.end());
        let count = match parse_chinese(num.as_str()).or_else(|| num.as_str().parse().ok()) {
            Some(n) if n >= 2 => n,
            _ => continue,
        };
        // A count that opens a quotation names the quoted thing (`创新孵化“六大服务平台”`).
        if !quoted && line[..start].ends_with('“') {
            continue;
        }
        if line[end..].starts_with('目') && whole.as_str().ends_with(['项', '項']) {
            continue;
        }
        let clause_start =
            line[..start].rfind(is_clause_break).map_or(0, |i| i + line[i..].chars().next().map_or(1, char::len_utf8));
        let segment = &line[clause_start.max(from)..start];
        if !segment.contains('、') {
            continue;
        }
        let items: Vec<&str> = segment.split('、').collect();
        let longest = if quoted { MAX_QUOTED_ITEM_CHARS } else { MAX_ITEM_CHARS };
        let plausible = items.iter().enumerate().all(|(i, it)| {
            let n = it.chars().count();
            n > 0
                && (n <= longest || (i == 0 && !quoted))
                && !COUNT_INSIDE.is_match(it)
                && !(quoted && it.contains(['“', '”']))
        });
        if !plausible {
            continue;
        }
        let span_start = if open_ended { start + "等".len() } else { start };
        out.push(ListedCount {
            count,
            span: Span::new(span_start, end),
            list: Span::new(clause_start.max(from), start),
            items: items.len() as u32,
            open_ended,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announced_counts_before_a_colon() {
        let line = "围绕上述目标，重点抓好以下五个方面工作：";
        let a = parse_announced(line).unwrap();
        assert_eq!(a.count, 5);
        assert_eq!(&line[a.span.range()], "五个方面");
        assert_eq!(parse_announced("2020年,將重點要做好六方面工作:").unwrap().count, 6);
        assert_eq!(parse_announced("組織實施 “五大工程”:").unwrap().count, 5);
        assert!(parse_announced("重点抓好以下五个方面工作。").is_none());
        assert!(parse_announced("实施“十四五”规划：").is_none());
    }

    #[test]
    fn listed_runs_and_their_counts() {
        let line = "围绕人工智能、集成电路、生物医药、新材料四大重点领域";
        let l = &parse_listed(line, 0)[0];
        assert_eq!((l.count, l.items, l.open_ended), (4, 4, false));
        assert_eq!(&line[l.span.range()], "四大");
        let line = "围绕新能源汽车、智能装备、新材料、生物医药等三大产业集群";
        let l = &parse_listed(line, 0)[0];
        assert_eq!((l.count, l.items, l.open_ended), (3, 4, true));
        assert_eq!(&line[l.span.range()], "三大");
        let l = &parse_listed("综合管廊、电力设施等27个项目", 0)[0];
        assert_eq!((l.count, l.items, l.open_ended), (27, 2, true));
        let l = &parse_listed("形成产业链图谱、区域分布图“四图”", 0)[0];
        assert_eq!((l.count, l.items), (4, 2));
    }

    #[test]
    fn runs_that_are_not_plain_lists_are_ignored() {
        for line in [
            "牢固树立“四个意识”、坚定“四个自信”、做到“两个维护”",
            "五大主导产业+四大特色产业",
            "推进A、A6项目建设",
            "创新驱动核心战略和产业强区主导战略“两大战略”",
            "完成张三、李四的任务，新建3个中心",
            "新增省、無錫市院士工作站4家",
            "高新技术产业增加值、战略性新兴产业增加值较“十二五”末",
            "知识产权港、专利信息应用服务平台、创新孵化“六大服务平台”",
            "贯彻落实党的十九届五中全会精神、中央经济工作会议精神和省委、市委全会暨经济工作会议以及省、市“两会”精神",
            "扎实做好“六稳”工作、全面落实“六保”任务",
        ] {
            assert!(parse_listed(line, 0).is_empty(), "{line}");
        }
        // The paragraph's own marker is not part of a list.
        assert!(parse_listed("二、健全三大推進機制", "二、".len()).is_empty());
    }
}
