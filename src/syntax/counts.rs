//! Count phrases: announced counts (`重点抓好以下五个方面工作：`) and counts after a listed
//! run (`围绕电子信息、高端装备、生物医药三大主导产业`).

use std::sync::LazyLock;

use regex::Regex;

use super::lists;
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
    /// How many items the run names: under the first reading of its grammar that gives the
    /// count (see [`lists::Run::readings`]), else, and always after `等`, under the plain one
    /// (one per `、`-item).
    pub items: u32,
    /// `等` before the count: the list may name fewer items than the count.
    pub open_ended: bool,
}

const NUMERAL: &str = "[一二三四五六七八九十两兩]+";

/// What a document counts of itself or of its policy (`五个方面`, `十项任务`, `三大工程`): the
/// nouns an announcement promises items of. Such counts are written in Chinese numerals.
pub const PART_NOUNS: [&str; 24] = [
    "方面", "重点", "重點", "任务", "任務", "工程", "行动", "行動", "举措", "舉措", "措施", "领域", "領域", "环节",
    "環節", "机制", "機制", "内容", "內容", "问题", "問題", "要求", "目标", "目標",
];

static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "({NUMERAL})(?:个|個|项|項|大|条|條|点|點|件|类|類)?({})(?:工作|任务|任務)?”?\\s*[:：]\\s*$",
        PART_NOUNS.join("|")
    ))
    .expect("static regex")
});

/// A speaker announcing the parts of a speech (`下面，我讲三点意见。`): the sentence ends the
/// paragraph, with a colon or a full stop.
static ANNOUNCED_IN_SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?:讲|講|谈|談|提|说|說)({NUMERAL})(?:点|點|个|個|条|條)(意见|意見|看法|体会|體會|建议|建議|要求|问题|問題)\\s*[:：。]?\\s*$"
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
        "(?:(等)?(“)({NUMERAL})[^”一二三四五六七八九十两兩0-9]{{1,3}}”|(等)?({NUMERAL})(?:大|个|個|项|項|家|类|類|条|條)|(等)([0-9]+)(?:大|个|個|项|項|家|类|類|条|條))"
    ))
    .expect("static regex")
});

/// Classifiers a quoted count may carry before its noun (`“两大战略”`, `“两个生态”`).
const CLASSIFIERS: [char; 10] = ['大', '个', '個', '项', '項', '家', '类', '類', '条', '條'];

/// A count phrase inside an item means the item is itself a counted thing (`“四个意识”`),
/// so the run is not a plain list of names.
static COUNT_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("(?:{NUMERAL}|[0-9]+)(?:个|個|大|项|項|家|类|類|条|條|种|種)")).expect("static regex")
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] =
    &[&ANNOUNCED, &ANNOUNCED_IN_SPEECH, &LISTED, &COUNT_INSIDE];

/// Fixed names that begin with a numeral and a classifier and never count the run before
/// them, where grammar cannot tell (`纠治“四风”、落实中央八项规定精神`: is `落实中央` an item?).
/// Only names the count pattern would otherwise take: 两会, 三农 and the like have no
/// classifier and are never read as counts.
const FIXED_NAMES: [&str; 7] = ["八项规定", "三个代表", "四个全面", "四个意识", "四个自信", "两个确立", "两个维护"];

/// Longest item we accept as a name in a list; longer runs are prose, not lists.
const MAX_ITEM_CHARS: usize = 20;

/// Longest item of a list summed up by a quoted phrase; quoted slogans after prose
/// (`贯彻……以及省、市“两会”精神`) are not lists.
const MAX_QUOTED_ITEM_CHARS: usize = 10;

pub fn parse_announced(line: &str) -> Option<AnnouncedCount> {
    // The phrase ends the line, with a colon (or a speaker's full stop): most lines are
    // ruled out without the regexes.
    let end = line.trim_end();
    if !end.ends_with([':', '：', '。']) {
        return None;
    }
    let caps = ANNOUNCED.captures(line).or_else(|| ANNOUNCED_IN_SPEECH.captures(line))?;
    let num = caps.get(1)?;
    let count = parse_chinese(num.as_str()).filter(|&n| n >= 2)?;
    let noun = caps.get(2)?;
    Some(AnnouncedCount { count, span: Span::new(num.start(), noun.end()) })
}

/// A count phrase [`LISTED`] found, relative to the line.
struct CountPhrase {
    /// From `等` (if any) through the classifier or the closing quote.
    whole: Span,
    numeral: Span,
    count: u32,
    /// `“四图”`: the count and its noun in quotes.
    quoted: bool,
    open_ended: bool,
}

