//! The built-in lexicon of statistical indicators, their part-of relations, and the
//! Traditional → Simplified folding that lets both spellings name one indicator.

use std::borrow::Cow;
use std::sync::LazyLock;

/// Folds the Traditional characters met in indicator statements to Simplified. Every pair
/// has the same UTF-8 length, so byte offsets in the folded text equal those in the original.
pub fn simplify(s: &str) -> Cow<'_, str> {
    let Some(mut at) = next_folded(s, 0) else {
        return Cow::Borrowed(s);
    };
    // The text between folded characters is copied in runs, not character by character.
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    while let Some(c) = s[at..].chars().next() {
        out.push_str(&s[copied..at]);
        out.push(fold_char(c));
        copied = at + c.len_utf8();
        match next_folded(s, copied) {
            Some(next) => at = next,
            None => break,
        }
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

/// Where the first character of `s[from..]` that [`fold_char`] changes starts, found on the
/// bytes without decoding: every folded character is three bytes long in UTF-8, as is its
/// Simplified form (checked where [`FOLDED`] is built), and of such a character the first
/// two bytes pick its word of [`FOLDED`] and the third its bit. Decoding each character to
/// test it cost several times as much.
fn next_folded(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    while i < b.len() {
        let lead = b[i];
        if lead & 0xF0 == 0xE0 {
            // `s` is UTF-8: a three-byte lead byte has its two continuation bytes.
            let word = FOLDED[(usize::from(lead & 0x0F) << 6) | usize::from(b[i + 1] & 0x3F)];
            if (word >> (b[i + 2] & 0x3F)) & 1 != 0 {
                return Some(i);
            }
            i += 3;
        } else {
            i += match lead {
                ..=0x7F => 1,
                0x80..=0xDF => 2,
                _ => 4,
            };
        }
    }
    None
}

/// Traditional characters and their Simplified forms.
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
    ('濟', '济'),
    ('態', '态'),
    ('穩', '稳'),
    ('黨', '党'),
    ('堅', '坚'),
    ('導', '导'),
    ('領', '领'),
    ('議', '议'),
    ('優', '优'),
    ('審', '审'),
    ('臺', '台'),
    ('轉', '转'),
    ('劃', '划'),
    ('續', '续'),
    ('層', '层'),
    ('調', '调'),
    ('門', '门'),
    ('評', '评'),
    ('戰', '战'),
    ('權', '权'),
    ('風', '风'),
    ('兩', '两'),
    ('辦', '办'),
    ('題', '题'),
    ('協', '协'),
    ('陰', '阴'),
    ('屆', '届'),
    ('決', '决'),
    ('員', '员'),
    ('習', '习'),
    ('運', '运'),
    ('綜', '综'),
    ('組', '组'),
    ('結', '结'),
    ('織', '织'),
    ('類', '类'),
    ('選', '选'),
    ('勢', '势'),
    ('責', '责'),
    ('問', '问'),
    ('貫', '贯'),
    ('徹', '彻'),
    ('緊', '紧'),
    ('圍', '围'),
    ('極', '极'),
    ('嚴', '严'),
    ('識', '识'),
    ('庫', '库'),
    ('險', '险'),
    ('陽', '阳'),
    ('顯', '显'),
    ('獲', '获'),
    ('斷', '断'),
    ('興', '兴'),
    ('監', '监'),
    ('東', '东'),
    ('義', '义'),
    ('華', '华'),
    ('觀', '观'),
    ('農', '农'),
    ('軍', '军'),
    ('況', '况'),
    ('啟', '启'),
    ('舉', '举'),
    ('驗', '验'),
    ('顧', '顾'),
    ('張', '张'),
    ('鄧', '邓'),
    ('輝', '辉'),
    ('諧', '谐'),
    ('書', '书'),
    ('較', '较'),
    ('龍', '龙'),
    ('頭', '头'),
    ('眾', '众'),
    ('獨', '独'),
    ('獸', '兽'),
    ('隊', '队'),
    ('繼', '继'),
    ('聞', '闻'),
    ('號', '号'),
    ('執', '执'),
    ('連', '连'),
    ('縣', '县'),
    ('雙', '双'),
    ('傳', '传'),
    ('績', '绩'),
    ('奮', '奋'),
    ('軟', '软'),
    ('職', '职'),
    ('揮', '挥'),
    ('當', '当'),
    ('鍵', '键'),
    ('驅', '驱'),
    ('換', '换'),
    ('簽', '签'),
    ('勵', '励'),
    ('鋼', '钢'),
    ('無', '无'),
    ('雛', '雏'),
    ('鷹', '鹰'),
    ('檢', '检'),
    ('護', '护'),
    ('獎', '奖'),
    ('掛', '挂'),
    ('參', '参'),
    ('備', '备'),
    ('訊', '讯'),
    ('團', '团'),
    ('潛', '潜'),
    ('撐', '撑'),
    ('徑', '径'),
    ('講', '讲'),
    ('繞', '绕'),
    ('減', '减'),
    ('礎', '础'),
    ('鞏', '巩'),
    ('邊', '边'),
    ('難', '难'),
    ('舊', '旧'),
    ('氣', '气'),
    ('訓', '训'),
    ('駐', '驻'),
    ('惡', '恶'),
    ('紀', '纪'),
    ('負', '负'),
    ('細', '细'),
    ('試', '试'),
    ('鉤', '钩'),
    ('漲', '涨'),
    ('攝', '摄'),
    ('陳', '陈'),
    ('榮', '荣'),
    ('階', '阶'),
    ('擁', '拥'),
    ('編', '编'),
    ('復', '复'),
    ('擔', '担'),
    ('滿', '满'),
    ('衛', '卫'),
    ('錫', '锡'),
    ('賽', '赛'),
    ('離', '离'),
    ('條', '条'),
    ('亂', '乱'),
    ('紅', '红'),
    ('尋', '寻'),
    ('視', '视'),
    ('測', '测'),
    ('給', '给'),
    ('貢', '贡'),
    ('獻', '献'),
    ('寶', '宝'),
    ('綿', '绵'),
    ('廳', '厅'),
    ('鄉', '乡'),
    ('圖', '图'),
    ('錦', '锦'),
    ('話', '话'),
    ('請', '请'),
    ('見', '见'),
    ('們', '们'),
    ('適', '适'),
    ('誼', '谊'),
    ('順', '顺'),
    ('沖', '冲'),
    ('匯', '汇'),
    ('響', '响'),
    ('剛', '刚'),
    ('閉', '闭'),
    ('曬', '晒'),
    ('綠', '绿'),
    ('廢', '废'),
    ('雜', '杂'),
    ('頂', '顶'),
    ('圓', '圆'),
    ('勁', '劲'),
    ('廣', '广'),
    ('爾', '尔'),
    ('裝', '装'),
    ('蘇', '苏'),
    ('橫', '横'),
    ('壽', '寿'),
    ('碼', '码'),
    ('遷', '迁'),
    ('廠', '厂'),
    ('訪', '访'),
    ('慶', '庆'),
    ('踐', '践'),
    ('輪', '轮'),
    ('崗', '岗'),
    ('蹤', '踪'),
    ('盡', '尽'),
    ('維', '维'),
    ('殼', '壳'),
    ('種', '种'),
    ('輻', '辐'),
    ('韓', '韩'),
    ('擬', '拟'),
    ('懲', '惩'),
    ('側', '侧'),
    ('桿', '杆'),
    ('糧', '粮'),
    ('熱', '热'),
    ('鄭', '郑'),
    ('恆', '恒'),
    ('說', '说'),
    ('轄', '辖'),
    ('昇', '升'),
    ('釋', '释'),
    ('憂', '忧'),
    ('漸', '渐'),
    ('別', '别'),
    ('閩', '闽'),
    ('濤', '涛'),
    ('歷', '历'),
    ('謀', '谋'),
    ('峽', '峡'),
    ('純', '纯'),
    ('馬', '马'),
    ('堯', '尧'),
    ('潔', '洁'),
    ('訴', '诉'),
    ('陸', '陆'),
    ('豐', '丰'),
    ('樣', '样'),
    ('讀', '读'),
    ('臨', '临'),
    ('諾', '诺'),
    ('簡', '简'),
    ('稱', '称'),
    ('盤', '盘'),
    ('頁', '页'),
    ('錄', '录'),
    ('詞', '词'),
    ('狀', '状'),
    ('亞', '亚'),
    ('儲', '储'),
    ('鋰', '锂'),
    ('語', '语'),
    ('萊', '莱'),
    ('勝', '胜'),
    ('許', '许'),
    ('證', '证'),
    ('誠', '诚'),
    ('譽', '誉'),
    ('違', '违'),
    ('償', '偿'),
    ('掃', '扫'),
    ('偵', '侦'),
    ('僑', '侨'),
    ('濃', '浓'),
    ('縱', '纵'),
    ('墻', '墙'),
    ('厲', '厉'),
    ('擊', '击'),
    ('債', '债'),
    ('觸', '触'),
    ('隱', '隐'),
    ('檔', '档'),
    ('兒', '儿'),
    ('診', '诊'),
    ('樓', '楼'),
    ('濱', '滨'),
    ('灣', '湾'),
    ('蕭', '萧'),
    ('壇', '坛'),
    ('貼', '贴'),
    ('論', '论'),
    ('輿', '舆'),
    ('鋒', '锋'),
    ('師', '师'),
    ('暢', '畅'),
    ('肅', '肃'),
    ('籠', '笼'),
    ('敗', '败'),
    ('擺', '摆'),
    ('車', '车'),
    ('鮮', '鲜'),
    ('橋', '桥'),
    ('揚', '扬'),
    ('樂', '乐'),
    ('變', '变'),
    ('異', '异'),
    ('脫', '脱'),
    ('穎', '颖'),
    ('齊', '齐'),
    ('藝', '艺'),
    ('樹', '树'),
    ('歸', '归'),
    ('競', '竞'),
    ('詢', '询'),
    ('鑒', '鉴'),
    ('錯', '错'),
    ('輔', '辅'),
    ('邁', '迈'),
    ('軌', '轨'),
    ('陣', '阵'),
    ('靈', '灵'),
    ('籌', '筹'),
    ('傾', '倾'),
    ('則', '则'),
    ('蓋', '盖'),
    ('緩', '缓'),
    ('縫', '缝'),
    ('銜', '衔'),
    ('牽', '牵'),
    ('兌', '兑'),
    ('於', '于'),
    ('後', '后'),
    ('係', '系'),
    ('製', '制'),
    ('裡', '里'),
    ('麼', '么'),
    ('衝', '冲'),
];

