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

#[test]
fn a_question_mark_ends_a_question() {
    assert_eq!(fix_of("靠什么推动发展?靠改革创新。"), ["？"]);
    assert_eq!(fix_of("怎么办?我们要迎难而上。"), ["？"]);
    assert_eq!(fix_of("这项工作是否落实?"), ["？"]);
}

#[test]
fn a_question_mark_inside_a_word_is_a_lost_character_and_gets_no_fix() {
    // Conversions that lose a character leave `?` in its place: `？` would not restore it.
    for (text, covered) in [("全省综合实力位居全国前1?名。", "?"), ("推进渠系、?河灌区建设。", "?")]
    {
        let doc = workplan::Document::new(text, workplan::DocumentKind::PlainText);
        let found = doc.findings();
        let [d] = found.as_slice() else { panic!("{text}: {found:?}") };
        assert_eq!((d.code, doc.span_text(d.range).as_str()), ("punct.halfwidth", covered), "{text}");
        assert!(d.fix.is_empty(), "{text}: {:?}", d.fix);
        assert!(d.message.contains("丢失的字符"), "{}", d.message);
    }
}

#[test]
fn many_marks_on_one_line_are_looked_through_once() {
    // Each mark's neighbours are found without re-reading the run of marks before it.
    let line = format!("甲{}乙", ", ".repeat(100_000));
    let started = std::time::Instant::now();
    assert_eq!(findings(&line).len(), 100_000);
    // Quadratic, this took minutes; linear, about a second in a debug build.
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
}
