//! The words a subject is read with: what frames it (time, area, tier words, connectors),
//! the counting verbs that open it, the linking words between it and its figure, and the
//! verbs of action that make a phrase a task. Each list is indexed by its words' end
//! characters, so that finding the longest word at either end of a text is a lookup.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use rustc_hash::FxHashMap;

/// Time words at the start of a subject (`2025年`, `到2022年`, `1—11月`, `“十四五”期间`).
static TIME_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        "^(?:(?:到|至|截至|截止到|截止|在)?(?:19|20)[0-9]{2}\\s*年(?:底|末|前|以来|度|初)?",
        "|[0-9]{1,2}\\s*[-—–~～－至到]\\s*[0-9]{1,2}\\s*月份?",
        "|(?:到|至|在)?“?十[一二三四五六七八九]五”?(?:时期末|期末|末|时期|期间|以来)?",
        "|[0-9一二三四五]+(?:\\s*[-—–~～－至到]\\s*[0-9一二三四五]+)?\\s*年(?:内|以内|来)",
        // `5年增长18.7%`, `五年提高4.5个百分点`: the years a change is over.
        "|[0-9一二三四五十]\\s*年间?",
        // A comparison with an earlier time opens a change of the subject before it.
        "|(?:比|较)(?:上年|去年|同期|(?:19|20)[0-9]{2}\\s*年|“?十[一二三四五六七八九]五”?(?:时期)?)(?:年初预算|预算|末|底)?(?:高|低|多|少)?)",
    ))
    .expect("static regex")
});

/// [`TIME_PREFIX`] at the start of `s`, tried only where its first character may start it.
pub(super) fn time_prefix(s: &str) -> Option<regex::Match<'_>> {
    let first = s.chars().next()?;
    let may = first.is_ascii_digit() || "到至截在“十比较一二三四五".contains(first);
    let m = may.then(|| TIME_PREFIX.find(s)).flatten()?;
    // A count of years (`5年`) frames only the change it is over, not a name (`3年行动`).
    let years = m.as_str().trim_end_matches('间').ends_with('年') && m.as_str().chars().count() <= 3;
    let change =
        ["增长", "提高", "提升", "增加", "下降", "降低", "新增", "累计"].iter().any(|v| s[m.end()..].starts_with(v));
    (!years || change).then_some(m)
}

/// Words that frame a subject without naming it, longest first where one starts another.
const FRAMING: &[&str] = &[
    // Tier words and sources.
    "据初步统计",
    "初步统计",
    "经初步核算",
    "初步核算",
    "确保",
    "力争",
    "争取",
    "努力",
    "预计",
    // Time.
    "今年以来",
    "今年",
    "全年",
    "去年",
    "上年",
    "年内",
    "当年",
    "本年",
    "同期",
    "目前",
    "当前",
    "如今",
    "现有",
    "五年来",
    "过去五年",
    "过去一年",
    "一年来",
    "每年",
    "五年",
    "累计",
    "共计",
    "总计",
    "合计",
    // The area governed.
    "全省",
    "全市",
    "全区",
    "全县",
    "全州",
    "全盟",
    "我省",
    "我市",
    "我区",
    "我县",
    "我国",
    "本市",
    "本区",
    "全域",
    "我们",
    "各级各类",
    "各级",
    "各类",
    "首批",
    "年度",
    "包括",
    "启动",
    "统筹",
    "滚动",
    // Connectors and adverbs.
    "其中",
    "但是",
    "但",
    "而",
    "同时",
    "此外",
    "另外",
    "并且",
    "以及",
    "进一步",
    "持续",
    "继续",
    "稳步",
    "有序",
    "扎实",
    "大力",
    "全面",
    "实现",
    "完成",
    "达到",
    "共",
    "并",
    "且",
    "和",
    "及",
    "与",
    "还",
    "也",
    "均",
    "都",
    "将",
    "要",
    "在",
    "使",
    "让",
    "再",
    "又",
    "已",
];

