//! Hover markdown, pinned as snapshots: an indicator with targets in this draft and in an
//! older draft of the workspace, and a quantity.

use workplan::features::hover::{indicator_hover, quantity_hover, target_at, OtherDraft};
use workplan::features::workspace::DraftSummary;
use workplan::{Document, DocumentKind};

const NEWER: &str = "某某高新区2024年工作要点\n主要预期目标是：地区生产总值达到480亿元、增长7%左右，固定资产投资增长10%。\n一、稳增长\n（一）抓投资。固定资产投资增长12%，连接设备数达到5万台。\n附:2023年主要指标完成情况，地区生产总值完成420亿元。\n";
const OLDER: &str = "某某高新区2023年工作要点\n主要预期目标是：地区生产总值增长6%，固定资产投资增长8%。\n";

fn link(name: &'static str) -> impl Fn(usize) -> String {
    move |line| format!("file:///plans/{name}#L{}", line + 1)
}

#[test]
fn indicator_hover_with_an_older_draft() {
    let doc = Document::new(NEWER, DocumentKind::PlainText);
    let older = DraftSummary::of(&Document::new(OLDER, DocumentKind::PlainText));
    let others = [OtherDraft { label: "2023-plan.txt".into(), link: Box::new(link("2023-plan.txt")), summary: &older }];
    let line = NEWER.lines().nth(1).expect("line 1");
    let t = target_at(&doc, 1, line.find("地区生产总值").expect("name")).expect("a statement");
    insta::assert_snapshot!("hover_gdp", indicator_hover(&doc, t, &link("2024-plan.txt"), &others));
    let line = NEWER.lines().nth(3).expect("line 3");
    let t = target_at(&doc, 3, line.find("12%").expect("value")).expect("a statement");
    insta::assert_snapshot!("hover_investment_conflict", indicator_hover(&doc, t, &link("2024-plan.txt"), &[]));
}

#[test]
fn quantity_hover_in_base_units() {
    let doc = Document::new(NEWER, DocumentKind::PlainText);
    let line = NEWER.lines().nth(3).expect("line 3");
    assert_eq!(quantity_hover(&doc, 3, line.find("5万台").expect("quantity")).as_deref(), Some("5万台 = 50000 台"));
}