impl CountPhrase {
    fn from_captures(caps: &regex::Captures<'_>, from: usize) -> Option<CountPhrase> {
        let whole = caps.get(0)?;
        let numeral = caps.get(3).or(caps.get(5)).or(caps.get(7))?;
        let count = parse_chinese(numeral.as_str()).or_else(|| numeral.as_str().parse().ok()).filter(|&n| n >= 2)?;
        Some(CountPhrase {
            whole: Span::new(from + whole.start(), from + whole.end()),
            numeral: Span::new(from + numeral.start(), from + numeral.end()),
            count,
            quoted: caps.get(2).is_some(),
            open_ended: caps.get(1).or(caps.get(4)).or(caps.get(6)).is_some(),
        })
    }

    /// The count as reported: without `等`.
    fn counted(&self) -> Span {
        let start = if self.open_ended { self.whole.start() + "等".len() } else { self.whole.start() };
        Span::new(start, self.whole.end())
    }
}

/// Counts after a `、`-run in `line`, looking only at text from byte `from` on (after the
/// paragraph's own marker, whose `、` is not a list).
pub fn parse_listed(line: &str, from: usize) -> Vec<ListedCount> {
    // Every count needs a `、` before it: most lines have none.
    if !line[from..].contains('、') {
        return Vec::new();
    }
    super::captures_of(&LISTED, &line[from..])
        .filter_map(|caps| CountPhrase::from_captures(&caps, from))
        .filter_map(|c| listed_count(line, from, &c))
        .collect()
}

fn listed_count(line: &str, from: usize, c: &CountPhrase) -> Option<ListedCount> {
    if names_something_else(line, c) {
        return None;
    }
    let run =
        lists::quoted_run(line, from, c.whole.start()).or_else(|| lists::clause_run(line, from, c.whole.start()))?;
    if !is_list_of_names(&run, c.quoted) || inside_an_item(line, c, &run) {
        return None;
    }
    if c.quoted && !names_what_the_items_are(line, c, &run) {
        return None;
    }
    let readings = run.readings(line[c.whole.end()..].starts_with('字'));
    // After 等 the run names at least its plain items (the other readings name more, or
    // only a part of it); without, any reading may be the count's.
    let items = if c.open_ended {
        readings[0]
    } else {
        readings.iter().copied().find(|&r| r == c.count).unwrap_or(readings[0])
    };
    Some(ListedCount { count: c.count, span: c.counted(), list: run.span, items, open_ended: c.open_ended })
}

/// Above this, `N大` names a party congress (`二十大`), not N major things: counts with 大
/// stay small, and congresses are numbered past ten (`十大` is left a count).
const MAX_MAJOR_COUNT: u32 = 10;

/// The numeral is not the size of a list whatever comes before it: an ordinal
/// (`第三个历史决议`, `第二大港口`, a congress: `学习宣传、贯彻落实二十大精神`), a fixed name
/// (`八项规定`), or a noun that merely starts with a classifier (`三项目`).
fn names_something_else(line: &str, c: &CountPhrase) -> bool {
    let numeral_on = &line[c.numeral.start()..];
    let congress = !c.quoted && c.count > MAX_MAJOR_COUNT && line[..c.whole.end()].ends_with('大');
    line[..c.numeral.start()].ends_with('第')
        || congress
        || FIXED_NAMES.iter().any(|name| numeral_on.starts_with(name))
        || (!c.quoted && line[c.whole.end()..].starts_with('目') && line[..c.whole.end()].ends_with(['项', '項']))
}

/// Whether the items look like names in a list: none empty, none too long (but the first
/// of a clause, which carries the clause's verb: `围绕电子信息`), none itself a count
/// (`“四个意识”`), and, before a quoted count, none quoted.
fn is_list_of_names(run: &lists::Run<'_>, quoted_count: bool) -> bool {
    let longest = if quoted_count { MAX_QUOTED_ITEM_CHARS } else { MAX_ITEM_CHARS };
    run.items.iter().enumerate().all(|(i, it)| {
        let n = it.chars().count();
        n > 0
            && (n <= longest || (i == 0 && !quoted_count && !run.quoted))
            && !COUNT_INSIDE.is_match(it)
            && !(quoted_count && it.contains(['“', '”']))
    })
}

/// What follows the count up to where its noun phrase ends (a clause break, the next `、`,
/// or the end of the line), with the `、` if that is what ended it; `None` past
/// [`MAX_ITEM_CHARS`] characters.
fn phrase_after(line: &str, end: usize) -> Option<(&str, bool)> {
    let rest = &line[end..];
    for (k, (i, ch)) in rest.char_indices().enumerate() {
        if k > MAX_ITEM_CHARS {
            return None;
        }
        if ch == '、' || lists::is_clause_break(ch) {
            return Some((&rest[..i], ch == '、'));
        }
    }
    (rest.chars().count() <= MAX_ITEM_CHARS).then_some((rest, false))
}

