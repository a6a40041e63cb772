//! date.* (the calendar, GB/T 15835, GB/T 9704 §7.3.5.4).

use super::{findings, fix_of, one};

#[test]
fn a_day_its_month_does_not_have_is_reported_whole() {
    assert_eq!(findings("定于2026年4月31日前完成。"), one("date.impossible", 0, "2026年4月31日"));
    assert_eq!(findings("2026年13月启动"), one("date.impossible", 0, "2026年13月"));
    assert_eq!(findings("2025年2月29日召开会议。"), one("date.impossible", 0, "2025年2月29日"));
    assert_eq!(findings("6月31日前报送。"), one("date.impossible", 0, "6月31日"));
}

#[test]
fn real_dates_spans_and_titles_stay_silent() {
    for text in [
        "1—7月累计完成投资。",
        "2024年2月29日召开会议。",
        "2月29日前报送。",
        "用13个月时间完成。",
        "《关于2026年4月31日前完成整改的通知》",
        "5月底前完成，12月31日前验收。",
        "苏政发〔2026〕13号",
        "会议定于2026年4月8日召开。",
        "2026年1月1日（星期四）",
        "4月8日（星期二）",
        "详见2026-01-05的通知",
        "|日期|2026-01-05|",
        "2026年1月5日",
        "实现零的突破。",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

#[test]
fn a_weekday_that_is_not_the_dates_is_reported() {
    assert_eq!(findings("会议定于2026年4月8日（星期二）召开。"), one("date.weekday", 0, "星期二"));
    assert_eq!(findings("2026年1月5日（周日）上午报到"), one("date.weekday", 0, "周日"));
    assert_eq!(findings("2026年4月8日（星期三）"), vec![]);
}

#[test]
fn a_year_in_chinese_numerals_writes_zero_as_ling_circle() {
    assert_eq!(findings("到二零三五年基本实现现代化。"), one("date.chinese-zero", 0, "二零三五"));
    assert_eq!(fix_of("到二零三五年基本实现现代化。"), ["二〇三五"]);
    assert_eq!(findings("到二〇三五年基本建成。"), vec![]);
}

#[test]
fn a_dateline_is_written_with_arabic_numerals_and_no_leading_zeros() {
    assert_eq!(fix_of("特此通知。\n二〇二六年一月五日"), ["2026年1月5日"]);
    assert_eq!(fix_of("某某市人民政府\n二零二六年十二月三十一日"), ["2026年12月31日"]);
    assert_eq!(fix_of("2026年01月05日\n（此件公开发布）"), ["2026年1月5日"]);
    assert_eq!(findings("特此通知。\n　　　　2026年1月05日"), one("date.dateline", 1, "2026年1月05日"));
    // The body's dateline, before the attachments; an attachment's dates are its own.
    assert_eq!(
        findings("特此通知。\n2026年01月05日\n附件1\n2026年01月05日"),
        one("date.dateline", 1, "2026年01月05日")
    );
}

#[test]
fn dates_alone_in_the_body_or_a_table_are_not_datelines() {
    for text in [
        "于2026年01月05日前报送。",
        "2026年01月05日\n2026年01月12日",
        "开工日期\n2026年01月05日\n一、总体要求\n二、重点任务\n三、保障措施\n四、其他事项\n五、附则",
        "2026年1月5日",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
}

const PLAN: &str = "2026年工作要点\n一、2025年工作回顾\n主要指标稳中有进。\n二、2026年重点工作\n";

#[test]
fn a_deadline_before_the_plan_year_in_a_plan_part_is_noted() {
    let text = format!("{PLAN}（一）加快项目建设。于2025年11月底前完成主体工程。");
    assert_eq!(findings(&text), one("date.deadline-past", 4, "2025年11月底前"));
    let doc = workplan::Document::new(&text, workplan::DocumentKind::PlainText);
    assert_eq!(doc.findings()[0].severity, workplan::Severity::Information);
}

#[test]
fn deadlines_in_reviews_met_ones_and_plan_year_ones_stay_silent() {
    for text in [
        "2026年工作要点\n一、2025年工作回顾\n（一）项目建设。于2025年11月底前完成主体工程。".to_string(),
        format!("{PLAN}（一）加快项目建设。主体工程已于2025年11月底前完成，年内投产。"),
        format!("{PLAN}（一）加快项目建设。于2026年11月底前完成主体工程。"),
        format!("{PLAN}（一）加快项目建设。对照《2025年底前完成的项目清单》逐项推进。"),
        format!("{PLAN}（一）加快项目建设。2025年前三季度投资增长较快，年内再接再厉。"),
        "于2025年11月底前完成主体工程。".to_string(),
    ] {
        let got: Vec<_> = findings(&text).into_iter().filter(|f| f.0 == "date.deadline-past").collect();
        assert_eq!(got, vec![], "{text}");
    }
}

#[test]
fn a_weekday_after_a_date_without_its_year_is_checked_against_the_documents_year() {
    // The plan year of the part: 5 March 2026 is a Thursday.
    let text = format!("{PLAN}（一）召开推进会。会议定于3月5日（星期三）召开。");
    assert_eq!(findings(&text), one("date.weekday", 4, "星期三"));
    // The review part's year: 5 March 2025 was a Wednesday.
    let text = "2026年工作要点\n一、2025年工作回顾\n（一）3月5日（星期四）召开了动员大会。";
    assert_eq!(findings(text), one("date.weekday", 2, "星期四"));
    // The dateline's year, for a date after it.
    let notice = "关于报送材料的通知\n请于3月5日（周三）前报送。\n特此通知。\n某某区科技局\n2026年2月20日";
    assert_eq!(findings(notice), one("date.weekday", 1, "周三"));
    // A full date before it on the line, into the next year for an earlier month.
    assert_eq!(findings("2025年12月29日（星期一）至1月4日（星期六）"), one("date.weekday", 0, "星期六"));
    let doc = workplan::Document::new(&text.replace("星期四", "周四"), workplan::DocumentKind::PlainText);
    assert_eq!(
        doc.findings()[0].message,
        "2025年3月5日是星期三，不是“星期四”（日期未写年份，按2025年计），请核对日期或星期。"
    );
}

#[test]
fn a_weekday_after_a_date_without_its_year_stays_silent_when_right_or_unknown() {
    for text in [
        // Right in the plan year, the review year, the dateline's year.
        format!("{PLAN}（一）召开推进会。会议定于3月5日（星期四）召开。"),
        "2026年工作要点\n一、2025年工作回顾\n（一）3月5日（星期三）召开了动员大会。".to_string(),
        "关于报送材料的通知\n请于3月5日（周四）前报送。\n特此通知。\n某某区科技局\n2026年2月20日".to_string(),
        // Before the dateline's day: that year or the next (5 January 2025 was a Sunday).
        "关于报送材料的通知\n1月5日（星期日）报到。\n特此通知。\n某某区科技局\n2025年12月20日".to_string(),
        "关于报送材料的通知\n1月5日（星期一）报到。\n特此通知。\n某某区科技局\n2025年12月20日".to_string(),
        "2025年12月29日（星期一）至1月4日（星期日）".to_string(),
        // No year anywhere, or another year named before it on the line.
        "请于3月5日（星期三）前报送。".to_string(),
        format!("{PLAN}（一）召开推进会。2025年度总结会定于1月5日（星期一）召开。"),
        format!("{PLAN}（一）召开推进会。明年3月5日（星期三）起施行。"),
        format!("{PLAN}（一）召开推进会。学习《3月5日（星期三）会议纪要》。"),
    ] {
        assert_eq!(findings(&text), vec![], "{text}");
    }
}

#[test]
fn a_dateline_in_numbers_under_the_issuer_is_written_in_full() {
    assert_eq!(findings("特此通知。\n某某区人民政府\n2026-01-05"), one("date.dateline", 2, "2026-01-05"));
    assert_eq!(fix_of("特此通知。\n某某区人民政府\n　　　　2026-01-05"), ["2026年1月5日"]);
    assert_eq!(fix_of("某某区科技局\n2026/1/5\n（此件公开发布）"), ["2026年1月5日"]);
    assert_eq!(fix_of("各单位按时报送。\n特此通知。\n2026.12.31"), ["2026年12月31日"]);
}

#[test]
fn dates_in_numbers_that_are_no_dateline_stay_silent() {
    for text in [
        "2026-01-05",
        // A table's cells, a web page's date.
        "一、总体要求\n开工时间\n2026-01-05",
        "某某区科技局\n2026-01-05\n2026-01-12",
        "各单位按时报送。\n2026-01-05",
        // No real date, or two separators.
        "某某区科技局\n2026-02-30",
        "某某区科技局\n2026-13-05",
        "某某区科技局\n2026-01/05",
    ] {
        assert_eq!(findings(text), vec![], "{text}");
    }
    // A numeric dateline dates the yearless weekdays above it.
    let notice = "请于3月5日（周三）前报送。\n特此通知。\n某某区科技局\n2026-02-20";
    let got: Vec<_> = findings(notice).into_iter().map(|f| f.0).collect();
    assert_eq!(got, ["date.weekday", "date.dateline"]);
}

#[test]
fn a_weekday_right_in_the_parts_year_or_the_datelines_stays_silent() {
    // A January notice on last year's appraisal: 10 January 2026 is a Saturday.
    let notice = "关于2025年度考核工作的通知\n2025年度考核工作安排如下。\n请于1月10日（星期六）前报送。\n特此通知。\n某某区科技局\n2026年1月5日";
    assert_eq!(findings(notice), vec![]);
    // Wrong in both: told with both years.
    let wrong = notice.replace("星期六", "星期一");
    assert_eq!(findings(&wrong), one("date.weekday", 2, "星期一"));
    let doc = workplan::Document::new(&wrong, workplan::DocumentKind::PlainText);
    assert_eq!(
        doc.findings()[0].message,
        "1月10日在2025年是星期五、在2026年是星期六，都不是“星期一”，请核对日期或星期。"
    );
}
