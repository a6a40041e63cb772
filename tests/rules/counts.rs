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