/// The count belongs to an item of the run rather than summing the run up: the item goes
/// on past the count's noun to the next `、` (`铁人三项世界杯、成都网球公开赛`, `农村集体“三资”管理、`);
/// the last item is the attribute of the counted noun (`…、全长1.3万公里的三个一号旅游公路`),
/// or opens a quotation or a title the count is inside (`入选年度“全国十大考古新发现”`), or has
/// a verb whose object the count is (`入选深圳十大人工智能集聚区`, `老同志表达四个方面`); or the
/// last item, read on through the count, ends as every item before it does while the text
/// before the count does not (`党史学习教育、党纪学习教育、深入贯彻中央八项规定精神学习教育`).
fn inside_an_item(line: &str, c: &CountPhrase, run: &lists::Run<'_>) -> bool {
    let after = phrase_after(line, c.whole.end());
    if after.is_some_and(|(_, runs_on)| runs_on) {
        return true;
    }
    if run.quoted {
        return false;
    }
    let Some(last) = run.items.last() else { return false };
    if last.ends_with('的') || opens_unclosed(last) || OBJECT_VERBS.iter().any(|verb| last.contains(verb)) {
        return true;
    }
    after
        .and_then(|(phrase, _)| run.shared_ending(phrase).map(|e| (phrase, e)))
        .is_some_and(|(phrase, ending)| ending.len() < phrase.len() && !last.ends_with(ending))
}

/// Verbs whose object a count after the run is: of being selected into a class
/// (`坂田、大运入选深圳十大人工智能集聚区`: the size of the class the items joined) and of
/// saying (`我向老领导、老同志表达四个方面的意思`: the run is who is spoken to).
const OBJECT_VERBS: [&str; 15] = [
    "入选", "入围", "跻身", "列入", "纳入", "获评", "评为", "位列", "荣登", "表达", "提出", "汇报", "通报", "强调",
    "谈",
];

/// Whether `text` opens a quotation or a title it does not close.
fn opens_unclosed(text: &str) -> bool {
    let last_open = text.rfind(['“', '《']);
    let last_close = text.rfind(['”', '》']);
    match (last_open, last_close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

/// A quoted count sums up the run only if its noun names what the items are
/// (`产业链图谱、区域分布图“两图”`, `政治生态、自然生态“两个生态”`); otherwise it is a slogan or an
/// abbreviation of its own (`粮食播种面积、总产量“六连增”`, `农村集体“三资”`).
fn names_what_the_items_are(line: &str, c: &CountPhrase, run: &lists::Run<'_>) -> bool {
    let inside = line[c.numeral.end()..c.whole.end()].trim_end_matches('”');
    let noun = inside.strip_prefix(CLASSIFIERS).unwrap_or(inside);
    !noun.is_empty() && run.items.iter().any(|it| it.contains(noun))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text, any starting point: counts are found without a panic, and their spans
        /// lie in the line after the starting point.
        #[test]
        fn listed_counts_of_any_text(line in "[甲乙、，。“”《》等的第和及与以字大个项两三八十0-9 ]{0,40}", cut in 0usize..40) {
            let from = line.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(line.len());
            for l in parse_listed(&line, from) {
                prop_assert!(from <= l.list.start() && l.list.end() <= l.span.start() && l.span.end() <= line.len());
            }
            let _ = parse_announced(&line);
        }
    }

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
    fn a_speaker_announces_the_parts_of_a_speech() {
        let line = "下面，我就做好今年工作讲三点意见。";
        let a = parse_announced(line).unwrap();
        assert_eq!((a.count, &line[a.span.range()]), (3, "三点意见"));
        assert_eq!(parse_announced("下面，我谈两点体会：").unwrap().count, 2);
        assert!(parse_announced("讲几点意见。").is_none());
        assert!(parse_announced("会上提出三点意见，大家一致赞同。").is_none());
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
        // The numeral belongs to a name, an ordinal or an attribute, not to the run.
        for line in [
            "加强党史学习教育、党纪学习教育、深入落实中央八项规定精神学习教育",
            "举办国际田联挑战赛、铁人三项世界杯、马拉松公开赛",
            "整治殡葬、农村集体“三资”管理等领域问题",
            "石峁、陶寺等遗址入选“全国十大考古新发现”",
            "坂田、大运入选深圳十大人工智能集聚区",
            "龙岗、南山列入全市十大重点片区",
            "我向老领导、老同志表达四个方面的意思",
            "总长500公里、串联20个景区的三条黄河旅游公路",
            "制定党的第三个历史决议、第二大港口",
            "粮食产量、单产“五连增”",
            "学习宣传、贯彻落实二十大精神",
        ] {
            assert!(parse_listed(line, 0).is_empty(), "{line}");
        }
        // A `、` in brackets that qualify a word is the item's own.
        let listed = parse_listed("全区包揽项目拉练、招商引资、县（市、区）综合经济考核、政绩目标考核四项第一", 0);
        assert_eq!(listed.iter().map(|l| (l.count, l.items)).collect::<Vec<_>>(), [(4, 4)]);
        // The paragraph's own marker is not part of a list.
        assert!(parse_listed("二、健全三大推進機制", "二、".len()).is_empty());
    }
}
