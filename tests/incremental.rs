//! Incremental == fresh: after any sequence of edits, the document's blocks and analysis
//! equal those of a fresh parse of the final text, and the text equals a plain-string model
//! of the same edits.

use proptest::prelude::*;
use workplan::document::{Change, Document};
use workplan::syntax::DocumentKind;
use workplan::text::position::byte_offset;
use workplan::text::{PositionEncoding, TextPosition};

/// Pieces drafts are made of, chosen to hit every parser path and every encoding width.
const PIECES: &[&str] = &[
    "一、",
    "二、",
    "四、",
    "（一）",
    "（二）、",
    "(三)",
    "1.",
    "2、",
    "（1）",
    "①",
    "01",
    "第二部分",
    "# ",
    "## 三、",
    "一是",
    "二是",
    "四是",
    "一要",
    "第一，",
    "第二：",
    "首先",
    "重点抓好以下三个方面工作：",
    "围绕甲、乙、丙、丁三大产业",
    "“甲、乙和丙”三大",
    "农村集体“三资”管理、",
    "下面，我讲三点意见。",
    "附件",
    "附件2",
    "附件：1.甲",
    "附件：1.甲。",
    "2.乙；",
    "详见附件3",
    "附件：1.2026年重点项目清单",
    "2.2026年重点工作任务分解表",
    "附件1",
    "2026年重点项目计划清单",
    "附件1—2",
    "“甲",
    "》",
    "2026年4月31日",
    "2026年4月8日（星期二）",
    "3月5日（星期三）",
    "2026年1月5日",
    "苏政发[2024]05号",
    "于2025年11月底前完成",
    "2026年重点工作",
    "二〇二六年一月五日",
    "2026年01月05日",
    "2026-01-05",
    "某某区人民政府",
    "《甲》（苏政发〔2024〕5号）",
    "《乙》（苏政发〔2024〕5号）",
    "《甲》（苏政发〔2024〕6号）",
    "名词解释",
    "11.",
    "12.2025年",
    "第一、二产业",
    "6％",
    "7%",
    "前1?名",
    "加强党的建设",
    // What the context layer reads: parts, openings, tier words, periods.
    "2025年工作回顾",
    "2026年工作安排",
    "过去一年，",
    "五年来，",
    "今年",
    "初步统计，",
    "“十四五”时期",
    "确保",
    "力争",
    "预计",
    "地区生产总值增长7%",
    // 任务分解 fields: label lines, run-ins, unit spellings, dates.
    "牵头单位：区发改局",
    "责任单位：区发展改革局（牵头）、区财政局",
    "（牵头单位：区科技局；完成时限：2026年6月31日）",
    "完成时限：2025年底",
    "新增企业100家",
    "分别增长5%、6%",
    "。",
    "；",
    "：",
    "，",
    "𠀀",
    "😀",
    "甲",
    "乙",
    "abc",
    " ",
    "\u{3000}",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "```",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn encoding_strategy() -> impl Strategy<Value = PositionEncoding> {
    prop_oneof![Just(PositionEncoding::Utf8), Just(PositionEncoding::Utf16), Just(PositionEncoding::Utf32)]
}

#[derive(Debug, Clone)]
struct Edit {
    start: (usize, usize),
    end: (usize, usize),
    text: String,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    // Lines and columns may point past the end: they are clamped, as editors expect.
    ((0usize..12, 0usize..30), (0usize..12, 0usize..30), text_strategy().prop_map(|t| t.chars().take(12).collect()))
        .prop_map(|(start, end, text)| Edit { start, end, text })
}

/// Applies an edit to a plain string the same way the document must.
fn apply_to_string(model: &mut String, e: &Edit, enc: PositionEncoding) {
    let rope = ropey::Rope::from_str(model);
    let at =
        |(line, character)| byte_offset(&rope, TextPosition::new(line, character), enc).unwrap_or_else(|(_, end)| end);
    let (a, b) = (at(e.start), at(e.end));
    model.replace_range(a.min(b)..a.max(b), &e.text);
}

fn check(initial: &str, edits: &[Edit], enc: PositionEncoding, kind: DocumentKind) -> Result<(), TestCaseError> {
    let mut doc = Document::new(initial, kind);
    let mut model = initial.to_string();
    for e in edits {
        let change = Change {
            range: Some((TextPosition::new(e.start.0, e.start.1), TextPosition::new(e.end.0, e.end.1))),
            text: e.text.clone(),
        };
        doc.apply_changes(&[change], enc);
        apply_to_string(&mut model, e, enc);
        prop_assert_eq!(doc.text(), model.clone());
    }
    let fresh = Document::new(&model, kind);
    prop_assert_eq!(doc.blocks(), fresh.blocks());
    prop_assert_eq!(doc.analysis(), fresh.analysis());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_fresh_plain(initial in text_strategy(), edits in prop::collection::vec(edit_strategy(), 1..12), enc in encoding_strategy()) {
        check(&initial, &edits, enc, DocumentKind::PlainText)?;
    }

    #[test]
    fn incremental_equals_fresh_markdown(initial in text_strategy(), edits in prop::collection::vec(edit_strategy(), 1..12), enc in encoding_strategy()) {
        check(&initial, &edits, enc, DocumentKind::Markdown)?;
    }
}

/// A realistic draft: every structure, count and target the document-wide passes read, with
/// findings of each family (a gap, a wrong count, conflicting targets, a unit departure).
const DRAFT: &str = concat!(
    include_str!("../examples/2026-gaoxin-plan.txt"),
    "\n2025年地区生产总值达到300亿元。\n",
    "主要目标：地区生产总值达到320亿元，确保增长7%，力争增长6%；固定资产投资增长12%，",
    "固定资产投资增长10%，工业增加值达到400亿元，服务业增加值比重提高2%。\n",
    "一是提升能级；三是优化服务。面积5万平方米，另建5万㎡。\n",
    "三、2025年工作回顾\n",
    "过去一年，地区生产总值增长6%，城镇居民、农村居民人均可支配收入分别增长5%、6%。\n",
    "五年来，累计新增企业500家，高新技术企业达到300家。\n",
    "四、2026年工作安排\n",
    "今年主要预期目标是：地区生产总值增长7%左右，预计全年新增企业120家；确保增长6%。\n",
    "（一）建设平台\n牵头单位：区发改局\n（二）培育企业（牵头单位：区发展改革局；完成时限：2026年13月）\n",
    "（三）优化环境\n完成时限：2025年底\n（四）扩大开放\n责任单位：区商务局\n",
);

/// What a drafter types: characters, words that make or break statements, punctuation.
const TYPED: &[&str] = &[
    "甲",
    "的",
    "，",
    "。",
    "；",
    "：",
    "、",
    "7",
    "%",
    "亿元",
    "确保",
    "力争",
    "增长",
    "达到",
    "一是",
    "二是",
    "2025年",
    "地区生产总值",
    "牵头单位：",
    "（完成时限：",
    "区发改局",
    "以下三个方面",
    "回顾",
    "过去一年，",
    "五年来，",
    "今年",
    "预计",
    " ",
    "😀",
    "𠀀",
    "",
];

/// One keystroke: at (line, column in characters), delete `delete` characters, type `text`.
fn keystroke() -> impl Strategy<Value = (usize, usize, usize, &'static str)> {
    (0usize..42, 0usize..90, prop_oneof![4 => Just(0usize), 1 => 1usize..4], prop::sample::select(TYPED))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Typing into a realistic draft, where most keystrokes only move text within a line and
    /// the analysis is moved past them instead of recomputed: after every keystroke, and
    /// after batches analysed once, it equals a fresh analysis.
    #[test]
    fn typing_into_a_draft_equals_fresh(keys in prop::collection::vec(keystroke(), 1..16), batch in 1usize..4) {
        let mut doc = Document::new(DRAFT, DocumentKind::PlainText);
        for group in keys.chunks(batch) {
            for &(line, column, delete, text) in group {
                let start = TextPosition::new(line, column);
                let change = Change { range: Some((start, TextPosition::new(line, column + delete))), text: text.into() };
                doc.edit(&[change], PositionEncoding::Utf32);
            }
            doc.refresh();
            let fresh = Document::new(&doc.text(), DocumentKind::PlainText);
            prop_assert_eq!(doc.blocks(), fresh.blocks());
            prop_assert_eq!(doc.analysis(), fresh.analysis());
        }
    }
}

#[test]
fn whole_text_replacement_and_batches_apply_in_order() {
    let mut doc = Document::new("一、甲\n二、乙\n", DocumentKind::PlainText);
    doc.apply_changes(
        &[
            Change { range: None, text: "一、甲\n三、乙\n".into() },
            Change { range: Some((TextPosition::new(1, 0), TextPosition::new(1, 1))), text: "二".into() },
        ],
        PositionEncoding::Utf16,
    );
    assert_eq!(doc.text(), "一、甲\n二、乙\n");
    assert!(doc.findings().is_empty());
}

#[test]
fn inserting_lf_after_cr_merges_the_line_break() {
    let mut doc = Document::new("一、甲\r二、乙\r四、丙", DocumentKind::PlainText);
    assert_eq!(doc.line_count(), 3);
    // Position (1, 0) is just after the lone CR: inserting LF there turns it into CRLF.
    doc.apply_changes(
        &[Change { range: Some((TextPosition::new(1, 0), TextPosition::new(1, 0))), text: "\n".into() }],
        PositionEncoding::Utf16,
    );
    assert_eq!(doc.line_count(), 3);
    assert_eq!(doc.blocks(), Document::new(&doc.text(), DocumentKind::PlainText).blocks());
}

/// The context layer follows an edit of a heading or an opening: the statements below it
/// are labelled anew, as a fresh analysis labels them.
#[test]
fn editing_a_heading_relabels_the_statements_below_it() {
    let text = "某某区2026年工作计划\n一、主要工作\n地区生产总值增长6%。\n";
    let mut doc = Document::new(text, DocumentKind::PlainText);
    let modality =
        |doc: &Document| doc.analysis().targets.iter().map(|t| (t.modality, t.period.clone())).collect::<Vec<_>>();
    use workplan::analysis::targets::Period;
    use workplan::syntax::targets::Modality;
    assert_eq!(modality(&doc), [(Modality::Target, Period::Year(2026))]);
    // The heading becomes a review of 2025: the figure below it is an outturn.
    let change =
        Change { range: Some((TextPosition::new(1, 2), TextPosition::new(1, 6))), text: "2025年工作回顾".into() };
    doc.apply_changes(&[change], PositionEncoding::Utf32);
    assert_eq!(modality(&doc), [(Modality::Actual, Period::Year(2025))]);
    assert_eq!(doc.analysis(), Document::new(&doc.text(), DocumentKind::PlainText).analysis());
    // An opening inserted above the figure does the same.
    let mut doc = Document::new(text, DocumentKind::PlainText);
    let change =
        Change { range: Some((TextPosition::new(2, 0), TextPosition::new(2, 0))), text: "过去一年，".into() };
    doc.apply_changes(&[change], PositionEncoding::Utf32);
    assert_eq!(modality(&doc), [(Modality::Actual, Period::Year(2025))]);
    assert_eq!(doc.analysis(), Document::new(&doc.text(), DocumentKind::PlainText).analysis());
}
