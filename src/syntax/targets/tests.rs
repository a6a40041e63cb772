use super::*;
use crate::syntax::quantities::parse_quantities;

fn parse(line: &str) -> Vec<Statement> {
    parse_statements(line, &parse_quantities(line), &[], &[])
}

/// (indicator, number, unit, kind) of each statement.
fn rows(line: &str) -> Vec<(String, String, String, TargetKind)> {
    parse(line).iter().map(|s| (s.indicator.to_string(), s.number.to_string(), s.unit.to_string(), s.kind)).collect()
}

fn row(indicator: &str, number: &str, unit: &str, kind: TargetKind) -> (String, String, String, TargetKind) {
    (indicator.to_string(), number.to_string(), unit.to_string(), kind)
}

#[test]
fn level_and_continued_growth() {
    let s = parse("全区经济社会发展的主要预期目标是：地区生产总值达到480亿元、增长7%左右，规上工业增加值增长8%以上");
    let got: Vec<_> =
        s.iter().map(|s| (s.indicator.as_str(), s.kind, s.number.as_str(), s.unit.as_str(), s.qualifier)).collect();
    assert_eq!(
        got,
        [
            ("地区生产总值", TargetKind::Level, "480", "亿元", None),
            ("地区生产总值", TargetKind::Growth, "7", "%", Some("左右")),
            ("规上工业增加值", TargetKind::Growth, "8", "%", Some("以上")),
        ]
    );
    assert_eq!(s[0].base_value, 4.8e10);
    assert_eq!(s[0].base_unit, "元");
    assert!(s[1].name.is_none());
}

#[test]
fn tiers_and_counts() {
    let s = parse("工业投资增速确保达到20%、力争达到18%，新增高新技术企业120家以上，新增省级专精特新企业３０家");
    let got: Vec<_> = s.iter().map(|s| (s.indicator.as_str(), s.kind, s.cue)).collect();
    assert_eq!(
        got,
        [
            ("工业投资", TargetKind::Growth, Some(Cue::Guarantee)),
            ("工业投资", TargetKind::Growth, Some(Cue::Aspiration)),
            ("高新技术企业", TargetKind::CountChange, None),
            ("省级专精特新企业", TargetKind::CountChange, None),
        ]
    );
}

#[test]
fn traditional_text_names_the_same_indicator() {
    let s = parse("確保地區生產總值增長6%、力爭增長5%");
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].indicator, "地区生产总值");
    assert_eq!(s[0].cue, Some(Cue::Guarantee));
    assert_eq!(s[1].cue, Some(Cue::Aspiration));
    // Pinyin debris after converted characters is not part of a name.
    let s = parse("新認定高新技術企業(yè)49家、科技型中小企業(yè)153家");
    assert_eq!(s.iter().map(|s| s.indicator.as_str()).collect::<Vec<_>>(), ["高新技术企业", "科技型中小企业"]);
}

#[test]
fn periods_review_and_signs() {
    let s = parse("附:2023年主要指标完成情况,地区生产总值完成420亿元(增长6.5%)。");
    assert_eq!(s[0].period, PeriodHint::Year(2023));
    assert!(s[0].review);
    let s = parse("一般公共预算收入完成21.5亿元，增长-3.2%。");
    assert_eq!(s[1].number, "-3.2");
    assert!(s[1].negative);
    // A full-width minus is three bytes.
    assert_eq!(parse("税收收入增长－3.2%")[0].number, "-3.2");
}

#[test]
fn the_review_of_a_province() {
    let line = "实现地区生产总值67665亿元，增长5.5%，总量和增速均居全国第5位；地方一般公共预算收入5853.9亿元，增长3.9%；城乡居民人均可支配收入分别增长4.4%、5.6%。";
    use TargetKind::*;
    assert_eq!(
        rows(line),
        [
            row("地区生产总值", "67665", "亿元", Level),
            row("地区生产总值", "5.5", "%", Growth),
            row("地区生产总值总量排名", "5", "位", Rank),
            row("地区生产总值增速排名", "5", "位", Rank),
            row("一般公共预算收入", "5853.9", "亿元", Level),
            row("一般公共预算收入", "3.9", "%", Growth),
            row("城镇居民人均可支配收入", "4.4", "%", Growth),
            row("农村居民人均可支配收入", "5.6", "%", Growth),
        ]
    );
}

#[test]
fn lists_under_one_verb() {
    use TargetKind::*;
    assert_eq!(
        rows("新增规上工业企业1494家、国家级专精特新“小巨人”企业81家、上云企业2万家"),
        [
            row("规上工业企业", "1494", "家", CountChange),
            row("国家级专精特新“小巨人”企业", "81", "家", CountChange),
            row("上云企业", "2", "万家", CountChange),
        ]
    );
    assert_eq!(
        rows("六大优势产业、高技术制造业、绿色低碳优势产业增加值分别增长6.8%、12.3%、7.8%"),
        [
            row("六大优势产业增加值", "6.8", "%", Growth),
            row("高技术制造业增加值", "12.3", "%", Growth),
            row("绿色低碳优势产业增加值", "7.8", "%", Growth),
        ]
    );
    assert_eq!(
        rows("游客人数、旅游收入均增长10%以上"),
        [row("游客人数", "10", "%", Growth), row("旅游收入", "10", "%", Growth)]
    );
}

