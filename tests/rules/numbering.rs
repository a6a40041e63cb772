//! numbering.gap, numbering.marker-style, numbering.mixed-style, numbering.level-order,
//! enumeration.gap.

use super::{findings, findings_in, fix_of, one};
use workplan::syntax::DocumentKind;

#[test]
fn gap_skip_repeat_and_backwards() {
    assert_eq!(findings("一、甲\n二、乙\n四、丙"), one("numbering.gap", 2, "四、"));
    assert_eq!(findings("（一）甲\n（二）乙\n（二）丙"), one("numbering.gap", 2, "（二）"));
    assert_eq!(findings("1.甲\n2.乙\n3.丙\n2.丁"), one("numbering.gap", 3, "2."));
    // One skip is one finding: the next marker follows the one written.
    assert_eq!(findings("一、甲\n二、乙\n四、丙\n五、丁"), one("numbering.gap", 2, "四、"));
}

#[test]
fn gap_in_markdown_headings() {
    let text = "# 标题\n## 一、甲\n## 二、乙\n## 四、丙\n";
    assert_eq!(findings_in(text, DocumentKind::Markdown), one("numbering.gap", 3, "四、"));
}

#[test]
fn sequences_restart_under_each_parent_and_at_one() {
    assert_eq!(findings("一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n（二）子"), vec![]);
    // 江阴高新区 2020: 一…六, a lead-in paragraph, then 一…五 again.
    assert_eq!(findings("一、a\n二、b\n三、c\n2020年，将重点做好以下工作。\n一、d\n二、e"), vec![]);
    // A plain paragraph marker cannot continue a Markdown heading's level.
    let md = "## 一、回顾\n## 二、目标\n### （一）甲\n一、加强保障\n## 三、措施\n";
    assert_eq!(findings_in(md, DocumentKind::Markdown), one("numbering.level-order", 3, "一、"));
}

#[test]
fn marker_style_every_wrong_variant_with_its_fix() {
    for (text, covered, right) in [
        ("一.加强党建", "一.", "一、"),
        ("一．加强党建", "一．", "一、"),
        ("一，加强党建", "一，", "一、"),
        ("（一）、建设平台", "（一）、", "（一）"),
        ("(一)建设平台", "(一)", "（一）"),
        ("(一)、建设平台", "(一)、", "（一）"),
        ("1、推进项目", "1、", "1."),
        ("1，推进项目", "1，", "1."),
        // Full-width digits: one finding, one fix for the whole marker (not unit.fullwidth-digit,
        // whose fix alone would leave `3,` for a second pass).
        ("３,发布相关信息", "３,", "3."),
        ("１２．推进项目", "１２．", "12."),
        ("（1）、健全机制", "（1）、", "（1）"),
        ("(1)健全机制", "(1)", "（1）"),
        ("第一：加强组织领导。", "第一：", "第一，"),
    ] {
        assert_eq!(findings(text), one("numbering.marker-style", 0, covered), "{text}");
        assert_eq!(fix_of(text), vec![right.to_string()], "{text}");
    }
}

