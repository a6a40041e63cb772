//! task.lead-missing: only in a 任务分解 whose tasks mostly name a unit.

use super::{findings, findings_in, one};
use workplan::syntax::DocumentKind;

#[test]
fn a_task_without_the_lead_its_siblings_have() {
    let text = "\
一、加快建设创新平台
牵头单位：区科技局
二、壮大科技企业梯队（牵头单位：区科技局；完成时限：2026年6月底）
三、优化创新创业生态
完成时限：2026年底
四、推动产业集聚发展
责任单位：区经信局（牵头）、区发改局
";
    assert_eq!(findings(text), one("task.lead-missing", 3, "三、"));
    let doc = workplan::Document::new(text, DocumentKind::PlainText);
    let finding = &doc.findings()[0];
    assert_eq!(finding.related.len(), 1);
    assert_eq!(doc.span_text(finding.related[0].range), "牵头单位");
    assert_eq!(finding.related[0].range.line, 2);
}

#[test]
fn run_in_items_count_as_siblings() {
    let text = "（一）优化生态。一是完善载体（牵头单位：区科技局）；二是深化合作（牵头单位：区教育局）；三是办好大赛；四是建设社区（责任单位：区住建局）。";
    assert_eq!(findings(text), one("task.lead-missing", 0, "三是"));
}

#[test]
fn covered_by_its_sub_tasks_or_its_heading() {
    // 三、 has its leads on its sub-tasks; 2. under （一） inherits its heading's.
    let text = "\
一、加快建设创新平台
牵头单位：区科技局
二、壮大科技企业梯队
牵头单位：区科技局
三、优化创新创业生态
（一）完善孵化载体
牵头单位：区科技局
1.新建孵化器
牵头单位：区科技局
2.建设众创空间
3.举办大赛
牵头单位：区团工委
（二）深化产学研合作
牵头单位：区教育局
";
    assert_eq!(findings(text), vec![]);
}

#[test]
fn silent_without_a_majority_or_enough_siblings() {
    for text in [
        "一、甲\n牵头单位：区科技局\n二、乙\n三、丙\n四、丁",
        "一、甲\n牵头单位：区科技局\n二、乙",
        "一、甲\n二、乙\n三、丙",
        "一、甲\n配合单位：区财政局\n二、乙\n配合单位：区财政局\n三、丙",
        "牵头单位：区科技局\n一、甲\n二、乙\n三、丙",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn fields_in_a_markdown_code_fence_are_not_read() {
    let text = "## 一、甲\n\n牵头单位：区科技局\n\n## 二、乙\n\n```\n牵头单位：区科技局\n```\n\n## 三、丙\n";
    assert_eq!(findings_in(text, DocumentKind::Markdown), vec![]);
}