/// A bitmap of the folded characters (by code point), built when compiling, so that the
/// common case (a character with nothing to fold) is one bit test.
const FOLDED: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut k = 0;
    while k < PAIRS.len() {
        let (from, to) = (PAIRS[k].0 as usize, PAIRS[k].1 as usize);
        // What `next_folded` relies on: both three bytes long in UTF-8, and different.
        assert!(from >= 0x800 && from <= 0xFFFF && to >= 0x800 && to <= 0xFFFF && from != to);
        bits[from / 64] |= 1 << (from % 64);
        k += 1;
    }
    bits
};

fn fold_char(c: char) -> char {
    // Behind the bitmap, the pairs sorted for a binary search.
    static SORTED: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
        let mut pairs = PAIRS.to_vec();
        pairs.sort_unstable();
        pairs
    });
    let i = c as usize & 0xFFFF;
    if c.is_ascii() || FOLDED[i / 64] & (1 << (i % 64)) == 0 {
        return c;
    }
    SORTED.binary_search_by_key(&c, |p| p.0).map_or(c, |k| SORTED[k].1)
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
    /// The indicator is a part of its whole only where the text breaks the whole down
    /// (`一般公共预算收入30亿元，其中税收收入25亿元`): named alone, 税收收入 is often every
    /// tax collected in the area (全口径), central and provincial shares included, and so
    /// more than the area's own budget revenue.
    pub part_only_in_breakdown: bool,
}

