//! Fixes are idempotent (fixing until nothing changes, then again, changes nothing) and local
//! (each rewrite stays inside the characters its finding flags), over random drafts full of
//! fixable mistakes: the pieces below and every rule page's wrong examples, side by side.

mod rule_examples;

use std::sync::LazyLock;

use proptest::prelude::*;
use workplan::features::fixes::{fix_until_stable, fixed_text};
use workplan::{Document, DocumentKind};

const PIECES: &[&str] = &[
    "一.",
    "二、",
    "（二）、",
    "(三)",
    "1、",
    "2.",
    "（1）、",
    "(1)",
    "第一：",
    "第二，",
    "１０％",
    "9.2％",
    "前1?名",
    "吗?",
    "３．５亿元",
    "1-2年",
    "2017-2019年",
    "10-15%",
    "10~20%",
    "5 万台",
    "110KV",
    "30KW",
    "1，200亿元",
    "约50个左右",
    "超过2000家以上",
    "二十五家",
    "百分之十",
    "附:",
    "情况,",
    "(增长6.5%)",
    "新增",
    "企业",
    "加强党建",
    "。",
    "；",
    "，",
    "、",
    "\n",
    "\r\n",
    "𠀀",
    "abc",
    " ",
    "50MW",
    "5万㎡",
    "30万平方米",
    "“",
    "”",
    "《",
    "》",
    "，，",
    "。。",
    "”、“",
    "》、《",
    "二零二六年",
    "2026年4月31日",
    "2026年4月8日（星期二）",
    "\n二〇二六年一月五日",
    "\n2026年01月05日\n",
    "苏政发[2024]05号",
    "…",
    "附件：1.甲。",
    "\n2.乙；",
    "……",
    "市政办(2023)8号",
    "国办发【2024】第12号",
    "国发〔2024〕5号《",
];

/// The pieces and the wrong examples of every rule page.
static ALL_PIECES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut all: Vec<String> = PIECES.iter().map(|p| p.to_string()).collect();
    all.extend(rule_examples::wrong_examples());
    all
});

fn draft() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALL_PIECES.as_slice()), 0..40).prop_map(|v| v.concat())
}

/// `check --fix`: every certain fix, round after round, until nothing changes.
fn fix(text: &str) -> String {
    let analyse = |t: &str| Document::new(t, DocumentKind::PlainText);
    let fixed = fix_until_stable(analyse(text), analyse);
    assert!(fixed.settled, "fixes still to make after the last round: {text:?}");
    fixed.doc.text()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn fixing_twice_equals_fixing_once(text in draft()) {
        let once = fix(&text);
        prop_assert_eq!(fix(&once), once);
    }

    #[test]
    fn fixes_touch_only_the_flagged_characters(text in draft()) {
        let doc = Document::new(&text, DocumentKind::PlainText);
        for d in &doc.findings() {
            for r in &d.fix {
                prop_assert_eq!(r.range.line, d.range.line);
                prop_assert!(d.range.span.start() <= r.range.span.start() && r.range.span.end() <= d.range.span.end(), "{:?}", d);
            }
        }
    }

    #[test]
    fn fixes_keep_every_line_break(text in draft()) {
        let fixed = fix(&text);
        let breaks = |s: &str| s.match_indices(['\r', '\n']).map(|(_, b)| b.to_string()).collect::<Vec<_>>();
        prop_assert_eq!(breaks(&fixed), breaks(&text));
    }
}

#[test]
fn fix_all_rewrites_every_certain_finding() {
    let text = "一.加强\n（二）、建设\n增长１０％，技改投资增长10-15%，达到5 万台，建成110KV变电站，约50个左右。\n附:情况,说明";
    let fixed = fixed_text(&Document::new(text, DocumentKind::PlainText));
    assert_eq!(
        fixed,
        "一、加强\n（二）建设\n增长10%，技改投资增长10%~15%，达到5万台，建成110kV变电站，约50个。\n附：情况，说明"
    );
}

#[test]
fn every_wrong_example_is_read() {
    assert!(rule_examples::wrong_examples().len() >= 40, "{}", rule_examples::wrong_examples().len());
}

/// Fixes that make room for other fixes: one round is not enough, rounds until nothing
/// changes are.
#[test]
fn fixes_that_need_a_second_round_get_it() {
    let text = "约５亿元左右";
    let once = fixed_text(&Document::new(text, DocumentKind::PlainText));
    assert_ne!(fixed_text(&Document::new(&once, DocumentKind::PlainText)), once, "one round settles it");
    assert_eq!(fix(text), "约5亿元");
}
