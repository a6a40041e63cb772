//! attachment.missing (GB/T 9704-2012 §7.3.4).

use super::{findings, one};

const LIST: &str = "附件：1.关于A的通知\n2.关于B的通知";

#[test]
fn a_reference_past_the_list_is_reported_at_its_number() {
    let text = format!("各单位按要求填报（详见附件3）。\n{LIST}");
    assert_eq!(findings(&text), one("attachment.missing", 0, "3"));
    let doc = workplan::Document::new(&text, workplan::DocumentKind::PlainText);
    let d = &doc.findings()[0];
    assert_eq!(doc.span_text(d.related[0].range), "附件：");
    let text = format!("报送附件1—4所列材料。\n{LIST}");
    assert_eq!(findings(&text), one("attachment.missing", 0, "4"));
}

#[test]
fn listed_carried_and_other_documents_attachments_stay_silent() {
    for text in [
        format!("详见附件2。\n{LIST}"),
        "各单位按要求填报（详见附件3）。".to_string(),
        format!("按照《关于开展检查的通知》附件3的要求填报。\n{LIST}"),
        format!("按照苏政发〔2024〕5号文附件3填报。\n{LIST}"),
        format!("详见附件3。\n{LIST}\n附件3\n关于C的通知"),
    ] {
        assert_eq!(findings(&text), vec![], "{text}");
    }
}

#[test]
fn a_name_in_the_list_takes_no_closing_mark() {
    assert_eq!(findings("附件：1.关于A的通知\n2.关于B的通知。"), one("attachment.punctuation", 1, "。"));
    assert_eq!(findings("附件：1.关于A的通知；\n2.关于B的通知"), one("attachment.punctuation", 0, "；"));
    assert_eq!(findings("1.加强党的建设。\n2.推进改革创新。"), vec![]);
}

/// A list whose names start with a year (`2.2026年…` reads as a decimal).
const YEARS: &str = "附件：1.2026年重点项目清单\n2.2026年重点工作任务分解表\n某某区人民政府\n2026年1月5日";

#[test]
fn a_name_that_starts_with_a_year_is_the_lists_second() {
    assert_eq!(findings(&format!("详见附件2。\n{YEARS}")), vec![]);
    assert_eq!(findings(&format!("详见附件3。\n{YEARS}")), one("attachment.missing", 0, "3"));
    assert_eq!(findings(&format!("{YEARS}\n附件2\n2026年重点工作任务分解表。")), vec![]);
}

#[test]
fn an_attachments_title_unlike_its_name_in_the_list_is_a_hint() {
    let text = format!("{YEARS}\n附件1\n2026年重点项目计划清单\n序号\t项目");
    assert_eq!(findings(&text), one("attachment.title", 5, "2026年重点项目计划清单"));
    let doc = workplan::Document::new(&text, workplan::DocumentKind::PlainText);
    let d = &doc.findings()[0];
    assert_eq!(d.severity, workplan::Severity::Hint);
    assert_eq!(
        d.message,
        "附件说明中附件1的名称是“2026年重点项目清单”，此处附件1的标题是“2026年重点项目计划清单”，两处不一致，请核对。"
    );
    assert_eq!(doc.span_text(d.related[0].range), "2026年重点项目清单");
    // Another listed name: the number is wrong. On the label's line too.
    let text = format!("{YEARS}\n附件1：2026年重点工作任务分解表");
    assert_eq!(findings(&text), one("attachment.title", 4, "2026年重点工作任务分解表"));
    let doc = workplan::Document::new(&text, workplan::DocumentKind::PlainText);
    assert!(doc.findings()[0].message.contains("是附件说明中附件2的名称，请核对附件序号"));
}

#[test]
fn titles_that_agree_or_are_not_compared_stay_silent() {
    for carried in [
        "附件1\n2026年重点项目清单",
        "附件1\n　　2026 年重点项目清单。",
        "附件1\n《2026年重点项目清单》",
        // A long title broken over two lines; the list's full name.
        "附件1\n2026年重点项目",
        "附件1\n重点项目清单",
        // No title: a table, a form, prose.
        "附件1\n序号\t项目\t牵头单位",
        "附件1\n各单位要按时报送，报送地址如下。",
        "附件1\n附件2",
        // A title unlike any listed name: perhaps not its title.
        "附件1\n区属国有企业负责人名单",
    ] {
        let text = format!("{YEARS}\n{carried}");
        assert_eq!(findings(&text), vec![], "{text}");
    }
    // No list: nothing to compare with.
    assert_eq!(findings("附件1\n2026年重点项目计划清单"), vec![]);
}
