//! punct.halfwidth (GB/T 15834).

use super::{findings, fix_of};

#[test]
fn each_halfwidth_mark_in_chinese_text_is_one_finding() {
    let got = findings("附:2023年主要指标完成情况,地区生产总值完成420亿元(增长6.5%)。");
    let covered: Vec<&str> = got.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(covered, [":", ",", "(", ")"]);
    assert!(got.iter().all(|f| f.0 == "punct.halfwidth" && f.1 == 0));
    assert_eq!(fix_of("发展目标:工业增加值"), ["："]);
    assert_eq!(fix_of("是否落实?请核实"), ["？"]);
    assert_eq!(fix_of("完成任务;推进改革"), ["；"]);
}

#[test]
fn latin_numbers_urls_markers_and_pinyin_stay_silent() {
    for text in [
        "营收1,000万元",
        "会议10:30开始",
        "Hello, world",
        "详见 https://example.org",
        "(一)着力加强党的建设",
        "高新區(qū)管委会",
        "f(x)的值",
    ] {
        assert!(findings(text).iter().all(|f| f.0 != "punct.halfwidth"), "{text}: {:?}", findings(text));
    }
}