const fn ind(
    name: &'static str,
    aliases: &'static [&'static str],
    percent_level: bool,
    part_of: Option<&'static str>,
) -> Indicator {
    Indicator { name, aliases, percent_level, part_of, part_only_in_breakdown: false }
}

pub static LEXICON: &[Indicator] = &[
    ind("地区生产总值", &["生产总值", "GDP", "经济总量"], false, None),
    ind("国内生产总值", &[], false, None),
    ind("人均地区生产总值", &["人均生产总值", "人均GDP"], false, None),
    ind("第一产业增加值", &[], false, Some("地区生产总值")),
    ind("第二产业增加值", &[], false, Some("地区生产总值")),
    ind("第三产业增加值", &["服务业增加值"], false, Some("地区生产总值")),
    ind("工业增加值", &[], false, Some("第二产业增加值")),
    ind("规上工业增加值", &["规模以上工业增加值", "规模工业增加值"], false, Some("工业增加值")),
    ind("规上工业总产值", &["规模以上工业总产值"], false, Some("工业总产值")),
    ind("工业总产值", &[], false, None),
    ind("固定资产投资", &["固定资产投资额", "全社会固定资产投资"], false, None),
    ind("工业投资", &[], false, Some("固定资产投资")),
    ind("社会消费品零售总额", &["社消零总额", "社会消费品零售额"], false, None),
    ind(
        "一般公共预算收入",
        &["地方一般公共预算收入", "公共财政预算收入", "地方财政一般预算收入", "财政一般预算收入"],
        false,
        None,
    ),
    ind("一般公共预算支出", &["地方一般公共预算支出"], false, None),
    Indicator { part_only_in_breakdown: true, ..ind("税收收入", &[], false, Some("一般公共预算收入")) },
    ind("实际利用外资", &["实际使用外资"], false, None),
    ind("进出口总额", &["外贸进出口总额", "外贸进出口", "货物进出口总额", "进出口", "货物贸易进出口"], false, None),
    ind("出口总额", &["出口额"], false, Some("进出口总额")),
    ind("进口总额", &["进口额"], false, Some("进出口总额")),
    ind("外贸依存度", &[], true, None),
    ind("城乡居民收入比", &["城乡收入比"], false, None),
    ind(
        "PM2.5平均浓度",
        &["细颗粒物（PM2.5）平均浓度", "细颗粒物平均浓度", "PM2.5浓度", "细颗粒物（PM2.5）浓度", "细颗粒物浓度"],
        false,
        None,
    ),
    ind("高新技术企业", &["高企", "国家高新技术企业", "国家级高新技术企业", "国家级高企"], false, None),
    ind("科技型中小企业", &[], false, None),
    ind("规上工业企业", &["规模以上工业企业"], false, None),
    ind("高新技术产业产值", &[], false, None),
    ind("高新技术产业增加值", &[], false, None),
    ind(
        "研发经费投入强度",
        &[
            "研发投入强度",
            "R&D经费投入强度",
            "全社会研发投入强度",
            "全社会研发经费投入强度",
            "研发经费投入占地区生产总值比重",
            "研发经费占地区生产总值比重",
            "研究与试验发展经费投入强度",
        ],
        true,
        None,
    ),
    ind(
        "研发经费投入",
        &["研发投入", "R&D经费投入", "全社会研发投入", "全社会研发经费投入", "全社会研发经费"],
        false,
        None,
    ),
    ind("软件和信息服务业营收", &["软件和信息服务业营业收入"], false, None),
    ind("城镇登记失业率", &[], true, None),
    ind("城镇调查失业率", &[], true, None),
    ind("城镇新增就业", &[], false, None),
    ind("居民消费价格", &["居民消费价格涨幅", "CPI", "居民消费价格指数"], false, None),
    ind("居民人均可支配收入", &[], false, None),
    ind("城镇居民人均可支配收入", &[], false, None),
    ind("农村居民人均可支配收入", &[], false, None),
    // The rural statistic until 2013, when 农村居民人均可支配收入 replaced it.
    ind("农民人均纯收入", &["农村居民人均纯收入"], false, None),
    ind("粮食产量", &["粮食总产量", "粮食年产量", "粮食总产"], false, None),
    ind("常住人口城镇化率", &["城镇化率"], true, None),
    ind("森林覆盖率", &[], true, None),
    ind("单位地区生产总值能耗", &["单位GDP能耗", "单位生产总值能耗"], false, None),
    ind("单位工业增加值能耗", &[], false, None),
    ind("网上可办率", &["政务服务事项网上可办率"], true, None),
];

