//! The unit.* rules (GB/T 15835, GB 3102).

use super::{findings, findings_in, fix_of, one};
use workplan::syntax::DocumentKind;

#[test]
fn fullwidth_digits_one_finding_per_number() {
    assert_eq!(findings("增长１０％"), one("unit.fullwidth-digit", 0, "１０％"));
    assert_eq!(fix_of("增长１０％"), ["10%"]);
    assert_eq!(findings("达到３．５亿元"), one("unit.fullwidth-digit", 0, "３．５"));
    assert_eq!(fix_of("达到３．５亿元"), ["3.5"]);
    assert_eq!(findings("可办率达到１００％"), one("unit.fullwidth-digit", 0, "１００％"));
    assert_eq!(findings("增长１０%"), one("unit.fullwidth-digit", 0, "１０%"));
    assert_eq!(findings("增长10%，达到3.5亿元"), vec![]);
}

#[test]
fn a_fullwidth_percent_sign_after_halfwidth_digits_is_not_a_fullwidth_digit() {
    // GB/T 15835 governs the digits, not the sign: a draft that writes ％ throughout is right.
    assert_eq!(findings("经济增长6％，居民收入增长7.5％，服务业占比达到9.2％。"), vec![]);
}

#[test]
fn mixed_percent_signs_get_one_note() {
    let text = "地区生产总值增长6.5％，税收增长4％。\n规上工业增加值增长7%，投资增长8%，消费增长5％。";
    assert_eq!(findings(text), one("unit.mixed-percent-sign", 1, "%"));
    let doc = workplan::Document::new(text, DocumentKind::PlainText);
    let d = &doc.findings()[0];
    assert_eq!(d.severity, workplan::Severity::Information);
    assert!(d.fix.is_empty());
    assert!(d.message.contains("3处用“％”") && d.message.contains("2处用“%”"), "{}", d.message);
    assert_eq!(doc.span_text(d.related[0].range), "％");
    assert_eq!(d.related[0].range.line, 0);
    // A ％ after full-width digits is unit.fullwidth-digit's, whose fix makes it %.
    assert_eq!(findings("增长１０％，增长9%"), one("unit.fullwidth-digit", 0, "１０％"));
}

#[test]
fn range_connector_with_the_right_dash() {
    assert_eq!(findings("力争1-2年内建成"), one("unit.range-connector", 0, "-"));
    assert_eq!(fix_of("力争1-2年内建成"), ["~"]);
    assert_eq!(fix_of("2017-2019年连续三年"), ["—"]);
    assert_eq!(fix_of("今年1-11月累计"), ["—"]);
    assert_eq!(fix_of("建设2-3個概念驗證中心"), ["~"]);
    for silent in [
        "发布时间:2021-02-09",
        "索引号:XM00203-03-01-2021-001",
        "已写作1—2个",
        "已写作2~3个",
        "G15-2高速",
        "电话0592-1234567",
    ] {
        assert!(findings(silent).iter().all(|f| f.0 != "unit.range-connector"), "{silent}");
    }
}

#[test]
fn range_style_dash_is_configurable() {
    let config = workplan::Config { range_style: Some(workplan::analysis::RangeStyle::Dash), ..Default::default() };
    let doc = workplan::Document::with_config("力争1-2年内建成", DocumentKind::PlainText, config.into());
    assert_eq!(doc.findings()[0].fix[0].new_text, "—");
}

#[test]
fn percent_range_speaks_instead_of_range_connector() {
    assert_eq!(findings("技改投资增长10-15%"), one("unit.percent-range", 0, "10-15%"));
    assert_eq!(fix_of("技改投资增长10-15%"), ["10%~15%"]);
    assert_eq!(findings("增长10~20%"), one("unit.percent-range", 0, "10~20%"));
    assert_eq!(findings("增长10%~20%"), vec![]);
}

#[test]
fn space_between_number_and_chinese_unit() {
    assert_eq!(findings("连接设备数达到5 万台"), one("unit.space", 0, " "));
    assert_eq!(fix_of("连接设备数达到5 万台"), [""]);
    assert_eq!(findings("总额10亿元，2021年增长"), vec![]);
}

#[test]
fn symbol_case() {
    assert_eq!(findings("建成110KV变电站1座"), one("unit.symbol-case", 0, "KV"));
    assert_eq!(fix_of("建成110KV变电站1座"), ["kV"]);
    assert_eq!(fix_of("装机30KW"), ["kW"]);
    assert_eq!(fix_of("道路5KM"), ["km"]);
    assert_eq!(findings("建成110kV变电站，装机50MW，5G基站，COD972吨，A6项目，6代线"), vec![]);
}

