//! The name of what a figure measures, read from the words before it (`全省地区生产总值` in
//! `初步统计，2025年全省地区生产总值60199.45亿元`) or, for a count written before its noun,
//! after it (`新培育6个国家级中小企业特色产业集群`).
//!
//! A subject is the text of its clause up to the figure, less the words that frame it (time,
//! area, tier words, connectors, a count verb) in front and the verbs and bounds between it
//! and the figure (`增长`, `达到`, `控制在`). What is left must look like a noun phrase; its
//! spelling is then folded to one name per indicator ([`canonical`]).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use compact_str::CompactString;
use regex::Regex;

use super::super::find;
use super::super::indicators::{lookup_spelling, VARIANTS};
use super::super::quantities::{is_han, Dimension};

use super::vocabulary::{
    after_last_action, time_prefix, COUNT_WORDS, FRAMING_WORDS, LINKING_WORDS, RENOVATION_WORDS, STOCK_WORDS,
};

/// Strips one framing word or time phrase from the start of `s` (and the punctuation after
/// it); `s` itself if none.
pub fn strip_framing_prefix(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '：' | ':'));
    let unremarked = skip_remark(s);
    if unremarked.len() < s.len() {
        return unremarked;
    }
    if let Some(m) = time_prefix(s) {
        return s[m.end()..].trim_start_matches(['，', ',', '的']);
    }
    // `投资2000万元以上的技改项目3000个`: the figure before (and its qualifier) says which
    // things; the name is what follows its `的`.
    if let Some(rest) = ["以上的", "以下的", "左右的", "的"].iter().find_map(|q| s.strip_prefix(q)) {
        return rest;
    }
    // `在川两院院士`: the province the people are in, in its one-character name; things
    // invested there (`在鄂投资世界500强企业`) are named with it.
    if let Some(rest) = s.strip_prefix('在') {
        let mut chars = rest.chars();
        let province = chars.next().is_some_and(|c| PROVINCES.contains(c));
        let after = chars.as_str();
        // Not the first character of a city's or region's name (`在苏州`, `在湘西`).
        let place_name = after.starts_with(['州', '西', '南', '北', '东', '中']);
        if province && !place_name {
            return if after.starts_with("投资") { s } else { after };
        }
    }
    // `与共建“一带一路”国家进出口贸易额`: trade with partners, named with them.
    if s.starts_with("与共") || s.starts_with("共建") || s.starts_with("共享") || s.starts_with("共同") {
        return s;
    }
    FRAMING_WORDS.prefix(s).map_or(s, |w| &s[w.len()..])
}

/// The one-character names of the provinces (`川`, `鄂`).
/// Not those that open common words (`在新一轮`, `在京津冀`, `在青年`, `在云端`).
const PROVINCES: &str = "沪渝冀晋辽苏浙皖闽赣鲁豫鄂湘粤琼川蜀黔滇陕陇桂";

/// `s` after a remark in brackets on the figure before it (`1家(江阴唯一一家)、瞪羚企业9家`).
pub fn skip_remark(s: &str) -> &str {
    if !s.starts_with(['(', '（']) {
        return s;
    }
    s.char_indices().find(|(_, c)| matches!(c, ')' | '）')).map_or(s, |(i, c)| &s[i + c.len_utf8()..])
}

/// What a verb opening a subject says of the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counting {
    /// New things counted (`新增`, `引进`).
    pub new: bool,
    /// A stock reached (`形成`, `投用`).
    pub stock: bool,
    /// Built (`建成`): new things counted when the figure follows its noun directly
    /// (`建成县级“暖心驿站”113个`), a stock when a verb of reaching links them
    /// (`建成5G基站超过25万个`).
    pub built: bool,
    /// Work named after its object (`改造农村危房` → `农村危房改造`, `减排COD` → `COD减排量`).
    pub renovation: Option<&'static str>,
    /// Newly above the statistical threshold (`新升规工业企业1000户`): counted as `规上`.
    pub upgraded: bool,
    /// Built new (`新建`): with a renovation (`新建改造地下管网`, `新建和改造高标准农田`)
    /// the things are counted whether built or renovated, named by themselves.
    pub construction: bool,
    /// The stage projects are counted at (`新签约`, `新开工`, `投产`), as written: part of
    /// their name, since projects signed, started and finished are different counts.
    pub stage: Option<&'static str>,
}

/// The counting verb opening `s`, if any, and the rest; what it says is noted in `counting`.
pub fn strip_count_verb<'s>(s: &'s str, counting: &mut Counting) -> Option<&'s str> {
    // `减排COD972吨、氨氮115吨`: amounts of each substance no longer emitted.
    if let Some(rest) = s.strip_prefix("减排") {
        counting.renovation = Some("减排量");
        return Some(rest);
    }
    if let Some(verb) = RENOVATION_WORDS.prefix(s) {
        counting.new = true;
        if !counting.construction {
            counting.renovation = Some(verb.trim_start_matches('新'));
        }
        return Some(&s[verb.len()..]);
    }
    if let Some(verb) = COUNT_WORDS.prefix(s) {
        counting.new = true;
        counting.construction |= matches!(verb, "新建" | "新建成");
        counting.upgraded |= matches!(verb, "新升规" | "升规");
        if ["签约", "开工", "投产"].iter().any(|stage| verb.ends_with(stage)) {
            counting.stage = Some(verb);
        }
        return Some(&s[verb.len()..]);
    }
    let verb = STOCK_WORDS.prefix(s)?;
    if verb == "建成" {
        counting.built = true;
    } else {
        counting.stock = true;
    }
    Some(&s[verb.len()..])
}

fn strip_linking_suffix(s: &str) -> &str {
    // Whole words only where one ends another: `平均为` before `为`.
    LINKING_WORDS.suffix(s).map_or(s, |w| &s[..s.len() - w.len()])
}

/// What the words before a figure say: the subject (its place in the segment and its
/// name), the counting verb that introduced it, and the linking words between it and the
/// figure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// Byte range of the subject within the segment, and its canonical name.
    pub name: Option<(usize, usize, CompactString)>,
    pub counting: Counting,
    /// Where the linking words start (the end of the subject, or of the framing words).
    pub linking_start: usize,
    /// Nothing but framing and linking words: the figure continues the subject before it,
    /// or names its noun after it.
    pub bare: bool,
    /// The words end with `由` / `从` (`占全国比重由2020年的`): the figure is the level a
    /// change starts from.
    pub base: bool,
    /// The words between the framing and the linking ones, plausible as a name or not.
    pub core: (usize, usize),
}

/// `2025年的` at the end of the words before a figure: the time the figure is of.
static OF_A_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("(?:(?:19|20)[0-9]{2}\\s*年(?:底|末)?|如今|目前)的\\s*$").expect("static regex"));

/// `由2020年的`, `从`: the start of `由A提升至B`; `在现有`: of `在现有7家的基础上实现倍增`.
static BASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:(?:由|从)(?:(?:19|20)[0-9]{2}\\s*年(?:底|末)?|“?十[一二三四五六七八九]五”?(?:时期)?末|如今|目前|现在|现有|当前)?|在(?:如今|目前|现有|当前))的?\\s*$")
        .expect("static regex")
});