#[test]
fn one_figure_for_every_listed_subject() {
    use TargetKind::*;
    // `分别` with one figure says it of each.
    assert_eq!(
        rows("国家现代农业产业园、优势特色产业集群分别新增2个"),
        [row("国家现代农业产业园", "2", "个", CountChange), row("优势特色产业集群", "2", "个", CountChange)]
    );
    // A rate after a list is each one's: rates do not add up.
    assert_eq!(
        rows("今年二氧化硫、氮氧化物排放量要下降3%"),
        [row("二氧化硫排放量", "3", "%", Decrease), row("氮氧化物排放量", "3", "%", Decrease)]
    );
    assert_eq!(
        rows("学前教育毛入园率、高中毛入学率超过93%"),
        [row("学前教育毛入园率", "93", "%", Share), row("高中毛入学率", "93", "%", Share)]
    );
    // A count after a list is the total; a rate of what follows, a share of a whole and
    // examples of a whole stay one.
    assert_eq!(
        rows("新增高新技术企业、科技型中小企业120家"),
        [row("高新技术企业科技型中小企业", "120", "家", CountChange)]
    );
    assert_eq!(rows("完成水泥、焦化行业70%以上产能超低排放改造").len(), 1);
    assert_eq!(rows("电子信息、装备制造产业占规上工业比重达到45%").len(), 1);
    assert_eq!(rows("电动汽车、锂电池、光伏产品“新三样”出口增长37%"), [row("“新三样”出口", "37", "%", Growth)]);
}

#[test]
fn trade_with_listed_partners() {
    use TargetKind::*;
    assert_eq!(
        rows("对东盟、欧盟进出口分别增长16.7%、40.2%"),
        [row("对东盟进出口", "16.7", "%", Growth), row("对欧盟进出口", "40.2", "%", Growth)]
    );
    assert_eq!(
        rows("对非洲、拉美市场出口分别增长20%、7.6%"),
        [row("对非洲市场出口", "20", "%", Growth), row("对拉美市场出口", "7.6", "%", Growth)]
    );
    // A phrase that opens with `对` and is not trade names nothing.
    assert!(rows("对企业奖励500万元").is_empty());
}

#[test]
fn ratios_and_concentrations() {
    use TargetKind::*;
    assert_eq!(rows("城乡居民收入比缩小至2.12"), [row("城乡居民收入比", "2.12", "", Level)]);
    assert_eq!(rows("细颗粒物（PM2.5）平均浓度28.5微克/立方米"), [row("PM2.5平均浓度", "28.5", "微克/立方米", Level)]);
    // One spelling of a unit, whatever the text writes: figures compare.
    assert_eq!(rows("PM2.5平均浓度降到32.4微克每立方米"), [row("PM2.5平均浓度", "32.4", "微克/立方米", Level)]);
    assert_eq!(rows("PM2.5平均浓度低于每立方米19微克"), [row("PM2.5平均浓度", "19", "微克/立方米", Level)]);
    assert_eq!(rows("新建污水管网12km"), [row("污水管网", "12", "公里", CountChange)]);
    // Bare numbers elsewhere are not figures.
    assert!(rows("全省收入增长，人口达到8.3").is_empty());
}

#[test]
fn the_area_a_clause_names_before_the_name() {
    let s = parse("2025年，全区实现营业收入520亿元，全市地区生产总值达到3000亿元，其中高新区地区生产总值210亿元");
    assert_eq!(
        s.iter().map(|s| (s.number.as_str(), s.area)).collect::<Vec<_>>(),
        [("520", Some('区')), ("3000", Some('市')), ("210", None)]
    );
}

#[test]
fn a_year_ending_in_five_is_not_five_years() {
    for line in ["预计2025年地区生产总值完成185亿元", "二〇二五年地区生产总值完成185亿元"] {
        let s = parse(line);
        assert_eq!(s.iter().map(|s| s.over_span).collect::<Vec<_>>(), [false], "{line}");
    }
    assert!(parse("高新技术企业五年增加2万多家")[0].over_span);
}

#[test]
fn the_years_a_change_is_over() {
    use TargetKind::*;
    let s = parse("常住人口城镇化率达到67.5%、5年提高4.5个百分点，高新技术企业5年增加2万多家");
    let got: Vec<_> = s.iter().map(|s| (s.indicator.as_str(), s.kind, s.over_span, s.qualifier)).collect();
    assert_eq!(
        got,
        [
            ("常住人口城镇化率", Share, false, None),
            ("常住人口城镇化率", Increase, true, None),
            ("高新技术企业", CountChange, true, Some("多")),
        ]
    );
    // A count of years names nothing by itself (`三年行动计划`).
    assert!(rows("三年行动计划实施项目200个").iter().all(|r| !r.0.contains('年')));
}

#[test]
fn counts_before_their_noun() {
    use TargetKind::*;
    assert_eq!(
        rows("新培育6个国家级中小企业特色产业集群"),
        [row("国家级中小企业特色产业集群", "6", "个", CountChange)]
    );
    // The number of projects on a list is its size; the money invested is the statement.
    assert_eq!(rows("810个省重点项目完成投资10428.6亿元"), [row("省重点项目完成投资", "10428.6", "亿元", Level)]);
}

#[test]
fn levels_reached_and_ranks() {
    use TargetKind::*;
    assert_eq!(rows("常住人口城镇化率提高到66.2%"), [row("常住人口城镇化率", "66.2", "%", Share)]);
    assert_eq!(rows("地表水优良水体比例提升4.6个百分点"), [row("地表水优良水体比例", "4.6", "个百分点", Increase)]);
    assert_eq!(rows("单位国内生产总值能耗下降3.1%"), [row("单位国内生产总值能耗", "3.1", "%", Decrease)]);
    assert_eq!(rows("2020年在全国高新区综合排名第65位"), [row("全国高新区综合排名", "65", "位", Rank)]);
    assert_eq!(
        rows("水电装机容量突破1亿千瓦、保持全国第1位"),
        [row("水电装机容量", "1", "亿千瓦", Level), row("水电装机容量排名", "1", "位", Rank)]
    );
}

#[test]
fn base_and_result_of_a_change() {
    let s = parse("经济总量占全国比重由2020年的7.2%提升至7.4%");
    let got: Vec<_> = s.iter().map(|s| (s.indicator.as_str(), s.number.as_str(), s.base, s.period.clone())).collect();
    assert_eq!(
        got,
        [
            ("经济总量占全国比重", "7.2", true, PeriodHint::Year(2020)),
            ("经济总量占全国比重", "7.4", false, PeriodHint::Unstated)
        ]
    );
}