#[test]
fn mixed_symbol_flags_the_second_spelling() {
    let text = "建设标准厂房30万平方米。\n人才公寓5万㎡，道路12公里。\n绿道3km。";
    assert_eq!(
        findings(text),
        vec![
            ("unit.mixed-symbol".to_string(), 1, "㎡".to_string()),
            ("unit.mixed-symbol".to_string(), 2, "km".to_string())
        ]
    );
    assert_eq!(findings_in("厂房30万平方米，园区5平方公里。", DocumentKind::Markdown), vec![]);
}

#[test]
fn number_separator() {
    assert_eq!(findings("集群规模达到1，200亿元"), one("unit.number-separator", 0, "1，200"));
    assert_eq!(fix_of("集群规模达到1，200亿元"), ["1200"]);
    assert_eq!(findings("分别为12，300家"), one("unit.number-separator", 0, "12，300"));
    assert_eq!(findings("增长12%，300家企业"), vec![]);
}

#[test]
fn redundant_qualifier_pairs() {
    for (text, covered, right) in [
        ("引进项目约50个左右", "约50个左右", "约50个"),
        ("实际利用外资約2億美元左右", "約2億美元左右", "約2億美元"),
        ("招聘近200人左右", "近200人左右", "近200人"),
        ("新增企业超过2000家以上", "超过2000家以上", "超过2000家"),
        ("产值突破1000亿元以上", "突破1000亿元以上", "突破1000亿元"),
        ("占比不低于10%以上", "不低于10%以上", "不低于10%"),
        ("压缩至不超过3个工作日以内", "不超过3个工作日以内", "不超过3个工作日"),
    ] {
        assert_eq!(findings(text), one("unit.redundant-qualifier", 0, covered), "{text}");
        assert_eq!(fix_of(text), [right], "{text}");
    }
    assert_eq!(findings("约5亿元，10%以上，超过2000家，近200人"), vec![]);
}

#[test]
fn chinese_numerals_for_counted_quantities() {
    assert_eq!(findings("新增规上工业企业二十五家"), one("unit.chinese-numeral", 0, "二十五家"));
    assert_eq!(fix_of("新增规上工业企业二十五家"), ["25家"]);
    assert_eq!(fix_of("比重提高百分之十"), ["10%"]);
    assert_eq!(fix_of("投入十五亿元"), ["15亿元"]);
    for silent in [
        "两位数增长",
        "三大主导产业",
        "五个方面",
        "一批项目",
        "四两拨千斤",
        "“十四五”规划",
        "第三代半导体",
        "第二十五家",
        "十条宝贵经验",
        "一个百亿+一批十亿",
    ] {
        assert_eq!(findings(silent), vec![], "{silent}");
    }
}

#[test]
fn look_alikes_of_rules_md_section_3_stay_silent() {
    let text = "\
实现两位数增长，做强三大主导产业，抓好五个方面工作，引进一批项目，四两拨千斤。
实施“十四五”规划，发展第三代半导体、6代线、5G，推进A6项目。
市场主体达到1.5万户，引进人才2万名，营收77.32亿元，建设1—2个、2~3个中心，排放COD972吨。
详见 https://example.org/a-1 与 2021-02-09 发布的 Version 1-2 文件。
";
    assert_eq!(findings(text), vec![]);
}

#[test]
fn regressions_found_while_documenting() {
    // A comma before four digits is not a thousands separator: no guess, no finding.
    assert!(findings("增长5，1000家").iter().all(|f| f.0 != "unit.number-separator"));
    // 千 is part of the numeral, so the fix keeps the whole number.
    assert_eq!(findings("招聘一千二百人"), one("unit.chinese-numeral", 0, "一千二百人"));
    assert_eq!(fix_of("招聘一千二百人"), ["1200人"]);
    // Right after an Arabic marker, digits would read as its decimals (`1.25家`): no fix.
    let doc = workplan::Document::new("1.二十五家企业完成改造", DocumentKind::PlainText);
    let findings = doc.findings();
    let [d] = findings.as_slice() else { panic!("{findings:?}") };
    assert_eq!(
        (d.code.as_str(), doc.span_text(d.range).as_str(), d.fix.len()),
        ("unit.chinese-numeral", "二十五家", 0)
    );
    assert_eq!(fix_of("1. 二十五家企业完成改造"), ["25家"]);
}