/// Strips framing words (and counting verbs, noted) from the start of `s`.
fn strip_framing(s: &str, counting: &mut Counting) -> usize {
    let mut rest = s;
    loop {
        let stripped = strip_framing_prefix(rest);
        let stripped = strip_count_verb(stripped, counting).unwrap_or(stripped);
        if stripped.len() == rest.len() {
            return s.len() - rest.len();
        }
        rest = stripped;
    }
}

/// Strips linking words (and a count verb written after the subject: `进出川大通道新增`)
/// from the end of `s[start..end]`; the new end.
/// `core` without a count of years at its end (`高新技术企业5年`), if it has one after a name.
fn years_suffix(core: &str) -> Option<&str> {
    let rest = core.strip_suffix('间').unwrap_or(core).strip_suffix('年')?;
    let rest = rest.strip_suffix(|c: char| c.is_ascii_digit() || "一二三四五十".contains(c))?;
    rest.ends_with(is_han).then_some(rest)
}

/// `core` without a place the things were put in at its end (`在川布局`, `在汉落地`).
fn placed_suffix(core: &str) -> Option<&str> {
    before_a_place(["布局", "落地"].iter().find_map(|v| core.strip_suffix(v))?)
}

/// People who settle somewhere are counted by their settling, not by the place
/// (`农业转移人口在城镇落户` → `农业转移人口落户`).
fn settled(name: &str) -> Option<String> {
    before_a_place(name.strip_suffix("落户")?).map(|before| format!("{before}落户"))
}

/// The name before a short place written with `在` at the end of `s` (`…在川`, `…在城镇`).
fn before_a_place(s: &str) -> Option<&str> {
    let (before, place) = s.rsplit_once('在')?;
    (place.chars().count() <= 3 && plausible(before)).then_some(before)
}

fn strip_linking(s: &str, start: usize, mut end: usize, counting: &mut Counting) -> usize {
    loop {
        let core = s[start..end].trim_end();
        let mut trimmed = strip_linking_suffix(core);
        if trimmed.len() == core.len() {
            // A verb after the subject (`进出川大通道新增`), not the whole segment.
            let after_subject = |v: &&str| core.len() > v.len();
            if let Some(verb) = COUNT_WORDS.suffix(core).filter(after_subject) {
                counting.new = true;
                trimmed = &core[..core.len() - verb.len()];
            } else if let Some(verb) = STOCK_WORDS.suffix(core).filter(after_subject) {
                counting.stock = true;
                trimmed = &core[..core.len() - verb.len()];
            } else if let Some(status) = STATUS.iter().find(|w| core.len() > w.len() && core.ends_with(**w)) {
                // `重点改革任务扎实推进36项`: what the things did.
                trimmed = &core[..core.len() - status.len()];
            } else if let Some(placed) = placed_suffix(core) {
                // `全国重点实验室在川布局`: where the things were placed.
                trimmed = placed;
            } else if let Some(years) = years_suffix(core) {
                // `高新技术企业5年增加`: the years the change is over.
                trimmed = years;
            }
        }
        if trimmed.len() == end - start {
            return end;
        }
        end = start + trimmed.len();
    }
}