#[test]
fn comparisons_with_another_area() {
    let s = parse("规上工业增加值增长7.6%，高于全国1.7个百分点");
    assert_eq!(
        s.iter().map(|s| (s.number.as_str(), s.comparison)).collect::<Vec<_>>(),
        [("7.6", false), ("1.7", true)]
    );
    let s = parse("地区生产总值增速比全市高出2.6%");
    assert_eq!(s.len(), 1);
    assert!(s[0].comparison && s[0].rate_change && s[0].kind == TargetKind::Increase);
}

#[test]
fn not_statements() {
    for line in [
        "力争1-2年内建成",
        "2021年是开局之年",
        "出台稳增长“21条”“18条”等政策",
        "参加第十五届全运会",
        "连续6年无区域性金融风险",
        "规上工业增加值增长7.6%，高于全国1.7个百分点",
        "经济总量连续跨过3个万亿元大关",
        "成为全国第三个、北方第一个过10万亿元省份",
        "立案查处企业68家，关停企业23家",
        "公开遴选部门中层干部2名",
        "妥善安置1.6万山洪泥石流灾害受灾群众",
        "综合考虑各方面因素，确定4.5%左右的增长目标",
        "同心协力建设56个民族共同团结奋斗、共同繁荣发展的美好家园",
        "市场经营主体增量提质，总量突破1000万户",
        "19条标志性产业链立起先进制造业强省“四梁八柱”",
        "提高个人所得税起征点，设立6项专项附加扣除",
        "完成沿江4个码头整治任务",
        "3个典型案例亮相联合国气候变化大会",
    ] {
        let statements = parse(line);
        let got: Vec<_> = statements
            .iter()
            .filter(|s| !s.comparison)
            .map(|s| (s.indicator.to_string(), s.number.to_string()))
            .collect();
        let expected: Vec<(String, String)> =
            if line.starts_with("规上") { vec![("规上工业增加值".into(), "7.6".into())] } else { vec![] };
        assert_eq!(got, expected, "{line}");
    }
}

#[test]
fn a_bare_figure_after_the_clause_that_named_its_indicator() {
    let got = |line: &str| -> Vec<(String, String)> {
        parse(line).iter().map(|s| (s.indicator.to_string(), s.number.to_string())).collect()
    };
    let gdp = |n: &str| ("地区生产总值".to_string(), n.to_string());
    assert_eq!(got("经济总量跨过两个万亿元大关，超过6万亿元"), [gdp("6")]);
    assert_eq!(got("地区生产总值跨越3个千亿元台阶，达到1.5万亿元、增长19.8%"), [gdp("1.5"), gdp("19.8")]);
    // A clause that opens with a predicate goes on about the same subject.
    assert_eq!(got("经济总量超过6万亿元，实现历史性晋位，年均增速5.7%"), [gdp("6"), gdp("5.7")]);
    // Not after clauses with figures of their own, and not a rank.
    let ranks =
        got("全省地区生产总值增速居全国前列，规上工业增加值增速居全国第4位，进出口总额突破万亿元、增速居全国第5位");
    assert!(!ranks.contains(&gdp("5")), "{ranks:?}");
    // A bare figure is not firm enough to compare with another statement.
    assert!(parse("经济总量跨过两个万亿元大关，超过6万亿元").iter().all(|s| !s.firm));
}

#[test]
fn a_second_predicate_of_the_indicator_a_clause_opened_with() {
    let got = |line: &str| -> Vec<(String, String)> {
        parse(line).iter().map(|s| (s.indicator.to_string(), s.number.to_string())).collect()
    };
    let gdp = |n: &str| ("地区生产总值".to_string(), n.to_string());
    // 2026 Sichuan: joined by `、` (or `并`), then the sentence goes on about the same subject.
    let sichuan = "经济总量跨过两个万亿元大关、超过6万亿元，实现历史性晋位，年均增速5.7%";
    assert_eq!(got(sichuan), [gdp("6"), gdp("5.7")]);
    assert_eq!(got("经济总量跨过两个万亿元大关并超过6万亿元"), [gdp("6")]);
    assert!(parse(sichuan).iter().all(|s| !s.firm));
    // Not when the first predicate has figures, names another thing, or the second has
    // words of its own.
    assert_eq!(got("地区生产总值增长5%、达到6万亿元"), [gdp("5"), gdp("6")]);
    let other = got("地区生产总值中第三产业占比提高、达到55%");
    assert!(!other.contains(&gdp("55")), "{other:?}");
    let own = got("经济总量跨过两个万亿元大关、服务业增加值超过3万亿元");
    assert!(!own.contains(&gdp("3")), "{own:?}");
}

#[test]
fn shares_of_what_the_sentence_is_about() {
    let s =
        parse("经济总量连续跨过3个万亿元大关，占全国比重由2020年的7.2%提升至7.4%，在北方地区占比由20.5%提升至21.1%");
    let got: Vec<_> = s.iter().map(|s| (s.indicator.as_str(), s.number.as_str(), s.base)).collect();
    assert_eq!(
        got,
        [
            ("地区生产总值占全国比重", "7.2", true),
            ("地区生产总值占全国比重", "7.4", false),
            ("地区生产总值占北方地区比重", "20.5", true),
            ("地区生产总值占北方地区比重", "21.1", false),
        ]
    );
}

#[test]
fn listed_values_with_fewer_subjects_than_values() {
    // Found by fuzzing: a stray `,` leaves two subjects before three values (an index out of
    // bounds); the values are then compared with nothing.
    let s = parse("汽车用锂电池,、太阳能电池、工业机器人产量分别增长54.5%、43.1%、86.3%");
    assert!(s.iter().all(|s| !s.firm), "{s:?}");
    let s = parse("改造老旧供热、燃气管网800公里、600公里、300公里");
    assert_eq!(s.len(), 3);
    assert!(s.iter().all(|s| !s.firm));
}

