//! count.announced and count.listed.

use super::{findings, one};

#[test]
fn announced_count_against_the_headings_that_follow() {
    let text = "重点抓好以下三个方面工作：\n一、甲\n二、乙";
    assert_eq!(findings(text), one("count.announced", 0, "三个方面"));
    assert_eq!(findings("重点抓好以下两个方面工作：\n一、甲\n二、乙"), vec![]);
    // Sub-sections do not count; a later run starting at 一 is another list.
    let text = "主要抓了以下两个方面工作：\n一、甲\n（一）子\n（二）子\n二、乙\n展望明年。\n一、丙\n二、丁\n三、戊";
    assert_eq!(findings(text), vec![]);
}

#[test]
fn announced_count_against_an_inline_enumeration() {
    assert_eq!(findings("主要有以下三个方面：\n一是加强；二是建设。"), one("count.announced", 0, "三个方面"));
    assert_eq!(findings("主要有以下两个方面：\n一是加强；二是建设。"), vec![]);
}

#[test]
fn announced_count_is_silent_when_prose_follows() {
    assert_eq!(findings("组织实施“五大工程”：\n以习近平新时代中国特色社会主义思想为指导。\n一、甲\n二、乙"), vec![]);
}

#[test]
fn listed_count_must_match_its_list() {
    assert_eq!(findings("围绕电子信息、高端装备、生物医药、新材料三大主导产业"), one("count.listed", 0, "三大"));
    assert_eq!(findings("围绕新能源汽车、智能装备、新材料、生物医药等三大产业集群"), one("count.listed", 0, "三大"));
    assert_eq!(findings("围绕人工智能、集成电路两大领域"), vec![]);
    assert_eq!(findings("实现生物医药、高端制造、新材料、新能源四个突破"), vec![]);
    assert_eq!(findings("实现生物医药、高端制造、新材料五个突破"), one("count.listed", 0, "五个"));
}