/// Where a comparison with an earlier time starts in `s` (`比上年`, `较“十二五”末`,
/// `比2020年`), if it does.
fn comparison_base(s: &str) -> Option<usize> {
    s.match_indices(['比', '较']).map(|(i, _)| i).find(|&i| {
        let rest = &s[i + '比'.len_utf8()..];
        rest.starts_with(['上', '去', '同', '“', '十']) || rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Reads a segment: the text from the start of a clause (or the end of the previous
/// figure) to a figure. Where an amount sizing the things named ends at `threshold_end`
/// within it (`引进投资超10亿元重大项目`, `投资2000万元以上的技改项目`), the name is what
/// follows that amount.
pub fn read(segment: &str, threshold_end: Option<usize>) -> Reading {
    let mut counting = Counting::default();
    let mut start = strip_framing(segment, &mut counting);
    // `减排COD972吨、氨氮`: an item after a figure the reader could not take.
    if let Some(i) =
        segment[start..].rfind('、').filter(|&i| segment[start..start + i].contains(|c: char| c.is_ascii_digit()))
    {
        start += i + '、'.len_utf8();
    }
    if let Some(end) = threshold_end.filter(|&end| end > start && end <= segment.len()) {
        start = end;
        start += strip_framing(&segment[start..], &mut counting);
    }
    let mut end = segment.len();
    let base = segment[start..].contains(['由', '从', '在']).then(|| BASE.find(&segment[start..])).flatten().map(|m| {
        end = start + m.start();
    });
    // `增长到2025年的4.93万亿元`: the year of the figure, not part of a name.
    if let Some(m) = OF_A_TIME.find(&segment[start..end]) {
        end = start + m.start();
    }
    // `用外资比“十三五”时期增长`: the comparison's base is not part of the name.
    if let Some(at) = comparison_base(&segment[start..end]) {
        end = start + at;
    }
    end = strip_linking(segment, start, end, &mut counting);
    let mut name_start = start;
    // A task's verb before the name: the name is what follows the last one.
    if let Some(cut) = after_last_action(&segment[start..end]).map(|i| start + i) {
        name_start = cut;
        name_start += strip_framing(&segment[name_start..end], &mut counting);
    }
    let core = &segment[name_start..end];
    // `占全市的67%`: a share written with `的`; `财政民生支出突破万亿元、占比稳定在`: the share
    // of what the clause before names, less what it says of it.
    // `入选企业数占全市50%`: a share of the whole area's, written without `的` or `比重`.
    let of_the_area = |c: &str| {
        c.rsplit_once('占')
            .is_some_and(|(owner, area)| !owner.is_empty() && ["全国", "全省", "全市", "全区", "全县"].contains(&area))
    };
    let share = core
        .strip_suffix('的')
        .filter(|c| c.contains('占'))
        .or(Some(core).filter(|c| of_the_area(c)))
        .map(|c| format!("{c}比重"))
        .or_else(|| {
            let (owner, share) = core.rsplit_once('、').filter(|(_, share)| is_bare_share(share))?;
            let owner =
                ["突破", "超过", "达到"].iter().filter_map(|v| owner.find(v)).min().map_or(owner, |i| &owner[..i]);
            plausible(owner).then(|| format!("{owner}{share}"))
        });
    let written_core = match counting.upgraded {
        // `新升规工业企业`: enterprises newly above the threshold.
        true if core.starts_with("工业") || core.starts_with("服务业") => Some(format!("规上{core}")),
        _ => None,
    };
    let core = written_core.as_deref().unwrap_or(core);
    let stage = counting.stage.filter(|_| core.ends_with("项目") || core.ends_with("工程"));
    let (written, rewritten) = match (counting.renovation, share, stage) {
        (_, Some(share), _) => (share, true),
        (_, None, Some(stage)) => (format!("{stage}{core}"), true),
        (Some(verb), None, None) => (format!("{core}{verb}"), true),
        (None, None, None) => (core.to_string(), false),
    };
    // A share written with `的`; `减排COD`: a Latin name is plausible with the work done to it.
    let named = if rewritten { written.as_str() } else { core };
    let name = (plausible(named) && !core.is_empty()).then(|| (name_start, end, canonical(&written)));
    // A general noun names an indicator only when counted new (`新增企业2000家`, not
    // `检查企业322家`); a verb alone (`筹措890亿元实施…`, `双双突破`) names nothing.
    let name =
        name.filter(|(_, _, n)| (counting.new || !GENERIC.contains(&n.as_str())) && !BARE_VERBS.contains(&n.as_str()));
    let bare = segment[start..end].trim().is_empty();
    Reading { name, counting, linking_start: end, bare, base: base.is_some(), core: (name_start, end) }
}

/// Words that place a rank (`居全国第5位`, `位列中部第1位`): not the ranked indicator.
const RANK_WORDS: &[&str] = &[
    "位居",
    "位列",
    "稳居",
    "跃居",
    "居于",
    "排在",
    "上升到",
    "上升至",
    "提升到",
    "提升至",
    "均跃升至",
    "跃升至",
    "升至",
    "进至",
    "保持",
    "居",
    "列",
    "排",
];
const RANK_AREAS: &[&str] = &[
    "全国同类",
    "全国",
    "全球",
    "世界",
    "内地",
    "中西部",
    "全省",
    "全市",
    "中部",
    "西部",
    "东部",
    "北方",
    "南方",
    "同类",
    "前列",
];

/// Reads the words before a rank (`第5位`): an explicit `…排名` is the name; otherwise the
/// rank is of the subject before it (bare).
pub fn read_rank(segment: &str) -> Reading {
    let trimmed = segment.trim_end();
    if let Some(i) = trimmed.rfind("排名") {
        let end = i + "排名".len();
        // Time words and `在` go; the area stays (`全国高新区综合排名`).
        let mut start = 0;
        loop {
            let rest = segment[start..end].trim_start_matches(['在', '、', ' ', '并', '且', '，']);
            let rest = rest.strip_prefix("我们").unwrap_or(rest);
            let rest = time_prefix(rest).map_or(rest, |m| &rest[m.end()..]);
            if rest.len() == end - start {
                break;
            }
            start = end - rest.len();
        }
        // `知识创造和技术创新能力在169个国家高新区中排名`: ranked among a set, named before it.
        let core = match segment[start..end].find('在').filter(|&i| i > 0) {
            Some(i) => format!("{}排名", &segment[start..start + i]),
            None => segment[start..end].to_string(),
        };
        if plausible(&core) {
            return Reading { name: Some((start, end, canonical(&core))), linking_start: end, ..Reading::default() };
        }
    }
    let start = strip_framing(segment, &mut Counting::default());
    let mut end = trimmed.len().max(start);
    loop {
        let core = &segment[start..end];
        let stripped = RANK_WORDS
            .iter()
            .chain(RANK_AREAS)
            .chain(["在", "继续", "持续", "均", "、", "，"].iter())
            .find_map(|w| core.strip_suffix(w))
            .unwrap_or(core);
        if stripped.len() == core.len() {
            break;
        }
        end = start + stripped.len();
    }
    let core = segment[start..end].trim();
    // `进出口总额突破万亿元、增速居全国第5位`: what is ranked follows the last verb.
    let core = ["突破", "超过", "达到", "增长"]
        .iter()
        .filter_map(|v| core.rfind(v).map(|i| &core[i + v.len()..]))
        .min_by_key(|c| c.len())
        // `突破万亿元、增速…`, `整车出口突破百万辆、居…`: the amount passed is no name.
        .map_or(core, |c| c.trim_start_matches(|c: char| "万亿千百十元辆吨台个家、，".contains(c)));
    let bare = core.is_empty() || is_aspect(core) || BARE_VERBS.contains(&core);
    // `高铁通车里程进至全国第5位`: the rank of what is named before it.
    let name = (!bare && plausible(core)).then(|| (start, end, canonical(&format!("{core}排名"))));
    // `规模升至全国第7位`: the aspect ranked stays in the name the reader gives it.
    let at = core.as_ptr() as usize - segment.as_ptr() as usize;
    let aspect = if is_aspect(core) { (at, at + core.len()) } else { (0, 0) };
    Reading { name, bare, linking_start: end, core: aspect, ..Reading::default() }
}

/// Where `分别` or `均` shares one verb among listed subjects, and which; `均` as a word of
/// its own (not `人均`, `年均`, `平均`, `均衡`).
pub fn distributor(head: &str) -> Option<(usize, &'static str)> {
    let respectively = head.find("分别").map(|i| (i, "分别"));
    let each = head
        .match_indices('均')
        .map(|(i, _)| i)
        .find(|&i| !head[..i].ends_with(['人', '年', '平']) && !head[i + '均'.len_utf8()..].starts_with(['衡', '匀']));
    [respectively, each.map(|i| (i, "均"))].into_iter().flatten().min()
}

/// The area a share is of, for a name that says only that (`占全国比重` → 全国,
/// `北方地区占比` → 北方地区): the owner is what the sentence is about.
pub fn share_of_an_area(name: &str) -> Option<&str> {
    if let Some(rest) = name.strip_prefix('占') {
        return rest.strip_suffix("比重").or(rest.strip_suffix("比例")).filter(|a| !a.is_empty());
    }
    let area = name.strip_suffix("占比")?;
    let areas = ["全国", "全省", "全市", "全区", "地区", "中部", "西部", "东部", "北方", "南方", "全球"];
    areas.iter().any(|a| area.starts_with(a) || area.ends_with(a)).then_some(area)
}

/// The built-in indicator a clause opens with, after its framing words
/// (`经济总量连续跨过3个万亿元大关` → 地区生产总值).
pub fn leading_indicator(clause: &str) -> Option<CompactString> {
    leading_indicator_and_rest(clause).map(|(name, _)| name)
}

/// The built-in indicator a clause opens with, and the words after its spelling.
fn leading_indicator_and_rest(clause: &str) -> Option<(CompactString, &str)> {
    let start = strip_framing(clause, &mut Counting::default());
    let text = &clause[start..];
    // The longest spelling first: a name is at most ten characters.
    let ends: Vec<usize> = text.char_indices().map(|(i, c)| i + c.len_utf8()).take(10).collect();
    ends.iter().rev().find_map(|&end| lookup_spelling(&text[..end]).map(|i| (i.name.into(), &text[end..])))
}

/// Verbs of an indicator passing a mark, said without a figure (`跨过两个万亿元大关`).
const PASSES: [&str; 8] = ["跨过", "跨越", "跨上", "迈过", "迈上", "站上", "登上", "连续跨过"];

/// Where, in the words of a clause before its first figure, a second predicate of the clause's
/// subject starts (`经济总量跨过两个万亿元大关、超过`): the clause opens with a built-in
/// indicator and a predicate with no figure (`verbs`, or one of [`PASSES`]), and joins, with
/// `、` or `并`, nothing but the words that link the indicator to the figure. Returns where the
/// joiner starts and where the second predicate does.
pub fn second_predicate(before_figure: &str, verbs: &[&str]) -> Option<(usize, usize)> {
    // Two searches for one character each are faster than one for either.
    let at = before_figure.rfind('、').max(before_figure.rfind('并'))?;
    let after = at + '、'.len_utf8(); // both joiners are three bytes long
    let (first, second) = (&before_figure[..at], &before_figure[after..]);
    // Cheapest first: most clauses with a `、` before their first figure are lists.
    if LINKING_WORDS.prefix(second).is_none_or(|w| w.len() != second.len())
        || first.contains(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let (_, predicate) = leading_indicator_and_rest(first)?;
    PASSES.iter().chain(verbs).any(|verb| predicate.starts_with(verb)).then_some((at, after))
}

/// `总量`, `增速`: an aspect of the indicator the sentence is about, not an indicator.
pub fn is_aspect(name: &str) -> bool {
    matches!(name, "总量" | "增速" | "增幅" | "规模" | "总规模" | "金额" | "总额" | "数量" | "总数")
}

/// The name of the rank of one aspect of an indicator (`工业增加值` + `规模` →
/// `工业增加值规模排名`, as `地区生产总值总量排名`); the rank of the indicator itself
/// without one, or with one that only restates it (`技术合同成交额…金额居全国第3位`).
pub fn rank_of(indicator: &str, aspect: &str) -> CompactString {
    let aspect = match aspect {
        "总规模" => "规模",
        "总数" => "数量",
        "金额" | "总额" => "",
        a if is_aspect(a) => a,
        _ => "",
    };
    compact_str::format_compact!("{indicator}{aspect}排名")
}

/// A measure of an industry's output that names no industry (`增加值`, `产量`).
pub fn is_output(name: &str) -> bool {
    matches!(name, "增加值" | "总产值" | "产值" | "产量" | "营业收入" | "营收")
}

/// Whether a clause without figures is about the output of products (`高新技术产品产量大幅增长`).
pub fn is_products_output(clause: &str) -> bool {
    clause.contains("产品产量")
}

/// Whether a name can be a product whose output is counted: not a known indicator, not
/// already a measure (`增加值`, `出口`, `…率`), not an organisation or a place.
pub fn is_product(name: &str) -> bool {
    const NOT_PRODUCTS: &[&str] =
        &["企业", "项目", "平台", "园区", "中心", "基地", "集群", "机构", "单位", "工厂", "人才", "人员", "人口"];
    lookup_spelling(name).is_none()
        && !HEADS.iter().any(|h| name.ends_with(h))
        && !NOT_PRODUCTS.iter().any(|w| name.ends_with(w))
        && !is_aspect(name)
        && !name.ends_with(['率', '额', '量', '值', '数'])
}

/// The industry a clause opens with, after its framing words and a verb of action
/// (`推动新能源汽车产业提质扩量` → `新能源汽车产业`, `服务业支撑作用更加明显` → `服务业`).
pub fn leading_industry(clause: &str) -> Option<&str> {
    let start = strip_framing(clause, &mut Counting::default());
    let mut text = &clause[start..];
    if let Some(verb) = ACTION_PREFIX.iter().find(|v| text.starts_with(**v)) {
        text = &text[verb.len()..];
    }
    // Within a name's reach: an industry is named in its first twelve characters.
    let reach = text.char_indices().nth(12).map_or(text.len(), |(i, _)| i);
    // Every industry word ends in `业`: most clauses have none, and are not searched for each.
    if !text[..reach].contains('业') {
        return None;
    }
    let end = ["服务业", "制造业", "产业", "工业", "农业"]
        .iter()
        .filter_map(|w| find(&text[..reach], w).map(|i| i + w.len()))
        .min()?;
    let industry = &text[..end];
    (industry.chars().all(is_han) && plausible(industry)).then_some(industry)
}

/// Verbs of action an industry may follow at a clause's start.
const ACTION_PREFIX: &[&str] =
    &["推动", "推进", "加快", "发展", "壮大", "做强", "做大", "培育", "提升", "实施", "开展"];

/// Firms named by their role alone (`领军企业`, `骨干龙头企业`): of the industry the sentence
/// is about (`实施生产性服务业扩容强基行动，培育120家左右领军企业` → `生产性服务业领军企业`).
pub fn of_industry(industry: &str, name: &CompactString) -> CompactString {
    const ROLES: &[&str] = &["领军企业", "龙头企业", "骨干龙头企业", "骨干企业", "特色企业", "链主企业", "标杆企业"];
    if ROLES.contains(&name.as_str()) {
        let industry = industry.strip_suffix("产业").filter(|i| i.chars().count() >= 2).unwrap_or(industry);
        canonical(&format!("{industry}{name}"))
    } else {
        name.clone()
    }
}

/// The name of an industry's output measure: `新能源汽车产业` + `产量` → `新能源汽车产量`.
pub fn output_of(industry: &str, measure: &str) -> CompactString {
    let industry = match measure {
        "产量" => industry.strip_suffix("产业").unwrap_or(industry),
        _ => industry,
    };
    canonical(&format!("{industry}{measure}"))
}

/// A network's length reached is its mileage: `高速公路由7473公里增至9310公里` states
/// `高速公路里程` (as `高铁里程`); new kilometres built (`新改建农村公路3500公里`) keep the name.
pub fn network_length(name: &CompactString, level: bool, dimension: Option<Dimension>) -> CompactString {
    // Not waterways: `四级及以上航道突破2000公里` names the class of waterway, not a mileage.
    const NETWORKS: &[&str] = &["高速公路", "公路", "铁路", "高铁", "高速铁路", "城际铁路", "轨道交通"];
    let network = NETWORKS.iter().any(|n| name.ends_with(n));
    if network && level && dimension == Some(Dimension::Length) {
        compact_str::format_compact!("{name}里程")
    } else {
        name.clone()
    }
}

/// What a coverage is measured in: `长期护理保险覆盖5634万人` states the people covered,
/// `优质公办幼儿园覆盖95%` the rate.
pub fn coverage(name: CompactString, people: bool, percent: bool) -> CompactString {
    match (name.ends_with("覆盖"), people, percent) {
        (true, true, _) => compact_str::format_compact!("{name}人数"),
        (true, _, true) => compact_str::format_compact!("{name}率"),
        _ => name,
    }
}

/// `占比`, `比重` alone: a share of the indicator the sentence is about.
pub fn is_bare_share(name: &str) -> bool {
    matches!(name, "占比" | "比重")
}

/// A count of new things or of work done by its very name (`城镇新增就业`, `造林`,
/// `农村危房改造`).
pub fn is_activity(name: &str) -> bool {
    name.contains("新增")
        || name.starts_with("新设")
        || ["治理", "修复", "造林", "营造林", "整治"].iter().any(|w| name.starts_with(w))
        || ["改造", "改造提升"].iter().any(|w| name.ends_with(w))
}

/// Projects counted at a stage (`实施3000个技改项目`, `完成重点项目300个`): new ones, as
/// with a count verb; a list only pushed forward (`推进2000个重点项目`) is not.
pub fn projects_at_a_stage(words_before: &str, name: &str) -> bool {
    const STAGES: &[&str] = &["实施", "完成", "签约", "开工", "竣工", "投产", "建设"];
    (name.ends_with("项目") || name.ends_with("工程")) && STAGES.iter().any(|v| words_before.contains(v))
}

/// A measure of the things counted before it (`810个省重点项目完成投资`).
pub fn is_measure(name: &str) -> bool {
    matches!(name, "投资" | "总投资" | "产值" | "营收" | "营业收入" | "收入" | "利润" | "产量" | "销售额" | "税收")
}

/// Heads that subjects listed before `分别` share (`城镇居民、农村居民人均可支配收入`),
/// longest first where one ends another.
const HEADS: &[&str] = &[
    "人均可支配收入",
    "可支配收入",
    "限上零售额",
    "零售额",
    "增加值",
    "总产值",
    "产值",
    "营业总收入",
    "营业收入",
    "营收",
    "利润总额",
    "利润",
    "收入",
    "投资",
    "产量",
    "排放量",
    "进出口",
    "出口",
    "进口",
    "余额",
    "人数",
    "面积",
    "里程",
    "成交额",
    "总额",
    "用电量",
    "发电量",
    "装机容量",
    "占比",
    "比重",
    "覆盖率",
    "参保率",
    "建成率",
    "达标率",
    "普及率",
    "利用率",
    "增速",
];

/// The subjects listed before `分别` or `均`: `A、B、C` (or `A和B`), completed with the
/// head the last one carries (`城镇居民、农村居民人均可支配收入` → `城镇居民人均可支配收入`,
/// `农村居民人均可支配收入`); `城乡…` names two, urban and rural. Ranges within `text`.
pub fn listed_subjects(text: &str, figures: usize, respectively: bool) -> Option<Vec<(usize, usize, CompactString)>> {
    let mut counting = Counting::default();
    let start = strip_framing(text, &mut counting);
    // `较“十二五”末分别增长`: the comparison is not a subject.
    let end = comparison_base(&text[start..]).map_or(text.len(), |i| start + i);
    // Linking words before `分别` (`继续`), unless they are the last subject (`总量和增速`).
    let stripped = strip_linking(text, start, end, &mut counting);
    let end = if text[start..stripped].ends_with(['和', '与', '及', '、']) { end } else { stripped };
    let list = &text[start..end];
    if let Some(rest) = list.strip_prefix("城乡").filter(|_| respectively && figures == 2) {
        let names = ["城镇", "农村"].map(|area| (start, end, canonical(&format!("{area}{rest}"))));
        return Some(names.into());
    }
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut item_start = 0;
    let mut depth = 0i32;
    for (i, c) in list.char_indices() {
        match c {
            '“' | '（' | '(' => depth += 1,
            '”' | '）' | ')' => depth -= 1,
            '、' if depth == 0 => {
                items.push((item_start, i));
                item_start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push((item_start, list.len()));
    if items.len() == 1 {
        // `总量和增速`, `A和B` (two figures): joined by a conjunction instead.
        let joined = ["和", "与", "及"].iter().find_map(|w| list.find(w).map(|i| (i, w.len())));
        let (i, len) = joined?;
        let pair = [(0, i), (i + len, list.len())];
        let aspects = pair.iter().all(|&(a, b)| is_aspect(&list[a..b]));
        // `城镇居民人均可支配收入和农民人均纯收入均增长10%左右`: two indicators of the lexicon.
        let known = pair.iter().all(|&(a, b)| lookup_spelling(&canonical(&list[a..b])).is_some());
        if !(aspects || known || respectively && figures == 2) {
            return None;
        }
        items = pair.into();
    }
    // `食品、石化、医药、信息等产业增加值`: what follows `等` is every item's head.
    let (last_start, last_end) = *items.last()?;
    let grouped = list[last_start..last_end].find('等').filter(|&i| i > 0).and_then(|i| {
        let head = &list[last_start + i + '等'.len_utf8()..last_end];
        plausible(head).then(|| (last_start + i, head.to_string()))
    });
    let last = &list[last_start..];
    let head = grouped.as_ref().map(|(_, head)| head.clone()).or_else(|| {
        HEADS.iter().find(|h| last.ends_with(*h) && last.len() > h.len()).map(|h| {
            // `对非洲、拉美市场出口`: the market is part of what every area is traded on.
            let market = last[..last.len() - h.len()].ends_with("市场") && last.len() > h.len() + "市场".len();
            if market {
                format!("市场{h}")
            } else {
                h.to_string()
            }
        })
    });
    // `对东盟、欧盟进出口`: the first item's `对` is every item's.
    let partner = if list.starts_with('对') { "对" } else { "" };
    let first_start = items[0].0;
    let qualifier = match items.get(1) {
        Some(&(a, b)) => {
            let next = &list[a..b];
            let next = head.as_deref().and_then(|h| next.strip_suffix(h)).unwrap_or(next);
            leading_qualifier(list[items[0].0..items[0].1].trim(), next.trim())
        }
        None => None,
    };
    let mut out: Vec<(usize, usize, CompactString)> = Vec::new();
    for &(a, b) in &items {
        // The last item less the head after its `等`.
        let item_end = grouped.as_ref().filter(|_| a == last_start).map_or(b, |(end, _)| *end);
        let item = list[a..item_end].trim();
        let shared = if item.starts_with(partner) { "" } else { partner };
        // `非化石能源发电量、用电量占比`: the first item's qualifier is every item's.
        let qualifier = match (a == first_start, qualifier) {
            (false, Some(q)) if !item.starts_with(q) => q,
            _ => "",
        };
        let completed = match &head {
            // `学前教育毛入园率、高中毛入学率`: a rate is named whole; any measure has a share.
            Some(h)
                if (!HEADS.iter().any(|other| item.ends_with(other)) || is_bare_share(h))
                    && !item.ends_with(h.as_str())
                    && !is_aspect(item)
                    && !item.ends_with('率') =>
            {
                format!("{shared}{qualifier}{item}{h}")
            }
            _ => format!("{shared}{qualifier}{item}"),
        };
        if !(plausible(&completed) || is_aspect(item)) {
            return None;
        }
        let name = canonical(&completed);
        let name = match out.first() {
            Some((_, _, first)) if !out[1..].iter().any(|(_, _, n)| has_own_level(n)) => {
                with_list_qualifier(first, &name)
            }
            _ => name,
        };
        out.push((start + a, start + b, name));
    }
    Some(out)
}

/// `name` with what qualifies the whole list that `first` opens: the administrative level
/// (`国家级数字领航企业18家、工业互联网平台46家`), the industry of parks and clusters
/// (`国家现代农业产业园2个、产业集群1个`) or the work done, where `name` says none of its own. The caller
/// stops carrying once an item says one (`新建省级卓越工程师学院7个、省级市域产教联合体5个、
/// 行业产教融合共同体8个`: the writer names each item's level).
pub fn with_list_qualifier(first: &str, name: &CompactString) -> CompactString {
    const LEVELS: &[&str] = &["国家级", "省级以上", "省级", "市级"];
    if let Some(i) = first.find("产业").filter(|&i| i > 0 && name.starts_with("产业")) {
        return canonical(&format!("{}{name}", &first[..i]));
    }
    // `治理废弃矿山16.4万亩、小流域面积401万亩`: the work done to every item.
    if let Some(work) = ["治理", "修复", "整治"].iter().find(|w| first.starts_with(**w)) {
        return if is_activity(name) { name.clone() } else { canonical(&format!("{work}{name}")) };
    }
    match LEVELS.iter().find(|l| first.starts_with(**l)) {
        Some(level) if !has_own_level(name) => canonical(&format!("{level}{name}")),
        _ => name.clone(),
    }
}

/// The subject of the first listed item, where the next item is a measure alone
/// (`非化石能源发电量、用电量` → `非化石能源`): every item measures it.
fn leading_qualifier<'s>(first: &'s str, next: &str) -> Option<&'s str> {
    if !HEADS.contains(&next) {
        return None;
    }
    let measure = HEADS.iter().find(|h| first.ends_with(**h))?;
    let subject = &first[..first.len() - measure.len()];
    plausible(subject).then_some(subject)
}

/// Whether a name says which government's list or area it is of (`省级`, `国家`, `自治区级`).
pub fn has_own_level(name: &str) -> bool {
    const OWN: &[&str] = &["国家", "全国", "省", "市", "县", "区", "自治区", "世界", "全球", "中国"];
    OWN.iter().any(|o| name.starts_with(o))
}

/// A noun phrase written right after a count (`6个国家级中小企业特色产业集群，`): up to the
/// first punctuation or verb. Returns where it starts and ends, in bytes.
pub fn noun_after(text: &str) -> Option<(usize, usize)> {
    // `2.5万套（间）城市危旧房`: the unit's alternative comes first.
    let skip = ['（', '('].iter().find_map(|open| {
        let rest = text.strip_prefix(*open)?;
        let close = rest.find(['）', ')'])?;
        (rest[..close].chars().count() <= 3)
            .then(|| open.len_utf8() + close + rest[close..].chars().next().map_or(0, char::len_utf8))
    });
    if let Some(skip) = skip {
        return noun_after(&text[skip..]).map(|(start, end)| (skip + start, skip + end));
    }
    const STOPS: &[&str] = &[
        "揭牌运行",
        "挂牌运行",
        "建成运行",
        "投入运行",
        "投入使用",
        "增加",
        "增长",
        "实现",
        "完成",
        "达到",
        "入选",
        "上榜",
        "亮相",
        "跻身",
        "入列",
        "进入",
        "位列",
        "获批",
        "落地",
        "全部",
        "全面",
        "均",
        "分别",
        "累计",
        "总投资",
        "受益",
        "惠及",
        "带动",
        "通过",
        "集中",
        // Adverbs before the verb that ends the noun (`41个超亿元产业项目正式落地`).
        "正式",
        "有序",
        "顺利",
        "相继",
        "陆续",
        "先后",
    ];
    // A qualifier ends the noun, but not inside it (`省级以上零碳园区`).
    const QUALIFIERS: &[&str] = &["以上", "左右", "以下", "以内"];
    let qualifier =
        |rest: &str| QUALIFIERS.iter().any(|q| rest.strip_prefix(q).is_some_and(|after| !after.starts_with(is_han)));
    // `1—2个行业领先、全国闻名的特色产业集群`: what is counted is the noun after the
    // attributes' last `的`; before an action done to them (`17个空壳村的撤并`), the noun
    // before it.
    // Looked for within a noun's reach, so a long line costs no more than a short one.
    let reach = text.char_indices().nth(48).map_or(text.len(), |(i, _)| i);
    let phrase = &text[..text[..reach].find(['，', '。', '；', '：', ',', ';', ':']).unwrap_or(reach)];
    if let Some(i) = STATUS_WORDS.find(phrase).map(|m| m.start()) {
        return noun_after(&text[..i]);
    }
    if let Some(de) = phrase.rfind('的').filter(|&de| !STOPS.iter().any(|s| phrase[..de].contains(s))) {
        let after = de + '的'.len_utf8();
        const DONE_TO: &[&str] = &["撤并", "改造", "建设", "治理", "整治", "搬迁", "关停", "提升", "升级"];
        if DONE_TO.iter().any(|w| phrase[after..].starts_with(w)) {
            let noun = &phrase[..de];
            return (plausible(noun) && !GENERIC.contains(&noun)).then_some((0, de));
        }
        return noun_after(&text[after..]).map(|(start, end)| (after + start, after + end));
    }
    let mut end = 0;
    let mut previous_han = false;
    for (n, (i, c)) in text.char_indices().enumerate() {
        // Longer than any name (see `plausible`): no need to read on.
        if n > 24 {
            return None;
        }
        // Spaces stand where pinyin debris was blanked (`社區(qū)治理`).
        let blank = c == ' ' && text[i..].trim_start().starts_with(is_han);
        if !(is_han(c) || blank || c.is_ascii_alphanumeric() || matches!(c, '“' | '”' | '（' | '）' | '(' | ')'))
        {
            break;
        }
        // `3个万亿级优势产业和5个…`: the next count begins; `5G基站` is a name. Without a
        // conjunction (`203个地表水国考断面水质优良率达100%`) the words are the next
        // figure's subject, not a noun counted.
        let token = |rest: &str| {
            let run = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
            rest[..run].contains(|c: char| c.is_ascii_alphabetic())
        };
        if c.is_ascii_digit() && previous_han && !token(&text[i..]) {
            let before = text[..end].trim_end_matches(['和', '及', '与']);
            if before.len() == end {
                return None;
            }
            end = before.len();
            break;
        }
        previous_han = is_han(c);
        if STOPS.iter().any(|s| text[i..].starts_with(s)) || qualifier(&text[i..]) {
            break;
        }
        end = i + c.len_utf8();
    }
    // `全国重点实验室在川布局`: where the things were placed is not their name.
    let end = placed_suffix(&text[..end]).map_or(end, str::len);
    let noun = text[..end].replace(' ', "");
    if let Some(list) = admitted_to(&noun, &text[end..]) {
        return Some(list);
    }
    (end > 0 && plausible(&noun) && !GENERIC.contains(&noun.as_str())).then_some((0, end))
}

/// `11家企业入选国家重点产业链链主企业`, `2家中试平台跻身首批国家级制造业中试平台`: things
/// counted by the list they were admitted to, where the noun before says no more than
/// that list does. The list's place within `rest` (the text after the noun), in bytes of
/// the text the noun starts.
fn admitted_to(noun: &str, rest: &str) -> Option<(usize, usize)> {
    let verb = ["入选", "跻身", "入列"].into_iter().find(|v| rest.starts_with(v))?;
    let after = &rest[verb.len()..];
    let batch = ["首批", "第一批", "第二批", "第三批"].iter().find_map(|b| after.strip_prefix(b)).unwrap_or(after);
    let (start, end) = noun_after(batch)?;
    // `入选国家级零碳园区建设名单`: the list is named by what is on it.
    let list = &batch[start..end];
    let list = ["建设名单", "名单", "名录", "行列"].iter().find_map(|w| list.strip_suffix(w)).unwrap_or(list);
    let offset = noun.len() + (rest.len() - batch.len()) + start;
    (GENERIC.contains(&noun) || list.ends_with(noun)).then_some((offset, offset + list.len()))
}

/// What the things counted did, written after them (`9个国家区域医疗中心开诊运营`,
/// `42个试点加快推进`): not part of their name.
const STATUS: &[&str] = &[
    "重组入列",
    "开诊运营",
    "投入运营",
    "加快推进",
    "有序推进",
    "扎实推进",
    "建成通车",
    "建成投运",
    "建成投产",
    "提前建成",
    "上线",
];

/// The length of what the things counted did, if `text` opens with it.
pub fn status_len(text: &str) -> usize {
    STATUS.iter().find(|s| text.starts_with(**s)).map_or(0, |s| s.len())
}

/// Whether a count of `noun` is no indicator: the parts of a policy (`20条措施`,
/// `6项专项附加扣除`), the tasks of a list (`20项重点民生实事`, `4个码头整治任务`) and the
/// cases reported (`3个典型案例`) are the size of a document or the work done; a role or an effect of
/// the things counted (`发挥3个消费试点作用`, `提升39个县域帮扶质效`) is the object of a
/// task, not a count of things.
pub fn counts_no_indicator(noun: &str) -> bool {
    const WORK: &[&str] =
        &["措施", "举措", "政策", "意见", "条款", "办法", "扣除", "实事", "案例", "作用", "质效", "效能"];
    // Tasks of reform, pilots or clean-up are work done; houses of a 保交房 task are not.
    const TASKS: &[&str] = &["改革任务", "试验任务", "试点任务", "整治任务"];
    WORK.iter().chain(TASKS).any(|w| noun.ends_with(w)) || chains_worked_on(noun)
}

/// `19条标志性产业链`, `164条县域重点产业链强链补链延链`: the industrial chains a programme
/// works on are its list, not things the area has more of; firms or projects of a chain
/// (`国家重点产业链链主企业`) are counted as such.
fn chains_worked_on(noun: &str) -> bool {
    const ENTITIES: &[&str] = &["企业", "项目", "基地", "平台", "中心", "园区", "专家"];
    noun.find("产业链").is_some_and(|i| !ENTITIES.iter().any(|e| noun[i..].contains(e)))
}

/// Whether `text` opens with a noun too general to name an indicator (`20条措施`).
pub fn starts_with_generic_noun(text: &str) -> bool {
    GENERIC.iter().any(|g| text.starts_with(g))
}

/// Verbs and adverbs that a segment may hold alone before a figure: they name nothing.
const BARE_VERBS: &[&str] =
    &["投入", "确定", "筹措", "筹集", "选择", "双双", "吸引", "兑现", "拨付", "下达", "安排", "争取"];

/// Nouns too general to name an indicator on their own (`检查企业322家` counts inspections).
const GENERIC: &[&str] = &[
    "企业",
    "项目",
    "社区",
    "问题",
    "方面",
    "投资",
    "人员",
    "单位",
    "工作",
    "任务",
    "措施",
    "政策",
    "活动",
    "领域",
    "省份",
    "国家",
    "法律",
    "地级",
    "里程",
    "预期",
    "总投资",
    "举措",
];

/// Words of law enforcement, party discipline, cadres and relief: their counts
/// (`侦破涉黑恶案件47个`, `关停企业23家`, `安置农户44户`) are the work of those bodies or
/// the people a programme reached, not indicators of the area's development.
static NOT_INDICATOR_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    super::super::word_automaton([
        "案件",
        "涉黑",
        "涉恶",
        "嫌疑",
        "党纪",
        "立案",
        "信访",
        "线索",
        "党组织",
        "班子",
        "干部",
        "关停企业",
        "安置农户",
        "妥善安置",
        "转移安置",
    ])
});

/// [`STATUS`] in one automaton: where the first of them begins is its leftmost-first match's
/// start, found in one pass over the phrase instead of one substring search per word.
static STATUS_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    super::super::word_automaton_builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(STATUS)
        .expect("static patterns")
});

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] = &[&OF_A_TIME, &BASE, &NOT_INDICATOR_WORDS, &STATUS_WORDS];

/// Whether `s` can be the name of an indicator: two to twenty-four characters, Chinese,
/// with no digits of its own (`5G`, `PM2.5` are names; `102项重大工程的285个` is not), not
/// a task and not ending on a particle.
pub fn plausible(s: &str) -> bool {
    let s = s.trim();
    let (Some(first), Some(last)) = (s.chars().next(), s.chars().next_back()) else { return false };
    const BAD_END: &str = "的了和及与等个之是为到至将过、上着得让使把被给向对从由于在超近约逾级";
    const BAD_START: &str = "的了、”）)（(对以把向按因等";
    // `对东盟进出口`: trade with an area is named by its partner.
    let trade = first == '对' && ["出口", "进口", "贸易额"].iter().any(|w| s.ends_with(w));
    if BAD_END.contains(last) || BAD_START.contains(first) && !trade {
        return false;
    }
    // `占全国` names only the whole a share is of; `预期性指标` counts indicators.
    if s.ends_with("指标") || (s.starts_with('占') && !s.ends_with(['重', '例'])) {
        return false;
    }
    // One pass over the characters: their number, a Chinese one among them, quotes that
    // pair, no clause punctuation, digits only inside a Latin token (`5G`, `PM2.5`).
    let (mut n, mut han, mut quotes, mut maybe_excluded) = (0, false, 0i32, false);
    let (mut token_digit, mut token_letter) = (false, false);
    for (i, c) in s.char_indices() {
        n += 1;
        han |= is_han(c);
        match c {
            '“' => quotes += 1,
            '”' => quotes -= 1,
            '，' | '。' | '；' | '：' | ',' | ';' | ':' => return false,
            '案' | '涉' | '嫌' | '党' | '立' | '信' | '线' | '班' | '干' | '关' | '安' | '妥' | '转' => {
                maybe_excluded = true
            }
            _ => {}
        }
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            token_digit |= c.is_ascii_digit();
            token_letter |= c.is_ascii_alphabetic();
        } else {
            // `世界500强企业`: a ranking list's name; `1000千伏输电线路`: a line's voltage.
            let spec = c == '强' || s[i..].starts_with("千伏") || c == '伏';
            if token_digit && !token_letter && !spec {
                return false;
            }
            (token_digit, token_letter) = (false, false);
        }
    }
    let stray_digit = token_digit && !token_letter;
    (2..=24).contains(&n) && han && quotes == 0 && !stray_digit && !(maybe_excluded && NOT_INDICATOR_WORDS.is_match(s))
}