#[test]
fn ranges_are_one_statement_written_whole() {
    let s = parse("国内生产总值增长6%－6.5%；新建1—2个产业园，技改投资增长10-15%");
    let got: Vec<_> = s
        .iter()
        .map(|s| (s.indicator.as_str(), s.value_written().to_string(), s.unit.as_str(), s.range, s.base_value))
        .collect();
    assert_eq!(
        got,
        [
            ("国内生产总值", "6%－6.5%".to_string(), "%", true, 6.0),
            ("产业园", "1—2".to_string(), "个", true, 1.0),
            ("技改投资", "10-15%".to_string(), "%", true, 10.0),
        ]
    );
    assert!(s.iter().all(|s| !s.firm));
    // Spans of years are periods, not ranges of a figure.
    assert!(parse("2016—2020年地区生产总值年均增长8%").iter().all(|s| !s.range));
}

#[test]
fn a_count_running_into_its_noun_counts_that_noun() {
    // The places named before the count say which ones; the noun after says what is counted.
    assert_eq!(rows("荆州、孝感、黄冈3个城市地区生产总值过三千亿元")[0].0, "城市地区生产总值过三千亿元");
    // The size of a policy document is not an indicator.
    assert_eq!(rows("出台支持乡村富民产业发展20条措施"), []);
    assert_eq!(rows("聚焦重点领域提出18条具体举措"), []);
    // A verb or a particle after the count: the count is of what is named before it.
    assert_eq!(rows("新开辟外贸航线20条")[0].0, "外贸航线");
    assert_eq!(rows("汽车保有量由2552万辆增至3230万辆").len(), 2);
    assert_eq!(rows("百亿级企业数量在现有7家的基础上实现倍增")[0].2, "家");
}

#[test]
fn a_figure_before_a_name_says_which_things_the_name_counts() {
    let got = rows("实施补链强链重点项目1900个、投资2000万元以上的技改项目3000个");
    assert_eq!(
        got.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect::<Vec<_>>(),
        [("补链强链重点项目", "1900"), ("技改项目", "3000")]
    );
    // An adverb before the verb ends the noun after a count.
    let got = rows("总投资370亿元的41个超亿元产业项目正式落地");
    assert_eq!(got.last().map(|r| r.0.as_str()), Some("超亿元产业项目"), "{got:?}");
}

#[test]
fn built_things_are_new_unless_a_level_is_reached() {
    assert_eq!(
        rows("建成县级“暖心驿站”113个，建成5G基站超过25万个"),
        [row("县级“暖心驿站”", "113", "个", TargetKind::CountChange), row("5G基站", "25", "万个", TargetKind::Level),]
    );
    // A verb before a list carries to items named after their figure.
    assert_eq!(
        rows("新增2个国家先进制造业集群、19个国家中小企业特色产业集群"),
        [
            row("国家先进制造业集群", "2", "个", TargetKind::CountChange),
            row("国家中小企业特色产业集群", "19", "个", TargetKind::CountChange),
        ]
    );
}

#[test]
fn thresholds_tasks_and_roles_are_not_counted() {
    // An amount running into the things it sizes is their threshold.
    let got = rows("新引进落地总投资超10亿元项目50个以上");
    assert!(got.iter().all(|r| r.1 != "10"), "{got:?}");
    // The things it sizes are named after it.
    assert_eq!(rows("引进投资超10亿元重大项目14个"), [row("重大项目", "14", "个", TargetKind::CountChange)]);
    assert_eq!(rows("要将营业收入超30亿元高新技术企业数作为考核内容"), []);
    assert_eq!(rows("支持西脉、航天510所等企业建设国家制造业创新中心"), []);
    // A list of tasks, the role or effect of the things counted.
    for line in
        ["每年实施20项重点民生实事", "发挥济青烟3个新业态新模式新场景消费试点作用", "提升39个欠发达县域托底性帮扶质效"]
    {
        assert_eq!(rows(line), [], "{line}");
    }
}

#[test]
fn a_bare_share_is_of_what_the_sentence_measures() {
    use TargetKind::*;
    assert_eq!(
        rows("非化石能源发电装机达到1.39亿千瓦，占比由31%提升至54%"),
        [
            row("非化石能源发电装机", "1.39", "亿千瓦", Level),
            row("非化石能源发电装机占比", "31", "%", Share),
            row("非化石能源发电装机占比", "54", "%", Share),
        ]
    );
    // A change over years continues the share before it.
    assert_eq!(
        rows("高新技术产业产值占比达到55.7%、5年提升10.6个百分点"),
        [row("高新技术产业产值占比", "55.7", "%", Share), row("高新技术产业产值占比", "10.6", "个百分点", Increase)]
    );
}

#[test]
fn where_things_were_placed_or_opened_is_not_their_name() {
    use TargetKind::*;
    assert_eq!(
        rows("28个全国重点实验室在川布局，5个天府实验室揭牌运行"),
        [row("全国重点实验室", "28", "个", Level), row("天府实验室", "5", "个", Level)]
    );
    assert_eq!(rows("国家级工程研究中心在汉布局12家"), [row("国家级工程研究中心", "12", "家", Level)]);
}

#[test]
fn a_bare_output_measure_is_of_the_industry_the_sentence_opened_with() {
    use TargetKind::*;
    assert_eq!(rows("服务业支撑作用更加明显，增加值跨上3万亿元台阶"), [row("第三产业增加值", "3", "万亿元", Level)]);
    assert_eq!(
        rows("推动新能源汽车产业提质扩量，加快做强关键部件，力争产量突破120万辆"),
        [row("新能源汽车产量", "120", "万辆", Level)]
    );
    // A subject of its own keeps its name.
    assert_eq!(rows("推动新能源汽车产业提质扩量，规上工业增加值增长6%"), [row("规上工业增加值", "6", "%", Growth)]);
}