#[test]
fn marker_style_is_silent_on_canonical_and_accepted_forms() {
    for text in [
        "一、加强",
        "（一）建设",
        "1.推进",
        "1．推进",
        "1)推进",
        "（1）健全",
        "1）健全",
        "①加强",
        "第一部分",
        "01",
        "第一，加强。第二，强化。",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn marker_style_fix_is_idempotent() {
    let doc = workplan::Document::new("（二）、建设", DocumentKind::PlainText);
    let d = &doc.findings()[0];
    let fixed = format!("{}{}", d.fix[0].new_text, &"（二）、建设"[d.range.span.end()..]);
    assert_eq!(findings(&fixed), vec![]);
}

#[test]
fn mixed_style_flags_each_use_of_the_second_variant() {
    assert_eq!(
        findings("（一）甲\n1.一\n2.二\n3．三\n4．四"),
        vec![
            ("numbering.mixed-style".to_string(), 3, "3．".to_string()),
            ("numbering.mixed-style".to_string(), 4, "4．".to_string()),
        ]
    );
    assert_eq!(findings("1．一\n2.二"), one("numbering.mixed-style", 1, "2."));
    assert_eq!(findings("1.一\n2.二\n（1）甲\n（2）乙"), vec![]);
}

#[test]
fn level_order_flags_a_shallower_marker_under_a_deeper_one() {
    assert_eq!(findings("（一）甲\n一、乙"), one("numbering.level-order", 1, "一、"));
    assert_eq!(findings("1.甲\n（一）乙"), one("numbering.level-order", 1, "（一）"));
    assert_eq!(findings("第一部分 总体\n一、甲\n（一）乙\n1.丙\n（1）丁\n①戊"), vec![]);
    // A run of such markers under one heading is one fact, said once at its first marker
    // (an unseen 新区 plan had six).
    let doc = workplan::Document::new("（一）重点工作\n一、规划\n二、土地储备\n三、基础设施", DocumentKind::PlainText);
    let found: Vec<_> = doc.findings().iter().map(|d| (d.code.as_str(), d.range.line, d.message.clone())).collect();
    assert_eq!(
        found,
        [(
            "numbering.level-order",
            1,
            "层级颠倒：“一、”一级的序号出现在“（一）”一级之下（其下同级的另外2处同样）；按 GB/T 9704，“（一）”应在“一、”之下。"
                .to_string()
        )]
    );
}

#[test]
fn enumeration_gap_skip_and_repeat() {
    let text = "（一）壮大创新主体。一是实施倍增计划；二是培育企业；四是建设机构。";
    assert_eq!(findings(text), one("enumeration.gap", 0, "四是"));
    assert_eq!(findings("一要加强。\n二要建设。\n二要完善。"), one("enumeration.gap", 2, "二要"));
    assert_eq!(findings("第一，加强。第三，营造。"), one("enumeration.gap", 0, "第三，"));
}

#[test]
fn enumeration_is_per_section_and_per_kind() {
    let text = "（一）甲。一是a；二是b。\n（二）乙。一是c；二是d。一要e；二要f。";
    assert_eq!(findings(text), vec![]);
    assert_eq!(findings("首先，加强。其次，建设。最后，完善。"), vec![]);
}

#[test]
fn a_wrong_ordinal_is_one_finding_not_two() {
    assert_eq!(findings("第一:加强组织领导。"), one("numbering.marker-style", 0, "第一:"));
}

#[test]
fn mixed_style_points_at_the_first_variant() {
    let doc = workplan::Document::new("1.一\n2．二", DocumentKind::PlainText);
    let d = &doc.findings()[0];
    assert_eq!(d.related[0].range.line, 0);
    // Each marker quoted as its line writes it, number and all.
    assert_eq!(d.message, "同一层级序号写法不一致：前文写作“1.”，此处写作“2．”，宜统一。");
    let doc = workplan::Document::new("1．一\n2.二\n3.三", DocumentKind::PlainText);
    assert!(doc.findings()[1].message.contains("此处写作“3.”"), "{}", doc.findings()[1].message);
}

#[test]
fn an_inline_list_that_restarts_is_a_second_list() {
    // One policy's 一是…四是, then a lead-in and another policy's 一是…二是.
    let text = "（二）优化营商环境。一是压缩审批时限；二是降低制度成本；三是规范涉企检查；四是畅通诉求渠道。\
                围绕科技金融，出台专项支持政策：一是设立风险补偿资金；二是扩大知识产权质押融资。";
    assert_eq!(findings(text), vec![]);
    // The same in paragraphs of their own.
    let text = "一是压缩审批时限。\n二是降低制度成本。\n三是规范涉企检查。\n四是畅通诉求渠道。\n\
                围绕科技金融，出台专项支持政策：\n一是设立风险补偿资金。\n二是扩大知识产权质押融资。";
    assert_eq!(findings(text), vec![]);
    // A skip in the second list is still a skip.
    let text = "一是压缩审批时限；二是降低制度成本；三是规范涉企检查。另出台专项政策：一是设立资金；三是扩大融资。";
    assert_eq!(findings(text), one("enumeration.gap", 0, "三是"));
}

#[test]
fn an_outer_list_goes_on_after_a_list_inside_one_of_its_items() {
    let text = "（三）强化督查考核。一是明确责任分工；二是严格过程管理，具体做到：一是每月调度；二是季度通报；\
                三是年终考评。三是强化结果运用；四是健全激励机制。";
    assert_eq!(findings(text), vec![]);
    // Neither list goes on there: a skip.
    let text = "一是明确责任分工；二是严格过程管理，具体做到：一是每月调度；二是季度通报。五是健全激励机制。";
    assert_eq!(findings(text), one("enumeration.gap", 0, "五是"));
}

#[test]
fn ordinals_run_together_in_body_text_are_not_a_list() {
    // `第一、二产业` is the primary and secondary industries, not the first item of a list.
    let text = "第一，做强先进制造业。\n第二，稳住农业基本盘。\n第一、二产业增加值分别增长6.2%和3.5%。\n\
                第一、二批试点园区全部建成投用。\n第三，强化要素保障。";
    assert_eq!(findings(text), vec![]);
    let text = "第一、第二批试点园区全部建成。第三，加强要素保障。";
    assert_eq!(findings(text), vec![]);
}

#[test]
fn a_glossary_entry_that_starts_with_digits_continues_the_entries() {
    let text =
        "附件\n名词解释\n11.“小升规”：小微企业升级为规模以上企业。\n12.2025年度十件实事：市政府承诺办理的民生实事。\n\
                13.3+1产业体系：三大主导产业加一个新兴产业集群。\n14.“一老一小”：老年人和婴幼儿。";
    assert_eq!(findings(text), vec![]);
    // A measured decimal opening a paragraph stays a number, run or no run.
    assert_eq!(findings("1.推进产业升级。\n2.5万家企业完成数字化改造。\n2.加强要素保障。"), vec![]);
    // Where it does not continue the entries, it is a number; the skip shows at the next entry.
    assert_eq!(
        findings("11.“小升规”：小微企业升级。\n13.3+1产业体系：三大主导产业。\n14.“一老一小”。"),
        one("numbering.gap", 2, "14.")
    );
    assert_eq!(findings("10.“两新”。\n11.“小升规”。\n13.“一老一小”。"), one("numbering.gap", 2, "13."));
}

#[test]
fn an_appendix_is_numbered_afresh() {
    let text = "一、回顾\n二、安排\n（一）扩内需\n（二）惠民生\n附件2\n2026年十件民生实事\n一、新增就业岗位5万个\n二、改造老旧小区120个";
    assert_eq!(findings(text), vec![]);
    // Inside the appendix, numbering is checked as anywhere.
    let text = "二、安排\n（十）自身建设\n附件1：名词解释\n1.“两新”\n2.“两重”\n4.“三资”";
    assert_eq!(findings(text), one("numbering.gap", 5, "4."));
}