/// The one name of an indicator for its spellings: white space dropped, `规模以上` as
/// `规上`, a trailing `数` of a count dropped, then the variants table (`服务业增加值` →
/// `第三产业增加值`) and the lexicon's aliases.
pub fn canonical(s: &str) -> CompactString {
    // `、` joins the modifiers of one head (`燃气、排水、供水管网改造`); `累计` says how it
    // was counted, not what.
    let mut depth = 0i32;
    let mut name = CompactString::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        // `_` is debris of a subscript (`PM_2.5`); `、` in brackets stays (`县（市、区）`).
        if !(c.is_whitespace() || c == '_' || c == '、' && depth == 0) {
            name.push(c);
        }
    }
    // Substring searches cost more than a character test: each rewrite is tried only where
    // its first character is.
    if let Some(people) = settled(&name) {
        name = people.into();
    }
    // `失业人员实现再就业`: the verb says nothing of what is counted; nor does `完成` before
    // an indicator (`服务业完成增加值`, `工业企业完成工业总产值`), though `完成投资` is
    // investment spent, not planned.
    for verb in ["实现", "完成"] {
        let first = verb.chars().next().unwrap_or_default();
        let at =
            name.contains(first).then(|| name.find(verb)).flatten().filter(|&i| i > 0).map(|i| (i, i + verb.len()));
        let measure = |rest: &str| verb == "实现" || is_output(rest) || lookup_spelling(rest).is_some();
        if let Some((i, end)) = at.filter(|&(_, end)| name.len() > end && measure(&name[end..])) {
            name = compact_str::format_compact!("{}{}", &name[..i], &name[end..]);
        }
    }
    for (from, to) in [("累计", ""), ("年产量", "产量"), ("GDP", "地区生产总值")] {
        if from.chars().next().is_some_and(|c| name.contains(c)) && name.contains(from) {
            name = name.replace(from, to).into();
        }
    }
    // Examples before `等` or a quoted term name the members, not the whole
    // (`康复大学等高校`, `电动汽车、锂电池“新三样”出口`), unless the whole is only
    // `industries`, which the examples say which (`钢铁、石化等产业先进产能占比`).
    let listing = |i: &usize| {
        // Not `高等`, `同等`, `等级`.
        let before = name[..*i].chars().next_back();
        let whole = &name[*i + '等'.len_utf8()..];
        !matches!(before, Some('高' | '同' | '平' | '中' | '初' | '对' | '均' | '相') | None)
            && !whole.starts_with(['级', '于', '同'])
            && !whole.starts_with("产业")
            && !whole.starts_with("行业")
            && plausible(whole)
    };
    if let Some(i) = name.rfind('等').filter(listing) {
        name = name[i + '等'.len_utf8()..].into();
    }
    if let Some(i) = name.find('“').filter(|&i| i > 0 && s.contains('、') && plausible(&name[i..])) {
        name = name[i..].into();
    }
    // The zone's own name before its figure (`厦门火炬高新区营业收入`).
    let zone = || ["高新区", "开发区", "新区", "园区", "示范区"].iter().find_map(|z| name.find(z).map(|i| i + z.len()));
    if let Some(i) = name.contains('区').then(zone).flatten() {
        let whole_country = ["全国", "国家", "全省", "省级", "国家级"].iter().any(|w| name.starts_with(w));
        // What the zone's name hid from the framing before it goes too (`高新区预计…`).
        let mut rest = &name[i..];
        while let Some(shorter) = Some(strip_framing_prefix(rest)).filter(|r| r.len() < rest.len()) {
            rest = shorter;
        }
        if !whole_country && name[..i].chars().count() <= 10 && plausible(rest) {
            name = rest.into();
        }
    }
    if name.contains('规') {
        for (from, to) in [("规模以上", "规上"), ("规模工业", "规上工业"), ("规模服务业", "规上服务业")]
        {
            if name.contains(from) {
                name = name.replace(from, to).into();
            }
        }
    }
    for suffix in ["总数", "数量", "数"] {
        if name.len() > suffix.len() + 3 && name.ends_with(suffix) && name.ends_with(&format!("企业{suffix}")) {
            name.truncate(name.len() - suffix.len());
        }
    }
    // `改造农村危房` is counted as `农村危房改造`.
    if let Some(object) = name.strip_prefix("改造").filter(|o| o.chars().count() >= 2) {
        name = compact_str::format_compact!("{object}改造");
    }
    if let Some((_, to)) = VARIANTS.iter().find(|(from, _)| *from == name) {
        return (*to).into();
    }
    if let Some(indicator) = lookup_spelling(&name) {
        return indicator.name.into();
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(segment: &str) -> Option<String> {
        read(segment, None).name.map(|(_, _, n)| n.to_string())
    }

    #[test]
    fn framing_and_linking_words_are_not_the_name() {
        assert_eq!(name("初步统计，2025年全省地区生产总值").as_deref(), Some("地区生产总值"));
        assert_eq!(name("实现地区生产总值").as_deref(), Some("地区生产总值"));
        assert_eq!(name("城镇调查失业率控制在").as_deref(), Some("城镇调查失业率"));
        assert_eq!(name("技术合同成交额突破").as_deref(), Some("技术合同成交额"));
        assert_eq!(name("、达到"), None);
        assert_eq!(name("地方一般公共预算收入").as_deref(), Some("一般公共预算收入"));
        assert_eq!(name("规模以上工业增加值同比增长").as_deref(), Some("规上工业增加值"));
        assert_eq!(name("服务业增加值增长").as_deref(), Some("第三产业增加值"));
        assert_eq!(name("各类市场主体达到").as_deref(), Some("市场主体"));
        assert_eq!(name("高新技术企业数年均增长").as_deref(), Some("高新技术企业"));
    }

    #[test]
    fn count_verbs_open_what_is_counted() {
        let r = read("新增规上工业企业", None);
        assert!(r.counting.new);
        assert_eq!(r.name.map(|n| n.2.to_string()).as_deref(), Some("规上工业企业"));
        assert_eq!(name("改造农村危房").as_deref(), Some("农村危房改造"));
        assert_eq!(name("累计实施工业技改项目").as_deref(), Some("工业技改项目"));
    }

    #[test]
    fn names_that_contain_another_stay_themselves() {
        assert_eq!(name("工业固定资产投资增长").as_deref(), Some("工业固定资产投资"));
        assert_eq!(name("民间固定资产投资增长").as_deref(), Some("民间固定资产投资"));
        assert_eq!(name("规上工业单位增加值能耗下降").as_deref(), Some("规上工业单位增加值能耗"));
    }

    #[test]
    fn nouns_after_a_count() {
        let t = "国家级中小企业特色产业集群，";
        assert_eq!(noun_after(t).map(|(s, e)| &t[s..e]), Some("国家级中小企业特色产业集群"));
        let t = "新投产项目增加产值";
        assert_eq!(noun_after(t).map(|(s, e)| &t[s..e]), Some("新投产项目"));
        let t = "（间）城市危旧房，";
        assert_eq!(noun_after(t).map(|(s, e)| &t[s..e]), Some("城市危旧房"));
        assert_eq!(noun_after("以上，"), None);
        let noun = |t: &'static str| noun_after(t).map(|(s, e)| &t[s..e]);
        // A qualifier inside the noun, attributes before `的`, an action done to the noun.
        assert_eq!(noun("省级以上零碳园区，"), Some("省级以上零碳园区"));
        assert_eq!(noun("行业领先、全国闻名的特色产业集群。"), Some("特色产业集群"));
        assert_eq!(noun("空壳村的撤并，"), Some("空壳村"));
        // The next count of a list ends the noun; a figure without a conjunction is the
        // noun's own (`地表水国考断面水质优良率达100%`): no noun counted.
        assert_eq!(noun("万亿级优势产业和5个国家先进制造业集群"), Some("万亿级优势产业"));
        assert_eq!(noun("地表水国考断面水质优良率达100%"), None);
        assert_eq!(noun("5G基站，"), Some("5G基站"));
        assert_eq!(noun("国家级5G工厂。"), Some("国家级5G工厂"));
    }

    #[test]
    fn implausible_names() {
        for s in ["纳入国家102项重大工程的285个计划新开工项目", "北方第一个过", "的", "“小巨人"]
        {
            assert!(!plausible(s), "{s}");
        }
        for s in ["5G基站", "PM2.5平均浓度", "“新三样”出口", "国家级专精特新“小巨人”企业"]
        {
            assert!(plausible(s), "{s}");
        }
    }
}