/// Verbs that count new things (`新增规上工业企业1494家`): the subject is what is counted.
/// Longest first where one ends another (`新认定` before `认定`).
const COUNT_VERBS: &[&str] = &[
    "新（改）建",
    "新(改)建",
    "新改建",
    "新建改建",
    "改建",
    "改扩建",
    "新增",
    "净增",
    "新认定",
    "认定",
    "新培育",
    "培育",
    "新引进",
    "引进",
    "新引育",
    "引育",
    "新培养",
    "培养",
    "新建成",
    "新建",
    "新开工",
    "开工",
    "新交付使用",
    "新交付",
    "交付",
    "新获批",
    "获批",
    "新入选",
    "入选",
    "重组入列",
    "入列",
    "新设立",
    "设立",
    "新升规",
    "升规",
    "新招引",
    "新开辟",
    "开辟",
    "招引",
    "新落户",
    "落户",
    "新投产",
    "投产",
    "新签约",
    "签约",
    "新创建",
    "创建",
    "新开通",
    "开通",
    "新登记",
    "建设筹集",
    "新筹集",
    "筹集",
    "新集聚",
    "集聚",
    "新获",
    "入库",
    "实施好",
    "实施",
    // `规范提升农村供水厂站500处`: stations brought up to standard, counted.
    "规范提升",
    "打造",
    "建设",
];

/// Verbs that state a stock reached (`建成5G基站超25万个`): what is counted, but as a level.
const STOCK_VERBS: &[&str] = &["建成投用", "建成", "投用", "形成", "拥有"];

/// Verbs of renovation: the table names the object with the verb after it
/// (`改造农村危房2.1万户` → `农村危房改造`).
const RENOVATIONS: &[&str] = &["新改造提升", "改造提升", "提升改造", "新改造", "改造"];

/// Verbs, bounds and particles between a subject and its figure, longest first where one
/// ends another (`同比增长` before `增长`).
const LINKING: &[&str] = &[
    "同比增长",
    "比上年增长",
    "比上年增加",
    "比上年",
    "较上年",
    "同比",
    "年均增长",
    "实际增长",
    "名义增长",
    "平均增长",
    "增长到",
    "增长至",
    "发展到",
    "发展至",
    "增长",
    // `今年经济增长目标确定为9.5%左右`: the target of what is named before.
    "预期目标确定为",
    "预期目标定为",
    "预期目标为",
    "预期目标是",
    "目标确定为",
    "目标定为",
    "目标为",
    "目标是",
    "增速为",
    "增速",
    "增幅为",
    "增幅",
    "涨幅",
    "上涨",
    "比增",
    "提高到",
    "提高至",
    "提高",
    "提升到",
    "提升至",
    "提升",
    "上升到",
    "上升至",
    "上升",
    "增加到",
    "增加至",
    "增加",
    "增至",
    "达到",
    "达",
    "为",
    "是",
    "突破",
    "超过",
    "超",
    "高于",
    "不低于",
    "不少于",
    "低于",
    "不高于",
    "不超过",
    "每立方米",
    "控制在",
    "保持在",
    "稳定在",
    "维持在",
    "下降到",
    "下降至",
    "降到",
    "下降",
    "降低到",
    "降低至",
    "降低",
    "减少到",
    "减少",
    "降至",
    "压减",
    "压降",
    "缩减",
    "缩小至",
    "缩小到",
    "缩小",
    "扩大到",
    "扩大至",
    "扩大",
    "跃升至",
    "升至",
    // Put into operation (`天府实验室揭牌运行5个`): what the things did, not their name.
    "揭牌运行",
    "挂牌运行",
    "建成运行",
    "投入运行",
    "投入使用",
    // Thresholds passed (`迈上6万亿元台阶`).
    "迈上",
    "跨上",
    "跨过",
    "跨越",
    "登上",
    "站上",
    "分别",
    "均",
    "继续",
    "持续",
    "将",
    "要",
    "力争",
    "争取",
    "努力",
    "确保",
    "预计",
    "累计",
    "约",
    "近",
    "逾",
    "在",
    "有",
    "实现",
    "完成",
    "年均",
    "平均",
    "首次",
    "基本",
    "平均为",
    "逆势",
    "只有",
    "评价入库",
    "入库",
    "拟按",
    "拟",
    "接近",
    "继续保持",
    "保持",
    "每年",
    "五年",
    "已经",
    "已",
    "再",
    "又",
    "都",
    "也",
    "总数",
    "数量",
];

