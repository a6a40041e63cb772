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

#[test]
fn deadline_dates_that_cannot_be() {
    // A date with its year or day is date.impossible's, in a deadline as anywhere else.
    assert_eq!(findings("一、建设平台\n完成时限：2026年6月31日前"), one("date.impossible", 1, "2026年6月31日"));
    assert_eq!(findings("一、建设平台\n时间节点：2026年2月29日"), one("date.impossible", 1, "2026年2月29日"));
    // A month alone is a date only in a deadline field.
    assert_eq!(findings("一、建设平台（完成时限：13月底）"), one("task.deadline-invalid", 0, "13月"));
    assert_eq!(findings("一、建设平台\n时间节点：2028年2月29日"), vec![]);
}

#[test]
fn deadlines_before_the_plan_year() {
    let text = "某某高新区2026年工作要点任务分解\n一、建设平台\n完成时限：2025年12月底\n二、培育企业\n完成时限：2026年12月底\n三、优化生态\n完成时限：2027年6月底\n";
    assert_eq!(findings(text), one("task.deadline-invalid", 2, "2025年12月"));
    // Without a title year there is nothing to compare with.
    assert_eq!(findings("一、建设平台\n完成时限：2025年12月底"), vec![]);
}

#[test]
fn deadline_phrases_are_not_judged() {
    for value in ["长期坚持", "持续推进", "2026年第三季度", "年内", "每季度", "2026年全年", "20日前", "按上级部署"]
    {
        assert_eq!(findings(&format!("某某高新区2026年工作要点\n一、建设平台\n完成时限：{value}")), vec![], "{value}");
    }
}

#[test]
fn one_department_written_two_ways() {
    let text = "\
一、建设平台
牵头单位：区发改局
二、推进项目（牵头单位：区发展改革局；配合单位：区科技局、市科学技术局）
三、优化环境
责任单位：区发展和改革局（牵头）、区发改局
";
    assert_eq!(
        findings(text),
        vec![
            ("task.unit-alias".to_string(), 2, "区发展改革局".to_string()),
            ("task.unit-alias".to_string(), 4, "区发展和改革局".to_string()),
        ]
    );
    let doc = workplan::Document::new(text, DocumentKind::PlainText);
    for finding in doc.findings() {
        assert_eq!(doc.span_text(finding.related[0].range), "区发改局");
        assert_eq!(finding.related[0].range.line, 1);
    }
}

#[test]
fn other_units_and_prose_are_not_aliases() {
    for text in [
        "一、建设平台\n牵头单位：区科技局\n配合单位：市科技局",
        "一、推进区发展改革局牵头的项目\n牵头单位：区发改局",
        "一、甲\n牵头单位：区发改委\n二、乙\n牵头单位：区发改局",
        "一、甲\n牵头单位：区财政局\n二、乙\n牵头单位：区财政局等",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

/// The team's `[[org]]` table joins spellings the built-in list does not know.
#[test]
fn the_teams_own_units() {
    let config = workplan::Config::from_toml("[[org]]\nname = \"区行政服务中心\"\naliases = [\"区政务服务中心\"]\n")
        .expect("config");
    let text = "一、甲\n牵头单位：区行政服务中心\n二、乙\n牵头单位：区政务服务中心\n";
    let doc = workplan::Document::with_config(text, DocumentKind::PlainText, std::sync::Arc::new(config));
    let found: Vec<(&str, usize, String)> =
        doc.findings().iter().map(|d| (d.code.as_str(), d.range.line, doc.span_text(d.range))).collect();
    assert_eq!(found, [("task.unit-alias", 3, "区政务服务中心".to_string())]);
    assert_eq!(findings(text), vec![]);
}