#[test]
fn a_change_from_now_and_a_share_written_with_de() {
    use TargetKind::*;
    let got = parse("园区国家级专精特新小巨人企业数量从如今的29家增长到100家以上,占全国国家级专精特新小巨人企业的1%");
    let got: Vec<_> = got.iter().map(|s| (s.indicator.as_str(), s.number.as_str(), s.kind, s.base)).collect();
    assert_eq!(
        got,
        [
            ("国家级专精特新“小巨人”企业", "29", Level, true),
            ("国家级专精特新“小巨人”企业", "100", Level, false),
            ("国家级专精特新“小巨人”企业占全国比重", "1", Share, false),
        ]
    );
    assert_eq!(rows("瞪羚、雏鹰企业入选数占全市的67%"), [row("瞪羚雏鹰企业入选数占全市比重", "67", "%", Share)]);
    assert_eq!(rows("我们GDP占全市的9.7%"), [row("地区生产总值占全市比重", "9.7", "%", Share)]);
}

#[test]
fn a_remark_in_brackets_does_not_break_a_list() {
    use TargetKind::*;
    assert_eq!(
        rows("新认定潜在独角兽企业1家(江阴唯一一家)、瞪羚企业9家"),
        [row("潜在独角兽企业", "1", "家", CountChange), row("瞪羚企业", "9", "家", CountChange)]
    );
}

#[test]
fn counts_of_new_firms_and_of_projects_at_a_stage() {
    use TargetKind::*;
    assert_eq!(
        rows("城乡居民人均可支配收入年均分别增长5.3%、7.1%"),
        [
            row("城镇居民人均可支配收入", "5.3", "%", AverageGrowth),
            row("农村居民人均可支配收入", "7.1", "%", AverageGrowth),
        ]
    );
    assert_eq!(rows("新设外商投资企业673家"), [row("新设外商投资企业", "673", "家", CountChange)]);
    assert_eq!(rows("完成“智改数转”重点项目300个"), [row("“智改数转”重点项目", "300", "个", CountChange)]);
    // A list only pushed forward is its size.
    assert_eq!(rows("推进重点项目2000个"), [row("重点项目", "2000", "个", Level)]);
}

#[test]
fn the_year_of_a_level_reached_is_no_part_of_a_name() {
    let got = parse("全省生产总值从2020年的3.68万亿元增长到2025年的4.93万亿元、实现万亿级跃升");
    let got: Vec<_> = got.iter().map(|s| (s.indicator.as_str(), s.number.as_str(), s.base, s.period.clone())).collect();
    assert_eq!(
        got,
        [
            ("地区生产总值", "3.68", true, PeriodHint::Year(2020)),
            // `增长到2025年的`: the year of the level, not a deadline.
            ("地区生产总值", "4.93", false, PeriodHint::Year(2025)),
        ]
    );
    // A list only taken care of (`抓好`) is not counted.
    assert_eq!(rows("抓好1万名乡村医生线下培训"), []);
}

#[test]
fn visits_containers_and_adverbs_before_a_verb() {
    use TargetKind::*;
    assert_eq!(
        rows("邮轮母港接待邮轮91艘次、旅客30万人次，集装箱吞吐量超2400万标准箱"),
        [
            row("邮轮母港接待邮轮", "91", "艘次", Level),
            row("旅客", "30", "万人次", Level),
            row("集装箱吞吐量", "2400", "万标准箱", Level),
        ]
    );
    assert_eq!(
        rows("有序改造供热管网1287公里、燃气管网810公里"),
        [row("供热管网改造", "1287", "公里", CountChange), row("燃气管网改造", "810", "公里", CountChange)]
    );
}

#[test]
fn cuts_and_capacities_of_projects() {
    use TargetKind::*;
    assert_eq!(rows("省级一般性支出压减22.3%"), [row("省级一般性支出", "22.3", "%", Decrease)]);
    // The capacity of a project named after it is not an indicator of the area.
    assert_eq!(rows("推动吉林梅花60万吨赖氨酸等项目释放产能"), []);
    assert_eq!(rows("淖毛湖750千伏输变电工程建成投运"), []);
}

#[test]
fn what_the_things_counted_did_is_not_their_name() {
    use TargetKind::*;
    assert_eq!(
        rows("9个国家区域医疗中心开诊运营、居全国第2位，42个源网荷储一体化试点加快推进"),
        [
            row("国家区域医疗中心", "9", "个", Level),
            row("国家区域医疗中心排名", "2", "位", Rank),
            row("源网荷储一体化试点", "42", "个", Level),
        ]
    );
    assert_eq!(rows("重点改革任务扎实推进36项"), [row("重点改革任务", "36", "项", Level)]);
    // A verb alone names nothing.
    assert_eq!(rows("筹措890.59亿元实施十大为民办实事工程项目"), []);
}

#[test]
fn a_networks_length_reached_is_its_mileage() {
    use TargetKind::*;
    assert_eq!(
        rows("高速公路由7473公里增至9310公里，新改建农村公路3500公里"),
        [
            row("高速公路里程", "7473", "公里", Level),
            row("高速公路里程", "9310", "公里", Level),
            row("农村公路", "3500", "公里", CountChange),
        ]
    );
}

#[test]
fn a_rank_of_what_is_named_before_it() {
    use TargetKind::*;
    assert_eq!(rows("高铁通车里程进至全国第5位"), [row("高铁通车里程排名", "5", "位", Rank)]);
    assert_eq!(rows("规上工业增加值增速居全国第4位"), [row("规上工业增加值增速排名", "4", "位", Rank)]);
    // An aspect is of the figure before, and ranked as such; an amount passed is no name.
    assert_eq!(
        rows("外商直接投资累计达到149.6亿美元、总规模居中西部第1位"),
        [row("外商直接投资", "149.6", "亿美元", Level), row("外商直接投资规模排名", "1", "位", Rank)]
    );
    assert_eq!(rows("整车出口突破百万辆、稳居全国第1位"), []);
    // An age a rule applies from is no figure.
    assert_eq!(rows("学前一年免费教育惠及满3岁儿童"), []);
}

#[test]
fn ranks_of_an_aspect_keep_it() {
    use TargetKind::*;
    assert_eq!(
        rows("工业增加值年均增长6.1%、规模升至全国第7位"),
        [row("工业增加值", "6.1", "%", AverageGrowth), row("工业增加值规模排名", "7", "位", Rank)]
    );
    assert_eq!(
        rows("进出口总额增长18.2%、增速居全国第3位"),
        [row("进出口总额", "18.2", "%", Growth), row("进出口总额增速排名", "3", "位", Rank)]
    );
}

