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