/// Verbs of action: a phrase holding one is a task, not a name; what follows the last one
/// may still be the name (`深入实施工业技改项目` → `工业技改项目`).
const ACTIONS: &[&str] = &[
    // `主要预期目标是地区生产总值增长6%以上`: a lead-in to what the targets are of.
    "目标是",
    "目标为",
    "推动",
    "推进",
    "加快",
    "开展",
    "坚持",
    "深化",
    "着力",
    "围绕",
    "聚焦",
    "支持",
    "引导",
    "鼓励",
    "组织",
    "举办",
    "出台",
    "发布",
    "带动",
    "拉动",
    "吸引",
    "帮助",
    "助力",
    "打造",
    "实施",
    "落实",
    "加强",
    "提供",
    "惠及",
    "兑现",
    "发放",
    "安排",
    "下达",
    "拨付",
    "减免",
    "办理",
    "推广",
    "培训",
    "打掉",
    "侦破",
    "抓获",
    "受理",
    "收到",
    "查处",
    "排查",
    "检查",
    "选派",
    "遴选",
    "推出",
    "纳入",
    "强化",
    "发挥",
    "做好",
    "办好",
    "做优",
    "做强",
    "抓好",
    "抓实",
    "实施好",
    "落实好",
];

/// A list of words indexed by their first and last characters, longest first: finding the
/// longest word a text starts or ends with compares a few candidates, not the whole list
/// (this runs for every figure of every paragraph).
pub(super) struct Words {
    starting: FxHashMap<char, Vec<&'static str>>,
    ending: FxHashMap<char, Vec<&'static str>>,
}

impl Words {
    fn new(words: &[&'static str]) -> Words {
        let mut starting: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
        let mut ending: FxHashMap<char, Vec<&'static str>> = FxHashMap::default();
        for &w in words {
            if let (Some(first), Some(last)) = (w.chars().next(), w.chars().next_back()) {
                starting.entry(first).or_default().push(w);
                ending.entry(last).or_default().push(w);
            }
        }
        for list in starting.values_mut().chain(ending.values_mut()) {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        Words { starting, ending }
    }

    /// The longest word that `s` starts with.
    pub(super) fn prefix(&self, s: &str) -> Option<&'static str> {
        self.starting.get(&s.chars().next()?)?.iter().find(|w| s.starts_with(**w)).copied()
    }

    /// The longest word that `s` ends with.
    pub(super) fn suffix(&self, s: &str) -> Option<&'static str> {
        self.ending.get(&s.chars().next_back()?)?.iter().find(|w| s.ends_with(**w)).copied()
    }
}

pub(super) static FRAMING_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(FRAMING));
pub(super) static COUNT_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(COUNT_VERBS));
pub(super) static STOCK_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(STOCK_VERBS));
pub(super) static RENOVATION_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(RENOVATIONS));
pub(super) static LINKING_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(LINKING));
static ACTION_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| super::super::word_automaton(ACTIONS));

/// What this module builds on first use, for [`crate::analysis::prepare`].
pub(crate) static PREPARED: &[&dyn crate::syntax::Prepare] =
    &[&TIME_PREFIX, &FRAMING_WORDS, &COUNT_WORDS, &STOCK_WORDS, &RENOVATION_WORDS, &LINKING_WORDS, &ACTION_WORDS];

/// Where the last verb of action in `s` ends, if any.
pub(super) fn after_last_action(s: &str) -> Option<usize> {
    ACTION_WORDS.find_overlapping_iter(s).map(|m| m.end()).max()
}