#[test]
fn examples_before_deng() {
    use TargetKind::*;
    // Examples of `产业` say which industries; the growth written after its figure.
    assert_eq!(
        rows("钢铁、石化等产业先进产能占比超过40%，人形机器人、人工智能等产业营收保持20%以上增长"),
        [row("钢铁石化等产业先进产能占比", "40", "%", Share), row("人形机器人人工智能等产业营收", "20", "%", Growth)]
    );
    // Examples of named members leave the whole; a head after `等` is every item's.
    assert_eq!(rows("康复大学等高校新增14所"), [row("高校", "14", "所", CountChange)]);
    assert_eq!(
        rows("食品、信息等产业增加值分别增长7.5%、7.3%"),
        [row("食品产业增加值", "7.5", "%", Growth), row("信息产业增加值", "7.3", "%", Growth)]
    );
}

#[test]
fn what_listed_things_are_named() {
    let names = |line: &str| parse(line).iter().map(|s| s.indicator.to_string()).collect::<Vec<_>>();
    // Built or renovated: the things themselves.
    assert_eq!(names("新建改造地下管网1250公里以上，新建和改造高标准农田71.21万亩"), ["地下管网", "高标准农田"]);
    assert_eq!(names("改造农村危房2.1万户"), ["农村危房改造"]);
    // Admitted to a list: named by the list.
    assert_eq!(names("11家企业入选国家重点产业链链主企业"), ["国家重点产业链链主企业"]);
    assert_eq!(names("2家中试平台跻身首批国家级制造业中试平台"), ["国家级制造业中试平台"]);
    assert_eq!(names("3个园区入选国家级零碳园区建设名单"), ["国家级零碳园区"]);
    // A Latin token in a noun after a count.
    assert_eq!(names("新增9家国家卓越级智能工厂、38家国家级5G工厂"), ["国家卓越级智能工厂", "国家级5G工厂"]);
    // The level of the first item is the list's, unless the writer names each one's.
    assert_eq!(names("国家级数字领航企业18家、工业互联网平台46家"), ["国家级数字领航企业", "国家级工业互联网平台"]);
    assert_eq!(
        names("国家级跨境电商综合试验区、服务贸易平台均增至9个"),
        ["国家级跨境电商综合试验区", "国家级服务贸易平台"]
    );
    assert_eq!(
        names("新建省级卓越工程师学院7个、省级市域产教联合体5个、行业产教融合共同体8个"),
        ["省级卓越工程师学院", "省级市域产教联合体", "行业产教融合共同体"]
    );
    assert_eq!(
        names("新增规上工业企业1494家、国家级专精特新“小巨人”企业81家、上云企业2万家"),
        ["规上工业企业", "国家级专精特新“小巨人”企业", "上云企业"]
    );
}

#[test]
fn names_with_a_ranking_list_or_a_province() {
    let names = |line: &str| parse(line).iter().map(|s| s.indicator.to_string()).collect::<Vec<_>>();
    assert_eq!(names("在鄂投资世界500强企业325家、中部领先"), ["在鄂投资世界500强企业"]);
    assert_eq!(names("在川两院院士70位"), ["两院院士"]);
    assert_eq!(names("实施好200项以上工业战略性新兴产业重点项目"), ["工业战略性新兴产业重点项目"]);
    // Listed on a ranking with no noun of their own: nothing counted names an indicator.
    assert_eq!(names("中国企业500强、民营企业500强中各有20家企业上榜"), Vec::<String>::new());
}

#[test]
fn products_after_their_output() {
    use TargetKind::*;
    assert_eq!(
        rows("高新技术产品产量大幅增长，集成电路圆片增长19.2%，新能源汽车超过110万辆，新增高新技术企业20家"),
        [
            row("集成电路圆片产量", "19.2", "%", Growth),
            row("新能源汽车产量", "110", "万辆", Level),
            row("高新技术企业", "20", "家", CountChange),
        ]
    );
    // A waterway's class is named, not its mileage.
    assert_eq!(rows("全省四级及以上航道突破2000公里"), [row("四级及以上航道", "2000", "公里", Level)]);
}

#[test]
fn firms_named_by_their_role_are_of_the_industry() {
    let names = |line: &str| parse(line).iter().map(|s| s.indicator.to_string()).collect::<Vec<_>>();
    assert_eq!(names("实施生产性服务业扩容强基行动，培育120家左右领军企业"), ["生产性服务业领军企业"]);
    assert_eq!(names("人工智能产业突破发展，骨干龙头企业超1100家"), ["人工智能骨干龙头企业"]);
    // Firms named by more than their role keep their name.
    assert_eq!(names("人工智能产业突破发展，新增高新技术企业20家"), ["高新技术企业"]);
}

#[test]
fn names_less_what_the_clause_says_of_them() {
    use TargetKind::*;
    let names = |line: &str| parse(line).iter().map(|s| s.indicator.to_string()).collect::<Vec<_>>();
    assert_eq!(names("财政民生支出突破万亿元、占比稳定在80%左右"), ["财政民生支出占比"]);
    assert_eq!(names("与共建“一带一路”国家进出口贸易额突破5万亿元"), ["与共建“一带一路”国家进出口贸易额"]);
    assert_eq!(names("失业人员实现再就业10万人"), ["失业人员再就业"]);
    assert_eq!(rows("规范提升农村供水厂站500处"), [row("农村供水厂站", "500", "处", CountChange)]);
    assert_eq!(rows("新升规工业企业1000户以上"), [row("规上工业企业", "1000", "户", CountChange)]);
    // The level now, a change starts from.
    let s = parse("百亿级企业数量在现有7家的基础上实现倍增");
    assert_eq!((s[0].indicator.as_str(), s[0].base, s[0].period.clone()), ("百亿级企业", true, PeriodHint::ThisYear));
}