/// The lexicon entry named `name`.
pub fn lookup(name: &str) -> Option<&'static Indicator> {
    static BY_NAME: LazyLock<rustc_hash::FxHashMap<&'static str, &'static Indicator>> =
        LazyLock::new(|| LEXICON.iter().map(|i| (i.name, i)).collect());
    BY_NAME.get(name).copied()
}

/// The lexicon entry `spelling` names or is an alias of.
pub fn lookup_spelling(spelling: &str) -> Option<&'static Indicator> {
    static BY_SPELLING: LazyLock<rustc_hash::FxHashMap<&'static str, &'static Indicator>> = LazyLock::new(|| {
        LEXICON
            .iter()
            .flat_map(|i| std::iter::once(i.name).chain(i.aliases.iter().copied()).map(move |s| (s, i)))
            .collect()
    });
    BY_SPELLING.get(spelling).copied()
}

/// Other spellings of one indicator that are not built-in indicators themselves: how
/// documents write a statistic that has one name in the tables (`经济增长` of a province is
/// its 地区生产总值's growth). Folded after the lexicon's own aliases.
pub static VARIANTS: &[(&str, &str)] = &[
    ("经济增长", "地区生产总值"),
    // `经济增长5%`: the linking verb read off, the economy is its output.
    ("经济", "地区生产总值"),
    ("经济增速", "地区生产总值"),
    ("财政支出", "一般公共预算支出"),
    ("居民收入", "居民人均可支配收入"),
    ("居民人均收入", "居民人均可支配收入"),
    ("脱贫地区农村居民收入", "脱贫地区农村居民人均可支配收入"),
    ("城镇居民收入", "城镇居民人均可支配收入"),
    ("农村居民收入", "农村居民人均可支配收入"),
    ("物价涨幅", "居民消费价格"),
    ("社会物流总费用与GDP比率", "社会物流总费用与地区生产总值比率"),
    // `小巨人` is a national designation; short forms name the same list.
    ("专精特新“小巨人”", "国家级专精特新“小巨人”企业"),
    ("专精特新“小巨人”企业", "国家级专精特新“小巨人”企业"),
    ("专精特新小巨人企业", "国家级专精特新“小巨人”企业"),
    ("国家级专精特新小巨人企业", "国家级专精特新“小巨人”企业"),
    ("城镇老旧小区改造", "老旧小区改造"),
    ("赤字规模", "财政赤字"),
    ("国家制造业单项冠军", "国家制造业单项冠军企业"),
];

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

/// Names whose level is a ratio or rate, judged by their ending. Not `强度`: 能耗强度 and
/// 碳排放强度 are quantities per unit of output, and their `下降3%` is a relative change;
/// the intensities that are percentages (研发经费投入强度) are in the lexicon.
pub fn looks_like_percent_level(name: &str) -> bool {
    lookup(name).is_some_and(|i| i.percent_level)
        || ["率", "比重", "占比", "增速", "增幅", "依存度", "比例"].iter().any(|e| name.ends_with(e))
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
    fn spellings_name_their_indicator() {
        assert_eq!(lookup_spelling("规模以上工业增加值").map(|i| i.name), Some("规上工业增加值"));
        assert_eq!(lookup_spelling("经济总量").map(|i| i.name), Some("地区生产总值"));
        assert_eq!(lookup_spelling("工业固定资产投资"), None);
        assert_eq!(lookup("地区生产总值").map(|i| i.name), Some("地区生产总值"));
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
