//! The built-in lexicon of statistical indicators, their part-of relations, and the
//! Traditional → Simplified folding that lets both spellings name one indicator.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Folds the Traditional characters met in indicator statements to Simplified. Every pair
/// has the same UTF-8 length, so byte offsets in the folded text equal those in the original.
pub fn simplify(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| fold_char(c) == c) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().map(fold_char).collect())
    }
}

fn fold_char(c: char) -> char {
    const PAIRS: &[(char, char)] = &[
        ('區', '区'),
        ('產', '产'),
        ('總', '总'),
        ('業', '业'),
        ('資', '资'),
        ('額', '额'),
        ('會', '会'),
        ('費', '费'),
        ('術', '术'),
        ('點', '点'),
        ('稅', '税'),
        ('進', '进'),
        ('實', '实'),
        ('際', '际'),
        ('銷', '销'),
        ('務', '务'),
        ('經', '经'),
        ('規', '规'),
        ('強', '强'),
        ('發', '发'),
        ('設', '设'),
        ('專', '专'),
        ('數', '数'),
        ('計', '计'),
        ('營', '营'),
        ('億', '亿'),
        ('萬', '万'),
        ('個', '个'),
        ('項', '项'),
        ('確', '确'),
        ('爭', '争'),
        ('達', '达'),
        ('長', '长'),
        ('預', '预'),
        ('場', '场'),
        ('開', '开'),
        ('電', '电'),
        ('體', '体'),
        ('與', '与'),
        ('標', '标'),
        ('準', '准'),
        ('據', '据'),
        ('鏈', '链'),
        ('級', '级'),
        ('機', '机'),
        ('構', '构'),
        ('創', '创'),
        ('單', '单'),
        ('價', '价'),
        ('內', '内'),
        ('處', '处'),
        ('為', '为'),
        ('關', '关'),
        ('時', '时'),
        ('將', '将'),
        ('過', '过'),
        ('國', '国'),
        ('間', '间'),
        ('約', '约'),
        ('幣', '币'),
        ('貿', '贸'),
        ('財', '财'),
        ('從', '从'),
        ('勞', '劳'),
        ('動', '动'),
        ('輕', '轻'),
        ('戶', '户'),
        ('畝', '亩'),
        ('噸', '吨'),
        ('鎮', '镇'),
        ('記', '记'),
        ('屬', '属'),
        ('統', '统'),
        ('補', '补'),
        ('貸', '贷'),
        ('餘', '余'),
        ('壓', '压'),
        ('縮', '缩'),
        ('認', '认'),
        ('養', '养'),
        ('園', '园'),
        ('載', '载'),
        ('積', '积'),
        ('學', '学'),
        ('醫', '医'),
        ('藥', '药'),
        ('環', '环'),
        ('節', '节'),
        ('愛', '爱'),
        ('遠', '远'),
        ('幾', '几'),
        ('現', '现'),
        ('聯', '联'),
        ('網', '网'),
        ('絡', '络'),
        ('線', '线'),
        ('帶', '带'),
        ('應', '应'),
        ('賣', '卖'),
        ('買', '买'),
        ('報', '报'),
        ('這', '这'),
        ('來', '来'),
        ('對', '对'),
        ('並', '并'),
        ('還', '还'),
        ('讓', '让'),
        ('擴', '扩'),
        ('質', '质'),
        ('値', '值'),
    ];
    // Sorted for a binary search, behind a bitmap of the folded characters, so the common
    // case (a character with nothing to fold) is one bit test.
    type Table = (Vec<(char, char)>, Vec<u64>);
    static FOLD: LazyLock<Table> = LazyLock::new(|| {
        let mut pairs = PAIRS.to_vec();
        pairs.sort_unstable();
        let mut bits = vec![0u64; 1024];
        for &(t, _) in PAIRS {
            let i = t as usize & 0xFFFF;
            bits[i / 64] |= 1 << (i % 64);
        }
        (pairs, bits)
    });
    let (pairs, bits) = &*FOLD;
    let i = c as usize & 0xFFFF;
    if c.is_ascii() || bits[i / 64] & (1 << (i % 64)) == 0 {
        return c;
    }
    pairs.binary_search_by_key(&c, |p| p.0).map_or(c, |k| pairs[k].1)
}

/// A standard indicator: its name, other spellings, and whether its level is a percentage
/// (so a change of it is stated in 个百分点).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Indicator {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub percent_level: bool,
    /// The whole this indicator is a part of (地区生产总值 ⊇ 第二产业增加值 ⊇ 工业增加值 …).
    pub part_of: Option<&'static str>,
}

const fn ind(
    name: &'static str,
    aliases: &'static [&'static str],
    percent_level: bool,
    part_of: Option<&'static str>,
) -> Indicator {
    Indicator { name, aliases, percent_level, part_of }
}