#[test]
fn a_voltage_and_a_shared_rate_are_parts_of_names() {
    use TargetKind::*;
    assert_eq!(rows("新增1000千伏输电线路1240公里"), [row("1000千伏输电线路", "1240", "公里", CountChange)]);
    assert_eq!(
        rows("美丽河湖、美丽海湾建成率分别达到30%、50%"),
        [row("美丽河湖建成率", "30", "%", Share), row("美丽海湾建成率", "50", "%", Share)]
    );
}

#[test]
fn what_qualifies_the_first_listed_item_qualifies_the_list() {
    let names = |line: &str| parse(line).iter().map(|s| s.indicator.to_string()).collect::<Vec<_>>();
    assert_eq!(names("非化石能源发电量、用电量占比均超过30%"), ["非化石能源发电量占比", "非化石能源用电量占比"]);
    assert_eq!(names("新建国家现代农业产业园2个、产业集群1个"), ["国家现代农业产业园", "国家现代农业产业集群"]);
    // Items with subjects of their own keep them.
    assert_eq!(
        names("规上高技术制造业、装备制造业增加值分别增长23.7%、16.5%"),
        ["规上高技术制造业增加值", "装备制造业增加值"]
    );
    assert_eq!(names("营业总收入、利润总额五年分别增长97.3%、27.7%"), ["营业总收入", "利润总额"]);
}

#[test]
fn coverage_settling_and_work_done_in_names() {
    let names = |line: &str| parse(line).iter().map(|s| s.indicator.to_string()).collect::<Vec<_>>();
    assert_eq!(names("长期护理保险覆盖5634万人"), ["长期护理保险覆盖人数"]);
    assert_eq!(names("优质公办幼儿园覆盖95%"), ["优质公办幼儿园覆盖率"]);
    assert_eq!(names("近1400万农业转移人口在城镇落户"), ["农业转移人口落户"]);
    assert_eq!(names("治理废弃矿山16.4万亩、小流域面积401万亩"), ["治理废弃矿山", "治理小流域面积"]);
    assert_eq!(names("赤字规模4.06万亿元"), ["财政赤字"]);
}

#[test]
fn amounts_no_longer_emitted() {
    use TargetKind::*;
    assert_eq!(
        rows("预计全年减排COD972吨、氨氮115吨"),
        [row("COD减排量", "972", "吨", Level), row("氨氮减排量", "115", "吨", Level)]
    );
}

#[test]
fn every_break_begins_with_a_break_byte() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| is_clause_break(c) || is_sentence_break(c)) {
        let mut buf = [0; 4];
        assert!(BREAK_BYTES.contains(&c.encode_utf8(&mut buf).as_bytes()[0]), "{c}");
    }
}

#[test]
fn a_rate_listed_after_a_count_is_not_counted() {
    let s = parse("城镇新增就业1361万人、调查失业率稳定在5%左右的较低水平");
    let got: Vec<_> = s.iter().map(|s| (s.number.as_str(), s.kind)).collect();
    assert_eq!(got, [("1361", TargetKind::CountChange), ("5", TargetKind::Share)]);
    // Counts listed after a count share its verb.
    let s = parse("新增国家级5G工厂38家、省级智能工厂120家");
    assert!(s.iter().all(|s| s.kind == TargetKind::CountChange), "{s:?}");
}

#[test]
fn a_change_after_a_share_of_the_subject_is_the_subjects() {
    let got = |line: &str| -> Vec<(String, String, TargetKind)> {
        parse(line).iter().map(|s| (s.indicator.to_string(), s.number.to_string(), s.kind)).collect()
    };
    let row = |name: &str, n: &str, kind| (name.to_string(), n.to_string(), kind);
    // 2023 Zhangwan district report: a completion ratio between the level and its change.
    assert_eq!(
        got("预计实现地区生产总值564亿元，占计划的100%，同比下降2%"),
        [
            row("地区生产总值", "564", TargetKind::Level),
            row("地区生产总值占计划比重", "100", TargetKind::Share),
            row("地区生产总值", "2", TargetKind::Decrease),
        ]
    );
    // A change in 个百分点 is the share's, and so is one in its own clause.
    let points = got("高新技术产业增加值达到800亿元，占比45%，提高2个百分点");
    assert_eq!(points[2], row("高新技术产业增加值占比", "2", TargetKind::Increase));
    let same_clause = got("经济总量达到5万亿元，占全国比重由7.2%提升至7.4%");
    assert_eq!(same_clause[2].0, "地区生产总值占全国比重");
    // An unseen county statistics release: a share named with its owner, then a change
    // compared year on year, is the owner's; without 同比 it is the share's.
    assert_eq!(
        got("采矿业增加值占比达96.05%，同比下降15.6%"),
        [row("采矿业增加值占比", "96.05", TargetKind::Share), row("采矿业增加值", "15.6", TargetKind::Decrease)]
    );
    assert_eq!(got("服务业增加值占比55%，提高3%")[1], row("服务业增加值占比", "3", TargetKind::Increase));
}

#[test]
fn markers_and_point_marks_are_no_part_of_a_name() {
    use crate::syntax::block::parse_block;
    use crate::syntax::DocumentKind;
    let names = |line: &str| -> Vec<String> {
        let block = parse_block(line, DocumentKind::PlainText, &[]);
        block.statements().iter().map(|s| s.indicator.to_string()).collect()
    };
    // Unseen district reports: a point opened by a dash or a bullet.
    assert_eq!(names("——预计地区生产总值增长11%左右；"), ["地区生产总值"]);
    assert_eq!(names("    ●预计全省地区生产总值增长6%左右"), ["地区生产总值"]);
    // Numbering markers (`1.` had hidden the figure's name altogether) and item markers.
    assert_eq!(names("1.地区生产总值增长6%左右。"), ["地区生产总值"]);
    assert_eq!(names("一、地区生产总值增长6%左右。"), ["地区生产总值"]);
    assert_eq!(names("二是取消或停征中央涉企行政事业性收费35项。"), ["取消或停征中央涉企行政事业性收费"]);
    assert_eq!(names("八是建立制度。九是为既有住宅加装电梯600部。"), ["为既有住宅加装电梯"]);
}