#[test]
fn listed_count_look_alikes_stay_silent() {
    for text in [
        "计算机与通信设备、智能装备、生物医药、新材料、软件与信息服务等五大主导产业",
        "综合管廊、电力设施等27个项目",
        "创新驱动核心战略和产业强区主导战略“两大战略”",
        "形成产业链图谱、区域分布图“两图”",
        "新增省、市级研发机构20家",
        "牢固树立“四个意识”、坚定“四个自信”、做到“两个维护”",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn unmarked_markdown_headings_are_not_counted() {
    let md = "重点抓好以下两个方面工作：\n## 甲\n## 乙\n## 丙\n";
    assert_eq!(super::findings_in(md, workplan::DocumentKind::Markdown), vec![]);
}

#[test]
fn a_speaker_announces_the_parts_that_follow() {
    let speech = "下面，我就做好今年工作讲三点意见。\n01\n坚定信心，准确把握发展形势\n正文。\n02\n突出重点，全力推动高质量发展\n正文。\n03\n强化保障，确保各项任务落地见效\n正文。";
    assert_eq!(findings(speech), vec![]);
    let speech = "下面，我讲三点意见：\n一、认清形势\n（一）机遇\n（二）挑战\n二、突出重点\n三、强化保障";
    assert_eq!(findings(speech), vec![]);
    let speech = "下面，我讲三点意见。\n01\n坚定信心\n02\n突出重点";
    assert_eq!(findings(speech), one("count.announced", 0, "三点意见"));
    // Prose before the parts: what the count covers is not told.
    assert_eq!(findings("下面，我讲三点意见。\n同志们，今年任务艰巨。\n01\n坚定信心\n02\n突出重点"), vec![]);
}

#[test]
fn an_announced_inline_list_counts_its_own_run_not_a_list_inside_an_item() {
    let text = "重点抓好以下三个方面工作：\n一是稳投资，具体做到：一是抓开工；二是抓投产。二是促消费。三是强外贸。";
    assert_eq!(findings(text), vec![]);
}

/// Class by class, a numeral that belongs to a name does not count the run before it
/// (written in the style of published reports; each would fire if it were read as a count).
#[test]
fn numerals_inside_names_do_not_count_the_run() {
    for text in [
        // The name goes on after the classifier to end as the items end.
        "扎实开展主题教育、党纪学习教育、深入贯彻中央八项规定精神学习教育。",
        "深化党史学习教育、作风建设、落实中央八项规定精神专项整治。",
        // The name is an item of a list that goes on after it.
        "办好环湖自行车赛、铁人三项世界杯、国际马拉松等品牌赛事。",
        "整治乱收费、农村集体“三资”管理、医保基金使用等领域问题。",
        // The count is inside a quoted name.
        "良渚、石峁等遗址入选“全国十大考古新发现”。",
        // Quoted slogans and abbreviations of their own.
        "粮食播种面积、总产量实现“五连增”。",
        "安全事故起数、死亡人数和经济损失“三下降”。",
        // A fixed name after a list of what is done.
        "持续纠治“四风”、严格落实中央八项规定精神。",
        // The list is the attribute of the counted noun.
        "总投资300亿元、全长800公里的三条沿江旅游公路全线贯通。",
        "出台进一步扩大有效投资、促进民营经济发展的十条措施。",
        // It counts characters.
        "在“稳住、提质、扩量、增效”八个字上下功夫。",
        // Ordinals.
        "胜利召开全会、制定党的第三个历史决议。",
        "形成电子信息、装备制造全省第三大产业集群。",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn conjunctions_may_join_the_last_item() {
    // 和/及/与/以及 join the last two: three.
    assert_eq!(findings("围绕“提升服务效能、强化要素保障和优化政务环境”三大重点任务。"), vec![]);
    assert_eq!(findings("推进城乡低保、特困供养以及临时救助三项制度衔接。"), vec![]);
    // The count covers only the pair the conjunction joins.
    assert_eq!(findings("统筹推进港口扩能、航道整治、铁路和公路两条集疏运通道建设。"), vec![]);
    // Pairs set off by ， inside a quotation are the items.
    assert_eq!(findings("着力破解“用地紧、成本高，链条短、配套弱，人才少、流动快”三大发展瓶颈。"), vec![]);
    // Neither reading gives the count: still a finding.
    assert_eq!(
        findings("围绕“提升服务效能、强化要素保障和优化政务环境”五大重点任务。"),
        one("count.listed", 0, "五大")
    );
}

#[test]
fn etc_closes_an_open_list() {
    assert_eq!(findings("人工智能、航空航天、先进装备等六大科技专项深入实施。"), vec![]);
    assert_eq!(findings("人工智能、航空航天、先进装备、生物医药等三大科技专项。"), one("count.listed", 0, "三大"));
    // After 等, a count that fits only the last item's pair is still too small.
    assert_eq!(
        findings("人工智能、航空航天、先进装备、生物医药和新材料等两大科技专项。"),
        one("count.listed", 0, "两大")
    );
}

#[test]
fn real_miscounts_still_fire_with_their_exact_range() {
    let text = "做强电子信息、装备制造、食品饮料、先进材料三大产业，建设“链长制”、“园长制”两项机制。";
    // (The 、 between the quoted mechanisms is punct.quoted-list's hint.)
    let counted: Vec<_> = findings(text).into_iter().filter(|f| f.0.starts_with("count.")).collect();
    assert_eq!(counted, one("count.listed", 0, "三大"));
    let doc = workplan::Document::new(text, workplan::DocumentKind::PlainText);
    let d = &doc.findings()[0];
    assert_eq!(doc.span_text(d.related[0].range), "做强电子信息、装备制造、食品饮料、先进材料");
    assert!(d.message.contains("列出了4项") && d.message.contains("3项"), "{}", d.message);
    // Inside a quotation too.
    assert_eq!(findings("健全“考核、督查、激励、问责”三项机制。"), one("count.listed", 0, "三项"));
    // A quoted count whose noun names the items.
    assert_eq!(findings("形成产业链图谱、区域分布图、企业名录“四图”"), one("count.listed", 0, "“四图”"));
}

#[test]
fn many_counts_on_one_long_line_stay_linear() {
    let line = format!("{}乙三大产业{}", "甲、".repeat(50_000), "，甲、乙三大".repeat(20_000));
    let started = std::time::Instant::now();
    assert_eq!(findings(&line).len(), 20_000);
    // Quadratic, this took minutes; linear, about a second in a debug build.
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}