pub static LEXICON: &[Indicator] = &[
    ind("地区生产总值", &["生产总值", "GDP"], false, None),
    ind("第一产业增加值", &[], false, Some("地区生产总值")),
    ind("第二产业增加值", &[], false, Some("地区生产总值")),
    ind("第三产业增加值", &["服务业增加值"], false, Some("地区生产总值")),
    ind("工业增加值", &[], false, Some("第二产业增加值")),
    ind("规上工业增加值", &["规模以上工业增加值"], false, Some("工业增加值")),
    ind("规上工业总产值", &["规模以上工业总产值"], false, Some("工业总产值")),
    ind("工业总产值", &[], false, None),
    ind("固定资产投资", &["固定资产投资额", "全社会固定资产投资"], false, None),
    ind("工业投资", &[], false, Some("固定资产投资")),
    ind("社会消费品零售总额", &["社消零总额"], false, None),
    ind("一般公共预算收入", &["地方一般公共预算收入", "公共财政预算收入"], false, None),
    ind("税收收入", &[], false, Some("一般公共预算收入")),
    ind("实际利用外资", &["实际使用外资"], false, None),
    ind("进出口总额", &["外贸进出口总额", "外贸进出口"], false, None),
    ind("出口总额", &["出口额"], false, Some("进出口总额")),
    ind("进口总额", &["进口额"], false, Some("进出口总额")),
    ind("外贸依存度", &[], true, None),
    ind("高新技术企业", &["高企"], false, None),
    ind("科技型中小企业", &[], false, None),
    ind("规上工业企业", &["规模以上工业企业"], false, None),
    ind("高新技术产业产值", &[], false, None),
    ind("高新技术产业增加值", &[], false, None),
    ind("研发经费投入强度", &["研发投入强度", "R&D经费投入强度", "全社会研发投入强度"], true, None),
    ind("研发经费投入", &["研发投入", "R&D经费投入"], false, None),
    ind("软件和信息服务业营收", &["软件和信息服务业营业收入"], false, None),
    ind("城镇登记失业率", &[], true, None),
    ind("城镇调查失业率", &[], true, None),
    ind("城镇居民人均可支配收入", &[], false, None),
    ind("农村居民人均可支配收入", &[], false, None),
    ind("单位工业增加值能耗", &["单位GDP能耗", "单位地区生产总值能耗"], false, None),
    ind("网上可办率", &["政务服务事项网上可办率"], true, None),
];

/// The lexicon entry named `name`.
pub fn lookup(name: &str) -> Option<&'static Indicator> {
    LEXICON.iter().find(|i| i.name == name)
}

/// An indicator a team adds in workplan.toml (`[[lexicon]]`): its name, other spellings,
/// and whether its level is a percentage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserIndicator {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub percent: bool,
}

/// A name found in text: `(start, end, canonical name, level is a percentage)`.
pub type NameMatch = (usize, usize, String, bool);

/// Every built-in spelling with its indicator, and one automaton that finds them all in a
/// single pass (this runs for every quantity of every paragraph).
static SPELLINGS: LazyLock<(Vec<&'static Indicator>, AhoCorasick)> = LazyLock::new(|| {
    let pairs: Vec<(&'static str, &'static Indicator)> = LEXICON
        .iter()
        .flat_map(|i| std::iter::once(i.name).chain(i.aliases.iter().copied()).map(move |sp| (sp, i)))
        .collect();
    let automaton = AhoCorasick::new(pairs.iter().map(|p| p.0)).expect("static patterns");
    (pairs.into_iter().map(|p| p.1).collect(), automaton)
});

/// The indicator (built-in or the team's) whose name or alias ends closest to the end of
/// `text`, the longest at that end. `text` must already be simplified.
pub fn last_in<'a>(text: &str, user: &'a [UserIndicator]) -> Option<NameMatch> {
    // Names are owned once, for the best match only: a prefix overlaps many spellings.
    let mut best: Option<(usize, usize, Cow<'a, str>, bool)> = None;
    let mut consider = |start: usize, end: usize, name: Cow<'a, str>, percent: bool| {
        if best.as_ref().is_none_or(|(bs, be, _, _)| end > *be || (end == *be && start < *bs)) {
            best = Some((start, end, name, percent));
        }
    };
    let (indicators, automaton) = &*SPELLINGS;
    for m in automaton.find_overlapping_iter(text) {
        let i = indicators[m.pattern().as_usize()];
        consider(m.start(), m.end(), Cow::Borrowed(i.name), i.percent_level);
    }
    for u in user {
        for spelling in std::iter::once(&u.name).chain(&u.aliases).map(|s| simplify(s)).filter(|s| !s.is_empty()) {
            if let Some(start) = text.rfind(&*spelling) {
                consider(start, start + spelling.len(), simplify(&u.name), u.percent);
            }
        }
    }
    best.map(|(start, end, name, percent)| (start, end, name.into_owned(), percent))
}

/// Names whose level is a ratio or rate, judged by their ending.
pub fn looks_like_percent_level(name: &str) -> bool {
    lookup(name).is_some_and(|i| i.percent_level)
        || ["率", "比重", "占比", "增速", "增幅", "依存度", "强度", "比例"].iter().any(|e| name.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_byte_offsets() {
        let t = "確保地區生產總值增長6%、力爭增長5%";
        let s = simplify(t);
        assert_eq!(s, "确保地区生产总值增长6%、力争增长5%");
        assert_eq!(s.len(), t.len());
    }

    #[test]
    fn the_closest_longest_name_wins() {
        let text = "地区生产总值增长，规上工业增加值";
        assert_eq!(last_in(text, &[]).map(|m| m.2), Some("规上工业增加值".to_string()));
        assert_eq!(last_in("工业投资增速确保达到", &[]).map(|m| m.2), Some("工业投资".to_string()));
        assert_eq!(last_in("固定资产投资额", &[]).map(|m| (m.0, m.2)), Some((0, "固定资产投资".to_string())));
        let user =
            [UserIndicator { name: "园区载体面积".into(), aliases: vec!["載體面積".into()], percent: false }];
        assert_eq!(last_in(&simplify("新建載體面積"), &user).map(|m| m.2), Some("园区载体面积".to_string()));
    }

    #[test]
    fn every_part_names_a_known_whole() {
        for i in LEXICON {
            if let Some(whole) = i.part_of {
                assert!(lookup(whole).is_some(), "{} is part of unknown {whole}", i.name);
            }
        }
    }
}