#[test]
fn completed_before_an_indicator_says_nothing_of_it() {
    let names = |line: &str| -> Vec<String> { parse(line).iter().map(|s| s.indicator.to_string()).collect() };
    // Unseen county report: `完成` between an industry and its output.
    assert_eq!(names("全年服务业完成增加值157.2亿元，增长12.2%"), ["第三产业增加值", "第三产业增加值"]);
    assert_eq!(names("园区工业企业累计完成工业总产值135亿元"), ["工业企业工业总产值"]);
    // Investment completed is not investment planned; a completion rate is a rate.
    assert_eq!(names("市重点项目完成投资176.74亿元"), ["市重点项目完成投资"]);
    assert_eq!(names("项目投资完成率达到129%"), ["项目投资完成率"]);
}

#[test]
fn bare_figures_after_figures_said_of_each_subject() {
    let got = |line: &str| -> Vec<(String, String, TargetKind)> {
        parse(line).iter().map(|s| (s.indicator.to_string(), s.number.to_string(), s.kind)).collect()
    };
    let row = |name: &str, n: &str, kind| (name.to_string(), n.to_string(), kind);
    // Unseen banner report (2023): by how much the plan was beaten is no statement; the
    // growths after `分别完成…` are the listed subjects' in order.
    let line = "固定资产投资完成17亿元，超额完成年度任务2.1亿元，增长20.6%；城乡常住居民人均可支配收入分别完成44607元、16996元，增长4.3%、7.6%";
    assert_eq!(
        got(line),
        [
            row("固定资产投资", "17", TargetKind::Level),
            row("固定资产投资", "20.6", TargetKind::Growth),
            row("城镇常住居民人均可支配收入", "44607", TargetKind::Level),
            row("农村常住居民人均可支配收入", "16996", TargetKind::Level),
            row("城镇常住居民人均可支配收入", "4.3", TargetKind::Growth),
            row("农村常住居民人均可支配收入", "7.6", TargetKind::Growth),
        ]
    );
    // Not when the count differs, and the run of one subject is over after them.
    let other = got("城镇、农村居民人均可支配收入分别增长5%、6%，增长8%");
    assert_eq!(other.len(), 2, "{other:?}");
}

#[test]
fn projects_are_named_with_the_stage_they_are_counted_at() {
    let names = |line: &str| -> Vec<String> { parse(line).iter().map(|s| s.indicator.to_string()).collect() };
    // Unseen 开发区 speech: signed, started and finished projects are three counts.
    assert_eq!(
        names("力争新签约亿元以上产业项目不少于60个，新开工亿元以上产业项目不少于40个，竣工亿元以上产业项目不少于30个"),
        ["新签约亿元以上产业项目", "新开工亿元以上产业项目", "竣工亿元以上产业项目"]
    );
    // Other count verbs still say only that the things are new.
    assert_eq!(names("新增高新技术企业120家"), ["高新技术企业"]);
}

#[test]
fn what_a_target_is_said_to_be_of() {
    let got = |line: &str| -> Vec<(String, String)> {
        parse(line).iter().map(|s| (s.indicator.to_string(), s.number.to_string())).collect()
    };
    let row = |name: &str, n: &str| (name.to_string(), n.to_string());
    // Unseen newspaper reports: a lead-in without a colon, and a target said to be set.
    assert_eq!(
        got("2024年全区经济社会发展的主要预期目标是地区生产总值增长6%以上；规模以上工业增加值增长7%左右"),
        [row("地区生产总值", "6"), row("规上工业增加值", "7")]
    );
    assert_eq!(got("今年经济增长预期目标定为7.5%左右"), [row("地区生产总值", "7.5")]);
    // Two indicators of the lexicon joined by 和 share 均.
    assert_eq!(
        got("城镇居民人均可支配收入和农民人均纯收入均增长10%左右"),
        [row("城镇居民人均可支配收入", "10"), row("农民人均纯收入", "10")]
    );
}

#[test]
fn framing_after_the_zones_own_name_is_no_part_of_the_name() {
    let names = |line: &str| -> Vec<String> { parse(line).iter().map(|s| s.indicator.to_string()).collect() };
    // An unseen 高新区 report: the tier word came after the zone's name.
    assert_eq!(names("高新区预计实现营业收入4400亿元"), ["营业收入"]);
    assert_eq!(names("高新区预计“一区多园”实现营业总收入4400亿元"), ["“一区多园”营业总收入"]);
}

#[test]
fn a_percentage_after_a_count_verb_is_a_share() {
    // An unseen 2022 city report: the share of the city's selected enterprises.
    let s = parse("入选企业数占全市50%");
    let got: Vec<_> = s.iter().map(|s| (s.indicator.as_str(), s.kind)).collect();
    assert_eq!(got, [("企业数占全市比重", TargetKind::Share)]);
}

#[test]
fn respectively_without_subjects_of_its_own() {
    let got = |line: &str| -> Vec<(String, String, TargetKind)> {
        parse(line).iter().map(|s| (s.indicator.to_string(), s.number.to_string(), s.kind)).collect()
    };
    let row = |name: &str, n: &str, kind| (name.to_string(), n.to_string(), kind);
    // An unseen county report, and 2026 Xinjiang: the sentence's subjects before, in order.
    let rows = got("财政总收入15.68亿元，其中地方财政收入11.68亿元，分别下降7.78%、2.78%");
    assert_eq!(
        rows[2..],
        [row("财政总收入", "7.78", TargetKind::Decrease), row("地方财政收入", "2.78", TargetKind::Decrease)]
    );
    let rows = got("全年接待游客3.23亿人次、游客花费3700亿元，分别增长8%、8.4%");
    assert_eq!(rows[2..], [row("接待游客", "8", TargetKind::Growth), row("游客花费", "8.4", TargetKind::Growth)]);
    // Fewer subjects than figures: none is read.
    assert_eq!(got("地区生产总值增长6%，分别下降1.5%、0.8%").len(), 1);
}
